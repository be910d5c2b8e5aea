// SPDX-License-Identifier: Apache-2.0
#pragma once
// Fixture of check_crm_hpp.cmake: the whole API is meant to be reached from here.
#include "crm/reached.hpp"
