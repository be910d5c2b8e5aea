// SPDX-License-Identifier: Apache-2.0
#pragma once
// Lead duplicate matching as data: a list of rules, each comparing one field
// of two subjects by one method. Pure functions of their inputs, no engine or
// store; thread-safe. Invalid UTF-8 is not an error here: each bad byte reads
// as U+FFFD.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/enum_names.hpp"

namespace crm {

// Jaro-Winkler similarity over Unicode code points (prefix scale 0.1, common
// prefix counted up to 4, no boost threshold), in [0, 1]. Identical strings,
// including two empty ones, give 1; one empty string against a non-empty one 0.
double jaro_winkler(std::string_view a, std::string_view b);

// The form text is compared in: NFC, Unicode case folding, apostrophes and
// full stops removed ("O'Brien" → "obrien", "A.B.C." → "abc"), any other
// punctuation and white space read as one space between words, trimmed.
// Letters of every script (CJK included) and symbols are kept as they are.
std::string match_key(std::string_view text);

// The first code point of match_key(name) as UTF-8 ("Émile" → "é"), or "" when
// the key is empty: a cheap key for grouping candidates before compare().
std::string block_key(std::string_view name);

// Numeric values may be stored in configuration: never renumber, only append.
enum class MatchField : std::uint8_t { email = 0, phone = 1, external_id = 2, person_name = 3, company = 4 };

// exact: equal keys. jaro_winkler: jaro_winkler() of the keys. initials:
// word-by-word name comparison (see compare()).
enum class MatchMethod : std::uint8_t { exact = 0, jaro_winkler = 1, initials = 2 };

template <>
struct EnumNames<MatchField> {
  static constexpr std::string_view what = "match field";
  static constexpr std::array<std::pair<MatchField, std::string_view>, 5> names{{
      {MatchField::email, "email"},
      {MatchField::phone, "phone"},
      {MatchField::external_id, "external-id"},
      {MatchField::person_name, "person-name"},
      {MatchField::company, "company"},
  }};
};

template <>
struct EnumNames<MatchMethod> {
  static constexpr std::string_view what = "match method";
  static constexpr std::array<std::pair<MatchMethod, std::string_view>, 3> names{{
      {MatchMethod::exact, "exact"},
      {MatchMethod::jaro_winkler, "jaro-winkler"},
      {MatchMethod::initials, "initials"},
  }};
};

// threshold and weight apply to the fuzzy methods only; an exact rule either
// matches or not.
struct MatchRule {
  MatchField field;
  MatchMethod method;
  double threshold = 1.0;  // in [0, 1]: the similarity at which the rule passes
  double weight = 1.0;     // positive: its share of the fuzzy score
};

struct MatchRules {
  std::vector<MatchRule> rules;
  double min_score = 0.85;  // in [0, 1]

  // Exact on email, phone and external_id; initials on person_name and
  // jaro_winkler on company, both at threshold 0.9 and weight 1.
  static MatchRules defaults();
};

// Throws Errc::invalid_argument naming the first rule with an unknown field or
// method, a threshold or min_score outside [0, 1], or a weight that is not a
// positive finite number.
void validate(const MatchRules& rules);

// What is compared. email and phone arrive normalised by the engine (lower
// case, E.164). The person name is given_name + " " + family_name when either
// is set, else display_name.
struct MatchSubject {
  std::string given_name, family_name, display_name, company, email, phone, external_id;

  // The name compared as a person's: given and family name, or the display
  // name when both are empty.
  std::string person_name() const {
    if (given_name.empty() && family_name.empty()) return display_name;
    return given_name + " " + family_name;
  }
};

// One rule that passed: its field, its method and the similarity it found.
struct MatchReason {
  MatchField field;
  MatchMethod method;
  double similarity;
};

struct MatchResult {
  double score = 0;                  // 1 after an exact match, else the weighted fuzzy mean
  bool duplicate = false;            // whether the pair should be reported as duplicates
  std::vector<MatchReason> reasons;  // the rules that passed, in rule order
};

// Compares two subjects under `rules`. A rule applies only when both keys are
// non-empty, so empty fields never match. Keys: the stored value for email,
// phone and external_id; match_key() for person_name and company.
//
// - Any exact rule that matches makes a certain duplicate with score 1.
// - Otherwise score = the weight-averaged similarity of the applicable fuzzy
//   rules, and the pair is a duplicate when some fuzzy rule applies, score >=
//   min_score, and every fuzzy rule on the anchor field applies and passes its
//   threshold. The anchor is person_name if either subject has a person name,
//   else company. So two "John Smith" at different companies, or a named
//   subject against an unnamed one, are not duplicates under the defaults.
//
// initials pairs the words of two names in whichever order fits best (in
// written order past six words), skipping extra words of the longer name, like
// a middle name, when the shorter has at least two; its similarity is that of
// the weakest pair. Equal words score 1; a lone letter of a cased script ("j",
// "и", "γ") scores 1 against any word starting with it; other pairs score
// jaro_winkler(). Without one pair of whole words (neither a lone letter) the
// similarity is 0, so "J. S." matches no one. A one-word name matches a longer
// one only if it equals the longer one's words joined in either order ("王小明"
// = "小明 王"). Passing means similarity >= threshold - 1e-9 (and likewise for
// score >= min_score).
MatchResult compare(const MatchSubject& a, const MatchSubject& b, const MatchRules& rules);

}  // namespace crm
