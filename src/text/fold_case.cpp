// SPDX-License-Identifier: Apache-2.0
// Case folding for keys and case-insensitive matching.
#include <unicode/unistr.h>

#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "text/utf8.hpp"

namespace crm {

std::string fold_case(std::string_view utf8) {
  if (auto bad = detail::find_invalid_utf8(utf8))
    throw Error(Errc::invalid_argument, "text: invalid UTF-8 at byte " + std::to_string(*bad));
  const std::string nfc = detail::to_nfc(utf8);
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(nfc.data(), static_cast<std::int32_t>(nfc.size())));
  text.foldCase();
  std::string out;
  text.toUTF8String(out);
  // Folding can leave a non-NFC sequence (e.g. combining marks), so normalise again.
  return detail::to_nfc(out);
}

}  // namespace crm
