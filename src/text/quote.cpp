#include "text/quote.hpp"

#include <algorithm>
#include <cstdint>

#include "text/utf8.hpp"

namespace crm::detail {

namespace {
constexpr std::size_t max_quoted_bytes = 64;

void append_hex(std::string& out, unsigned char c) {
  static constexpr char digits[] = "0123456789abcdef";
  out += "\\x";
  out += digits[c >> 4];
  out += digits[c & 0xf];
}
}  // namespace

std::string quote(std::string_view value) {
  std::string out = "'";
  std::size_t i = 0;
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(value.size(), INT32_MAX));
  while (i < value.size() && i < max_quoted_bytes) {
    const auto start = static_cast<std::int32_t>(i);
    auto pos = start;
    const auto c = next_code_point(value.substr(0, static_cast<std::size_t>(length)), pos);
    if (c < 0) {
      append_hex(out, static_cast<unsigned char>(value[i]));
      i += 1;
    } else if (c < 0x20 || c == 0x7f) {
      append_hex(out, static_cast<unsigned char>(c));
      i += 1;
    } else {
      out.append(value.substr(i, static_cast<std::size_t>(pos - start)));
      i = static_cast<std::size_t>(pos);
    }
  }
  if (i < value.size()) out += "…";
  out += "'";
  return out;
}

}  // namespace crm::detail
