// SPDX-License-Identifier: Apache-2.0
// The lead lifecycle: every pair of statuses, legal and illegal, on both backends.
#include <gtest/gtest.h>

#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

using enum LeadStatus;

class LeadLifecycleTest : public EngineTest {
 protected:
  // A stored lead in `status`; a converted one points at a real customer.
  Lead lead_in(LeadStatus status) {
    Lead l;
    l.display_name = "Grace Hopper";
    l.status = status == converted ? qualified : status;
    if (status == disqualified) l.status_reason = "no budget";
    l = engine->create(l);
    if (status == converted) l = engine->update(moved(l, converted));
    return l;
  }

  // `l` asking to move to `to`, carrying what that status requires.
  Lead moved(Lead l, LeadStatus to) {
    l.status = to;
    if (to == disqualified) l.status_reason = "no budget";
    if (to == converted && l.converted_customer_id == 0) l.converted_customer_id = engine->create(person("Grace")).id;
    return l;
  }
};

// Written out rather than derived from lead_transition_allowed, so a change
// to the rule shows up here.
constexpr LeadStatus all[] = {new_lead, working, qualified, disqualified, converted};
bool legal(LeadStatus from, LeadStatus to) {
  if (from == to) return true;
  return (from == new_lead && to == working) || (from == working && to == qualified) ||
         (from == working && to == disqualified) || (from == qualified && to == converted);
}

TEST_P(LeadLifecycleTest, EveryTransitionIsAllowedOrRefusedAsTheLifecycleSays) {
  for (const auto from : all) {
    for (const auto to : all) {
      SCOPED_TRACE(std::string(to_string(from)) + " -> " + std::string(to_string(to)));
      const Lead before = lead_in(from);
      const Lead request = moved(before, to);
      if (legal(from, to)) {
        EXPECT_EQ(engine->update(request).status, to);
      } else {
        const auto error = error_of([&] { engine->update(request); });
        EXPECT_EQ(error.code, Errc::conflict);
        EXPECT_NE(error.message.find("cannot go from " + std::string(to_string(from)) + " to " +
                                     std::string(to_string(to))),
                  std::string::npos)
            << error.message;
        EXPECT_EQ(engine->get<Lead>(before.id), before) << "a refused transition changes nothing";
      }
    }
  }
}

TEST_P(LeadLifecycleTest, DisqualifyingNeedsAReason) {
  Lead l = lead_in(working);
  l.status = disqualified;
  const auto error = error_of([&] { engine->update(l); });
  EXPECT_EQ(error.code, Errc::invalid_argument);
  EXPECT_NE(error.message.find("lead.status_reason: required"), std::string::npos) << error.message;
}

TEST_P(LeadLifecycleTest, OnlyConversionMakesALeadConverted) {
  Lead l;
  l.display_name = "Grace";
  l.status = converted;
  l.converted_customer_id = engine->create(person("Grace")).id;
  EXPECT_EQ(error_of([&] { engine->create(l); }).code, Errc::conflict);
  l.converted_customer_id = 0;
  l = lead_in(qualified);
  l.status = converted;  // without the customer it became
  EXPECT_EQ(error_of([&] { engine->update(l); }).code, Errc::invalid_argument);
  EXPECT_EQ(engine->get<Lead>(l.id).status, qualified);
}

TEST_P(LeadLifecycleTest, LeadsAreFoundByPhoneAndNamePrefix) {
  Lead a;
  a.display_name = "Grace Hopper";
  a.phone = "020 7946 0020";
  a = engine->create(a);
  Lead b;
  b.display_name = "grace kelly";
  b = engine->create(b);
  EXPECT_EQ(engine->list(LeadQuery{.phone = "+44 20 7946 0020"}).items.at(0).id, a.id);
  const auto graces = engine->list(LeadQuery{.name_prefix = "GRACE "}).items;
  ASSERT_EQ(graces.size(), 2U);
  EXPECT_EQ(graces[0].id, a.id);  // "grace hopper" sorts before "grace kelly"
  EXPECT_TRUE(engine->list(LeadQuery{.name_prefix = "kelly"}).items.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadLifecycleTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
