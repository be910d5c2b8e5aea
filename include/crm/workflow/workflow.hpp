// SPDX-License-Identifier: Apache-2.0
#pragma once
// Kept for code that includes it here: the workflow's records (rules,
// firings, timed actions, notifications) are stored by the engine, so they
// live with the model (crm/model/workflow_records.hpp), below the workflow
// that writes them.

#include "crm/model/workflow_records.hpp"
