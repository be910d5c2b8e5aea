// SPDX-License-Identifier: Apache-2.0
// Typed reads of the five record handles: the same basic set for each (id,
// version, created_at/updated_at) and the record's scalar fields, as crm.h
// lists them. Written once as templates over member pointers, spelt per
// field at the end, so every accessor treats a NULL handle and an absent
// value the same way. (The helpers' names are distinct because a unity
// build compiles several of this folder's files as one.)
#include <optional>
#include <string>

#include "guard.hpp"

using namespace crm::c_api;

namespace {

// Text fields: "" for a NULL handle; the pointer stays valid until the
// handle changes or is freed.
template <class H, class T>
const char* text_field(const H* handle, std::string T::*member) {
  return handle == nullptr ? "" : (handle->value.*member).c_str();
}

// Enum fields, spelt as in JSON. The spellings are string literals, so
// their data() is NUL-terminated and outlives every handle.
template <class H, class T, class E>
const char* enum_field(const H* handle, E T::*member) {
  return handle == nullptr ? "" : crm::to_string(handle->value.*member).data();
}

// Numbers and ids: 0 for a NULL handle.
template <class H, class T, class N>
N number_field(const H* handle, N T::*member) {
  return handle == nullptr ? N{} : handle->value.*member;
}

// Times the engine always sets (0 before the record is stored).
template <class H, class T>
int64_t time_field(const H* handle, crm::Timestamp T::*member) {
  return handle == nullptr ? 0 : crm::to_millis(handle->value.*member);
}

// The first of a list of contacts, or "".
const char* first_contact(const crm_customer* customer, const std::vector<std::string> crm::Customer::*list) {
  if (customer == nullptr || (customer->value.*list).empty()) return "";
  return (customer->value.*list).front().c_str();
}

// Optional times: CRM_NOT_FOUND when the record has none.
template <class H, class T>
crm_status optional_time_field(const char* function, const H* handle, const char* what,
                         std::optional<crm::Timestamp> T::*member, const char* field, int64_t* out_ms) {
  return guarded(function, [&] {
    require(handle, what);
    require(out_ms, "out_ms");
    const auto& value = handle->value.*member;
    if (!value) throw crm::Error(crm::Errc::not_found, std::string("the ") + what + " has no " + field);
    *out_ms = crm::to_millis(*value);
  });
}

// Optional money: CRM_NOT_FOUND when the record has none. The currency
// points into the handle.
template <class H, class T>
crm_status optional_money_field(const char* function, const H* handle, const char* what, std::optional<crm::Money> T::*member,
                          const char* field, int64_t* out_minor, const char** out_currency) {
  return guarded(function, [&] {
    require(handle, what);
    require(out_minor, "out_minor");
    require(out_currency, "out_currency");
    const auto& value = handle->value.*member;
    if (!value) throw crm::Error(crm::Errc::not_found, std::string("the ") + what + " has no " + field);
    *out_minor = value->minor;
    *out_currency = value->currency.c_str();
  });
}

}  // namespace

extern "C" {

// --- customers ------------------------------------------------------------------

int64_t crm_customer_id(const crm_customer* customer) { return number_field(customer, &crm::Customer::id); }
int64_t crm_customer_version(const crm_customer* customer) { return number_field(customer, &crm::Customer::version); }
int64_t crm_customer_created_at(const crm_customer* customer) { return time_field(customer, &crm::Customer::created_at); }
int64_t crm_customer_updated_at(const crm_customer* customer) { return time_field(customer, &crm::Customer::updated_at); }
const char* crm_customer_kind(const crm_customer* customer) { return enum_field(customer, &crm::Customer::kind); }
int64_t crm_customer_organisation_id(const crm_customer* customer) {
  return number_field(customer, &crm::Customer::organisation_id);
}
const char* crm_customer_name(const crm_customer* customer) { return text_field(customer, &crm::Customer::display_name); }
const char* crm_customer_given_name(const crm_customer* customer) { return text_field(customer, &crm::Customer::given_name); }
const char* crm_customer_family_name(const crm_customer* customer) { return text_field(customer, &crm::Customer::family_name); }
const char* crm_customer_phone(const crm_customer* customer) { return first_contact(customer, &crm::Customer::phones); }
const char* crm_customer_email(const crm_customer* customer) { return first_contact(customer, &crm::Customer::emails); }
const char* crm_customer_stage(const crm_customer* customer) { return enum_field(customer, &crm::Customer::stage); }
const char* crm_customer_tier(const crm_customer* customer) { return text_field(customer, &crm::Customer::tier); }
const char* crm_customer_owner(const crm_customer* customer) { return text_field(customer, &crm::Customer::owner); }
int64_t crm_customer_loyalty_points(const crm_customer* customer) {
  return number_field(customer, &crm::Customer::loyalty_points);
}
const char* crm_customer_external_id(const crm_customer* customer) { return text_field(customer, &crm::Customer::external_id); }
crm_status crm_customer_credit_limit(const crm_customer* customer, int64_t* out_minor, const char** out_currency) {
  return optional_money_field(__func__, customer, "customer", &crm::Customer::credit_limit, "credit_limit", out_minor,
                        out_currency);
}

// --- interactions ---------------------------------------------------------------

int64_t crm_interaction_id(const crm_interaction* interaction) { return number_field(interaction, &crm::Interaction::id); }
int64_t crm_interaction_version(const crm_interaction* interaction) {
  return number_field(interaction, &crm::Interaction::version);
}
int64_t crm_interaction_created_at(const crm_interaction* interaction) {
  return time_field(interaction, &crm::Interaction::created_at);
}
int64_t crm_interaction_customer_id(const crm_interaction* interaction) {
  return number_field(interaction, &crm::Interaction::customer_id);
}
int64_t crm_interaction_lead_id(const crm_interaction* interaction) {
  return number_field(interaction, &crm::Interaction::lead_id);
}
int64_t crm_interaction_opportunity_id(const crm_interaction* interaction) {
  return number_field(interaction, &crm::Interaction::opportunity_id);
}
const char* crm_interaction_kind(const crm_interaction* interaction) {
  return enum_field(interaction, &crm::Interaction::kind);
}
const char* crm_interaction_channel(const crm_interaction* interaction) {
  return enum_field(interaction, &crm::Interaction::channel);
}
const char* crm_interaction_direction(const crm_interaction* interaction) {
  return enum_field(interaction, &crm::Interaction::direction);
}
const char* crm_interaction_subject(const crm_interaction* interaction) {
  return text_field(interaction, &crm::Interaction::subject);
}
const char* crm_interaction_body(const crm_interaction* interaction) { return text_field(interaction, &crm::Interaction::body); }
const char* crm_interaction_outcome(const crm_interaction* interaction) {
  return text_field(interaction, &crm::Interaction::outcome);
}
int64_t crm_interaction_occurred_at(const crm_interaction* interaction) {
  return time_field(interaction, &crm::Interaction::occurred_at);
}
crm_status crm_interaction_amount(const crm_interaction* interaction, int64_t* out_minor, const char** out_currency) {
  return optional_money_field(__func__, interaction, "interaction", &crm::Interaction::amount, "amount", out_minor,
                        out_currency);
}

// --- leads ----------------------------------------------------------------------

int64_t crm_lead_id(const crm_lead* lead) { return number_field(lead, &crm::Lead::id); }
int64_t crm_lead_version(const crm_lead* lead) { return number_field(lead, &crm::Lead::version); }
int64_t crm_lead_created_at(const crm_lead* lead) { return time_field(lead, &crm::Lead::created_at); }
int64_t crm_lead_updated_at(const crm_lead* lead) { return time_field(lead, &crm::Lead::updated_at); }
const char* crm_lead_name(const crm_lead* lead) { return text_field(lead, &crm::Lead::display_name); }
const char* crm_lead_given_name(const crm_lead* lead) { return text_field(lead, &crm::Lead::given_name); }
const char* crm_lead_family_name(const crm_lead* lead) { return text_field(lead, &crm::Lead::family_name); }
const char* crm_lead_company(const crm_lead* lead) { return text_field(lead, &crm::Lead::company); }
const char* crm_lead_job_title(const crm_lead* lead) { return text_field(lead, &crm::Lead::job_title); }
const char* crm_lead_email(const crm_lead* lead) { return text_field(lead, &crm::Lead::email); }
const char* crm_lead_phone(const crm_lead* lead) { return text_field(lead, &crm::Lead::phone); }
const char* crm_lead_source(const crm_lead* lead) { return text_field(lead, &crm::Lead::source); }
const char* crm_lead_industry(const crm_lead* lead) { return text_field(lead, &crm::Lead::industry); }
const char* crm_lead_territory(const crm_lead* lead) { return text_field(lead, &crm::Lead::territory); }
const char* crm_lead_status(const crm_lead* lead) { return enum_field(lead, &crm::Lead::status); }
const char* crm_lead_status_reason(const crm_lead* lead) { return text_field(lead, &crm::Lead::status_reason); }
int32_t crm_lead_score_value(const crm_lead* lead) { return number_field(lead, &crm::Lead::score); }
const char* crm_lead_owner(const crm_lead* lead) { return text_field(lead, &crm::Lead::owner); }
const char* crm_lead_external_id(const crm_lead* lead) { return text_field(lead, &crm::Lead::external_id); }
int64_t crm_lead_converted_customer_id(const crm_lead* lead) { return number_field(lead, &crm::Lead::converted_customer_id); }
int64_t crm_lead_converted_opportunity_id(const crm_lead* lead) {
  return number_field(lead, &crm::Lead::converted_opportunity_id);
}
const char* crm_lead_assignment_rule(const crm_lead* lead) { return text_field(lead, &crm::Lead::assignment_rule); }
crm_status crm_lead_assigned_at(const crm_lead* lead, int64_t* out_ms) {
  return optional_time_field(__func__, lead, "lead", &crm::Lead::assigned_at, "assigned_at", out_ms);
}

// --- opportunities --------------------------------------------------------------

int64_t crm_opportunity_id(const crm_opportunity* opportunity) { return number_field(opportunity, &crm::Opportunity::id); }
int64_t crm_opportunity_version(const crm_opportunity* opportunity) {
  return number_field(opportunity, &crm::Opportunity::version);
}
int64_t crm_opportunity_created_at(const crm_opportunity* opportunity) {
  return time_field(opportunity, &crm::Opportunity::created_at);
}
int64_t crm_opportunity_updated_at(const crm_opportunity* opportunity) {
  return time_field(opportunity, &crm::Opportunity::updated_at);
}
const char* crm_opportunity_name(const crm_opportunity* opportunity) { return text_field(opportunity, &crm::Opportunity::name); }
int64_t crm_opportunity_customer_id(const crm_opportunity* opportunity) {
  return number_field(opportunity, &crm::Opportunity::customer_id);
}
int64_t crm_opportunity_lead_id(const crm_opportunity* opportunity) {
  return number_field(opportunity, &crm::Opportunity::lead_id);
}
const char* crm_opportunity_pipeline(const crm_opportunity* opportunity) {
  return text_field(opportunity, &crm::Opportunity::pipeline);
}
const char* crm_opportunity_stage(const crm_opportunity* opportunity) { return text_field(opportunity, &crm::Opportunity::stage); }
crm_status crm_opportunity_amount(const crm_opportunity* opportunity, int64_t* out_minor, const char** out_currency) {
  return optional_money_field(__func__, opportunity, "opportunity", &crm::Opportunity::amount, "amount", out_minor,
                        out_currency);
}
crm_status crm_opportunity_expected_close(const crm_opportunity* opportunity, int64_t* out_ms) {
  return optional_time_field(__func__, opportunity, "opportunity", &crm::Opportunity::expected_close, "expected_close", out_ms);
}
int32_t crm_opportunity_probability(const crm_opportunity* opportunity) {
  return number_field(opportunity, &crm::Opportunity::probability);
}
const char* crm_opportunity_status(const crm_opportunity* opportunity) {
  return enum_field(opportunity, &crm::Opportunity::status);
}
const char* crm_opportunity_lost_reason(const crm_opportunity* opportunity) {
  return text_field(opportunity, &crm::Opportunity::lost_reason);
}
crm_status crm_opportunity_closed_at(const crm_opportunity* opportunity, int64_t* out_ms) {
  return optional_time_field(__func__, opportunity, "opportunity", &crm::Opportunity::closed_at, "closed_at", out_ms);
}
const char* crm_opportunity_owner(const crm_opportunity* opportunity) { return text_field(opportunity, &crm::Opportunity::owner); }
const char* crm_opportunity_external_id(const crm_opportunity* opportunity) {
  return text_field(opportunity, &crm::Opportunity::external_id);
}

// --- tasks ----------------------------------------------------------------------

int64_t crm_task_id(const crm_task* task) { return number_field(task, &crm::Task::id); }
int64_t crm_task_version(const crm_task* task) { return number_field(task, &crm::Task::version); }
int64_t crm_task_created_at(const crm_task* task) { return time_field(task, &crm::Task::created_at); }
int64_t crm_task_updated_at(const crm_task* task) { return time_field(task, &crm::Task::updated_at); }
const char* crm_task_subject(const crm_task* task) { return text_field(task, &crm::Task::subject); }
const char* crm_task_body(const crm_task* task) { return text_field(task, &crm::Task::body); }
const char* crm_task_owner(const crm_task* task) { return text_field(task, &crm::Task::owner); }
crm_status crm_task_due_at(const crm_task* task, int64_t* out_ms) {
  return optional_time_field(__func__, task, "task", &crm::Task::due_at, "due_at", out_ms);
}
crm_status crm_task_remind_at(const crm_task* task, int64_t* out_ms) {
  return optional_time_field(__func__, task, "task", &crm::Task::remind_at, "remind_at", out_ms);
}
const char* crm_task_priority(const crm_task* task) { return enum_field(task, &crm::Task::priority); }
const char* crm_task_status(const crm_task* task) { return enum_field(task, &crm::Task::status); }
int64_t crm_task_customer_id(const crm_task* task) { return number_field(task, &crm::Task::customer_id); }
int64_t crm_task_lead_id(const crm_task* task) { return number_field(task, &crm::Task::lead_id); }
int64_t crm_task_opportunity_id(const crm_task* task) { return number_field(task, &crm::Task::opportunity_id); }
const char* crm_task_rule(const crm_task* task) { return text_field(task, &crm::Task::rule); }
crm_status crm_task_completed_at(const crm_task* task, int64_t* out_ms) {
  return optional_time_field(__func__, task, "task", &crm::Task::completed_at, "completed_at", out_ms);
}

}  // extern "C"
