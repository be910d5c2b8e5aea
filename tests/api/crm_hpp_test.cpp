// SPDX-License-Identifier: Apache-2.0
// crm/crm.hpp is the whole C++ API: this file includes nothing else of crm
// and uses one thing from each part (engine and stores, model, workflow,
// sales pipeline, analytics, JSON, check, version). A part crm.hpp stopped
// including would fail to compile here.
#include "crm/crm.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

namespace {

TEST(CrmHppTest, OneIncludeReachesEveryPartOfTheApi) {
  crm::Engine engine(std::make_unique<crm::MemoryStore>(), crm::EngineOptions{.default_region = "GB"});

  // Workflow: a rule that tags every new customer.
  engine.save_rule(R"({"name": "welcome", "trigger": {"on": "created", "entity": "customer"},
                       "actions": [{"action": "add_tag", "tag": "welcomed"}]})");
  crm::Customer ada;
  ada.display_name = "Ada";
  ada.phones = {"020 7946 0018"};
  ada = engine.create(ada);
  const auto found = engine.find_customer_by_phone("+44 20 7946 0018");
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->tags.contains("welcomed"));

  // Analytics: a purchase reaches the population the reports read.
  engine.create(crm::Interaction{
      .customer_id = ada.id, .kind = crm::InteractionKind::purchase, .amount = crm::Money::of(1234, "GBP")});
  const auto population = crm::analytics::purchase_population(engine, "GBP");
  ASSERT_EQ(population.customers.size(), 1u);
  EXPECT_EQ(population.customers.front().total_minor, 1234);

  // Sales pipeline: a rule-based lead score.
  crm::Lead lead;
  lead.source = "Web form";
  crm::RuleScoring scoring;
  scoring.rules.push_back({.field = "source", .op = crm::RuleOp::equals, .value = "web form", .points = 30});
  EXPECT_EQ(crm::rule_score(lead, {}, scoring, engine.options().clock->now()).score, 30);

  // JSON, the integrity check and the version.
  EXPECT_EQ(crm::from_json<crm::Customer>(crm::to_json(*found)), *found);
  EXPECT_TRUE(engine.check().ok());
  EXPECT_FALSE(std::string(crm::version).empty());
}

// MemoryStore's snapshot calls (crm::snapshot) are declared there too.
TEST(CrmHppTest, AMemoryStoreSnapshotReloadsItsRecords) {
  const auto path = std::filesystem::temp_directory_path() / ("crm_hpp_test_" + std::to_string(::getpid()) + ".snap");
  auto store = std::make_unique<crm::MemoryStore>();
  const crm::MemoryStore& saved = *store;
  crm::Engine engine(std::move(store));
  crm::Customer ada;
  ada.display_name = "Ada";
  ada = engine.create(ada);
  saved.save_snapshot(path);

  crm::Engine reloaded(crm::MemoryStore::load_snapshot(path));
  std::filesystem::remove(path);
  EXPECT_EQ(reloaded.get<crm::Customer>(ada.id).display_name, "Ada");
  EXPECT_EQ(reloaded.count<crm::Customer>(), 1u);
}

}  // namespace
