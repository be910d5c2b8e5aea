// SPDX-License-Identifier: Apache-2.0
// Approvals: ordered approvers, approve and reject with comments, locked
// fields while pending, and rules acting on the outcome.
#include <gtest/gtest.h>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

using std::chrono::hours;

class ApprovalTest : public WorkflowTest {
 protected:
  void SetUp() override {
    WorkflowTest::SetUp();
    Opportunity o;
    o.name = "500 tills at 30% off";
    o.stage = "Proposal";
    o.owner = "alice";
    o.amount = Money::of(70'000'00, "EUR");
    o.attributes["discount"] = std::int64_t{30};
    quote = engine->create(o);
  }

  Approval ask(std::string name = "discount") {
    return engine->request_approval(ApprovalRequest{.name = std::move(name),
                                                    .entity = "opportunity",
                                                    .record_id = quote.id,
                                                    .approvers = {"sales-manager", "finance"},
                                                    .locked_fields = {"amount", "attributes"},
                                                    .requested_by = "alice"});
  }

  Opportunity quote;
};

TEST_P(ApprovalTest, EachApproverInTurnThenItIsApproved) {
  auto a = ask();
  EXPECT_EQ(a.status, ApprovalStatus::pending);
  EXPECT_EQ(a.waiting_for, "sales-manager");
  EXPECT_EQ(a.created_at, test_start);

  const auto not_yet = error_of([&] { engine->approve(a.id, a.version, "finance"); });
  EXPECT_EQ(not_yet.code, Errc::conflict);
  EXPECT_EQ(not_yet.message, "approval " + std::to_string(a.id) + " ('discount') waits for 'sales-manager', not 'finance'");

  clock->advance(hours(1));
  a = engine->approve(a.id, a.version, "sales-manager", "fine for a 500-till order");
  EXPECT_EQ(a.status, ApprovalStatus::pending);
  EXPECT_EQ(a.waiting_for, "finance");
  clock->advance(hours(1));
  a = engine->approve(a.id, a.version, "finance");
  EXPECT_EQ(a.status, ApprovalStatus::approved);
  EXPECT_EQ(a.waiting_for, "");
  EXPECT_EQ(a.decided_at, test_start + hours(2));
  ASSERT_EQ(a.decisions.size(), 2u);
  EXPECT_EQ(a.decisions[0], (ApprovalDecision{"sales-manager", true, "fine for a 500-till order", test_start + hours(1)}));
  EXPECT_EQ(engine->get<Approval>(a.id), a);
  EXPECT_EQ(error_of([&] { engine->approve(a.id, a.version, "finance"); }).message,
            "approval " + std::to_string(a.id) + " ('discount') is already approved");
}

TEST_P(ApprovalTest, OneRejectionRejectsIt) {
  auto a = ask();
  a = engine->reject(a.id, a.version, "sales-manager", "30% is too much");
  EXPECT_EQ(a.status, ApprovalStatus::rejected);
  EXPECT_EQ(a.decisions.at(0).comment, "30% is too much");
  EXPECT_FALSE(a.decisions.at(0).approved);
  EXPECT_EQ(a.decided_at, test_start);
}

TEST_P(ApprovalTest, LockedFieldsCannotChangeWhilePending) {
  const auto a = ask();
  auto changed = quote;
  changed.amount = Money::of(80'000'00, "EUR");
  const auto locked = error_of([&] { engine->update(changed); });
  EXPECT_EQ(locked.code, Errc::conflict);
  EXPECT_EQ(locked.message, "opportunity " + std::to_string(quote.id) + ": 'amount' is locked while approval " +
                                std::to_string(a.id) + " ('discount') is pending");
  changed = quote;
  changed.attributes["discount"] = std::int64_t{40};
  EXPECT_EQ(error_of([&] { engine->update(changed); }).code, Errc::conflict);
  EXPECT_EQ(engine->get<Opportunity>(quote.id), quote);

  changed = quote;
  changed.owner = "bob";  // not locked
  quote = engine->update(changed);
  EXPECT_EQ(error_of([&] { engine->erase<Opportunity>(quote.id, quote.version); }).code, Errc::conflict);

  engine->reject(a.id, a.version, "sales-manager", "no");
  changed = quote;
  changed.amount = Money::of(80'000'00, "EUR");
  EXPECT_EQ(engine->update(changed).amount, Money::of(80'000'00, "EUR")) << "decided: unlocked";
}

TEST_P(ApprovalTest, StaleVersionsAndDuplicatesAreRefused) {
  auto a = ask();
  EXPECT_EQ(error_of([&] { ask(); }).code, Errc::conflict) << "one pending per name and record";
  ask("price list");
  engine->approve(a.id, a.version, "sales-manager");
  EXPECT_EQ(error_of([&] { engine->approve(a.id, a.version, "finance"); }).code, Errc::conflict) << "stale";
  EXPECT_EQ(error_of([&] { engine->approve(9999, 1, "finance"); }).code, Errc::not_found);
}

TEST_P(ApprovalTest, BadRequestsAreRefusedAndStoreNothing) {
  const auto refused = [&](ApprovalRequest r) { return error_of([&] { engine->request_approval(r); }); };
  const ApprovalRequest good{.name = "discount", .entity = "opportunity", .record_id = quote.id, .approvers = {"x"}};
  auto r = good;
  r.entity = "pipeline";
  EXPECT_EQ(refused(r).code, Errc::invalid_argument);
  r = good;
  r.record_id = 9999;
  EXPECT_EQ(refused(r).message, "approval.record_id: opportunity 9999 not found");
  r = good;
  r.approvers.clear();
  EXPECT_EQ(refused(r).message, "approval.approvers: at least one approver is required");
  r = good;
  r.locked_fields = {"amount", "amout"};
  EXPECT_EQ(refused(r).message, "approval.locked_fields[1]: 'amout' is not a field of opportunity that can change");
  r = good;
  r.name.clear();
  EXPECT_EQ(refused(r).code, Errc::invalid_argument);
  EXPECT_EQ(engine->count<Approval>(), 0u);
}

TEST_P(ApprovalTest, ListsWhatWaitsForAnApproverAndARecordsApprovals) {
  const auto first = ask();
  const auto second = ask("price list");
  auto waiting = engine->list(ApprovalQuery{.waiting_for = "sales-manager"}).items;
  EXPECT_EQ(waiting, (std::vector<Approval>{first, second}));
  const auto moved = engine->approve(first.id, first.version, "sales-manager");
  waiting = engine->list(ApprovalQuery{.waiting_for = "sales-manager"}).items;
  EXPECT_EQ(waiting, std::vector<Approval>{second});
  EXPECT_EQ(engine->list(ApprovalQuery{.waiting_for = "finance"}).items, std::vector<Approval>{moved});
  EXPECT_EQ(engine->list(ApprovalQuery{.entity = "opportunity", .record_id = quote.id}).items.size(), 2u);
  EXPECT_EQ(engine->list(ApprovalQuery{.status = ApprovalStatus::approved}).items.size(), 0u);
}

TEST_P(ApprovalTest, ARuleAsksForApprovalWhenTheDiscountPassesAThreshold) {
  rule(R"({"name": "big-discount", "trigger": {"on": "saved", "entity": "opportunity"},
           "when": {"field": "attributes.discount", "op": ">", "value": 20},
           "actions": [{"action": "start_approval", "name": "discount", "approvers": ["sales-manager", "finance"],
                        "lock": ["amount", "attributes"]}]})");
  Opportunity o;
  o.name = "100 tills at 25% off";
  o.stage = "Proposal";
  o.owner = "bob";
  o.attributes["discount"] = std::int64_t{25};
  o = engine->create(o);
  o.stage = "Negotiation";
  o = engine->update(o);  // still over the threshold: the pending approval stands
  auto small = o;
  small.id = 0;
  small.version = 0;
  small.attributes["discount"] = std::int64_t{10};
  small = engine->create(small);

  const auto asked = engine->list(ApprovalQuery{.status = ApprovalStatus::pending}).items;
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].record_id, o.id);
  EXPECT_EQ(asked[0].rule, "big-discount");
  EXPECT_EQ(asked[0].requested_by, "bob") << "the deal's owner";
  EXPECT_EQ(asked[0].approvers, (std::vector<std::string>{"sales-manager", "finance"}));
  o.attributes["discount"] = std::int64_t{5};
  EXPECT_EQ(error_of([&] { engine->update(o); }).code, Errc::conflict) << "locked while pending";
}

TEST_P(ApprovalTest, TheOutcomeSetsOffFurtherRules) {
  rule(R"({"name": "approved-quote", "trigger": {"on": "changed", "entity": "approval", "field": "status",
                                                  "to": "approved"},
           "actions": [{"action": "create_task", "subject": "Send the approved quote", "due_in": "1d"},
                       {"action": "notify", "topic": "approval.approved"}]})");
  rule(R"({"name": "rejected-quote", "trigger": {"on": "changed", "entity": "approval", "field": "status",
                                                  "to": "rejected"},
           "actions": [{"action": "notify", "topic": "approval.rejected"}]})");
  auto a = ask();
  a = engine->approve(a.id, a.version, "sales-manager");
  EXPECT_TRUE(outbox().empty()) << "still pending";
  engine->approve(a.id, a.version, "finance");
  const auto tasks = engine->list(TaskQuery{.opportunity_id = quote.id}).items;
  ASSERT_EQ(tasks.size(), 1u) << "linked to the approved deal";
  EXPECT_EQ(tasks[0].owner, "alice") << "whoever asked";
  ASSERT_EQ(outbox().size(), 1u);
  EXPECT_EQ(outbox()[0].topic, "approval.approved");
  EXPECT_EQ(outbox()[0].to, "alice");

  auto b = ask("price list");
  engine->reject(b.id, b.version, "sales-manager", "no");
  EXPECT_EQ(outbox().back().topic, "approval.rejected");
}

TEST_P(ApprovalTest, AnApprovalNobodyDecidesIsEscalated) {
  rule(R"({"name": "escalate-approval", "trigger": {"on": "time", "entity": "approval", "field": "created_at",
                                                     "offset": "2d"},
           "when": {"field": "status", "op": "=", "value": "pending"},
           "actions": [{"action": "notify", "topic": "approval.escalated", "to": "sales-director"}]})");
  const auto forgotten = ask();
  auto decided = ask("price list");
  engine->reject(decided.id, decided.version, "sales-manager", "no");
  EXPECT_EQ(queued().size(), 1u) << "the decided one no longer waits";
  EXPECT_EQ(engine->run_due(test_start + hours(48)), (RunDueReport{.ran = 1}));
  ASSERT_EQ(outbox().size(), 1u);
  EXPECT_EQ(outbox()[0].record_id, forgotten.id);
  EXPECT_EQ(outbox()[0].to, "sales-director");
}

TEST_P(ApprovalTest, RulesCannotEditApprovalsOrApproveThem) {
  const auto refused = [&](const std::string& text) { return error_of([&] { engine->save_rule(text); }).message; };
  EXPECT_NE(refused(R"({"name": "x", "trigger": {"on": "created", "entity": "approval"},
                        "actions": [{"action": "set", "field": "status", "value": "approved"}]})")
                .find("approvals change only by approve and reject"),
            std::string::npos);
  EXPECT_NE(refused(R"({"name": "x", "trigger": {"on": "created", "entity": "approval"},
                        "actions": [{"action": "start_approval", "name": "n", "approvers": ["a"]}]})")
                .find("an approval cannot itself be approved"),
            std::string::npos);
  EXPECT_NE(refused(R"({"name": "x", "trigger": {"on": "created", "entity": "opportunity"},
                        "actions": [{"action": "start_approval", "name": "n", "approvers": []}]})")
                .find("actions[0].approvers"),
            std::string::npos);
  EXPECT_NE(refused(R"({"name": "x", "trigger": {"on": "created", "entity": "opportunity"},
                        "actions": [{"action": "start_approval", "name": "n", "approvers": ["a"],
                                     "lock": ["amout"]}]})")
                .find("actions[0].lock[0]: 'amout' is not a field of opportunity"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApprovalTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
