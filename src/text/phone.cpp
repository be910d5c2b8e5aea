// SPDX-License-Identifier: Apache-2.0
// Phone numbers to E.164 with libphonenumber.
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "crm/normalize.hpp"
#include "text/quote.hpp"

namespace crm {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// libphonenumber reads letters as keypad digits ("1-800-FLOWERS"); a CRM
// lookup key should not, so only digits and the usual separators pass.
bool has_only_phone_characters(std::string_view input) {
  return std::all_of(input.begin(), input.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == '+' || c == '-' || c == '(' ||
           c == ')' || c == '.' || c == '/' || c == '\t';
  });
}

[[noreturn]] void refuse_phone(std::string_view input, const std::string& why) {
  throw Error(Errc::invalid_argument, "phone " + detail::quote(input) + ": " + why);
}

bool passes(const PhoneNumberUtil& util, const PhoneNumber& number, PhoneCheck check) {
  return check == PhoneCheck::valid ? util.IsValidNumber(number) : util.IsPossibleNumber(number);
}

// What an E.164 string reads back as, or nothing when that reading does not
// parse or fails the check. A string that reads as itself is the number
// already checked, so only a different reading is checked again (a validity
// check costs more than the parse).
std::optional<std::string> read_back(const PhoneNumberUtil& util, const std::string& e164, PhoneCheck check) {
  PhoneNumber number;
  if (util.Parse(e164, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
  std::string again;
  util.Format(number, PhoneNumberUtil::E164, &again);
  if (again != e164 && !passes(util, number, check)) return std::nullopt;
  return again;
}

}  // namespace

bool is_supported_region(std::string_view region) {
  return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region)) != 0;
}

std::string normalize_phone(std::string_view input, std::string_view default_region, PhoneCheck check) {
  if (input.size() > limits::phone_input) refuse_phone(input, "longer than " + std::to_string(limits::phone_input) + " bytes");
  if (!has_only_phone_characters(input)) refuse_phone(input, "not a number (only digits, spaces and + - ( ) . / allowed)");
  if (std::none_of(input.begin(), input.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    refuse_phone(input, "not a number");

  const auto* util = PhoneNumberUtil::GetInstance();
  const std::string region(default_region);
  PhoneNumber number;
  if (util->Parse(std::string(input), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    refuse_phone(input, "not a number in region " + region);
  const std::string check_name = check == PhoneCheck::valid ? "valid" : "possible";
  if (!passes(*util, number, check)) refuse_phone(input, "not a " + check_name + " number (read in region " + region + ")");
  std::string e164;
  util->Format(number, PhoneNumberUtil::E164, &e164);
  // Leading zeros of the national number are written into E.164 (Italy
  // keeps them), but a country that does not keep them reads that string
  // back as another number ("0009138 20" in DE: +4900913820, then
  // +490913820). Found by the normalize fuzz target.
  auto again = read_back(*util, e164, check);
  if (number.italian_leading_zero() && again != e164)
    refuse_phone(input, "leading zeros that numbers of this country do not have (read in region " + region + ")");
  // The key must normalise to itself, or a stored number could never be
  // looked up again. libphonenumber strips one national or carrier prefix
  // per parse, even after a country code, so an E.164 string can read back
  // shorter: "+52 01 1 981 003 2471" gives +5219810032471, which reads as
  // +529810032471 (Mexico's old mobile "1"). Follow the readings until one
  // reads as itself. Found by the normalize fuzz target.
  for (int readings = 1; again != e164; ++readings) {
    if (!again) refuse_phone(input, "its E.164 form " + e164 + " reads back as no " + check_name + " number");
    if (readings == 4) refuse_phone(input, "does not settle on one E.164 number (read in region " + region + ")");
    e164 = *again;
    again = read_back(*util, e164, check);
  }
  return e164;
}

}  // namespace crm
