// SPDX-License-Identifier: Apache-2.0
#pragma once
// UTF-8 checks and normalisation (ICU).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm::detail {

// Decodes the code point at byte `pos` and moves `pos` past it; returns a
// negative value (and moves past one byte) for an invalid sequence.
std::int32_t next_code_point(std::string_view text, std::int32_t& pos);

// The byte offset of the first invalid UTF-8 sequence, or nothing when valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The byte offset of the first control character in valid UTF-8 text: C0
// (U+0000-U+001F, but \t \n \r when allow_layout), DEL, or C1
// (U+0080-U+009F, two bytes: U+009B is CSI to a terminal, U+0085 a line
// break); nothing when there is none.
std::optional<std::size_t> find_control(std::string_view utf8, bool allow_layout);

// The NFC form of valid UTF-8 text (ASCII is returned as is).
std::string to_nfc(std::string_view text);

// How a text field is checked and cleaned by clean_text().
struct TextRule {
  std::size_t max_bytes;
  bool multiline = false;  // allows \t \n \r; single-line text is also trimmed
};

// Validates text for `field` and returns it NFC-normalised (and trimmed when
// single-line). Refuses invalid UTF-8, control characters (find_control:
// C0, DEL and C1) and text longer than the rule's limit, naming the field.
std::string clean_text(std::string_view field, std::string_view value, TextRule rule);

// Trims ASCII and Unicode white space at both ends.
std::string_view trim(std::string_view text);

}  // namespace crm::detail
