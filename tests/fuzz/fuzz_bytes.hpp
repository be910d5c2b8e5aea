// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the fuzz targets share: reading a fuzzer's bytes as a sequence of
// small values, and checks that crash (so the fuzzer records the input)
// when a property the library promises does not hold.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crm/limits.hpp"
#include "text/utf8.hpp"

namespace crm::fuzz {

// Aborts with a message: libFuzzer saves the input that caused it.
inline void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %s\n", what);
  std::abort();
}

// A refusal's message, as crm::Error and crm.h promise it: at most
// limits::error_message bytes of valid UTF-8 holding no control character
// (values are quoted: escaped and cut), so a host can show it as it is.
inline void require_clean_message(std::string_view message) {
  require(message.size() <= crm::limits::error_message, "a message longer than limits::error_message");
  require(!crm::detail::find_invalid_utf8(message), "a message that is not valid UTF-8");
  require(!crm::detail::find_control(message, /*allow_layout=*/false), "a message holding a control character");
}

// The input, consumed from the front; running out gives zeros and empty strings.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  bool empty() const { return rest_.empty(); }

  std::uint8_t byte() {
    if (rest_.empty()) return 0;
    const auto b = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return b;
  }

  std::int64_t integer() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | byte();
    return static_cast<std::int64_t>(v);
  }

  // Up to the next '\x1f' (unit separator), which is dropped.
  std::string_view text() {
    const auto end = rest_.find('\x1f');
    const auto taken = rest_.substr(0, end);
    rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end + 1);
    return taken;
  }

  // All that is left.
  std::string_view rest() {
    const auto taken = rest_;
    rest_ = {};
    return taken;
  }

 private:
  std::string_view rest_;
};

}  // namespace crm::fuzz
