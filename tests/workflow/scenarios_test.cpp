// SPDX-License-Identifier: Apache-2.0
// The seed literature's workflow examples, end to end with the injected
// clock, plus escalation of a task nobody did:
// - a seminar planned for a lead pops up as a to-do for the
//   pre-sales manager, everyone involved is reminded before the date, and the
//   outcome is asked for afterwards;
// - a customer flagged as likely to churn goes on the call-centre list;
// - a customer whose debt passes the credit limit raises a warning.
// examples/workflow.cpp runs the same rules (examples/workflow_rules.json).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

using std::chrono::hours;
using days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

class ScenarioTest : public WorkflowTest {
 protected:
  // The example's rule file: the scenarios test the rules the example ships.
  void SetUp() override {
    WorkflowTest::SetUp();
    std::ifstream file(CRM_WORKFLOW_RULES);
    ASSERT_TRUE(file) << CRM_WORKFLOW_RULES;
    std::stringstream text;
    text << file.rdbuf();
    for (const auto& one : nlohmann::json::parse(text.str())) engine->save_rule(one.dump());
  }

  std::vector<std::string> topics() {
    std::vector<std::string> out;
    for (const auto& n : outbox()) out.push_back(n.topic + " -> " + n.to);
    return out;
  }
};

TEST_P(ScenarioTest, ASeminarForInterestedLeadsIsPreparedRemindedAndFollowedUp) {
  const auto t0 = clock->now();
  Lead lead;
  lead.display_name = "Grace Hopper";
  lead = engine->create(lead);

  Interaction seminar;
  seminar.lead_id = lead.id;
  seminar.channel = Channel::in_person;
  seminar.kind = InteractionKind::meeting;
  seminar.subject = "Seminar: retail analytics";
  seminar.occurred_at = t0 + days(7);
  seminar = engine->create(seminar);

  // The to-do for the pre-sales manager, due two days before, reminded the day before that.
  auto todo = tasks_of("presales-manager");
  ASSERT_EQ(todo.size(), 1u);
  EXPECT_EQ(todo[0].subject, "Prepare the seminar");
  EXPECT_EQ(todo[0].lead_id, lead.id);
  EXPECT_EQ(todo[0].due_at, t0 + days(5));
  EXPECT_EQ(todo[0].remind_at, t0 + days(4));

  engine->run_due(t0 + days(4));
  EXPECT_EQ(topics(), std::vector<std::string>{"task.reminder -> presales-manager"});
  auto prepared = todo[0];
  prepared.status = TaskStatus::done;
  engine->update(prepared);
  engine->run_due(t0 + days(6));
  EXPECT_EQ(topics(), (std::vector<std::string>{"task.reminder -> presales-manager",
                                                "seminar.reminder -> attendees"}));

  // The day after, nobody has recorded an outcome: ask for it.
  engine->run_due(t0 + days(8));
  const auto follow_up = tasks_of("presales-manager");
  ASSERT_EQ(follow_up.size(), 1u);
  EXPECT_EQ(follow_up[0].subject, "Record the seminar's outcome");
  EXPECT_EQ(follow_up[0].due_at, t0 + days(9));
}

TEST_P(ScenarioTest, ASeminarWhoseOutcomeIsRecordedIsNotFollowedUp) {
  const auto t0 = clock->now();
  Lead lead;
  lead.display_name = "Grace Hopper";
  lead = engine->create(lead);
  Interaction seminar;
  seminar.lead_id = lead.id;
  seminar.kind = InteractionKind::meeting;
  seminar.subject = "Seminar: retail analytics";
  seminar.occurred_at = t0 + days(7);
  seminar = engine->create(seminar);
  seminar.outcome = "interested in a pilot";
  engine->update(seminar);

  for (const auto& timer : queued()) EXPECT_NE(timer.rule, "seminar-outcome");
  engine->run_due(t0 + days(8));
  EXPECT_EQ(engine->count<Task>(), 1u) << "only the preparation";
}

TEST_P(ScenarioTest, AnOrdinaryMeetingGetsNoSeminarTodoNorTimedActions) {
  Lead lead;
  lead.display_name = "Alan";
  lead = engine->create(lead);
  Interaction meeting;
  meeting.lead_id = lead.id;
  meeting.kind = InteractionKind::meeting;
  meeting.subject = "Demo of the tills";
  meeting.occurred_at = clock->now() + days(7);
  engine->create(meeting);
  EXPECT_TRUE(tasks_of("presales-manager").empty());
  EXPECT_TRUE(queued().empty());
}

TEST_P(ScenarioTest, ACustomerLikelyToChurnGoesOnTheCallCentreList) {
  auto ada = engine->create(person("Ada"));
  auto bea = engine->create(person("Bea"));
  ada.stage = LifecycleStage::at_risk;
  engine->update(ada);

  const auto list = engine->list(CustomerQuery{.tag = "call-list"}).items;
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, ada.id);
  const auto calls = tasks_of("call-centre");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].customer_id, ada.id);
  EXPECT_EQ(calls[0].priority, TaskPriority::high);
  EXPECT_EQ(engine->get<Customer>(bea.id).tags, Tags{});
}

TEST_P(ScenarioTest, DebtPastTheCreditLimitRaisesAWarning) {
  auto shop = person("Corner shop");
  shop.owner = "alice";
  shop.credit_limit = Money::of(1'000'00, "GBP");
  shop.attributes["balance"] = std::int64_t{900'00};
  shop = engine->create(shop);
  EXPECT_TRUE(outbox().empty());

  shop.attributes["balance"] = std::int64_t{1'200'00};
  shop = engine->update(shop);
  EXPECT_EQ(topics(), std::vector<std::string>{"credit.limit-exceeded -> alice"});
  EXPECT_EQ(engine->get<Customer>(shop.id).tags, Tags{"credit-hold"});
}

TEST_P(ScenarioTest, ATaskNotDoneADayAfterItsDueTimeIsEscalated) {
  const auto t0 = clock->now();
  const auto done_in_time = engine->create(task("ship samples", "ann", t0 + hours(4)));
  const auto forgotten = engine->create(task("call back", "ann", t0 + hours(4)));
  auto finished = done_in_time;
  finished.status = TaskStatus::done;
  engine->update(finished);

  engine->run_due(t0 + hours(4) + days(1));
  EXPECT_EQ(engine->get<Task>(forgotten.id).owner, "team-lead");
  EXPECT_EQ(engine->get<Task>(forgotten.id).priority, TaskPriority::urgent);
  EXPECT_EQ(engine->get<Task>(done_in_time.id).owner, "ann");
  EXPECT_EQ(topics(), std::vector<std::string>{"task.escalated -> team-lead"});
}

INSTANTIATE_TEST_SUITE_P(Backends, ScenarioTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
