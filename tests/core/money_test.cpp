// SPDX-License-Identifier: Apache-2.0
#include "crm/money.hpp"

#include <gtest/gtest.h>

#include <compare>
#include <cstdint>
#include <limits>
#include <string>

#include "support/errors.hpp"

namespace crm {
namespace {

using test::error_of;

constexpr std::int64_t max_minor = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min_minor = std::numeric_limits<std::int64_t>::min();

Money eur(std::int64_t minor) { return Money::of(minor, "EUR"); }
Money usd(std::int64_t minor) { return Money::of(minor, "USD"); }

// --- Currency ---------------------------------------------------------------

TEST(CurrencyTest, AcceptsAnIsoCode) {
  EXPECT_EQ(Currency::of("EUR").code(), "EUR");
  EXPECT_EQ(Currency::of("JPY").code(), "JPY");
}

TEST(CurrencyTest, DefaultConstructedIsEmptyWithAnEmptyCode) {
  const Currency none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.code(), "");
  EXPECT_FALSE(Currency::of("EUR").empty());
}

TEST(CurrencyTest, EqualityFollowsTheCode) {
  EXPECT_EQ(Currency::of("EUR"), Currency::of("EUR"));
  EXPECT_NE(Currency::of("EUR"), Currency::of("USD"));
  EXPECT_NE(Currency::of("EUR"), Currency{});
}

TEST(CurrencyTest, RefusesALowerCaseCodeQuotingIt) {
  const auto failure = error_of([] { (void)Currency::of("eur"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "currency 'eur': not an ISO 4217 code");
}

TEST(CurrencyTest, RefusesAFourLetterCode) {
  const auto failure = error_of([] { (void)Currency::of("EURO"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "currency 'EURO': not an ISO 4217 code");
}

TEST(CurrencyTest, RefusesAnEmptyCode) {
  const auto failure = error_of([] { (void)Currency::of(""); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "currency '': not an ISO 4217 code");
}

TEST(CurrencyTest, RefusesAWellShapedCodeThatIsNoCurrency) {
  const auto failure = error_of([] { (void)Currency::of("ABC"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "currency 'ABC': not an ISO 4217 code");
}

TEST(CurrencyTest, RefusesATooShortCodeWithoutReadingPastIt) {
  const auto failure = error_of([] { (void)Currency::of("EU"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "currency 'EU': not an ISO 4217 code");
}

TEST(CurrencyTest, ReportsMinorDigitsPerCurrency) {
  EXPECT_EQ(Currency::of("EUR").minor_digits(), 2);
  EXPECT_EQ(Currency::of("JPY").minor_digits(), 0);
  EXPECT_EQ(Currency::of("KWD").minor_digits(), 3);
  EXPECT_EQ(Currency{}.minor_digits(), 0);
}

// --- Arithmetic -------------------------------------------------------------

TEST(MoneyTest, OfBuildsAnAmountInTheNamedCurrency) {
  const Money m = Money::of(1250, "EUR");
  EXPECT_EQ(m.minor, 1250);
  EXPECT_EQ(m.currency, Currency::of("EUR"));
}

TEST(MoneyTest, OfRefusesAnUnknownCurrency) {
  const auto failure = error_of([] { (void)Money::of(100, "XYZ"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "currency 'XYZ': not an ISO 4217 code");
}

TEST(MoneyTest, AddsAmountsOfOneCurrency) { EXPECT_EQ(eur(1250) + eur(75), eur(1325)); }

TEST(MoneyTest, SubtractsAmountsOfOneCurrency) { EXPECT_EQ(eur(1250) - eur(1300), eur(-50)); }

TEST(MoneyTest, NegatesAnAmount) {
  EXPECT_EQ(-eur(1250), eur(-1250));
  EXPECT_EQ(-eur(-5), eur(5));
}

TEST(MoneyTest, MultipliesByAFactor) {
  EXPECT_EQ(eur(250) * 3, eur(750));
  EXPECT_EQ(eur(250) * -2, eur(-500));
  EXPECT_EQ(eur(250) * 0, eur(0));
}

TEST(MoneyTest, EqualityNeedsTheSameCurrency) { EXPECT_NE(eur(100), usd(100)); }

TEST(MoneyTest, RefusesToAddMixedCurrencies) {
  const auto failure = error_of([] { (void)(eur(100) + usd(250)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: cannot add 1.00 EUR and 2.50 USD (different currencies)");
}

TEST(MoneyTest, RefusesToSubtractMixedCurrencies) {
  const auto failure = error_of([] { (void)(eur(100) - usd(100)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: cannot subtract 1.00 EUR and 1.00 USD (different currencies)");
}

TEST(MoneyTest, RefusesToAddAnAmountWithoutCurrencyToOneWithCurrency) {
  const auto failure = error_of([] { (void)(eur(100) + Money{100, Currency{}}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_NE(failure.message.find("different currencies"), std::string::npos) << failure.message;
}

TEST(MoneyTest, RefusesAdditionPastTheLargestAmount) {
  const auto failure = error_of([] { (void)(eur(max_minor) + eur(1)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: addition overflows 64-bit minor units");
}

TEST(MoneyTest, RefusesAdditionPastTheSmallestAmount) {
  const auto failure = error_of([] { (void)(eur(min_minor) + eur(-1)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: addition overflows 64-bit minor units");
}

TEST(MoneyTest, AddsUpToTheLargestAmountExactly) { EXPECT_EQ(eur(max_minor - 1) + eur(1), eur(max_minor)); }

TEST(MoneyTest, RefusesSubtractionPastTheSmallestAmount) {
  const auto failure = error_of([] { (void)(eur(min_minor) - eur(1)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: subtraction overflows 64-bit minor units");
}

TEST(MoneyTest, RefusesSubtractingTheSmallestAmountFromZero) {
  const auto failure = error_of([] { (void)(eur(0) - eur(min_minor)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: subtraction overflows 64-bit minor units");
}

TEST(MoneyTest, RefusesNegatingTheSmallestAmount) {
  const auto failure = error_of([] { (void)(-eur(min_minor)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: negation overflows 64-bit minor units");
}

TEST(MoneyTest, NegatesTheLargestAmount) { EXPECT_EQ(-eur(max_minor), eur(min_minor + 1)); }

TEST(MoneyTest, RefusesMultiplicationOverflow) {
  const auto failure = error_of([] { (void)(eur(max_minor / 2 + 1) * 2); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: multiplication overflows 64-bit minor units");
}

TEST(MoneyTest, RefusesMultiplyingTheSmallestAmountByMinusOne) {
  const auto failure = error_of([] { (void)(eur(min_minor) * -1); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: multiplication overflows 64-bit minor units");
}

TEST(MoneyTest, MultipliesUpToTheLargestAmountExactly) { EXPECT_EQ(eur(max_minor / 7) * 7, eur(max_minor / 7 * 7)); }

// --- Ordering ---------------------------------------------------------------

TEST(MoneyTest, CompareOrdersAmountsOfOneCurrency) {
  EXPECT_EQ(compare(eur(100), eur(250)), std::strong_ordering::less);
  EXPECT_EQ(compare(eur(250), eur(250)), std::strong_ordering::equal);
  EXPECT_EQ(compare(eur(250), eur(-250)), std::strong_ordering::greater);
  EXPECT_EQ(compare(eur(min_minor), eur(max_minor)), std::strong_ordering::less);
}

TEST(MoneyTest, RefusesToCompareMixedCurrencies) {
  const auto failure = error_of([] { (void)compare(eur(100), usd(100)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "money: cannot compare 1.00 EUR and 1.00 USD (different currencies)");
}

// --- Formatting -------------------------------------------------------------

TEST(MoneyTest, FormatsTwoMinorDigits) { EXPECT_EQ(to_string(eur(1250)), "12.50 EUR"); }

TEST(MoneyTest, FormatsASmallNegativeAmountWithLeadingZero) { EXPECT_EQ(to_string(eur(-5)), "-0.05 EUR"); }

TEST(MoneyTest, FormatsZero) { EXPECT_EQ(to_string(eur(0)), "0.00 EUR"); }

TEST(MoneyTest, FormatsACurrencyWithoutMinorUnitsWithoutDecimalPoint) {
  EXPECT_EQ(to_string(Money::of(1500, "JPY")), "1500 JPY");
  EXPECT_EQ(to_string(Money::of(-3, "JPY")), "-3 JPY");
}

TEST(MoneyTest, FormatsThreeMinorDigits) {
  EXPECT_EQ(to_string(Money::of(125, "KWD")), "0.125 KWD");
  EXPECT_EQ(to_string(Money::of(1000, "KWD")), "1.000 KWD");
}

TEST(MoneyTest, FormatsTheSmallestAmountWithoutOverflow) {
  EXPECT_EQ(to_string(eur(min_minor)), "-92233720368547758.08 EUR");
}

TEST(MoneyTest, FormatsTheLargestAmount) { EXPECT_EQ(to_string(eur(max_minor)), "92233720368547758.07 EUR"); }

TEST(MoneyTest, FormatsAnAmountWithoutCurrencyAsABareNumber) { EXPECT_EQ(to_string(Money{-42, Currency{}}), "-42"); }

// --- Parsing ----------------------------------------------------------------

TEST(ParseMoneyTest, ReadsMajorUnitsWithTheCurrencysDecimals) {
  EXPECT_EQ(parse_money("17.99", "GBP"), Money::of(1799, "GBP"));
  EXPECT_EQ(parse_money("1500", "JPY"), Money::of(1500, "JPY"));
  EXPECT_EQ(parse_money("0.125", "KWD"), Money::of(125, "KWD"));
}

TEST(ParseMoneyTest, PadsMissingDecimals) {
  EXPECT_EQ(parse_money("17", "EUR"), eur(1700));
  EXPECT_EQ(parse_money("17.5", "EUR"), eur(1750));
  EXPECT_EQ(parse_money("0.05", "EUR"), eur(5));
}

TEST(ParseMoneyTest, ReadsANegativeAmount) { EXPECT_EQ(parse_money("-3.20", "EUR"), eur(-320)); }

TEST(ParseMoneyTest, AcceptsExtraDecimalsThatAreZero) { EXPECT_EQ(parse_money("17.990", "EUR"), eur(1799)); }

TEST(ParseMoneyTest, RefusesMoreDecimalsThanTheCurrencyHasQuotingTheInput) {
  const auto failure = error_of([] { (void)parse_money("17.999", "GBP"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "amount '17.999': more than 2 decimals for GBP");
}

TEST(ParseMoneyTest, RefusesDecimalsForACurrencyWithoutMinorUnit) {
  const auto failure = error_of([] { (void)parse_money("100.5", "JPY"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "amount '100.5': JPY has no minor unit");
}

TEST(ParseMoneyTest, RefusesJunkQuotingIt) {
  for (const char* junk : {"12ab", "", "-", ".5", "17.", "1,000.00", "1e3", " 17", "+5", "1.2.3", "--1"}) {
    const auto failure = error_of([&] { (void)parse_money(junk, "EUR"); });
    EXPECT_EQ(failure.code, Errc::invalid_argument) << junk;
    EXPECT_EQ(failure.message, "amount '" + std::string(junk) +
                                   "': not a decimal number (expected digits with an optional '.', like 17.99)")
        << junk;
  }
}

TEST(ParseMoneyTest, ReadsTheExtremeAmountsExactly) {
  EXPECT_EQ(parse_money("92233720368547758.07", "EUR"), eur(max_minor));
  EXPECT_EQ(parse_money("-92233720368547758.08", "EUR"), eur(min_minor));
}

TEST(ParseMoneyTest, RefusesAnAmountPastTheLargest) {
  const auto failure = error_of([] { (void)parse_money("92233720368547758.08", "EUR"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "amount '92233720368547758.08': too large for 64-bit minor units");
}

TEST(ParseMoneyTest, RefusesAnAmountWithManyDigitsWithoutWrapping) {
  const auto failure = error_of([] { (void)parse_money("184467440737095516160", "JPY"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "amount '184467440737095516160': too large for 64-bit minor units");
}

TEST(ParseMoneyTest, RefusesAnUnknownCurrencyBeforeReadingTheAmount) {
  const auto failure = error_of([] { (void)parse_money("12ab", "gbp"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "currency 'gbp': not an ISO 4217 code");
}

}  // namespace
}  // namespace crm
