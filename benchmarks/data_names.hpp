// SPDX-License-Identifier: Apache-2.0
#pragma once
// Name tables for the data generator: a few dozen given and family names per
// language, in their own script (NFC UTF-8), each with the romanisation its
// owner would use in an e-mail address.

#include <span>
#include <string_view>

namespace crm::bench {

struct Name {
  std::string_view native;
  std::string_view ascii;  // lower case, for e-mail addresses
};

enum class Language { english, german, french, spanish, polish, russian, greek, japanese, chinese, korean, arabic, hindi };

struct NameTable {
  std::span<const Name> given;
  std::span<const Name> family;
  bool family_first;           // CJK: "王伟", "佐藤 花子"
  std::string_view separator;  // between the two names in the display name
};

const NameTable& names_of(Language language);

}  // namespace crm::bench
