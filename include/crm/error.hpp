// SPDX-License-Identifier: Apache-2.0
#pragma once
// crm::Error is the one exception type the library throws. Its code says what
// kind of failure it is; its message names the field or record and the problem.

#include <stdexcept>
#include <string>
#include <string_view>

#include "crm/limits.hpp"

namespace crm {

// Stable numeric values: the C API returns them as status codes.
enum class Errc : int {
  invalid_argument = 1,   // bad input: malformed, out of range, unknown enum value
  not_found = 2,          // no record with that id or key
  already_exists = 3,     // a unique key (phone, e-mail, external_id) is taken
  conflict = 4,           // stale version, still referenced, or its state forbids the change
  permission_denied = 5,  // the file or store is read-only
  storage = 6,            // I/O error, disk full, database locked too long
  corrupt = 7,            // not a crm database, or damaged
  unsupported = 8,        // e.g. a database written by a newer crm
  internal = 9,           // a bug in crm: please report it
  // 10 and 11 are the C API's CRM_OUT_OF_MEMORY and CRM_CLOSED.
  busy = 12,              // the write slot or the file stayed locked past the busy timeout
};

// The lower-case name of a code ("not_found"), for messages and logs.
std::string_view to_string(Errc code) noexcept;

namespace detail {
// The message cut to limits::error_message bytes, ending in "…" (never
// inside a character).
std::string cut_message(const std::string& message);
}  // namespace detail

class Error : public std::runtime_error {
 public:
  // A message longer than limits::error_message bytes is cut, ending in "…":
  // a safety net, as the values a message quotes are cut already.
  Error(Errc code, const std::string& message) : std::runtime_error(message), code_(code) {
    if (message.size() > limits::error_message)
      std::runtime_error::operator=(std::runtime_error(detail::cut_message(message)));
  }
  Errc code() const noexcept { return code_; }

 private:
  Errc code_;
};

}  // namespace crm
