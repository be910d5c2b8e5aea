// SPDX-License-Identifier: Apache-2.0
#include "crm/money.hpp"

#include <unicode/ucurr.h>

#include <algorithm>
#include <cctype>

#include "crm/error.hpp"
#include "text/quote.hpp"

namespace crm {

namespace {

// ICU wants the code as UTF-16 with a terminator.
std::array<UChar, 4> utf16(std::string_view code) {
  return {static_cast<UChar>(code[0]), static_cast<UChar>(code[1]), static_cast<UChar>(code[2]), 0};
}

void require_same_currency(const Money& a, const Money& b, const char* operation) {
  if (a.currency != b.currency)
    throw Error(Errc::invalid_argument, std::string("money: cannot ") + operation + " " + to_string(a) + " and " +
                                            to_string(b) + " (different currencies)");
}

[[noreturn]] void overflow(const char* operation) {
  throw Error(Errc::invalid_argument, std::string("money: ") + operation + " overflows 64-bit minor units");
}

}  // namespace

Currency Currency::of(std::string_view code) {
  const bool shape = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  UErrorCode status = U_ZERO_ERROR;
  if (!shape || !ucurr_isAvailable(utf16(code).data(), U_DATE_MIN, U_DATE_MAX, &status) || U_FAILURE(status))
    throw Error(Errc::invalid_argument, "currency " + detail::quote(code) + ": not an ISO 4217 code");
  Currency c;
  std::copy(code.begin(), code.end(), c.code_.begin());
  return c;
}

int Currency::minor_digits() const {
  if (empty()) return 0;
  UErrorCode status = U_ZERO_ERROR;
  const int digits = ucurr_getDefaultFractionDigits(utf16(code()).data(), &status);
  return U_FAILURE(status) ? 2 : digits;
}

Money operator+(const Money& a, const Money& b) {
  require_same_currency(a, b, "add");
  Money out{0, a.currency};
  if (__builtin_add_overflow(a.minor, b.minor, &out.minor)) overflow("addition");
  return out;
}

Money operator-(const Money& a, const Money& b) {
  require_same_currency(a, b, "subtract");
  Money out{0, a.currency};
  if (__builtin_sub_overflow(a.minor, b.minor, &out.minor)) overflow("subtraction");
  return out;
}

Money operator-(const Money& a) {
  Money out{0, a.currency};
  if (__builtin_sub_overflow(std::int64_t{0}, a.minor, &out.minor)) overflow("negation");
  return out;
}

Money operator*(const Money& a, std::int64_t factor) {
  Money out{0, a.currency};
  if (__builtin_mul_overflow(a.minor, factor, &out.minor)) overflow("multiplication");
  return out;
}

std::strong_ordering compare(const Money& a, const Money& b) {
  require_same_currency(a, b, "compare");
  return a.minor <=> b.minor;
}

std::string to_string(const Money& m) {
  const int digits = m.currency.minor_digits();
  const bool negative = m.minor < 0;
  // Work in unsigned so that INT64_MIN prints correctly.
  const std::uint64_t magnitude = negative ? ~static_cast<std::uint64_t>(m.minor) + 1 : static_cast<std::uint64_t>(m.minor);
  std::string number = std::to_string(magnitude);
  if (digits > 0) {
    const auto d = static_cast<std::size_t>(digits);
    if (number.size() <= d) number.insert(0, d + 1 - number.size(), '0');
    number.insert(number.end() - static_cast<std::ptrdiff_t>(d), '.');
  }
  std::string out = negative ? "-" + number : number;
  if (!m.currency.empty()) {
    out += ' ';
    out += m.currency.code();
  }
  return out;
}

Money parse_money(std::string_view amount, std::string_view currency_code) {
  const Currency currency = Currency::of(currency_code);
  const auto refuse = [&](const std::string& problem) -> Error {
    return Error(Errc::invalid_argument, "amount " + detail::quote(amount) + ": " + problem);
  };
  const bool negative = !amount.empty() && amount.front() == '-';
  const std::string_view number = negative ? amount.substr(1) : amount;
  const auto point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view{} : number.substr(point + 1);
  const auto digits_only = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits_only(whole) || (point != std::string_view::npos && !digits_only(fraction)))
    throw refuse("not a decimal number (expected digits with an optional '.', like 17.99)");

  const auto scale = static_cast<std::size_t>(currency.minor_digits());
  if (fraction.size() > scale && fraction.find_first_not_of('0', scale) != std::string_view::npos)
    throw refuse(scale == 0 ? std::string(currency.code()) + " has no minor unit"
                            : "more than " + std::to_string(scale) + " decimals for " + std::string(currency.code()));

  // Accumulate the magnitude unsigned, so that the smallest int64 reads too.
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  std::uint64_t magnitude = 0;
  const auto push_digit = [&](char c) {
    if (__builtin_mul_overflow(magnitude, std::uint64_t{10}, &magnitude) ||
        __builtin_add_overflow(magnitude, static_cast<std::uint64_t>(c - '0'), &magnitude) || magnitude > limit)
      throw refuse("too large for 64-bit minor units");
  };
  for (const char c : whole) push_digit(c);
  for (std::size_t i = 0; i < scale; ++i) push_digit(i < fraction.size() ? fraction[i] : '0');
  const std::int64_t minor =
      negative ? static_cast<std::int64_t>(~magnitude + 1) : static_cast<std::int64_t>(magnitude);
  return Money{minor, currency};
}

}  // namespace crm
