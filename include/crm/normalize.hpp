// SPDX-License-Identifier: Apache-2.0
#pragma once
// The normalisers the engine applies on every write, public so that hosts can
// show users the same canonical forms. All throw crm::Error(Errc::invalid_argument)
// with a message that quotes the offending value.

#include <string>
#include <string_view>

namespace crm {

// How strictly phone numbers are checked against libphonenumber's metadata.
enum class PhoneCheck {
  valid,     // the number must be valid for its region (default)
  possible,  // only its length must be plausible: for numbering ranges newer than the metadata
};

// A phone number in E.164 ("+442079460018"). Numbers without a leading + or
// international prefix are read in `default_region` (ISO 3166 alpha-2), so
// "020 7946 0018", "+44 20 7946 0018" and "0044 20 7946 0018" are one number
// in region GB. Letters, empty input and impossible numbers are refused.
std::string normalize_phone(std::string_view input, std::string_view default_region,
                            PhoneCheck check = PhoneCheck::valid);

// True for a region libphonenumber knows ("GB", "CN", "US"…).
bool is_supported_region(std::string_view region);

// An e-mail address trimmed, NFC-normalised and lower-cased; refused unless it
// has the shape local@domain.tld with no spaces or control characters.
std::string normalize_email(std::string_view input);

// NFC normalisation and Unicode case folding, for keys and case-insensitive
// matching ("Straße" and "STRASSE" fold alike). Input must be valid UTF-8.
std::string fold_case(std::string_view utf8);

}  // namespace crm
