// SPDX-License-Identifier: Apache-2.0
#pragma once
// Caller values made safe to show: in error messages (quote) and on a
// terminal (escape). One spelling everywhere:
// - C0 controls (U+0000-U+001F) and bytes that are not UTF-8: \xNN;
// - DEL and the C1 controls (U+007F-U+009F, U+009B is CSI to a terminal):
//   \u00NN, as JSON spells them, so the escape also reads inside a JSON
//   string (the crm tool escapes its JSON output with the same function).
// Everything else, any script or emoji, is kept as it is.
#include <cstddef>
#include <string>
#include <string_view>

namespace crm::detail {

// A value quoted for an error message: 'abc'. Control characters and invalid
// UTF-8 bytes are escaped and values longer than 64 bytes are cut ("…"), so
// a message is always short, printable UTF-8 whatever the input was.
std::string quote(std::string_view value);

// The text escaped as above, cut (ending in "…") once max_bytes of it are
// written out; a character is never split. With keep_layout, \n and \t are
// kept as they are (text printed line by line); \r is always escaped.
std::string escape(std::string_view text, std::size_t max_bytes = std::string_view::npos, bool keep_layout = false);

// Appends the escaped text to `out`, stopping before the first character
// that starts at or after max_bytes; returns the bytes of `text` used.
std::size_t escape_into(std::string& out, std::string_view text, std::size_t max_bytes, bool keep_layout);

}  // namespace crm::detail
