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
    number.insert(number.size() - d, ".");
  }
  std::string out = negative ? "-" + number : number;
  if (!m.currency.empty()) {
    out += ' ';
    out += m.currency.code();
  }
  return out;
}

}  // namespace crm
