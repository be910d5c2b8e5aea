// SPDX-License-Identifier: Apache-2.0
#pragma once
// Page cursors cross the API as lower-case hex text, so that hosts can keep
// them in JSON, URLs or C strings.

#include <string>
#include <string_view>

namespace crm::detail {

std::string cursor_text(std::string_view bytes);
// Throws Errc::invalid_argument for text that is not a cursor.
std::string cursor_bytes(std::string_view text);

}  // namespace crm::detail
