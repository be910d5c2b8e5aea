// SPDX-License-Identifier: Apache-2.0
#pragma once
// Fixture of check_crm_hpp.cmake: a header crm.hpp includes.
