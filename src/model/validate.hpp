// SPDX-License-Identifier: Apache-2.0
#pragma once
// One validator per record type, run by the engine before every write. Each
// normalises the record in place (phones to E.164, e-mails lower-cased, text
// trimmed and NFC, tags folded, defaults filled) and throws
// Errc::invalid_argument naming the first bad field. References to other
// records are checked by the engine, which can see the store.

#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/model/task.hpp"
#include "model/field_rules.hpp"

namespace crm::detail {

void validate(Customer& customer, const WriteContext& context);
void validate(Interaction& interaction, const WriteContext& context);
void validate(Lead& lead, const WriteContext& context);
void validate(Opportunity& opportunity, const WriteContext& context);
void validate(Pipeline& pipeline, const WriteContext& context);
void validate(Task& task, const WriteContext& context);

// "Ada Lovelace" from the given and family names, for records left without a
// display name.
std::string joined_name(const std::string& given, const std::string& family);

}  // namespace crm::detail
