// SPDX-License-Identifier: Apache-2.0
#include "text/utf8.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "crm/error.hpp"
#include "text/quote.hpp"

namespace crm::detail {

namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw Error(Errc::internal, "ICU NFC normaliser unavailable");
  return *n;
}

// The step back from `end` over one code point; negative for invalid UTF-8.
UChar32 previous_code_point(std::string_view text, std::int32_t& end) {
  UChar32 c = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"  // inside ICU's macro
  U8_PREV(text.data(), 0, end, c);
#pragma GCC diagnostic pop
  return c;
}

}  // namespace

std::int32_t next_code_point(std::string_view text, std::int32_t& pos) {
  UChar32 c = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"  // inside ICU's macro
  U8_NEXT(text.data(), pos, static_cast<std::int32_t>(text.size()), c);
#pragma GCC diagnostic pop
  return c;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) return std::size_t{0};
  std::int32_t pos = 0;
  const auto length = static_cast<std::int32_t>(text.size());
  while (pos < length) {
    const std::int32_t start = pos;
    if (next_code_point(text, pos) < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

std::optional<std::size_t> find_control(std::string_view utf8, bool allow_layout) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x20) {
      if (!(allow_layout && (c == '\t' || c == '\n' || c == '\r'))) return i;
    } else if (c == 0x7f) {
      return i;
    } else if (c == 0xc2 && i + 1 < utf8.size()) {  // U+0080-U+00BF: C1 when the second byte is 0x80-0x9f
      if (static_cast<unsigned char>(utf8[i + 1]) <= 0x9f) return i;
    }
  }
  return std::nullopt;
}

std::string to_nfc(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  nfc().normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())), sink, nullptr,
                      status);
  if (U_FAILURE(status)) throw Error(Errc::invalid_argument, "text " + quote(text) + ": cannot be normalised");
  return out;
}

std::string_view trim(std::string_view text) {
  std::int32_t begin = 0;
  auto end = static_cast<std::int32_t>(text.size());
  while (begin < end) {
    std::int32_t next = begin;
    const UChar32 c = next_code_point(text, next);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    begin = next;
  }
  while (end > begin) {
    std::int32_t prev = end;
    const UChar32 c = previous_code_point(text, prev);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    end = prev;
  }
  return text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

std::string clean_text(std::string_view field, std::string_view value, TextRule rule) {
  const std::string name(field);
  // Check the raw size first so a huge value is refused before any work on it.
  if (value.size() > 4 * rule.max_bytes)
    throw Error(Errc::invalid_argument, name + ": " + std::to_string(value.size()) + " bytes, longer than the " +
                                            std::to_string(rule.max_bytes) + "-byte limit");
  if (auto bad = find_invalid_utf8(value))
    throw Error(Errc::invalid_argument, name + ": invalid UTF-8 at byte " + std::to_string(*bad));
  if (const auto control = find_control(value, rule.multiline))
    throw Error(Errc::invalid_argument, name + " " + quote(value) + ": control character at byte " +
                                            std::to_string(*control));
  std::string out = to_nfc(rule.multiline ? value : trim(value));
  if (out.size() > rule.max_bytes)
    throw Error(Errc::invalid_argument, name + ": " + std::to_string(out.size()) + " bytes, longer than the " +
                                            std::to_string(rule.max_bytes) + "-byte limit");
  return out;
}

}  // namespace crm::detail
