// SPDX-License-Identifier: Apache-2.0
#include "text/quote.hpp"

#include <algorithm>
#include <cstdint>

#include "text/utf8.hpp"

namespace crm::detail {

namespace {

constexpr std::size_t max_quoted_bytes = 64;
constexpr char digits[] = "0123456789abcdef";

void append_byte(std::string& out, unsigned char c) {
  out += "\\x";
  out += digits[c >> 4];
  out += digits[c & 0xf];
}

void append_code_point(std::string& out, unsigned char c) {  // DEL or C1: below U+0100
  out += "\\u00";
  out += digits[c >> 4];
  out += digits[c & 0xf];
}

}  // namespace

std::size_t escape_into(std::string& out, std::string_view text, std::size_t max_bytes, bool keep_layout) {
  // next_code_point() takes int32 offsets; a longer text is cut long before.
  const std::string_view readable = text.substr(0, std::min<std::size_t>(text.size(), INT32_MAX));
  std::size_t i = 0;
  while (i < readable.size() && i < max_bytes) {
    const auto byte = static_cast<unsigned char>(readable[i]);
    if (byte >= 0x20 && byte < 0x7f) {  // printable ASCII, the common case
      out += readable[i++];
    } else if (byte < 0x80) {  // C0 or DEL
      if (keep_layout && (byte == '\n' || byte == '\t'))
        out += readable[i];
      else if (byte == 0x7f)
        append_code_point(out, byte);
      else
        append_byte(out, byte);
      ++i;
    } else {
      auto pos = static_cast<std::int32_t>(i);
      const auto c = next_code_point(readable, pos);
      if (c < 0) {  // not UTF-8: the byte alone
        append_byte(out, byte);
        ++i;
      } else {
        if (c <= 0x9f)
          append_code_point(out, static_cast<unsigned char>(c));  // C1
        else
          out.append(readable.substr(i, static_cast<std::size_t>(pos) - i));
        i = static_cast<std::size_t>(pos);
      }
    }
  }
  return i;
}

std::string escape(std::string_view text, std::size_t max_bytes, bool keep_layout) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 8);
  if (escape_into(out, text, max_bytes, keep_layout) < text.size()) out += "…";
  return out;
}

std::string quote(std::string_view value) { return "'" + escape(value, max_quoted_bytes) + "'"; }

}  // namespace crm::detail
