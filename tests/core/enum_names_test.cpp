// SPDX-License-Identifier: Apache-2.0
#include "crm/enum_names.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/opportunity.hpp"
#include "support/errors.hpp"

namespace crm {
namespace {

using test::error_of;

// Every spelling must parse back to its own value, for every enum, so a
// record written as JSON or typed on the command line reads back the same.
template <class E>
void expect_round_trip() {
  for (const auto& [value, name] : EnumNames<E>::names) {
    EXPECT_EQ(to_string(value), name);
    EXPECT_EQ(parse_enum<E>(name), value) << name;
    EXPECT_TRUE(is_known(value)) << name;
  }
}

TEST(EnumNamesTest, EverySpellingRoundTrips) {
  expect_round_trip<PartyKind>();
  expect_round_trip<LifecycleStage>();
  expect_round_trip<ConsentChannel>();
  expect_round_trip<Channel>();
  expect_round_trip<Direction>();
  expect_round_trip<InteractionKind>();
  expect_round_trip<LeadStatus>();
  expect_round_trip<DealStatus>();
}

TEST(EnumNamesTest, SpellingsAreTheDocumentedOnes) {
  EXPECT_EQ(to_string(Channel::in_person), "in-person");
  EXPECT_EQ(to_string(LifecycleStage::new_customer), "new");
  EXPECT_EQ(to_string(LifecycleStage::at_risk), "at-risk");
  EXPECT_EQ(parse_enum<Channel>("pos"), Channel::pos);
}

TEST(EnumNamesTest, AValueOutsideTheEnumIsUnknownAndPrintsAsQuestionMark) {
  const auto bad = static_cast<Channel>(200);
  EXPECT_FALSE(is_known(bad));
  EXPECT_EQ(to_string(bad), "?");
}

TEST(EnumNamesTest, ParsingAnUnknownSpellingListsTheAcceptedOnes) {
  const auto failure = error_of([] { (void)parse_enum<Direction>("sideways"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "unknown direction 'sideways' (expected one of: inbound, outbound, internal)");
}

TEST(EnumNamesTest, AnUnknownSpellingIsQuotedSafelyInTheMessage) {
  const auto failure = error_of([] { (void)parse_enum<Direction>(std::string(2'000'000, 'x') + "\x1b"); });
  EXPECT_EQ(failure.message, "unknown direction '" + std::string(64, 'x') +
                                 "…' (expected one of: inbound, outbound, internal)");
  EXPECT_EQ(error_of([] { (void)parse_enum<Direction>("up\x07"); }).message,
            "unknown direction 'up\\x07' (expected one of: inbound, outbound, internal)");
}

TEST(EnumNamesTest, ParsingIsCaseSensitiveAndExact) {
  EXPECT_EQ(error_of([] { (void)parse_enum<Channel>("Phone"); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([] { (void)parse_enum<Channel>("phone "); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([] { (void)parse_enum<Channel>(""); }).code, Errc::invalid_argument);
}

}  // namespace
}  // namespace crm
