// SPDX-License-Identifier: Apache-2.0
// The C API's workflow calls: tasks as records, rules as JSON, run_due, the
// timed-action queue, the firing log and the outbox. Results are read back
// with nlohmann-json, as a host would parse them.
#include <nlohmann/json.hpp>

#include <string>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;
using Task = Owned<crm_task, crm_task_free>;

constexpr long long day_ms = 86'400'000;
constexpr long long jan_2020 = 1'577'836'800'000;  // 2020-01-01T00:00Z: tasks due then are overdue
// 2100-01-01T00:00Z: timed actions due after the engine's (system) clock, so
// their firings come after the firing that queued them.
constexpr long long jan_2100 = 4'102'444'800'000;

constexpr const char* churn_rule = R"({"name": "churn-call-list",
  "trigger": {"on": "changed", "entity": "customer", "field": "stage", "to": "at-risk"},
  "actions": [{"action": "create_task", "subject": "Call to keep the customer", "owner": "call-centre",
               "priority": "high", "due_in": "1d"},
              {"action": "notify", "topic": "customer.at-risk", "to": "sales-manager"}]})";

constexpr const char* escalation_rule = R"({"name": "escalate",
  "trigger": {"on": "time", "entity": "task", "field": "due_at", "offset": "1d"},
  "when": {"field": "status", "op": "=", "value": "open"},
  "actions": [{"action": "notify", "topic": "task.escalated", "to": "team-lead"}]})";

class CApiWorkflowTest : public CApiTest {
 protected:
  Task add_task(const json& fields) {
    crm_task* raw = nullptr;
    EXPECT_EQ(crm_task_from_json(fields.dump().c_str(), &raw), CRM_OK) << message();
    Task task(raw);
    EXPECT_EQ(crm_task_create(engine.get(), raw), CRM_OK) << message();
    return task;
  }

  json task_json(const crm_task* task) {
    char* raw = nullptr;
    EXPECT_EQ(crm_task_to_json(task, &raw), CRM_OK) << message();
    return take(raw);
  }

  // One page of tasks as JSON.
  json tasks(const char* query, size_t limit = 0) {
    crm_page* raw = nullptr;
    EXPECT_EQ(crm_task_list(engine.get(), query, nullptr, limit, &raw), CRM_OK) << message();
    Page page(raw);
    char* text = nullptr;
    EXPECT_EQ(crm_page_to_json(raw, &text), CRM_OK) << message();
    return take(text);
  }

  json save_rule(const char* rule) {
    char* raw = nullptr;
    EXPECT_EQ(crm_rule_save_json(engine.get(), rule, &raw), CRM_OK) << message();
    return take(raw);
  }

  json rules(const char* cursor = nullptr, size_t limit = 0) {
    char* raw = nullptr;
    EXPECT_EQ(crm_rule_list_json(engine.get(), cursor, limit, &raw), CRM_OK) << message();
    return take(raw);
  }

  json run_due(long long now, size_t limit = 0) {
    char* raw = nullptr;
    EXPECT_EQ(crm_run_due_json(engine.get(), now, limit, &raw), CRM_OK) << message();
    return take(raw);
  }

  json firings(const char* query) {
    char* raw = nullptr;
    EXPECT_EQ(crm_firing_list_json(engine.get(), query, nullptr, 0, &raw), CRM_OK) << message();
    return take(raw);
  }

  json outbox() {
    char* raw = nullptr;
    EXPECT_EQ(crm_outbox_list_json(engine.get(), nullptr, 0, &raw), CRM_OK) << message();
    return take(raw);
  }

  json timed_actions() {
    char* raw = nullptr;
    EXPECT_EQ(crm_timed_action_list_json(engine.get(), nullptr, 0, &raw), CRM_OK) << message();
    return take(raw);
  }

  int64_t add_customer_json(const char* text) {
    crm_customer* raw = nullptr;
    EXPECT_EQ(crm_customer_from_json(text, &raw), CRM_OK) << message();
    Customer customer(raw);
    EXPECT_EQ(crm_customer_create(engine.get(), raw), CRM_OK) << message();
    return crm_customer_id(raw);
  }
};

// ---- Tasks ----------------------------------------------------------------------

TEST_F(CApiWorkflowTest, ATaskIsStoredReadAndCompleted) {
  const auto task = add_task({{"subject", "Call Ada"}, {"owner", "ann"}, {"due_at", jan_2020}, {"priority", "high"}});
  const auto id = crm_task_id(task.get());
  ASSERT_GT(id, 0);

  crm_task* raw = nullptr;
  ASSERT_EQ(crm_task_get(engine.get(), id, &raw), CRM_OK) << message();
  Task loaded(raw);
  json stored = task_json(raw);
  EXPECT_EQ(stored, task_json(task.get()));
  EXPECT_EQ(stored["status"], "open");
  EXPECT_EQ(stored["completed_at"], nullptr);

  stored["status"] = "done";
  crm_task* done = nullptr;
  ASSERT_EQ(crm_task_from_json(stored.dump().c_str(), &done), CRM_OK) << message();
  Task owned(done);
  ASSERT_EQ(crm_task_update(engine.get(), done), CRM_OK) << message();
  const json after = task_json(done);
  EXPECT_EQ(after["version"], 2);
  EXPECT_TRUE(after["completed_at"].is_number_integer());  // stamped by the engine
}

TEST_F(CApiWorkflowTest, ATaskWithoutASubjectIsRefused) {
  crm_task* raw = nullptr;
  ASSERT_EQ(crm_task_from_json(R"({"owner": "ann"})", &raw), CRM_OK);
  Task task(raw);
  EXPECT_EQ(crm_task_create(engine.get(), raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("subject"), std::string::npos) << message();
  EXPECT_EQ(crm_task_id(raw), 0);
  EXPECT_EQ(tasks(nullptr)["items"].size(), 0U);
}

TEST_F(CApiWorkflowTest, AnOwnersTasksComeInDueOrderAndOverdueOnesByDueBefore) {
  add_task({{"subject", "later"}, {"owner", "ann"}, {"due_at", jan_2020 + 2 * day_ms}});
  add_task({{"subject", "sooner"}, {"owner", "ann"}, {"due_at", jan_2020}});
  add_task({{"subject", "undated"}, {"owner", "ann"}});
  add_task({{"subject", "someone else's"}, {"owner", "bo"}, {"due_at", jan_2020}});

  const json day = tasks(R"({"owner": "ann"})");
  ASSERT_EQ(day["items"].size(), 3U) << day;
  EXPECT_EQ(day["items"][0]["subject"], "sooner");
  EXPECT_EQ(day["items"][1]["subject"], "later");
  EXPECT_EQ(day["items"][2]["subject"], "undated");
  EXPECT_EQ(day["next_cursor"], "");

  const std::string overdue = R"({"owner": "ann", "due_before": )" + std::to_string(jan_2020 + day_ms) + "}";
  const json late = tasks(overdue.c_str());
  ASSERT_EQ(late["items"].size(), 1U) << late;
  EXPECT_EQ(late["items"][0]["subject"], "sooner");

  EXPECT_EQ(tasks(nullptr)["items"].size(), 4U);  // everyone's
  EXPECT_EQ(tasks(R"({"status": "done"})")["items"].size(), 0U);
}

TEST_F(CApiWorkflowTest, APageOfTasksLendsTaskHandles) {
  add_task({{"subject", "one"}, {"owner", "ann"}});
  crm_page* raw = nullptr;
  ASSERT_EQ(crm_task_list(engine.get(), R"({"owner": "ann"})", nullptr, 0, &raw), CRM_OK) << message();
  Page page(raw);
  ASSERT_EQ(crm_page_size(raw), 1U);
  ASSERT_NE(crm_page_task(raw, 0), nullptr);
  EXPECT_GT(crm_task_id(crm_page_task(raw, 0)), 0);
  EXPECT_EQ(crm_page_task(raw, 1), nullptr);
  EXPECT_EQ(crm_page_customer(raw, 0), nullptr);  // the page holds tasks
}

TEST_F(CApiWorkflowTest, ABadTaskQueryIsRefusedNamingTheKey) {
  crm_page* raw = reinterpret_cast<crm_page*>(1);
  EXPECT_EQ(crm_task_list(engine.get(), R"({"ownr": "ann"})", nullptr, 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(message(), "crm_task_list: task query: unknown key 'ownr'");
  EXPECT_EQ(crm_task_list(engine.get(), R"({"status": "finished"})", nullptr, 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("task query.status"), std::string::npos) << message();
  EXPECT_EQ(crm_task_list(engine.get(), R"({"owner": "ann", "customer_id": 1})", nullptr, 0, &raw),
            CRM_INVALID_ARGUMENT);
}

// ---- Rules ----------------------------------------------------------------------

TEST_F(CApiWorkflowTest, ARuleIsSavedReplacedFoundInAnyCaseAndErased) {
  const json saved = save_rule(churn_rule);
  EXPECT_GT(saved["id"].get<long long>(), 0);
  EXPECT_EQ(saved["version"], 1);
  EXPECT_EQ(saved["name"], "churn-call-list");
  EXPECT_EQ(saved["definition"]["trigger"]["to"], "at-risk");  // an object, not a string
  EXPECT_TRUE(saved["saved_at"].is_number_integer());

  EXPECT_EQ(save_rule(churn_rule)["version"], 2);  // the same name replaces it

  char* raw = nullptr;
  ASSERT_EQ(crm_rule_get_json(engine.get(), "CHURN-call-list", &raw), CRM_OK) << message();
  EXPECT_EQ(take(raw)["version"], 2);
  EXPECT_EQ(rules()["items"].size(), 1U);

  ASSERT_EQ(crm_rule_erase(engine.get(), "churn-call-list"), CRM_OK) << message();
  EXPECT_EQ(crm_rule_get_json(engine.get(), "churn-call-list", &raw), CRM_NOT_FOUND);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(crm_rule_erase(engine.get(), "churn-call-list"), CRM_NOT_FOUND);
  EXPECT_EQ(rules()["items"].size(), 0U);
}

TEST_F(CApiWorkflowTest, ABadRuleIsRefusedNamingThePlaceAndNothingIsStored) {
  char* raw = reinterpret_cast<char*>(1);
  EXPECT_EQ(crm_rule_save_json(engine.get(), R"({"name": "typo",
      "trigger": {"on": "updated", "entity": "customer"},
      "when": {"field": "tire", "op": "=", "value": "gold"},
      "actions": [{"action": "add_tag", "tag": "x"}]})",
                               &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_NE(message().find("rule 'typo'"), std::string::npos) << message();
  EXPECT_NE(message().find("tire"), std::string::npos) << message();
  EXPECT_EQ(crm_rule_save_json(engine.get(), "not json", nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(rules()["items"].size(), 0U);
}

TEST_F(CApiWorkflowTest, RulesArePagedWithACursor) {
  save_rule(churn_rule);
  save_rule(escalation_rule);
  const json first = rules(nullptr, 1);
  ASSERT_EQ(first["items"].size(), 1U);
  EXPECT_EQ(first["items"][0]["name"], "churn-call-list");  // the order they were first saved
  const std::string cursor = first["next_cursor"];
  ASSERT_FALSE(cursor.empty());
  const json second = rules(cursor.c_str(), 1);
  ASSERT_EQ(second["items"].size(), 1U);
  EXPECT_EQ(second["items"][0]["name"], "escalate");
}

// ---- Rules at work: tasks, the outbox and the firing log ------------------------

TEST_F(CApiWorkflowTest, AChangeFiresItsRuleWhichCreatesATaskAndANotification) {
  save_rule(churn_rule);
  const auto id = add_customer_json(R"({"display_name": "Ada", "stage": "at-risk"})");

  const std::string about = R"({"customer_id": )" + std::to_string(id) + "}";
  const json made = tasks(about.c_str());
  ASSERT_EQ(made["items"].size(), 1U) << made;
  EXPECT_EQ(made["items"][0]["owner"], "call-centre");
  EXPECT_EQ(made["items"][0]["priority"], "high");
  EXPECT_EQ(made["items"][0]["rule"], "churn-call-list");

  const json notes = outbox();
  ASSERT_EQ(notes["items"].size(), 1U) << notes;
  const json& note = notes["items"][0];
  EXPECT_EQ(note["topic"], "customer.at-risk");
  EXPECT_EQ(note["to"], "sales-manager");
  EXPECT_EQ(note["record_id"], id);
  EXPECT_EQ(note["payload"]["display_name"], "Ada");  // the record, as an object
  EXPECT_FALSE(note["key"].get<std::string>().empty());

  ASSERT_EQ(crm_outbox_acknowledge(engine.get(), note["id"].get<int64_t>()), CRM_OK) << message();
  EXPECT_EQ(outbox()["items"].size(), 0U);
  EXPECT_EQ(crm_outbox_acknowledge(engine.get(), note["id"].get<int64_t>()), CRM_OK);  // gone already: fine

  const json by_rule = firings(R"({"rule": "churn-call-list"})");
  ASSERT_EQ(by_rule["items"].size(), 1U) << by_rule;
  EXPECT_EQ(by_rule["items"][0]["outcome"], "ran");
  EXPECT_EQ(by_rule["items"][0]["entity"], "customer");
  EXPECT_EQ(by_rule["items"][0]["depth"], 0);
  const std::string record = R"({"entity": "customer", "record_id": )" + std::to_string(id) + "}";
  EXPECT_EQ(firings(record.c_str())["items"], by_rule["items"]);
}

TEST_F(CApiWorkflowTest, RunDueRunsTheTimedActionsThatAreDue) {
  save_rule(escalation_rule);
  const auto task = add_task({{"subject", "Call Ada"}, {"owner", "ann"}, {"due_at", jan_2100}});

  const json queued = timed_actions();
  ASSERT_EQ(queued["items"].size(), 1U) << queued;
  EXPECT_EQ(queued["items"][0]["rule"], "escalate");
  EXPECT_EQ(queued["items"][0]["record_id"], crm_task_id(task.get()));
  EXPECT_EQ(queued["items"][0]["due_at"], jan_2100 + day_ms);

  EXPECT_EQ(run_due(jan_2100 + day_ms - 1), json({{"ran", 0}, {"skipped", 0}, {"failed", 0}, {"more", false}}));
  EXPECT_EQ(run_due(jan_2100 + day_ms), json({{"ran", 1}, {"skipped", 0}, {"failed", 0}, {"more", false}}));
  EXPECT_EQ(timed_actions()["items"].size(), 0U);

  const json notes = outbox();
  ASSERT_EQ(notes["items"].size(), 1U) << notes;
  EXPECT_EQ(notes["items"][0]["topic"], "task.escalated");
  const json log = firings(R"({"rule": "escalate"})");
  ASSERT_EQ(log["items"].size(), 2U) << log;
  EXPECT_EQ(log["items"][0]["outcome"], "queued");
  EXPECT_EQ(log["items"][1]["outcome"], "ran");
}

TEST_F(CApiWorkflowTest, RunDueStopsAtItsLimitAndSaysThereIsMore) {
  save_rule(escalation_rule);
  add_task({{"subject", "one"}, {"due_at", jan_2100}});
  add_task({{"subject", "two"}, {"due_at", jan_2100}});
  EXPECT_EQ(run_due(jan_2100 + 2 * day_ms, 1)["more"], true);
  EXPECT_EQ(crm_run_due_json(engine.get(), jan_2100 + 2 * day_ms, 1, nullptr), CRM_OK) << message();  // out may be NULL
  EXPECT_EQ(run_due(jan_2100 + 2 * day_ms), json({{"ran", 0}, {"skipped", 0}, {"failed", 0}, {"more", false}}));
  EXPECT_EQ(outbox()["items"].size(), 2U);
}

TEST_F(CApiWorkflowTest, ABadFiringQueryIsRefused) {
  char* raw = reinterpret_cast<char*>(1);
  EXPECT_EQ(crm_firing_list_json(engine.get(), R"({"rule": "a", "entity": "customer", "record_id": 1})", nullptr, 0,
                                 &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_NE(message().find("give a rule or a record"), std::string::npos) << message();
  EXPECT_EQ(crm_firing_list_json(engine.get(), R"({"record": 1})", nullptr, 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_firing_list_json: firing query: unknown key 'record'");
  EXPECT_EQ(crm_firing_list_json(engine.get(), nullptr, nullptr, 1001, &raw), CRM_INVALID_ARGUMENT);  // limit
}

TEST_F(CApiWorkflowTest, NullArgumentsAreRefused) {
  char* raw = nullptr;
  EXPECT_EQ(crm_rule_save_json(engine.get(), nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_rule_save_json: rule_json is NULL");
  EXPECT_EQ(crm_rule_get_json(engine.get(), nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_rule_get_json(engine.get(), "x", nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_rule_erase(engine.get(), nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_outbox_list_json(engine.get(), nullptr, 0, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_run_due_json(nullptr, 0, 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_outbox_acknowledge(nullptr, 1), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiWorkflowTest, WorkflowCallsOnAClosedEngineFail) {
  ASSERT_EQ(crm_engine_close(engine.get()), CRM_OK);
  char* raw = nullptr;
  EXPECT_EQ(crm_rule_save_json(engine.get(), churn_rule, &raw), CRM_CLOSED);
  EXPECT_EQ(crm_run_due_json(engine.get(), 0, 0, &raw), CRM_CLOSED);
  EXPECT_EQ(crm_outbox_list_json(engine.get(), nullptr, 0, &raw), CRM_CLOSED);
  EXPECT_EQ(raw, nullptr);
}

}  // namespace
}  // namespace crm_c_test
