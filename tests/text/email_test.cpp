// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>

#include "crm/normalize.hpp"
#include "support/errors.hpp"

namespace crm {
namespace {

using test::error_of;

TEST(EmailTest, TrimsAndLowerCases) {
  EXPECT_EQ(normalize_email("  Ada.Lovelace@Example.COM \t"), "ada.lovelace@example.com");
}

TEST(EmailTest, LowerCasesNonAsciiTheSameOnEveryMachine) {
  EXPECT_EQ(normalize_email("ÉLODIE@Exemple.FR"), "élodie@exemple.fr");
  EXPECT_EQ(normalize_email("İ@example.com"), "i̇@example.com");  // root locale, not Turkish
}

TEST(EmailTest, NormalisesToNfcSoDecomposedSpellingsMatch) {
  // "e" + combining acute accent is the same address as the precomposed "é".
  EXPECT_EQ(normalize_email("e\u0301lodie@exemple.fr"), normalize_email("\u00e9lodie@exemple.fr"));
}

void expect_refused(const std::string& input, const std::string& why) {
  const auto failure = error_of([&] { (void)normalize_email(input); });
  EXPECT_EQ(failure.code, Errc::invalid_argument) << input;
  EXPECT_NE(failure.message.find(why), std::string::npos) << input << " -> " << failure.message;
}

TEST(EmailTest, RefusesAddressesWithoutTheRightShape) {
  expect_refused("", "empty");
  expect_refused("   ", "empty");
  expect_refused("ada.example.com", "exactly one @");
  expect_refused("ada@@example.com", "exactly one @");
  expect_refused("a@b@example.com", "exactly one @");
  expect_refused("@example.com", "nothing before the @");
  expect_refused("ada@", "the domain must look like example.com");
  expect_refused("ada@localhost", "the domain must look like example.com");
  expect_refused("ada@.com", "the domain must look like example.com");
  expect_refused("ada@example.", "the domain must look like example.com");
  expect_refused("ada@example..com", "the domain must look like example.com");
  expect_refused("ada@-example.com", "the domain must look like example.com");
}

TEST(EmailTest, RefusesSpacesControlCharactersAndHeaderSyntax) {
  expect_refused("ada lovelace@example.com", "contains spaces");
  expect_refused("ada@exam\nple.com", "contains spaces");
  expect_refused("Ada <ada@example.com>", "contains spaces");
  expect_refused("ada@example.com,bob@example.com", "contains spaces");
  expect_refused(std::string("ada\0@example.com", 16), "contains spaces");
  expect_refused("ada\xc2\x85@example.com", "contains spaces, control characters");  // C1: NEL
  expect_refused("ada@exam\xc2\x9b" "ple.com", "contains spaces, control characters");  // C1: CSI
}

TEST(EmailTest, RefusesInvalidUtf8QuotingItSafely) {
  const auto failure = error_of([] { (void)normalize_email("ad\xff@example.com"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "e-mail 'ad\\xff@example.com': invalid UTF-8");
}

TEST(EmailTest, RefusesAnOverlongAddress) {
  expect_refused(std::string(300, 'a') + "@example.com", "longer than");
  expect_refused(std::string(100'000, 'a'), "longer than");
}

}  // namespace
}  // namespace crm
