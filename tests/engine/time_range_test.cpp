// SPDX-License-Identifier: Apache-2.0
// Every time a host hands the engine lies in the supported range of a
// Timestamp, 0001-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z (time.hpp).
// Outside it a write is refused with Errc::invalid_argument naming the field,
// and nothing is stored: whether the time comes in a record, in its JSON, in
// an imported deal's history or from the engine's clock.

#include <gmock/gmock.h>

#include <functional>
#include <limits>

#include "crm/json.hpp"
#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

using testing::HasSubstr;

// The ends of the range and times beyond them, spelt out in milliseconds.
constexpr Timestamp last_supported = from_millis(253'402'300'799'999);  // 9999-12-31T23:59:59.999Z
constexpr Timestamp year_10000 = from_millis(253'402'300'800'000);      // one ms after it
constexpr Timestamp year_0 = from_millis(-62'135'596'800'001);          // one ms before 0001-01-01
constexpr Timestamp year_81000 = from_millis(2'493'945'936'000'000);    // 81000-01-01
constexpr Timestamp largest = from_millis(std::numeric_limits<std::int64_t>::max());

using TimeRangeTest = EngineTest;

// One time field spoilt on an otherwise valid record; `field` must be named.
struct BadTime {
  const char* what;
  std::function<void(Engine&, Id customer)> write;
  const char* field;
};

Customer spoilt_customer(std::function<void(Customer&)> spoil) {
  Customer c;
  c.display_name = "Ada";
  spoil(c);
  return c;
}

Interaction a_purchase(Id customer, Timestamp at) {
  Interaction i;
  i.customer_id = customer;
  i.kind = InteractionKind::purchase;
  i.amount = Money::of(1799, "EUR");
  i.occurred_at = at;
  return i;
}

Opportunity a_deal(Id customer) {
  Opportunity o;
  o.name = "200 tills";
  o.customer_id = customer;
  o.stage = "Proposal";
  return o;
}

Lead a_lead() {
  Lead l;
  l.display_name = "Grace";
  return l;
}

Task a_task() {
  Task t;
  t.subject = "Call Ada";
  return t;
}

const std::vector<BadTime>& bad_times() {
  static const std::vector<BadTime> cases{
      {"a purchase in the year 81,000", [](Engine& e, Id c) { e.create(a_purchase(c, year_81000)); },
       "interaction.occurred_at"},
      {"a purchase before the year 1", [](Engine& e, Id c) { e.create(a_purchase(c, year_0)); },
       "interaction.occurred_at"},
      {"an interaction attribute",
       [](Engine& e, Id c) {
         auto i = a_purchase(c, {});
         i.attributes["delivered"] = largest;
         e.create(i);
       },
       "interaction.attributes.delivered"},
      {"a consent time",
       [](Engine& e, Id) {
         e.create(spoilt_customer([](Customer& c) { c.consents[ConsentChannel::email] = {.granted = true, .at = largest}; }));
       },
       "customer.consents.email.at"},
      {"a customer attribute",
       [](Engine& e, Id) { e.create(spoilt_customer([](Customer& c) { c.attributes["vip_since"] = year_10000; })); },
       "customer.attributes.vip_since"},
      {"a lead's assigned_at",
       [](Engine& e, Id) {
         auto l = a_lead();
         l.assigned_at = year_10000;
         e.create(l);
       },
       "lead.assigned_at"},
      {"a lead attribute",
       [](Engine& e, Id) {
         auto l = a_lead();
         l.attributes["met"] = year_0;
         e.create(l);
       },
       "lead.attributes.met"},
      {"a deal's expected close",
       [](Engine& e, Id c) {
         auto o = a_deal(c);
         o.expected_close = largest;
         e.create(o);
       },
       "opportunity.expected_close"},
      {"a won deal's closed_at",
       [](Engine& e, Id c) {
         auto o = a_deal(c);
         o.status = DealStatus::won;
         o.closed_at = year_10000;
         e.create(o);
       },
       "opportunity.closed_at"},
      {"a deal attribute",
       [](Engine& e, Id c) {
         auto o = a_deal(c);
         o.attributes["signed"] = year_81000;
         e.create(o);
       },
       "opportunity.attributes.signed"},
      {"a task due at the largest timestamp",
       [](Engine& e, Id) {
         auto t = a_task();
         t.due_at = largest;
         e.create(t);
       },
       "task.due_at"},
      {"a task's reminder",
       [](Engine& e, Id) {
         auto t = a_task();
         t.remind_at = year_0;
         e.create(t);
       },
       "task.remind_at"},
      {"a done task's completed_at",
       [](Engine& e, Id) {
         auto t = a_task();
         t.status = TaskStatus::done;
         t.completed_at = year_10000;
         e.create(t);
       },
       "task.completed_at"},
  };
  return cases;
}

TEST_P(TimeRangeTest, EveryTimeFieldOfEveryRecordIsRefusedOutsideTheRangeAndNothingIsStored) {
  const Id ada = engine->create(person("Ada")).id;
  for (const auto& c : bad_times()) {
    const auto failure = error_of([&] { c.write(*engine, ada); });
    EXPECT_EQ(failure.code, Errc::invalid_argument) << c.what;
    EXPECT_THAT(failure.message, HasSubstr(std::string(c.field) + ": ")) << c.what;
    EXPECT_THAT(failure.message, HasSubstr("outside the supported range")) << c.what;
  }
  EXPECT_EQ(engine->list(CustomerQuery{}).items.size(), 1u);
  EXPECT_TRUE(engine->list(InteractionQuery{.customer_id = ada}).items.empty());
  EXPECT_TRUE(engine->list(TaskQuery{}).items.empty());
  EXPECT_TRUE(engine->list(LeadQuery{}).items.empty());
}

TEST_P(TimeRangeTest, AnUpdateToATimeOutsideTheRangeIsRefusedAndTheRecordStaysAsItWas) {
  auto t = a_task();
  t.due_at = last_supported;  // the last supported millisecond is fine
  const Task stored = engine->create(t);
  EXPECT_EQ(stored.due_at, last_supported);
  Task later = stored;
  later.due_at = year_10000;
  const auto failure = error_of([&] { engine->update(later); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("task.due_at: 253402300800000 ms since the epoch is outside"));
  EXPECT_EQ(engine->find<Task>(stored.id)->version, stored.version);
  EXPECT_EQ(engine->find<Task>(stored.id)->due_at, last_supported);
}

TEST_P(TimeRangeTest, AnImportedDealWhoseHistoryLeavesTheRangeIsRefused) {
  const Id ada = engine->create(person("Ada")).id;
  const std::vector<StageStep> steps{{.stage = "Qualification", .status = DealStatus::open, .at = test_start},
                                     {.stage = "Proposal", .status = DealStatus::won, .at = largest}};
  const auto failure = error_of([&] { engine->import_opportunity(a_deal(ada), steps); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("import steps[1].at: 9223372036854775807 ms since the epoch is outside"));
  EXPECT_TRUE(engine->list(OpportunityQuery{}).items.empty());
}

// A host's clock that has gone wrong: the engine stamps nothing with it.
class BrokenClock final : public Clock {
 public:
  Timestamp now() const override { return largest; }
};

TEST_P(TimeRangeTest, AClockReadingOutsideTheRangeIsRefusedNotStamped) {
  const TempDir other;
  Engine broken(GetParam().open(other), EngineOptions{.default_region = "GB", .clock = std::make_shared<BrokenClock>()});
  const auto failure = error_of([&] { broken.create(person("Ada")); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("clock: 9223372036854775807 ms since the epoch is outside the supported range"));
  EXPECT_TRUE(broken.list(CustomerQuery{}).items.empty());
}

TEST_P(TimeRangeTest, RunDueRefusesANowOutsideTheRange) {
  const auto failure = error_of([&] { engine->run_due(largest); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("run_due now: 9223372036854775807 ms since the epoch is outside"));
}

// --- JSON: the door the C API, Python and the tool come in by ---------------

TEST(TimeRangeJsonTest, ARecordTimeOutsideTheRangeIsRefusedNamingItsField) {
  const auto task = error_of([] { (void)from_json<Task>(R"({"subject": "x", "due_at": 9223372036854775807})"); });
  EXPECT_EQ(task.code, Errc::invalid_argument);
  EXPECT_THAT(task.message, HasSubstr("field 'due_at': 9223372036854775807 ms since the epoch is outside the supported "
                                      "range 0001-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z"));
  const auto purchase = error_of([] {
    (void)from_json<Interaction>(R"({"customer_id": 1, "kind": "purchase", "occurred_at": 2493945936000000})");
  });
  EXPECT_THAT(purchase.message, HasSubstr("field 'occurred_at': 2493945936000000 ms since the epoch is outside"));
  const auto attribute = error_of([] {
    (void)from_json<Customer>(R"({"display_name": "Ada", "attributes": {"vip_since": {"timestamp": -62135596800001}}})");
  });
  EXPECT_THAT(attribute.message, HasSubstr("field 'attributes.vip_since.timestamp': -62135596800001 ms since the epoch"));
}

TEST(TimeRangeJsonTest, BothEndsOfTheRangeAreRead) {
  const auto early = from_json<Task>(R"({"subject": "x", "remind_at": -62135596800000, "due_at": 253402300799999})");
  EXPECT_EQ(early.remind_at, from_millis(-62'135'596'800'000));
  EXPECT_EQ(early.due_at, last_supported);
}

INSTANTIATE_TEST_SUITE_P(Backends, TimeRangeTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
