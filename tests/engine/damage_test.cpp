// SPDX-License-Identifier: Apache-2.0
// A damaged record (a body that no longer decodes) on each backend: reading
// it is Errc::corrupt naming it; listings carry the readable records and
// name the damaged ones, cursors move past them; check() finds every one;
// reports that need every record refuse rather than count without it.

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include <algorithm>

#include "crm/engine.hpp"
#include "crm/pipeline/reports.hpp"
#include "engine/record_keys.hpp"
#include "support/backends.hpp"
#include "support/errors.hpp"

namespace crm::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Bytes that are no MessagePack array: 0xc1 is the one byte MessagePack never uses.
const std::string garbage = "\xc1\xc1 not a record \xff";

class DamageTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto owned = GetParam().open(dir);
    store = owned.get();
    engine = std::make_unique<Engine>(std::move(owned), EngineOptions{.default_region = "GB"});
  }

  // Customers "Customer 000" .. with phones, in one transaction; their ids.
  std::vector<Id> add_customers(int n) {
    std::vector<Id> ids;
    auto tx = engine->transaction();
    for (int i = 0; i < n; ++i) {
      Customer c;
      const auto number = std::to_string(1000 + i).substr(1);
      c.display_name = "Customer " + number;
      c.phones = {"+44 20 7946 0" + number};
      ids.push_back(engine->create(std::move(c)).id);
    }
    tx.commit();
    return ids;
  }

  // Overwrites a record's body behind the engine's back, keeping its index
  // entries, as a bad sector or a stray write would.
  template <class T>
  void damage(const T& record) {
    auto write = detail::record_write(record);
    write.body = garbage;
    store->update(collection_of(record), record.id, record.version, write);
  }
  static std::string collection_of(const Customer&) { return "customer"; }
  static std::string collection_of(const Opportunity&) { return "opportunity"; }

  // Every id a listing gives, page after page; the damaged ones it names go to `damaged`.
  std::vector<Id> listed(CustomerQuery query, std::vector<Id>* damaged = nullptr) const {
    std::vector<Id> ids;
    for (int pages = 0; pages < 1000; ++pages) {
      auto page = engine->list(query);
      for (const auto& c : page.items) ids.push_back(c.id);
      if (damaged != nullptr) damaged->insert(damaged->end(), page.damaged.begin(), page.damaged.end());
      if (page.next_cursor.empty()) break;
      query.cursor = page.next_cursor;
    }
    return ids;
  }

  // A healthy engine holding one of most kinds of record the engine keeps.
  void add_one_of_each() {
    engine->save_rule(R"({"name": "welcome", "trigger": {"on": "created", "entity": "customer"},
                          "actions": [{"action": "create_task", "subject": "Say hello", "due_in": "1d"},
                                      {"action": "notify", "topic": "customer.new"}]})");
    Customer ada;
    ada.display_name = "Ada";
    ada.phones = {"020 7946 0999"};
    ada.emails = {"ada@example.com"};
    ada.external_id = "ERP-1";
    ada = engine->create(ada);
    Interaction sale;
    sale.customer_id = ada.id;
    sale.kind = InteractionKind::purchase;
    sale.amount = Money::of(1799, "GBP");
    engine->create(sale);
    Lead lead;
    lead.display_name = "Grace";
    lead.external_id = "L-1";
    engine->create(lead);
    Opportunity deal;
    deal.name = "Renewal";
    deal.stage = "Proposal";
    deal.external_id = "D-1";
    deal = engine->create(deal);
    engine->request_approval({.name = "discount", .entity = "opportunity", .record_id = deal.id,
                              .approvers = {"manager"}, .requested_by = "alice"});
  }

  TempDir dir;
  Store* store = nullptr;  // owned by engine
  std::unique_ptr<Engine> engine;
};

std::vector<Id> without(std::vector<Id> ids, Id gone) {
  ids.erase(std::remove(ids.begin(), ids.end(), gone), ids.end());
  return ids;
}

TEST_P(DamageTest, AListingLeavesOutADamagedCustomerAndKeepsTheOthers) {
  const auto ids = add_customers(300);
  damage(engine->get<Customer>(ids[149]));
  EXPECT_EQ(listed({.limit = 50}), without(ids, ids[149]));
  EXPECT_EQ(listed({.limit = 1000}), without(ids, ids[149]));
  // Through a sorted index too (names sort like the ids here).
  EXPECT_EQ(listed({.name_prefix = "customer", .limit = 50}), without(ids, ids[149]));
}

TEST_P(DamageTest, AListingNamesTheDamagedCustomerOnThePageThatHoldsIt) {
  const auto ids = add_customers(300);
  damage(engine->get<Customer>(ids[149]));
  auto first = engine->list(CustomerQuery{.limit = 100});
  EXPECT_EQ(first.items.size(), 100U);
  EXPECT_TRUE(first.damaged.empty());
  auto second = engine->list(CustomerQuery{.cursor = first.next_cursor, .limit = 100});
  EXPECT_EQ(second.items.size(), 99U);
  EXPECT_EQ(second.damaged, std::vector<Id>{ids[149]});
  std::vector<Id> damaged;
  listed({.name_prefix = "customer", .limit = 1000}, &damaged);
  EXPECT_EQ(damaged, std::vector<Id>{ids[149]});
  EXPECT_EQ(error_of([&] { require_whole(second); }).code, Errc::corrupt);
  require_whole(first);  // a page without damage passes
}

TEST_P(DamageTest, ABodyWithBytesAfterTheRecordIsDamaged) {
  const auto ids = add_customers(2);
  const auto ada = engine->get<Customer>(ids[0]);
  auto write = detail::record_write(ada);
  write.body += "\x01";
  store->update("customer", ada.id, ada.version, write);
  const auto failure = error_of([&] { (void)engine->get<Customer>(ids[0]); });
  EXPECT_EQ(failure.code, Errc::corrupt);
  EXPECT_TRUE(contains(failure.message, "1 bytes after the record")) << failure.message;
}

TEST_P(DamageTest, CursorsMovePastADamagedRecordAtEitherEndOfAPage) {
  const auto ids = add_customers(120);
  for (const std::size_t at : {0, 49, 50, 119}) damage(engine->get<Customer>(ids[at]));
  std::vector<Id> readable;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (i != 0 && i != 49 && i != 50 && i != 119) readable.push_back(ids[i]);
  std::vector<Id> damaged;
  EXPECT_EQ(listed({.limit = 50}, &damaged), readable);
  EXPECT_EQ(damaged, (std::vector<Id>{ids[0], ids[49], ids[50], ids[119]}));
  EXPECT_EQ(listed({.limit = 1}), readable);
  EXPECT_EQ(listed({.name_prefix = "cust", .limit = 50}), readable);
}

TEST_P(DamageTest, GettingADamagedRecordIsCorruptNamingIt) {
  const auto ids = add_customers(3);
  damage(engine->get<Customer>(ids[1]));
  for (const auto& failure : {error_of([&] { (void)engine->get<Customer>(ids[1]); }),
                              error_of([&] { (void)engine->find<Customer>(ids[1]); }),
                              error_of([&] { (void)engine->find_customer_by_phone("+44 20 7946 0001"); })}) {
    EXPECT_EQ(failure.code, Errc::corrupt) << failure.message;
    EXPECT_TRUE(contains(failure.message, "customer " + std::to_string(ids[1]) + ":")) << failure.message;
  }
  EXPECT_EQ(engine->get<Customer>(ids[0]).display_name, "Customer 000");
  EXPECT_EQ(engine->get<Customer>(ids[2]).display_name, "Customer 002");
}

TEST_P(DamageTest, AReportThatNeedsEveryDealRefusesNamingTheDamagedOne) {
  Opportunity deal;
  deal.name = "Fleet renewal";
  deal.stage = "Proposal";
  deal.amount = Money::of(100000, "GBP");
  const auto stored = engine->create(deal);
  deal.name = "Second deal";
  engine->create(deal);
  damage(stored);
  const auto failure = error_of([&] { forecast(*engine, {.currency = Currency::of("GBP")}); });
  EXPECT_EQ(failure.code, Errc::corrupt) << failure.message;
  EXPECT_TRUE(contains(failure.message, "opportunity " + std::to_string(stored.id))) << failure.message;
}

TEST_P(DamageTest, CheckOfAHealthyEngineFindsNothing) {
  add_one_of_each();
  add_customers(20);
  const auto report = engine->check();
  EXPECT_TRUE(report.ok()) << report.damaged.front().collection << " " << report.damaged.front().id << ": "
                           << report.damaged.front().problem;
  // Customers, the purchase and its statistics, the lead, the deal and its
  // history, the rule, its task and notification, the approval and more.
  EXPECT_GE(report.records, 30U);
}

TEST_P(DamageTest, CheckFindsExactlyTheDamagedRecord) {
  add_one_of_each();
  const auto ids = add_customers(300);
  damage(engine->get<Customer>(ids[201]));
  const auto report = engine->check();
  ASSERT_EQ(report.damaged.size(), 1U);
  EXPECT_EQ(report.damaged[0].collection, "customer");
  EXPECT_EQ(report.damaged[0].id, ids[201]);
  EXPECT_TRUE(contains(report.damaged[0].problem, "stored body is unreadable")) << report.damaged[0].problem;
  EXPECT_FALSE(report.ok());
}

TEST_P(DamageTest, CheckFindsAUniqueKeyThatNoLongerLeadsToItsRecord) {
  const auto ids = add_customers(3);
  // The record keeps its phone, but its index entry is gone: lookups miss it.
  const auto c = engine->get<Customer>(ids[1]);
  auto write = detail::record_write(c);
  write.unique_keys.clear();
  store->update("customer", c.id, c.version, write);
  const auto report = engine->check();
  ASSERT_EQ(report.damaged.size(), 1U);
  EXPECT_EQ(report.damaged[0].collection, "customer");
  EXPECT_EQ(report.damaged[0].id, ids[1]);
  EXPECT_EQ(report.damaged[0].problem, "customer.phone '+442079460001' leads to no record");
}

INSTANTIATE_TEST_SUITE_P(Backends, DamageTest, testing::ValuesIn(all_backends()), backend_name);

// The damage the issue names, made with SQL on the file itself.
TEST(SqliteDamageEngineTest, GarbageWrittenIntoARecordsBodyLeavesTheOtherCustomersListable) {
  TempDir dir;
  const auto path = dir / "crm.db";
  std::vector<Id> ids;
  {
    Engine engine(std::make_unique<SqliteStore>(path), {.default_region = "GB"});
    auto tx = engine.transaction();
    for (int i = 0; i < 300; ++i) {
      Customer c;
      c.display_name = "Customer " + std::to_string(i);
      ids.push_back(engine.create(std::move(c)).id);
    }
    tx.commit();
  }
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE records SET body = X'C1DEADBEEF' WHERE id = " + std::to_string(ids[7]));
  }
  Engine engine(std::make_unique<SqliteStore>(path), {.default_region = "GB"});
  std::vector<Id> listed;
  CustomerQuery query{.limit = 100};
  for (;;) {
    auto page = engine.list(query);
    for (const auto& c : page.items) listed.push_back(c.id);
    if (page.next_cursor.empty()) break;
    query.cursor = page.next_cursor;
  }
  EXPECT_EQ(listed, without(ids, ids[7]));
  const auto report = engine.check();
  ASSERT_EQ(report.damaged.size(), 1U);
  EXPECT_EQ(report.damaged[0].collection, "customer");
  EXPECT_EQ(report.damaged[0].id, ids[7]);
  const auto failure = error_of([&] { (void)engine.get<Customer>(ids[7]); });
  EXPECT_EQ(failure.code, Errc::corrupt);
  EXPECT_TRUE(contains(failure.message, "customer " + std::to_string(ids[7]) + ":")) << failure.message;
}

}  // namespace
}  // namespace crm::test
