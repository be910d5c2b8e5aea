// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>

#include "crm/normalize.hpp"
#include "support/errors.hpp"

namespace crm {
namespace {

using test::error_of;

TEST(PhoneTest, OneLondonNumberWrittenThreeWaysIsOneE164Number) {
  EXPECT_EQ(normalize_phone("020 7946 0018", "GB"), "+442079460018");
  EXPECT_EQ(normalize_phone("+44 20 7946 0018", "GB"), "+442079460018");
  EXPECT_EQ(normalize_phone("0044 20 7946 0018", "GB"), "+442079460018");
  EXPECT_EQ(normalize_phone("(020) 7946-0018", "GB"), "+442079460018");
}

TEST(PhoneTest, AnInternationalNumberIgnoresTheDefaultRegion) {
  EXPECT_EQ(normalize_phone("+86 138 0013 8000", "GB"), "+8613800138000");
  EXPECT_EQ(normalize_phone("+86 138 0013 8000", "US"), "+8613800138000");
}

TEST(PhoneTest, ANationalNumberIsReadInTheDefaultRegion) {
  EXPECT_EQ(normalize_phone("(415) 555-2671", "US"), "+14155552671");
  EXPECT_EQ(normalize_phone("138 0013 8000", "CN"), "+8613800138000");
}

TEST(PhoneTest, RefusesLettersInsteadOfReadingThemAsKeypadDigits) {
  const auto failure = error_of([] { (void)normalize_phone("1-800-FLOWERS", "US"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message,
            "phone '1-800-FLOWERS': not a number (only digits, spaces and + - ( ) . / allowed)");
}

TEST(PhoneTest, RefusesEmptyAndDigitlessInput) {
  EXPECT_EQ(error_of([] { (void)normalize_phone("", "GB"); }).message, "phone '': not a number");
  EXPECT_EQ(error_of([] { (void)normalize_phone(" - ", "GB"); }).message, "phone ' - ': not a number");
}

TEST(PhoneTest, RefusesANumberThatIsNotValidInItsRegion) {
  // A US-shaped number read as British has the right length but no real range.
  const auto failure = error_of([] { (void)normalize_phone("(415) 555-2671", "GB"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "phone '(415) 555-2671': not a valid number (read in region GB)");
}

TEST(PhoneTest, PossibleCheckAcceptsPlausibleLengthsThatValidRefuses) {
  EXPECT_EQ(normalize_phone("(415) 555-2671", "GB", PhoneCheck::possible), "+444155552671");
  const auto failure = error_of([] { (void)normalize_phone("12", "GB", PhoneCheck::possible); });
  EXPECT_EQ(failure.message, "phone '12': not a possible number (read in region GB)");
}

// Found by the normalize fuzz target: E.164 with leading zeros that the
// country's numbers do not keep read back as another number.
TEST(PhoneTest, RefusesLeadingZerosThatWouldReadBackAsAnotherNumber) {
  const auto failure = error_of([] { (void)normalize_phone("0009138 20", "DE", PhoneCheck::possible); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message,
            "phone '0009138 20': leading zeros that numbers of this country do not have (read in region DE)");
}

// Found by the normalize fuzz target: libphonenumber strips one national
// prefix per parse, so the first E.164 string of "+52 01 1 …" still holds
// Mexico's old mobile "1" and reads back shorter. The key is the number
// that reads back as itself, the one the plain form gives.
TEST(PhoneTest, APrefixLeftInTheFirstReadingIsStrippedUntilTheNumberReadsAsItself) {
  EXPECT_EQ(normalize_phone("+52 01 1 981 003 2471", "GB"), "+529810032471");
  EXPECT_EQ(normalize_phone("+52 981 003 2471", "GB"), "+529810032471");
  EXPECT_EQ(normalize_phone("+529810032471", "GB"), "+529810032471");
}

TEST(PhoneTest, RefusesANumberWhoseE164FormReadsBackAsNoValidNumber) {
  const auto failure = error_of([] { (void)normalize_phone("+375 88 105409100", "DE"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "phone '+375 88 105409100': its E.164 form +3758105409100 reads back as no valid number");
}

TEST(PhoneTest, KeepsTheLeadingZeroOfItalianNumbers) {
  EXPECT_EQ(normalize_phone("06 6982 0000", "IT"), "+390669820000");
  EXPECT_EQ(normalize_phone("+390669820000", "GB"), "+390669820000");
}

TEST(PhoneTest, RefusesAnOverlongInputWithoutParsingIt) {
  const std::string huge(10'000, '1');
  const auto failure = error_of([&] { (void)normalize_phone(huge, "GB"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_NE(failure.message.find("longer than"), std::string::npos) << failure.message;
  EXPECT_LT(failure.message.size(), 200u) << "the message quotes a cut value";
}

TEST(PhoneTest, ANationalNumberNeedsAKnownRegion) {
  const auto failure = error_of([] { (void)normalize_phone("020 7946 0018", "ZZ"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "phone '020 7946 0018': not a number in region ZZ");
}

TEST(PhoneTest, KnowsWhichRegionsAreSupported) {
  EXPECT_TRUE(is_supported_region("GB"));
  EXPECT_TRUE(is_supported_region("CN"));
  EXPECT_TRUE(is_supported_region("US"));
  EXPECT_FALSE(is_supported_region("ZZ"));
  EXPECT_FALSE(is_supported_region("gb"));
  EXPECT_FALSE(is_supported_region(""));
}

}  // namespace
}  // namespace crm
