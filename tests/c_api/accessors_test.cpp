// SPDX-License-Identifier: Apache-2.0
// The typed accessors of crm.h's "Record accessors": every record handle
// gives the same basic set (id, version, created_at, updated_at) and its
// scalar fields, each equal to what the record's JSON says; optional values
// are CRM_NOT_FOUND while absent; a NULL handle gives 0 or "".
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;
using Task = Owned<crm_task, crm_task_free>;

constexpr int64_t jan_2030 = 1893456000000;  // 2030-01-01T00:00:00Z

template <class H, crm_status (*ToJson)(const H*, char**)>
json document(const H* record) {
  char* raw = nullptr;
  EXPECT_EQ(ToJson(record, &raw), CRM_OK) << message();
  return take(raw);
}

// An optional time read through its accessor, or -1 while absent.
template <class H>
int64_t optional_time(crm_status (*read)(const H*, int64_t*), const H* record) {
  int64_t ms = -1;
  const crm_status status = read(record, &ms);
  EXPECT_TRUE(status == CRM_OK || status == CRM_NOT_FOUND) << message();
  return status == CRM_OK ? ms : -1;
}

// What the record's JSON says of an optional time, or -1 for null.
int64_t json_time(const json& value) { return value.is_null() ? -1 : value.get<int64_t>(); }

class CApiAccessorsTest : public CApiTest {
 protected:
  template <class H, crm_status (*FromJson)(const char*, H**), crm_status (*Create)(crm_engine*, H*),
            void (*Free)(H*)>
  Owned<H, Free> stored(const std::string& text) {
    H* raw = nullptr;
    EXPECT_EQ(FromJson(text.c_str(), &raw), CRM_OK) << message();
    Owned<H, Free> record(raw);
    EXPECT_EQ(Create(engine.get(), raw), CRM_OK) << message();
    return record;
  }

  Customer customer(const std::string& text) {
    return stored<crm_customer, crm_customer_from_json, crm_customer_create, crm_customer_free>(text);
  }
  Lead lead(const std::string& text) { return stored<crm_lead, crm_lead_from_json, crm_lead_create, crm_lead_free>(text); }
  Opportunity deal(const std::string& text) {
    return stored<crm_opportunity, crm_opportunity_from_json, crm_opportunity_create, crm_opportunity_free>(text);
  }
  Interaction interaction(const std::string& text) {
    return stored<crm_interaction, crm_interaction_from_json, crm_interaction_create, crm_interaction_free>(text);
  }
  Task task(const std::string& text) { return stored<crm_task, crm_task_from_json, crm_task_create, crm_task_free>(text); }
};

TEST_F(CApiAccessorsTest, ACustomersAccessorsReadItsFields) {
  const auto firm = customer(R"({"kind": "organisation", "display_name": "Analytical Engines Ltd"})");
  const auto ada = customer(R"({"given_name": "Ada", "family_name": "Lovelace", "organisation_id": )" +
                            std::to_string(crm_customer_id(firm.get())) +
                            R"(, "phones": ["020 7946 0018"], "emails": ["Ada@Example.org"], "stage": "at-risk",
          "tier": "gold", "owner": "ann", "loyalty_points": 120, "external_id": "ERP-7",
          "credit_limit": {"minor": 50000, "currency": "GBP"}})");
  const crm_customer* c = ada.get();
  const json doc = document<crm_customer, crm_customer_to_json>(c);

  EXPECT_EQ(crm_customer_id(c), doc["id"].get<int64_t>());
  EXPECT_GT(crm_customer_id(c), crm_customer_id(firm.get()));
  EXPECT_EQ(crm_customer_version(c), 1);
  EXPECT_GT(crm_customer_created_at(c), 0);
  EXPECT_EQ(crm_customer_created_at(c), doc["created_at"].get<int64_t>());
  EXPECT_EQ(crm_customer_updated_at(c), doc["updated_at"].get<int64_t>());
  EXPECT_STREQ(crm_customer_kind(c), "person");
  EXPECT_STREQ(crm_customer_kind(firm.get()), "organisation");
  EXPECT_EQ(crm_customer_organisation_id(c), crm_customer_id(firm.get()));
  EXPECT_STREQ(crm_customer_name(c), "Ada Lovelace");  // derived from the names
  EXPECT_STREQ(crm_customer_given_name(c), "Ada");
  EXPECT_STREQ(crm_customer_family_name(c), "Lovelace");
  EXPECT_STREQ(crm_customer_phone(c), "+442079460018");
  EXPECT_STREQ(crm_customer_email(c), "ada@example.org");
  EXPECT_STREQ(crm_customer_stage(c), "at-risk");
  EXPECT_STREQ(crm_customer_tier(c), "gold");
  EXPECT_STREQ(crm_customer_owner(c), "ann");
  EXPECT_EQ(crm_customer_loyalty_points(c), 120);
  EXPECT_STREQ(crm_customer_external_id(c), "ERP-7");
  int64_t minor = 0;
  const char* currency = nullptr;
  ASSERT_EQ(crm_customer_credit_limit(c, &minor, &currency), CRM_OK) << message();
  EXPECT_EQ(minor, 50000);
  EXPECT_STREQ(currency, "GBP");
  EXPECT_EQ(crm_customer_credit_limit(firm.get(), &minor, &currency), CRM_NOT_FOUND);
  EXPECT_EQ(message(), "crm_customer_credit_limit: the customer has no credit_limit");
  EXPECT_EQ(minor, 50000);  // untouched
  EXPECT_EQ(crm_customer_organisation_id(firm.get()), 0);
}

TEST_F(CApiAccessorsTest, AnUpdateMovesTheVersionAndUpdatedAtButNotCreatedAt) {
  auto ada = customer(R"({"display_name": "Ada"})");
  const int64_t created = crm_customer_created_at(ada.get());
  ASSERT_EQ(crm_customer_set_tier(ada.get(), "silver"), CRM_OK);
  ASSERT_EQ(crm_customer_update(engine.get(), ada.get()), CRM_OK) << message();
  EXPECT_EQ(crm_customer_version(ada.get()), 2);
  EXPECT_EQ(crm_customer_created_at(ada.get()), created);
  EXPECT_GE(crm_customer_updated_at(ada.get()), created);
  const json doc = document<crm_customer, crm_customer_to_json>(ada.get());
  EXPECT_EQ(crm_customer_updated_at(ada.get()), doc["updated_at"].get<int64_t>());
}

TEST_F(CApiAccessorsTest, AnInteractionsAccessorsReadItsFields) {
  const auto ada = customer(R"({"display_name": "Ada"})");
  const auto prospect = lead(R"({"display_name": "Ada"})");
  const auto tills = deal(R"({"name": "tills", "stage": "prospecting"})");
  const auto call = interaction(
      R"({"customer_id": )" + std::to_string(crm_customer_id(ada.get())) +
      R"(, "lead_id": )" + std::to_string(crm_lead_id(prospect.get())) +
      R"(, "opportunity_id": )" + std::to_string(crm_opportunity_id(tills.get())) +
      R"(, "channel": "phone", "direction": "outbound", "kind": "call", "subject": "Tills",
          "body": "Wants 3 tills", "outcome": "call back", "occurred_at": 1700000000000})");
  const crm_interaction* i = call.get();
  const json doc = document<crm_interaction, crm_interaction_to_json>(i);

  EXPECT_EQ(crm_interaction_id(i), doc["id"].get<int64_t>());
  EXPECT_EQ(crm_interaction_version(i), 1);
  EXPECT_GT(crm_interaction_created_at(i), 0);
  EXPECT_EQ(crm_interaction_created_at(i), doc["created_at"].get<int64_t>());
  EXPECT_EQ(crm_interaction_customer_id(i), crm_customer_id(ada.get()));
  EXPECT_EQ(crm_interaction_lead_id(i), crm_lead_id(prospect.get()));
  EXPECT_EQ(crm_interaction_opportunity_id(i), crm_opportunity_id(tills.get()));
  EXPECT_STREQ(crm_interaction_kind(i), "call");
  EXPECT_STREQ(crm_interaction_channel(i), "phone");
  EXPECT_STREQ(crm_interaction_direction(i), "outbound");
  EXPECT_STREQ(crm_interaction_subject(i), "Tills");
  EXPECT_STREQ(crm_interaction_body(i), "Wants 3 tills");
  EXPECT_STREQ(crm_interaction_outcome(i), "call back");
  EXPECT_EQ(crm_interaction_occurred_at(i), 1700000000000);
  int64_t minor = 0;
  const char* currency = nullptr;
  EXPECT_EQ(crm_interaction_amount(i, &minor, &currency), CRM_NOT_FOUND);
}

TEST_F(CApiAccessorsTest, ALeadsAccessorsReadItsFields) {
  const auto ada = lead(R"({"given_name": "Ada", "family_name": "Lovelace", "company": "Engines Ltd",
      "job_title": "Analyst", "email": "Ada@Example.org", "phone": "020 7946 0018", "source": "web",
      "industry": "retail", "territory": "emea", "status": "disqualified", "status_reason": "no budget",
      "score": 42, "owner": "ann", "external_id": "L-7"})");
  const crm_lead* l = ada.get();
  const json doc = document<crm_lead, crm_lead_to_json>(l);

  EXPECT_EQ(crm_lead_id(l), doc["id"].get<int64_t>());
  EXPECT_EQ(crm_lead_version(l), 1);
  EXPECT_GT(crm_lead_created_at(l), 0);
  EXPECT_EQ(crm_lead_created_at(l), doc["created_at"].get<int64_t>());
  EXPECT_EQ(crm_lead_updated_at(l), doc["updated_at"].get<int64_t>());
  EXPECT_STREQ(crm_lead_name(l), doc["display_name"].get<std::string>().c_str());
  EXPECT_STREQ(crm_lead_given_name(l), "Ada");
  EXPECT_STREQ(crm_lead_family_name(l), "Lovelace");
  EXPECT_STREQ(crm_lead_company(l), "Engines Ltd");
  EXPECT_STREQ(crm_lead_job_title(l), "Analyst");
  EXPECT_STREQ(crm_lead_email(l), "ada@example.org");
  EXPECT_STREQ(crm_lead_phone(l), "+442079460018");
  EXPECT_STREQ(crm_lead_source(l), "web");
  EXPECT_STREQ(crm_lead_industry(l), "retail");
  EXPECT_STREQ(crm_lead_territory(l), "emea");
  EXPECT_STREQ(crm_lead_status(l), "disqualified");
  EXPECT_STREQ(crm_lead_status_reason(l), "no budget");
  EXPECT_EQ(crm_lead_score_value(l), 42);
  EXPECT_STREQ(crm_lead_owner(l), "ann");
  EXPECT_STREQ(crm_lead_external_id(l), "L-7");
  EXPECT_EQ(crm_lead_converted_customer_id(l), 0);
  EXPECT_EQ(crm_lead_converted_opportunity_id(l), 0);
  EXPECT_STREQ(crm_lead_assignment_rule(l), "");
  int64_t at = -1;
  EXPECT_EQ(crm_lead_assigned_at(l, &at), CRM_NOT_FOUND);
}

TEST_F(CApiAccessorsTest, ALeadsAssignmentAndConversionShowInItsAccessors) {
  const auto ada = lead(R"({"display_name": "Ada", "status": "qualified"})");
  const int64_t id = crm_lead_id(ada.get());
  ASSERT_EQ(crm_lead_assign_json(engine.get(), id,
                                 R"({"rules": [{"name": "everyone", "strategy": "fixed_owner", "owner": "bo"}]})",
                                 nullptr),
            CRM_OK)
      << message();
  ASSERT_EQ(crm_lead_convert_json(engine.get(), id, 2, R"({"opportunity": {"name": "tills", "stage": "demo"}})",
                                  nullptr),
            CRM_OK)
      << message();
  crm_lead* raw = nullptr;
  ASSERT_EQ(crm_lead_get(engine.get(), id, &raw), CRM_OK) << message();
  Lead converted(raw);
  const json doc = document<crm_lead, crm_lead_to_json>(raw);
  EXPECT_STREQ(crm_lead_owner(raw), "bo");
  EXPECT_STREQ(crm_lead_assignment_rule(raw), "everyone");
  EXPECT_EQ(optional_time(crm_lead_assigned_at, static_cast<const crm_lead*>(raw)), json_time(doc["assigned_at"]));
  EXPECT_GT(optional_time(crm_lead_assigned_at, static_cast<const crm_lead*>(raw)), 0);
  EXPECT_STREQ(crm_lead_status(raw), "converted");
  EXPECT_GT(crm_lead_converted_customer_id(raw), 0);
  EXPECT_EQ(crm_lead_converted_customer_id(raw), doc["converted_customer_id"].get<int64_t>());
  EXPECT_GT(crm_lead_converted_opportunity_id(raw), 0);
  EXPECT_EQ(crm_lead_converted_opportunity_id(raw), doc["converted_opportunity_id"].get<int64_t>());
}

TEST_F(CApiAccessorsTest, AnOpportunitysAccessorsReadItsFields) {
  const auto ada = customer(R"({"display_name": "Ada"})");
  const auto prospect = lead(R"({"display_name": "Ada"})");
  const auto tills = deal(R"({"name": "tills", "stage": "proposal", "customer_id": )" +
                          std::to_string(crm_customer_id(ada.get())) + R"(, "lead_id": )" +
                          std::to_string(crm_lead_id(prospect.get())) +
                          R"(, "amount": {"minor": 250000, "currency": "EUR"}, "expected_close": )" +
                          std::to_string(jan_2030) + R"(, "owner": "ann", "external_id": "D-7"})");
  const crm_opportunity* o = tills.get();
  const json doc = document<crm_opportunity, crm_opportunity_to_json>(o);

  EXPECT_EQ(crm_opportunity_id(o), doc["id"].get<int64_t>());
  EXPECT_EQ(crm_opportunity_version(o), 1);
  EXPECT_GT(crm_opportunity_created_at(o), 0);
  EXPECT_EQ(crm_opportunity_created_at(o), doc["created_at"].get<int64_t>());
  EXPECT_EQ(crm_opportunity_updated_at(o), doc["updated_at"].get<int64_t>());
  EXPECT_STREQ(crm_opportunity_name(o), "tills");
  EXPECT_EQ(crm_opportunity_customer_id(o), crm_customer_id(ada.get()));
  EXPECT_EQ(crm_opportunity_lead_id(o), crm_lead_id(prospect.get()));
  EXPECT_STREQ(crm_opportunity_pipeline(o), "default");
  EXPECT_STREQ(crm_opportunity_stage(o), "Proposal");
  int64_t minor = 0;
  const char* currency = nullptr;
  ASSERT_EQ(crm_opportunity_amount(o, &minor, &currency), CRM_OK) << message();
  EXPECT_EQ(minor, 250000);
  EXPECT_STREQ(currency, "EUR");
  EXPECT_EQ(optional_time(crm_opportunity_expected_close, o), jan_2030);
  EXPECT_EQ(crm_opportunity_probability(o), doc["probability"].get<int32_t>());
  EXPECT_GT(crm_opportunity_probability(o), 0);  // the stage's
  EXPECT_STREQ(crm_opportunity_status(o), "open");
  EXPECT_STREQ(crm_opportunity_lost_reason(o), "");
  EXPECT_EQ(optional_time(crm_opportunity_closed_at, o), -1);
  EXPECT_STREQ(crm_opportunity_owner(o), "ann");
  EXPECT_STREQ(crm_opportunity_external_id(o), "D-7");

  crm_opportunity* raw = nullptr;
  ASSERT_EQ(crm_opportunity_close_lost(engine.get(), crm_opportunity_id(o), 1, "price", nullptr, &raw), CRM_OK)
      << message();
  Opportunity lost(raw);
  const json lost_doc = document<crm_opportunity, crm_opportunity_to_json>(raw);
  EXPECT_STREQ(crm_opportunity_lost_reason(raw), "price");
  EXPECT_GT(optional_time(crm_opportunity_closed_at, static_cast<const crm_opportunity*>(raw)), 0);
  EXPECT_EQ(optional_time(crm_opportunity_closed_at, static_cast<const crm_opportunity*>(raw)),
            json_time(lost_doc["closed_at"]));
}

TEST_F(CApiAccessorsTest, ATasksAccessorsReadItsFields) {
  const auto ada = customer(R"({"display_name": "Ada"})");
  const auto prospect = lead(R"({"display_name": "Ada"})");
  const auto tills = deal(R"({"name": "tills", "stage": "prospecting"})");
  auto call = task(R"({"subject": "Call Ada", "body": "About the tills", "owner": "ann", "due_at": )" +
                   std::to_string(jan_2030) + R"(, "remind_at": )" + std::to_string(jan_2030 - 3600000) +
                   R"(, "priority": "high", "customer_id": )" + std::to_string(crm_customer_id(ada.get())) +
                   R"(, "lead_id": )" + std::to_string(crm_lead_id(prospect.get())) + R"(, "opportunity_id": )" +
                   std::to_string(crm_opportunity_id(tills.get())) + "}");
  crm_task* t = call.get();
  const json doc = document<crm_task, crm_task_to_json>(t);

  EXPECT_EQ(crm_task_id(t), doc["id"].get<int64_t>());
  EXPECT_EQ(crm_task_version(t), 1);
  EXPECT_GT(crm_task_created_at(t), 0);
  EXPECT_EQ(crm_task_created_at(t), doc["created_at"].get<int64_t>());
  EXPECT_EQ(crm_task_updated_at(t), doc["updated_at"].get<int64_t>());
  EXPECT_STREQ(crm_task_subject(t), "Call Ada");
  EXPECT_STREQ(crm_task_body(t), "About the tills");
  EXPECT_STREQ(crm_task_owner(t), "ann");
  EXPECT_EQ(optional_time(crm_task_due_at, static_cast<const crm_task*>(t)), jan_2030);
  EXPECT_EQ(optional_time(crm_task_remind_at, static_cast<const crm_task*>(t)), jan_2030 - 3600000);
  EXPECT_STREQ(crm_task_priority(t), "high");
  EXPECT_STREQ(crm_task_status(t), "open");
  EXPECT_EQ(crm_task_customer_id(t), crm_customer_id(ada.get()));
  EXPECT_EQ(crm_task_lead_id(t), crm_lead_id(prospect.get()));
  EXPECT_EQ(crm_task_opportunity_id(t), crm_opportunity_id(tills.get()));
  EXPECT_STREQ(crm_task_rule(t), "");  // a person made it
  EXPECT_EQ(optional_time(crm_task_completed_at, static_cast<const crm_task*>(t)), -1);

  // Done: the engine stamps completed_at.
  crm_task* done = nullptr;
  json changed = doc;
  changed["status"] = "done";
  ASSERT_EQ(crm_task_from_json(changed.dump().c_str(), &done), CRM_OK) << message();
  Task done_owned(done);
  ASSERT_EQ(crm_task_update(engine.get(), done), CRM_OK) << message();
  EXPECT_STREQ(crm_task_status(done), "done");
  EXPECT_EQ(crm_task_version(done), 2);
  EXPECT_GT(optional_time(crm_task_completed_at, static_cast<const crm_task*>(done)), 0);
  EXPECT_EQ(optional_time(crm_task_completed_at, static_cast<const crm_task*>(done)),
            json_time(document<crm_task, crm_task_to_json>(done)["completed_at"]));
}

TEST_F(CApiAccessorsTest, BeforeARecordIsStoredItsIdVersionAndTimesAreZero) {
  crm_task* raw = nullptr;
  ASSERT_EQ(crm_task_from_json(R"({"subject": "Call Ada"})", &raw), CRM_OK);
  Task unsaved(raw);
  EXPECT_EQ(crm_task_id(raw), 0);
  EXPECT_EQ(crm_task_version(raw), 0);
  EXPECT_EQ(crm_task_created_at(raw), 0);
  EXPECT_EQ(crm_task_updated_at(raw), 0);
  int64_t due = -1;
  EXPECT_EQ(crm_task_due_at(raw, &due), CRM_NOT_FOUND);
  EXPECT_EQ(message(), "crm_task_due_at: the task has no due_at");
  EXPECT_EQ(due, -1);
}

TEST_F(CApiAccessorsTest, OptionalAccessorsRefuseANullHandleOrOutParameter) {
  int64_t ms = 0;
  int64_t minor = 0;
  const char* currency = nullptr;
  EXPECT_EQ(crm_task_due_at(nullptr, &ms), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_task_due_at: task is NULL");
  EXPECT_EQ(crm_lead_assigned_at(nullptr, &ms), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_opportunity_closed_at(nullptr, &ms), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_opportunity_expected_close(nullptr, &ms), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_opportunity_amount(nullptr, &minor, &currency), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_credit_limit(nullptr, &minor, &currency), CRM_INVALID_ARGUMENT);

  crm_task* raw = nullptr;
  ASSERT_EQ(crm_task_from_json(R"({"subject": "Call Ada", "due_at": 0})", &raw), CRM_OK);
  Task owned(raw);
  EXPECT_EQ(crm_task_due_at(raw, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_task_due_at: out_ms is NULL");
  EXPECT_EQ(crm_task_due_at(raw, &ms), CRM_OK);  // the epoch is a time like any other
  EXPECT_EQ(ms, 0);
}

TEST_F(CApiAccessorsTest, EveryValueAccessorOfANullHandleGivesZeroOrEmpty) {
  EXPECT_EQ(crm_customer_created_at(nullptr), 0);
  EXPECT_EQ(crm_customer_updated_at(nullptr), 0);
  EXPECT_EQ(crm_customer_organisation_id(nullptr), 0);
  EXPECT_STREQ(crm_customer_kind(nullptr), "");
  EXPECT_STREQ(crm_customer_given_name(nullptr), "");
  EXPECT_STREQ(crm_customer_family_name(nullptr), "");
  EXPECT_STREQ(crm_customer_stage(nullptr), "");
  EXPECT_STREQ(crm_customer_owner(nullptr), "");

  EXPECT_EQ(crm_interaction_version(nullptr), 0);
  EXPECT_EQ(crm_interaction_created_at(nullptr), 0);
  EXPECT_EQ(crm_interaction_lead_id(nullptr), 0);
  EXPECT_EQ(crm_interaction_opportunity_id(nullptr), 0);
  EXPECT_STREQ(crm_interaction_direction(nullptr), "");
  EXPECT_STREQ(crm_interaction_body(nullptr), "");
  EXPECT_STREQ(crm_interaction_outcome(nullptr), "");

  EXPECT_EQ(crm_lead_version(nullptr), 0);
  EXPECT_EQ(crm_lead_created_at(nullptr), 0);
  EXPECT_EQ(crm_lead_updated_at(nullptr), 0);
  for (auto text : {crm_lead_name, crm_lead_given_name, crm_lead_family_name, crm_lead_company, crm_lead_job_title,
                    crm_lead_email, crm_lead_phone, crm_lead_source, crm_lead_industry, crm_lead_territory,
                    crm_lead_status, crm_lead_status_reason, crm_lead_owner, crm_lead_external_id,
                    crm_lead_assignment_rule})
    EXPECT_STREQ(text(nullptr), "");
  EXPECT_EQ(crm_lead_score_value(nullptr), 0);
  EXPECT_EQ(crm_lead_converted_customer_id(nullptr), 0);
  EXPECT_EQ(crm_lead_converted_opportunity_id(nullptr), 0);

  EXPECT_EQ(crm_opportunity_created_at(nullptr), 0);
  EXPECT_EQ(crm_opportunity_updated_at(nullptr), 0);
  EXPECT_EQ(crm_opportunity_customer_id(nullptr), 0);
  EXPECT_EQ(crm_opportunity_lead_id(nullptr), 0);
  EXPECT_EQ(crm_opportunity_probability(nullptr), 0);
  for (auto text : {crm_opportunity_name, crm_opportunity_pipeline, crm_opportunity_stage, crm_opportunity_status,
                    crm_opportunity_lost_reason, crm_opportunity_owner, crm_opportunity_external_id})
    EXPECT_STREQ(text(nullptr), "");

  EXPECT_EQ(crm_task_id(nullptr), 0);
  EXPECT_EQ(crm_task_version(nullptr), 0);
  EXPECT_EQ(crm_task_created_at(nullptr), 0);
  EXPECT_EQ(crm_task_updated_at(nullptr), 0);
  EXPECT_EQ(crm_task_customer_id(nullptr), 0);
  EXPECT_EQ(crm_task_lead_id(nullptr), 0);
  EXPECT_EQ(crm_task_opportunity_id(nullptr), 0);
  for (auto text : {crm_task_subject, crm_task_body, crm_task_owner, crm_task_priority, crm_task_status, crm_task_rule})
    EXPECT_STREQ(text(nullptr), "");
}

}  // namespace
}  // namespace crm_c_test
