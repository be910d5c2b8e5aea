// SPDX-License-Identifier: Apache-2.0
#pragma once
// Kept for code that includes it here: PurchaseStats is a record the engine
// keeps, so it lives with the model (crm/model/purchase_stats.hpp), below
// the analytics that read it.

#include "crm/model/purchase_stats.hpp"
