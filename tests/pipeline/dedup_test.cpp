// SPDX-License-Identifier: Apache-2.0
// Duplicate detection over an engine: exact and fuzzy, on create and on demand.
#include <gtest/gtest.h>

#include "crm/pipeline/dedup.hpp"
#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

class DedupTest : public EngineTest {
 protected:
  static Lead lead(std::string given, std::string family, std::string company = {}, std::string email = {}) {
    Lead l;
    l.given_name = std::move(given);
    l.family_name = std::move(family);
    l.company = std::move(company);
    l.email = std::move(email);
    return l;
  }
};

TEST_P(DedupTest, AnExactEmailMatchesLeadsAndCustomersWhateverTheCase) {
  const auto stored = engine->create(lead("Grace", "Hopper", "", "grace@navylabs.example"));
  Customer c = person("Someone Else");
  c.emails = {"grace@navylabs.example"};
  c = engine->create(c);
  const auto found = find_duplicates(*engine, lead("X", "Y", "", " GRACE@NavyLabs.example"));
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].kind, RecordKind::lead);
  EXPECT_EQ(found[0].id, stored.id);
  EXPECT_EQ(found[0].match.score, 1.0);
  EXPECT_EQ(found[0].match.reasons.at(0).field, MatchField::email);
  EXPECT_EQ(found[1].kind, RecordKind::customer);
  EXPECT_EQ(found[1].id, c.id);
}

TEST_P(DedupTest, AnyPhoneSpellingMatchesExactly) {
  Lead stored = lead("Grace", "Hopper");
  stored.phone = "020 7946 0020";
  stored = engine->create(stored);
  Lead probe = lead("Someone", "Else");
  probe.phone = "+44 20 7946 0020";
  const auto found = find_duplicates(*engine, probe);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].id, stored.id);
  EXPECT_EQ(found[0].match.reasons.at(0).field, MatchField::phone);
}

TEST_P(DedupTest, AnInitialAndAnotherCaseMatchFuzzily) {
  const auto stored = engine->create(lead("John", "Smith", "Acme"));
  const auto found = find_duplicates(*engine, lead("J.", "SMITH", "ACME"));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].id, stored.id);
  ASSERT_FALSE(found[0].match.reasons.empty());
  EXPECT_EQ(found[0].match.reasons[0].method, MatchMethod::initials);
  EXPECT_TRUE(find_duplicates(*engine, lead("Jane", "Smith", "Acme")).empty());
}

TEST_P(DedupTest, MultilingualNamesMatchOnlyTheirOwn) {
  const auto wang = engine->create(lead("小明", "王", "华为"));
  const auto mueller = engine->create(lead("Jürgen", "Müller", "Siemens"));
  const auto petrov = engine->create(lead("Иван", "Петров", "Газпром"));
  EXPECT_EQ(find_duplicates(*engine, lead("小明", "王", "华为")).at(0).id, wang.id);
  EXPECT_TRUE(find_duplicates(*engine, lead("小明", "李", "华为")).empty()) << "another family name";
  EXPECT_EQ(find_duplicates(*engine, lead("JÜRGEN", "MÜLLER", "siemens")).at(0).id, mueller.id);
  EXPECT_EQ(find_duplicates(*engine, lead("И.", "Петров", "Газпром")).at(0).id, petrov.id);
}

TEST_P(DedupTest, ALeadIsNotItsOwnDuplicate) {
  const auto stored = engine->create(lead("Grace", "Hopper", "", "grace@navylabs.example"));
  EXPECT_TRUE(find_duplicates(*engine, stored).empty());
}

TEST_P(DedupTest, RefuseStoresNothingWarnStoresAndReportsAllowDoesNotLook) {
  const auto stored = engine->create(lead("Grace", "Hopper", "", "grace@navylabs.example"));
  const auto twin = lead("Grace", "Hopper", "", "grace@navylabs.example");
  const auto error = error_of([&] { create_lead(*engine, twin, DuplicatePolicy::refuse); });
  EXPECT_EQ(error.code, Errc::already_exists);
  EXPECT_NE(error.message.find("lead " + std::to_string(stored.id) + " 'Grace Hopper'"), std::string::npos)
      << error.message;
  EXPECT_EQ(engine->count<Lead>(), 1U);

  const auto warned = create_lead(*engine, twin, DuplicatePolicy::warn);
  EXPECT_NE(warned.lead.id, 0);
  ASSERT_EQ(warned.duplicates.size(), 1U);
  EXPECT_EQ(warned.duplicates[0].id, stored.id);

  const auto allowed = create_lead(*engine, twin, DuplicatePolicy::allow);
  EXPECT_TRUE(allowed.duplicates.empty());
  EXPECT_EQ(engine->count<Lead>(), 3U);
}

TEST_P(DedupTest, ACleanLeadIsCreatedUnderRefuse) {
  engine->create(lead("Grace", "Hopper"));
  EXPECT_NE(create_lead(*engine, lead("Alan", "Turing"), DuplicatePolicy::refuse).lead.id, 0);
}

TEST_P(DedupTest, TheScanFindsDuplicatesAlreadyStoredOncePerPair) {
  const auto a = engine->create(lead("John", "Smith", "Acme"));
  const auto b = engine->create(lead("J.", "Smith", "Acme"));
  engine->create(lead("Alan", "Turing", "Bletchley"));
  Customer c = person("Alan Turing");
  c.given_name = "Alan";
  c.family_name = "Turing";
  c = engine->create(c);
  std::vector<std::size_t> progress;
  const auto pairs = scan_duplicates(*engine, MatchRules::defaults(), [&](std::size_t n) { progress.push_back(n); });
  ASSERT_EQ(pairs.size(), 2U);
  EXPECT_EQ(pairs[0].lead_id, a.id);
  EXPECT_EQ(pairs[0].duplicate.id, b.id);
  EXPECT_EQ(pairs[1].duplicate.kind, RecordKind::customer);
  EXPECT_EQ(pairs[1].duplicate.id, c.id);
  EXPECT_EQ(progress, std::vector<std::size_t>{3});
}

TEST_P(DedupTest, OnlyTheFieldsTheRulesNameAreCompared) {
  engine->create(lead("Grace", "Hopper", "", "grace@navylabs.example"));
  MatchRules names_only{.rules = {{MatchField::person_name, MatchMethod::initials, 0.9, 1.0}}};
  EXPECT_TRUE(find_duplicates(*engine, lead("Alan", "Turing", "", "grace@navylabs.example"), names_only).empty());
  MatchRules bad{.rules = {{MatchField::email, MatchMethod::exact, 1.5, 1.0}}};
  EXPECT_EQ(error_of([&] { find_duplicates(*engine, lead("A", "B"), bad); }).code, Errc::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Backends, DedupTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
