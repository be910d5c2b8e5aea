// SPDX-License-Identifier: Apache-2.0
// A lead's features: the (field, value) pairs the scorers weigh and the
// engine's outcome tallies count (crm/model/lead_features.hpp).
#include "crm/model/lead_features.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <charconv>
#include <type_traits>
#include <utility>
#include <variant>

#include "crm/normalize.hpp"
#include "text/utf8.hpp"

namespace crm {

namespace {

void add_feature(std::vector<LeadFeature>& out, std::string field, std::string_view raw) {
  const std::string_view trimmed = detail::trim(raw);
  if (trimmed.empty()) return;
  out.push_back({std::move(field), fold_case(trimmed)});
}

std::string_view email_domain(std::string_view email) {
  const auto at = email.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : email.substr(at + 1);
}

// The calling code libphonenumber reads from an E.164 number; "" when it
// cannot (no leading +, unknown code).
std::string phone_country(const std::string& phone) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  if (phone.empty() || phone.front() != '+') return {};
  PhoneNumber number;
  if (PhoneNumberUtil::GetInstance()->Parse(phone, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return {};
  return number.country_code() == 0 ? std::string{} : std::to_string(number.country_code());
}

std::string decimal_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string attribute_text(const AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return {};
        else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        else if constexpr (std::is_same_v<T, double>) return decimal_text(v);
        else if constexpr (std::is_same_v<T, Timestamp>) return to_iso8601(v);
        else return v;
      },
      value);
}
}  // namespace

std::vector<LeadFeature> lead_features(const Lead& lead) {
  std::vector<LeadFeature> out;
  add_feature(out, "source", lead.source);
  add_feature(out, "industry", lead.industry);
  add_feature(out, "territory", lead.territory);
  add_feature(out, "job_title", lead.job_title);
  add_feature(out, "company", lead.company);
  add_feature(out, "email_domain", email_domain(lead.email));
  add_feature(out, "phone_country", phone_country(lead.phone));
  for (const auto& tag : lead.tags) add_feature(out, "tag", tag);
  add_feature(out, "owner", lead.owner);
  for (const auto& [name, value] : lead.attributes) add_feature(out, "attribute:" + name, attribute_text(value));
  return out;
}

}  // namespace crm
