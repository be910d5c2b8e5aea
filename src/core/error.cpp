// SPDX-License-Identifier: Apache-2.0
#include "crm/error.hpp"

#include "crm/enum_names.hpp"
#include "text/quote.hpp"

namespace crm {

std::string_view to_string(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_argument: return "invalid_argument";
    case Errc::not_found: return "not_found";
    case Errc::already_exists: return "already_exists";
    case Errc::conflict: return "conflict";
    case Errc::permission_denied: return "permission_denied";
    case Errc::storage: return "storage";
    case Errc::corrupt: return "corrupt";
    case Errc::unsupported: return "unsupported";
    case Errc::internal: return "internal";
    case Errc::busy: return "busy";
  }
  return "unknown";
}

namespace detail {

std::string cut_message(const std::string& message) {
  static constexpr std::string_view ellipsis = "…";
  std::size_t end = limits::error_message - ellipsis.size();
  while (end > 0 && (static_cast<unsigned char>(message[end]) & 0xC0) == 0x80) --end;  // a continuation byte
  return message.substr(0, end).append(ellipsis);
}

void refuse_enum(std::string_view what, std::string_view text, const std::string& accepted) {
  throw Error(Errc::invalid_argument,
              "unknown " + std::string(what) + " " + quote(text) + " (expected one of: " + accepted + ")");
}

}  // namespace detail

}  // namespace crm
