// SPDX-License-Identifier: Apache-2.0
// crm task | rule | run-due | outbox | firings, through the real binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

constexpr long long day_ms = 86'400'000;

constexpr const char* escalation_rule = R"({"name": "escalate",
  "trigger": {"on": "time", "entity": "task", "field": "due_at", "offset": "1d"},
  "when": {"field": "status", "op": "=", "value": "open"},
  "actions": [{"action": "notify", "topic": "task.escalated", "to": "team-lead"}]})";

constexpr const char* churn_rule = R"({"name": "churn-call-list",
  "trigger": {"on": "changed", "entity": "customer", "field": "stage", "to": "at-risk"},
  "actions": [{"action": "create_task", "subject": "Call to keep the customer", "owner": "call-centre",
               "priority": "high", "due_in": "1d"}]})";

constexpr const char* typo_rule = R"({"name": "typo",
  "trigger": {"on": "updated", "entity": "customer"},
  "when": {"field": "tire", "op": "=", "value": "gold"},
  "actions": [{"action": "add_tag", "tag": "x"}]})";

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}


class WorkflowCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }

  json run_json(std::vector<std::string> command) const {
    command.insert(command.begin(), "--json");
    return json::parse(crm_ok(command));
  }

  std::string add_task(std::vector<std::string> options) const {
    options.insert(options.begin(), {"task", "add"});
    return std::to_string(run_json(options)["id"].get<long long>());
  }

  std::string write_file(const std::string& name, const std::string& text) const {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::vector<std::string> subjects(std::vector<std::string> list) const {
    list.insert(list.begin(), {"task", "list"});
    const json page = run_json(list);
    std::vector<std::string> out;
    for (const auto& task : page["items"]) out.push_back(task["subject"]);
    return out;
  }

  json rule_names() const {
    const json page = run_json({"rule", "list"});
    json names = json::array();
    for (const auto& rule : page["items"]) names.push_back(rule["name"]);
    return names;
  }
};

// --- tasks -----------------------------------------------------------------------

TEST_F(WorkflowCliTest, TaskAddStoresTheTaskWithItsDueTimeInUtc) {
  const auto task = run_json({"task", "add", "--subject", "Call Ada", "--owner", "ann", "--due", "2020-01-01T09:30",
                              "--priority", "high"});
  EXPECT_EQ(task["subject"], "Call Ada");
  EXPECT_EQ(task["owner"], "ann");
  EXPECT_EQ(task["due_at"], 1'577'871'000'000LL);
  EXPECT_EQ(task["priority"], "high");
  EXPECT_EQ(task["status"], "open");
  const auto shown = crm_ok({"task", "show", std::to_string(task["id"].get<long long>())});
  EXPECT_TRUE(contains(shown, "2020-01-01T09:30:00.000Z")) << shown;
}

TEST_F(WorkflowCliTest, TaskAddDueInCountsFromNow) {
  const long long before = now_ms();
  const auto task = run_json({"task", "add", "--subject", "Call Bo", "--due-in", "2d"});
  const long long after = now_ms();
  EXPECT_GE(task["due_at"].get<long long>(), before + 2 * day_ms);
  EXPECT_LE(task["due_at"].get<long long>(), after + 2 * day_ms);
}

TEST_F(WorkflowCliTest, DueAndDueInTogetherAreAUsageError) {
  const auto result = crm({"task", "add", "--subject", "x", "--due", "2020-01-01", "--due-in", "1d"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "excludes")) << result.err;
}

TEST_F(WorkflowCliTest, ABadDueTimeOrDurationIsRefusedAndNothingIsWritten) {
  const auto bad_time = crm({"task", "add", "--subject", "x", "--due", "tomorrow"});
  EXPECT_EQ(bad_time.exit_code, 1);
  EXPECT_EQ(bad_time.err,
            "crm: error: time 'tomorrow': expected ISO 8601 in UTC, like 2026-12-31, 2026-12-31T09:30 or "
            "2026-12-31T09:30:15Z\n");
  const auto bad_duration = crm({"task", "add", "--subject", "x", "--due-in", "2 days"});
  EXPECT_EQ(bad_duration.exit_code, 1);
  EXPECT_EQ(bad_duration.err,
            "crm: error: duration '2 days': expected a whole number and a unit, like 90s, 30m, 12h, 3d or 2w\n");
  EXPECT_EQ(run_json({"task", "list"})["items"].size(), 0U);
}

TEST_F(WorkflowCliTest, ATaskWithoutASubjectIsRefused) {
  const auto result = crm({"task", "add", "--owner", "ann"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "subject")) << result.err;
  EXPECT_EQ(run_json({"task", "list"})["items"].size(), 0U);
}

TEST_F(WorkflowCliTest, TaskListIsAnOwnersDayAndOverdueKeepsWhatIsLate) {
  add_task({"--subject", "later", "--owner", "ann", "--due", "2100-01-01"});
  add_task({"--subject", "sooner", "--owner", "ann", "--due", "2020-01-01"});
  add_task({"--subject", "undated", "--owner", "ann"});
  add_task({"--subject", "urgent too", "--owner", "ann", "--due", "2020-01-01", "--priority", "urgent"});
  add_task({"--subject", "bo's", "--owner", "bo", "--due", "2020-01-01"});

  EXPECT_EQ(subjects({"--owner", "ann"}),
            (std::vector<std::string>{"urgent too", "sooner", "later", "undated"}));
  EXPECT_EQ(subjects({"--owner", "ann", "--overdue"}), (std::vector<std::string>{"urgent too", "sooner"}));
  EXPECT_EQ(subjects({"--overdue"}).size(), 3U);  // everyone's

  const auto table = crm_ok({"task", "list", "--owner", "ann"});
  EXPECT_TRUE(table.starts_with("id  due (UTC)         priority  status  subject     owner  about\n")) << table;
  EXPECT_TRUE(contains(table, "2020-01-01 00:00  urgent    open    urgent too  ann")) << table;
}

TEST_F(WorkflowCliTest, TaskDoneCompletesItOnceAndItLeavesTheDay) {
  const auto id = add_task({"--subject", "Call Ada", "--owner", "ann"});
  const auto done = run_json({"task", "done", id});
  EXPECT_EQ(done["status"], "done");
  EXPECT_EQ(done["version"], 2);
  EXPECT_TRUE(done["completed_at"].is_number_integer());
  EXPECT_EQ(subjects({"--owner", "ann"}), std::vector<std::string>{});
  EXPECT_EQ(subjects({"--owner", "ann", "--status", "done"}), std::vector<std::string>{"Call Ada"});
  EXPECT_EQ(run_json({"task", "done", id})["version"], 2);  // already done: nothing written
}

TEST_F(WorkflowCliTest, DoneOnAnUnknownTaskIsRefused) {
  const auto result = crm({"task", "done", "42"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
}

// --- rules -------------------------------------------------------------------------

TEST_F(WorkflowCliTest, RuleAddSavesEveryRuleOfAnArray) {
  const auto path = write_file("rules.json", std::string("[") + escalation_rule + "," + churn_rule + "]");
  EXPECT_EQ(crm_ok({"rule", "add", path}), "saved rule 'escalate'\nsaved rule 'churn-call-list'\n");
  EXPECT_EQ(rule_names(), json({"escalate", "churn-call-list"}));
  EXPECT_EQ(crm_ok({"rule", "add", path}),
            "saved rule 'escalate' (replacing the stored one)\n"
            "saved rule 'churn-call-list' (replacing the stored one)\n");
  const auto table = crm_ok({"rule", "list"});
  EXPECT_TRUE(contains(table, "escalate         time task.due_at +1d")) << table;
  EXPECT_TRUE(contains(table, "churn-call-list  changed customer.stage to at-risk")) << table;
}

TEST_F(WorkflowCliTest, RuleAddIsAllOrNothing) {
  const auto path = write_file("rules.json", std::string("[") + escalation_rule + "," + typo_rule + "]");
  const auto result = crm({"rule", "add", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(result.err.starts_with("crm: error: rules file '" + path + "': [1]: rule 'typo': ")) << result.err;
  EXPECT_TRUE(contains(result.err, "tire")) << result.err;
  EXPECT_EQ(rule_names(), json::array());
}

TEST_F(WorkflowCliTest, RuleAddRefusesAFileThatIsNotJson) {
  const auto path = write_file("rules.json", "{nope");
  const auto result = crm({"rule", "add", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: rules file '" + path +
                                     "': not valid JSON (or not valid UTF-8): parse error at line 1, column 3"))
      << result.err;
  const auto missing = crm({"rule", "add", (dir_ / "missing.json").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err, "cannot be read")) << missing.err;
}

// JSON nested ~65,000 levels deep crashed `crm rule add` (a stack overflow
// in the recursive dump of each rule); every JSON input is read by one
// reader that refuses more than 64 levels before any recursive walk.
TEST_F(WorkflowCliTest, RuleAddRefusesJsonNestedTooDeeply) {
  for (const std::size_t levels : {100, 100'000}) {
    const auto path = write_file("deep.json", std::string(levels, '[') + std::string(levels, ']'));
    expect_refused({"rule", "add", path}, "crm: error: rules file '" + path + "': nested deeper than 64 levels\n");
    std::string objects;
    for (std::size_t i = 0; i < levels; ++i) objects += R"({"when":)";
    const auto nested = write_file("nested.json", objects + "1" + std::string(levels, '}'));
    expect_refused({"rule", "add", nested},
                   "crm: error: rules file '" + nested + "': nested deeper than 64 levels\n");
  }
  EXPECT_EQ(rule_names(), json::array());
}

TEST_F(WorkflowCliTest, RuleAddRefusesARepeatedKey) {
  const auto path = write_file("twice.json", R"([{"name": "a", "name": "b", "entity": "lead", "actions": []}])");
  expect_refused({"rule", "add", path},
                 "crm: error: rules file '" + path + "': [0]: key 'name' appears twice in one object\n");
  EXPECT_EQ(rule_names(), json::array());
}

TEST_F(WorkflowCliTest, RuleAddReadsOneRuleFromStdinAndShowPrintsItCanonical) {
  crm_ok({"rule", "add", "-"}, escalation_rule);
  const auto shown = run_json({"rule", "show", "ESCALATE"});
  EXPECT_EQ(shown["name"], "escalate");
  EXPECT_EQ(shown["version"], 1);
  EXPECT_EQ(shown["definition"]["trigger"]["offset"], day_ms);  // canonical: milliseconds
  const auto text = crm_ok({"rule", "show", "escalate"});
  EXPECT_TRUE(text.starts_with("rule escalate (version 1, saved ")) << text;
  EXPECT_TRUE(contains(text, "\"topic\": \"task.escalated\"")) << text;
}

TEST_F(WorkflowCliTest, RuleRmErasesItAndAnUnknownNameIsRefused) {
  crm_ok({"rule", "add", "-"}, escalation_rule);
  EXPECT_EQ(crm_ok({"rule", "rm", "escalate"}), "erased rule 'escalate'\n");
  EXPECT_EQ(rule_names(), json::array());
  const auto again = crm({"rule", "rm", "escalate"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(contains(again.err, "'escalate'")) << again.err;
  const auto show = crm({"rule", "show", "escalate"});
  EXPECT_EQ(show.exit_code, 1);
  EXPECT_EQ(show.err, "crm: error: no rule named 'escalate'\n");
}

TEST_F(WorkflowCliTest, ARuleFiresOnAChangeMadeFromTheCommandLine) {
  crm_ok({"rule", "add", "-"}, churn_rule);
  const auto customer =
      std::to_string(id_of(crm_ok({"--json", "customer", "add", "--name", "Ada", "--stage", "at-risk"})));
  const auto items = run_json({"task", "list", "--customer", customer})["items"];
  ASSERT_EQ(items.size(), 1U) << items;
  EXPECT_EQ(items[0]["owner"], "call-centre");
  EXPECT_EQ(items[0]["rule"], "churn-call-list");
}

// --- run-due, outbox, firings ------------------------------------------------------

TEST_F(WorkflowCliTest, RunDueRunsWhatIsDueAtTheTimeGiven) {
  crm_ok({"rule", "add", "-"}, escalation_rule);
  const auto id = add_task({"--subject", "Call Ada", "--owner", "ann", "--due", "2100-01-01"});
  EXPECT_EQ(crm_ok({"run-due", "--at", "2100-01-01T23:59:59Z"}),
            "timed actions due at 2100-01-01 23:59 UTC: ran 0, skipped 0, failed 0\n");
  EXPECT_EQ(run_json({"run-due", "--at", "2100-01-02"}),
            json({{"ran", 1}, {"skipped", 0}, {"failed", 0}, {"more", false}}));

  const auto log = run_json({"firings", "--rule", "escalate"})["items"];
  ASSERT_EQ(log.size(), 2U) << log;
  EXPECT_EQ(log[0]["outcome"], "queued");
  EXPECT_EQ(log[1]["outcome"], "ran");
  EXPECT_EQ(run_json({"firings", "--entity", "task", "--record", id})["items"], log);
  const auto table = crm_ok({"firings"});
  EXPECT_TRUE(contains(table, "2100-01-02 00:00  escalate  task " + id + "  ran")) << table;
}

TEST_F(WorkflowCliTest, RunDueWithoutAtUsesNow) {
  crm_ok({"rule", "add", "-"}, escalation_rule);
  add_task({"--subject", "long overdue", "--due", "2020-01-01"});
  const auto report = run_json({"run-due"});
  EXPECT_EQ(report["ran"], 1);  // due 2020-01-02, before now
}

TEST_F(WorkflowCliTest, OutboxListsTheNotificationsAndAckRemovesThem) {
  crm_ok({"rule", "add", "-"}, escalation_rule);
  add_task({"--subject", "one", "--due", "2100-01-01"});
  add_task({"--subject", "two", "--due", "2100-01-01"});
  crm_ok({"run-due", "--at", "2100-01-03"});

  const auto waiting = run_json({"outbox"})["items"];
  ASSERT_EQ(waiting.size(), 2U) << waiting;
  EXPECT_EQ(waiting[0]["topic"], "task.escalated");
  EXPECT_EQ(waiting[0]["to"], "team-lead");
  EXPECT_EQ(waiting[0]["payload"]["subject"], "one");

  const auto acked = crm_ok({"outbox", "--ack", "--limit", "1"});
  EXPECT_TRUE(contains(acked, "task.escalated  team-lead  escalate  task ")) << acked;
  EXPECT_TRUE(contains(acked, "acknowledged 1 notification\n")) << acked;
  const auto left = run_json({"outbox"})["items"];
  ASSERT_EQ(left.size(), 1U) << left;
  EXPECT_EQ(left[0]["payload"]["subject"], "two");
  crm_ok({"outbox", "--ack"});
  EXPECT_EQ(crm_ok({"outbox"}), "no notifications\n");
}

TEST_F(WorkflowCliTest, FiringsOfARecordNeedItsEntityAndId) {
  const auto result = crm({"firings", "--entity", "task"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "--record")) << result.err;
  const auto both = crm({"firings", "--rule", "x", "--entity", "task", "--record", "1"});
  EXPECT_EQ(both.exit_code, 2);
}

TEST_F(WorkflowCliTest, HelpListsTheWorkflowCommands) {
  const auto result = crm({"--help"});
  for (const char* command : {"task", "rule", "run-due", "outbox", "firings"})
    EXPECT_TRUE(contains(result.out, command)) << command;
}

}  // namespace
}  // namespace crm::test
