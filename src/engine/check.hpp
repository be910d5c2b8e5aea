// SPDX-License-Identifier: Apache-2.0
#pragma once
// Engine::check() over the engine's store, and the listing side of damage:
// a page that names its damaged records (crm/check.hpp, Page::damaged).

#include "crm/check.hpp"
#include "crm/store/store.hpp"

namespace crm::detail {

// Reads every record of every collection the engine keeps, decodes each and
// checks that its unique keys lead back to it.
CheckReport check_store(const Store& store);

}  // namespace crm::detail
