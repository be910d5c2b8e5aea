// SPDX-License-Identifier: Apache-2.0
// E-mail addresses: one canonical spelling per address, so lookups match.
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "crm/normalize.hpp"
#include "text/quote.hpp"
#include "text/utf8.hpp"

namespace crm {

namespace {

[[noreturn]] void refuse_email(std::string_view input, const std::string& why) {
  throw Error(Errc::invalid_argument, "e-mail " + detail::quote(input) + ": " + why);
}

std::string lower_case(std::string_view utf8) {
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
  text.toLower(icu::Locale::getRoot());  // the same result on every machine
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string normalize_email(std::string_view input) {
  if (input.size() > 4 * limits::email) refuse_email(input, "longer than " + std::to_string(limits::email) + " bytes");
  if (detail::find_invalid_utf8(input)) refuse_email(input, "invalid UTF-8");
  const std::string email = lower_case(detail::to_nfc(detail::trim(input)));
  if (email.empty()) refuse_email(input, "empty");
  if (email.size() > limits::email) refuse_email(input, "longer than " + std::to_string(limits::email) + " bytes");
  const bool bad_char = std::any_of(email.begin(), email.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\';
  });
  if (bad_char || detail::find_control(email, false)) refuse_email(input, "contains spaces, control characters or one of < > , ; \" \\");
  const auto at = email.find('@');
  if (at == std::string::npos || email.find('@', at + 1) != std::string::npos)
    refuse_email(input, "must contain exactly one @");
  const std::string_view local = std::string_view(email).substr(0, at);
  const std::string_view domain = std::string_view(email).substr(at + 1);
  if (local.empty()) refuse_email(input, "nothing before the @");
  const auto dot = domain.rfind('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size() ||
      domain.find("..") != std::string_view::npos || domain.front() == '-' || domain.back() == '-')
    refuse_email(input, "the domain must look like example.com");
  return email;
}

}  // namespace crm
