// SPDX-License-Identifier: Apache-2.0
#pragma once
// Money is an integer count of a currency's minor unit (cents, pence, yen)
// plus its ISO 4217 code. Never floating point. Arithmetic refuses to mix
// currencies and to overflow; both throw crm::Error(Errc::invalid_argument).

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace crm {

class Currency {
 public:
  // An empty currency; Money with it is invalid and refused on write.
  constexpr Currency() = default;

  // Parses an ISO 4217 code ("EUR"). Throws Errc::invalid_argument for
  // anything that is not a currency ICU knows, naming the value.
  static Currency of(std::string_view code);

  std::string_view code() const noexcept { return {code_.data(), empty() ? 0U : 3U}; }
  const char* c_str() const noexcept { return code_.data(); }  // NUL-terminated, for C callers
  bool empty() const noexcept { return code_[0] == '\0'; }

  // Digits after the decimal point in the usual notation: 2 for EUR, 0 for JPY.
  int minor_digits() const;

  friend bool operator==(const Currency&, const Currency&) = default;

 private:
  std::array<char, 4> code_{};
};

struct Money {
  std::int64_t minor = 0;  // amount in minor units; negative is allowed (refunds, balances)
  Currency currency{};

  static Money of(std::int64_t minor, std::string_view currency_code) {
    return Money{minor, Currency::of(currency_code)};
  }

  friend bool operator==(const Money&, const Money&) = default;
};

// Both operands must share a currency; results must fit in int64.
Money operator+(const Money& a, const Money& b);
Money operator-(const Money& a, const Money& b);
Money operator-(const Money& a);
Money operator*(const Money& a, std::int64_t factor);
// Orders amounts of one currency; throws for different currencies.
std::strong_ordering compare(const Money& a, const Money& b);

// "12.50 EUR", "-3 JPY": for display, not for parsing.
std::string to_string(const Money& m);

// Reads an amount typed in major units ("17.99", "-3", "0.5") in the named
// currency: parse_money("17.99", "GBP") is 1799 minor units. Accepts an
// optional '-' then digits with at most one '.' between digits; extra
// decimals are accepted only when zero ("17.990"), so nothing is rounded.
// Throws Errc::invalid_argument quoting the input for an unknown currency,
// anything else (spaces, "1,000", "1e3"), more decimals than the currency
// has, or an amount outside 64-bit minor units.
Money parse_money(std::string_view amount, std::string_view currency_code);

}  // namespace crm
