// SPDX-License-Identifier: Apache-2.0
#pragma once
// The record types an Engine stores and hands out, listed once. Expanding
// CRM_FOR_EACH_RECORD instantiates Engine::get/find/count, the codec and the
// JSON functions for each, and checks the places that must know every
// record type (a layout, index keys, a JSON form); docs/ARCHITECTURE.md,
// "Adding a record type", lists what the compiler cannot check.

#include <concepts>

#include "crm/model/approval.hpp"
#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/model/task.hpp"

// X(Type) for every record type a host may erase (Engine::erase)…
#define CRM_FOR_EACH_ERASABLE_RECORD(X) X(Customer) X(Interaction) X(Lead) X(Opportunity) X(Pipeline) X(Task)
// …and for every record type: approvals are kept, never erased.
#define CRM_FOR_EACH_RECORD(X) CRM_FOR_EACH_ERASABLE_RECORD(X) X(Approval)

namespace crm {

#define CRM_DETAIL_SAME_AS(Type) std::same_as<T, Type> ||
// The record types an engine stores: those of CRM_FOR_EACH_RECORD.
template <class T>
concept Record = CRM_FOR_EACH_RECORD(CRM_DETAIL_SAME_AS) false;
#undef CRM_DETAIL_SAME_AS

}  // namespace crm
