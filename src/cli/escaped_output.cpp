// SPDX-License-Identifier: Apache-2.0
#include "escaped_output.hpp"

#include <string_view>

#include "text/quote.hpp"

namespace crm::cli {

namespace {

constexpr std::size_t forward_at = 1 << 16;  // bytes held before they are written without a flush

// Bytes at the end that begin a UTF-8 character still missing its last
// bytes (so it is not escaped as invalid before the rest arrives).
std::size_t unfinished_tail(std::string_view text) {
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto byte = static_cast<unsigned char>(text[text.size() - back]);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

}  // namespace

EscapedOutput::EscapedOutput(std::ostream& stream) : stream_(stream), target_(stream.rdbuf(this)) {}

EscapedOutput::~EscapedOutput() {
  forward(true);
  target_->pubsync();
  stream_.rdbuf(target_);
}

EscapedOutput::int_type EscapedOutput::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  held_ += traits_type::to_char_type(c);
  if (held_.size() >= forward_at) forward(false);
  return c;
}

std::streamsize EscapedOutput::xsputn(const char* s, std::streamsize n) {
  held_.append(s, static_cast<std::size_t>(n));
  if (held_.size() >= forward_at) forward(false);
  return n;
}

int EscapedOutput::sync() {
  forward(false);
  return target_->pubsync();
}

void EscapedOutput::forward(bool all) {
  const std::size_t keep = all ? 0 : unfinished_tail(held_);
  const std::string_view ready = std::string_view(held_).substr(0, held_.size() - keep);
  if (!ready.empty()) {
    const std::string escaped = detail::escape(ready, std::string_view::npos, /*keep_layout=*/true);
    target_->sputn(escaped.data(), static_cast<std::streamsize>(escaped.size()));
  }
  held_.erase(0, held_.size() - keep);
}

}  // namespace crm::cli
