// SPDX-License-Identifier: Apache-2.0
#include "engine/cursor.hpp"

#include "crm/error.hpp"

namespace crm::detail {

namespace {
constexpr char digits[] = "0123456789abcdef";

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
}  // namespace

std::string cursor_text(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    out += digits[u >> 4];
    out += digits[u & 0xf];
  }
  return out;
}

std::string cursor_bytes(std::string_view text) {
  if (text.size() % 2 != 0) throw Error(Errc::invalid_argument, "cursor: not a cursor returned by a listing");
  std::string out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = nibble(text[i]);
    const int low = nibble(text[i + 1]);
    if (high < 0 || low < 0) throw Error(Errc::invalid_argument, "cursor: not a cursor returned by a listing");
    out += static_cast<char>((high << 4) | low);
  }
  return out;
}

}  // namespace crm::detail
