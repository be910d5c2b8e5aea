// Phone numbers to E.164 with libphonenumber.
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

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

bool reads_back_as_itself(const PhoneNumberUtil& util, const std::string& e164) {
  PhoneNumber number;
  if (util.Parse(e164, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
  std::string again;
  util.Format(number, PhoneNumberUtil::E164, &again);
  return again == e164;
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
  const bool ok = check == PhoneCheck::valid ? util->IsValidNumber(number) : util->IsPossibleNumber(number);
  if (!ok)
    refuse_phone(input, check == PhoneCheck::valid ? "not a valid number (read in region " + region + ")"
                                             : "not a possible number (read in region " + region + ")");
  std::string e164;
  util->Format(number, PhoneNumberUtil::E164, &e164);
  // Leading zeros of the national number are written into E.164 (Italy
  // keeps them), but a country that does not keep them reads that string
  // back as another number ("0009138 20" in DE: +4900913820, then
  // +490913820): such a key could never be looked up again. Found by the
  // normalize fuzz target.
  if (number.italian_leading_zero() && !reads_back_as_itself(*util, e164))
    refuse_phone(input, "leading zeros that numbers of this country do not have (read in region " + region + ")");
  return e164;
}

}  // namespace crm
