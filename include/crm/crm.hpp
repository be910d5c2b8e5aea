#pragma once
// The whole C++ API of crm in one include.

#include "crm/attribute.hpp"
#include "crm/engine.hpp"
#include "crm/enum_names.hpp"
#include "crm/error.hpp"
#include "crm/id.hpp"
#include "crm/limits.hpp"
#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/money.hpp"
#include "crm/normalize.hpp"
#include "crm/store/memory_store.hpp"
#include "crm/store/sqlite_store.hpp"
#include "crm/store/store.hpp"
#include "crm/time.hpp"
