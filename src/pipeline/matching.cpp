// SPDX-License-Identifier: Apache-2.0
// Duplicate matching: Jaro-Winkler, comparison keys and rule evaluation.
#include "crm/pipeline/matching.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "text/utf8.hpp"

namespace crm {

namespace {

using Word = std::u32string;

// Similarities that print as the threshold must pass it: 0.9 computed as 0.8999….
constexpr double kEpsilon = 1e-9;
// Beyond this many words, names are paired in order instead of searched.
constexpr std::size_t kMaxSearchedWords = 6;

// ICU positions are int32: longer input is read up to that length.
std::string_view clamp(std::string_view text) { return text.substr(0, std::min<std::size_t>(text.size(), INT32_MAX)); }

// Calls visit(code point, first byte, end byte) for each code point; an invalid
// byte is visited as a negative code point.
template <class Visit>
void for_each_code_point(std::string_view utf8, Visit visit) {
  utf8 = clamp(utf8);
  const auto length = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t pos = 0; pos < length;) {
    const std::int32_t start = pos;
    const std::int32_t c = detail::next_code_point(utf8, pos);
    visit(c, static_cast<std::size_t>(start), static_cast<std::size_t>(pos));
  }
}

Word code_points(std::string_view utf8) {
  Word out;
  out.reserve(utf8.size());
  for_each_code_point(utf8, [&](std::int32_t c, std::size_t, std::size_t) {
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  });
  return out;
}

std::string replace_invalid_utf8(std::string_view text) {
  if (!detail::find_invalid_utf8(text)) return std::string(text);
  std::string out;
  for_each_code_point(text, [&](std::int32_t c, std::size_t begin, std::size_t end) {
    if (c < 0)
      out += "\xEF\xBF\xBD";  // U+FFFD
    else
      out.append(text, begin, end - begin);
  });
  return out;
}

double jaro(std::u32string_view a, std::u32string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t half = std::max(a.size(), b.size()) / 2;
  const std::size_t window = half > 0 ? half - 1 : 0;
  std::vector<bool> a_matched(a.size()), b_matched(b.size());
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t end = std::min(i + window + 1, b.size());
    for (std::size_t j = i > window ? i - window : 0; j < end; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t out_of_order = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++out_of_order;
    ++j;
  }
  const auto m = static_cast<double>(matches);
  const double transpositions = static_cast<double>(out_of_order) / 2.0;
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + (m - transpositions) / m) / 3.0;
}

double similarity(std::u32string_view a, std::u32string_view b) {
  const double j = jaro(a, b);
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return j + static_cast<double>(prefix) * 0.1 * (1.0 - j);
}

bool passes(double value, double threshold) { return value >= threshold - kEpsilon; }

// ---- person names, word by word ----

std::vector<Word> words(std::string_view key) {
  std::vector<Word> out;
  std::size_t begin = 0;
  while (begin < key.size()) {
    std::size_t end = key.find(' ', begin);
    if (end == std::string_view::npos) end = key.size();
    if (end > begin) out.push_back(code_points(key.substr(begin, end - begin)));
    begin = end + 1;
  }
  return out;
}

// A lone letter of a script with case: a CJK character alone is a whole name.
bool is_initial(const Word& w) { return w.size() == 1 && u_hasBinaryProperty(static_cast<UChar32>(w[0]), UCHAR_CASED); }

struct PairScore {
  double similarity;
  bool whole;  // neither word is an initial
};

PairScore compare_words(const Word& x, const Word& y) {
  if (is_initial(x) || is_initial(y)) return {x.front() == y.front() ? 1.0 : 0.0, false};
  return {x == y ? 1.0 : similarity(x, y), true};
}

struct Pairing {
  double weakest = 1.0;
  double total = 0.0;
  bool whole = false;

  Pairing with(PairScore s) const { return {std::min(weakest, s.similarity), total + s.similarity, whole || s.whole}; }
  double value() const { return whole ? weakest : 0.0; }
  bool better_than(const Pairing& other) const {
    return value() != other.value() ? value() > other.value() : total > other.total;
  }
};

// Tries every injective pairing of shorter words i.. into the unused longer words.
void search(const std::vector<std::vector<PairScore>>& scores, std::size_t i, std::vector<bool>& used, Pairing so_far,
            Pairing& best) {
  if (i == scores.size()) {
    if (so_far.better_than(best)) best = so_far;
    return;
  }
  for (std::size_t j = 0; j < used.size(); ++j) {
    if (used[j]) continue;
    used[j] = true;
    search(scores, i + 1, used, so_far.with(scores[i][j]), best);
    used[j] = false;
  }
}

double best_pairing(const std::vector<Word>& shorter, const std::vector<Word>& longer) {
  std::vector<std::vector<PairScore>> scores(shorter.size());
  for (std::size_t i = 0; i < shorter.size(); ++i)
    for (const Word& w : longer) scores[i].push_back(compare_words(shorter[i], w));
  Pairing best;
  if (longer.size() > kMaxSearchedWords) {
    for (std::size_t i = 0; i < shorter.size(); ++i) best = best.with(scores[i][i]);
    return best.value();
  }
  std::vector<bool> used(longer.size());
  search(scores, 0, used, Pairing{}, best);
  return best.value();
}

double name_similarity(std::string_view key_a, std::string_view key_b) {
  const std::vector<Word> a = words(key_a), b = words(key_b);
  const auto& shorter = a.size() <= b.size() ? a : b;
  const auto& longer = a.size() <= b.size() ? b : a;
  if (shorter.empty()) return 0.0;
  double best = 0.0;
  if (shorter.size() == longer.size() || shorter.size() >= 2) best = best_pairing(shorter, longer);
  if (shorter.size() == 1 && longer.size() > 1) {
    // Only equality: fuzzily, "smith" would pass against "smithjohn" on its prefix.
    Word forward, backward;
    for (const Word& w : longer) forward += w;
    for (auto w = longer.rbegin(); w != longer.rend(); ++w) backward += *w;
    if (shorter[0] == forward || shorter[0] == backward) best = 1.0;
  }
  return best;
}

// ---- rules ----

using Keys = std::array<std::string, 5>;  // indexed by MatchField

Keys keys_of(const MatchSubject& s) {
  Keys keys;
  keys[static_cast<std::size_t>(MatchField::email)] = s.email;
  keys[static_cast<std::size_t>(MatchField::phone)] = s.phone;
  keys[static_cast<std::size_t>(MatchField::external_id)] = s.external_id;
  keys[static_cast<std::size_t>(MatchField::person_name)] = match_key(s.person_name());
  keys[static_cast<std::size_t>(MatchField::company)] = match_key(s.company);
  return keys;
}

const std::string& key(const Keys& keys, MatchField field) {
  static const std::string none;
  const auto i = static_cast<std::size_t>(field);
  return i < keys.size() ? keys[i] : none;
}

double rule_similarity(MatchMethod method, std::string_view a, std::string_view b) {
  switch (method) {
    case MatchMethod::exact:
      return a == b ? 1.0 : 0.0;
    case MatchMethod::jaro_winkler:
      return jaro_winkler(a, b);
    case MatchMethod::initials:
      return name_similarity(a, b);
  }
  return 0.0;
}

std::string number(double value) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%g", value);
  return text.data();
}

}  // namespace

double jaro_winkler(std::string_view a, std::string_view b) { return similarity(code_points(a), code_points(b)); }

std::string match_key(std::string_view text) {
  const std::string folded = fold_case(replace_invalid_utf8(text));
  std::string out;
  bool gap = false;
  for_each_code_point(folded, [&](std::int32_t c, std::size_t begin, std::size_t end) {
    if (c == U'\'' || c == U'\u2019' || c == U'.') return;  // elisions and abbreviations join
    if (u_isUWhiteSpace(c) || u_ispunct(c)) {
      gap = true;
      return;
    }
    if (gap && !out.empty()) out += ' ';
    gap = false;
    out.append(folded, begin, end - begin);
  });
  return out;
}

std::string block_key(std::string_view name) {
  std::string key = match_key(name);
  if (key.empty()) return key;
  std::int32_t end = 0;
  detail::next_code_point(key, end);
  key.resize(static_cast<std::size_t>(end));
  return key;
}

MatchRules MatchRules::defaults() {
  return MatchRules{{
                        {MatchField::email, MatchMethod::exact, 1.0, 1.0},
                        {MatchField::phone, MatchMethod::exact, 1.0, 1.0},
                        {MatchField::external_id, MatchMethod::exact, 1.0, 1.0},
                        {MatchField::person_name, MatchMethod::initials, 0.9, 1.0},
                        {MatchField::company, MatchMethod::jaro_winkler, 0.9, 1.0},
                    },
                    0.85};
}

void validate(const MatchRules& rules) {
  if (!(rules.min_score >= 0.0 && rules.min_score <= 1.0))
    throw Error(Errc::invalid_argument, "match min_score " + number(rules.min_score) + ": must be between 0 and 1");
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const MatchRule& rule = rules.rules[i];
    const std::string name = "match rule " + std::to_string(i + 1);
    if (!is_known(rule.field)) throw Error(Errc::invalid_argument, name + ": unknown field");
    if (!is_known(rule.method)) throw Error(Errc::invalid_argument, name + ": unknown method");
    const std::string what = name + " (" + std::string(to_string(rule.field)) + ")";
    if (!(rule.threshold >= 0.0 && rule.threshold <= 1.0))
      throw Error(Errc::invalid_argument, what + " threshold " + number(rule.threshold) + ": must be between 0 and 1");
    if (!(rule.weight > 0.0 && std::isfinite(rule.weight)))
      throw Error(Errc::invalid_argument, what + " weight " + number(rule.weight) + ": must be a positive number");
  }
}

MatchResult compare(const MatchSubject& a, const MatchSubject& b, const MatchRules& rules) {
  const Keys keys_a = keys_of(a), keys_b = keys_of(b);
  const MatchField anchor = key(keys_a, MatchField::person_name).empty() && key(keys_b, MatchField::person_name).empty()
                                ? MatchField::company
                                : MatchField::person_name;
  MatchResult result;
  bool exact = false, fuzzy = false, anchor_passed = true;
  double weighted = 0.0, total_weight = 0.0;
  for (const MatchRule& rule : rules.rules) {
    const std::string& ka = key(keys_a, rule.field);
    const std::string& kb = key(keys_b, rule.field);
    const bool applies = !ka.empty() && !kb.empty();
    if (rule.method == MatchMethod::exact) {
      if (applies && ka == kb) {
        exact = true;
        result.reasons.push_back({rule.field, rule.method, 1.0});
      }
      continue;
    }
    if (!applies) {
      if (rule.field == anchor) anchor_passed = false;
      continue;
    }
    const double s = rule_similarity(rule.method, ka, kb);
    const bool passed = passes(s, rule.threshold);
    if (passed) result.reasons.push_back({rule.field, rule.method, s});
    if (rule.field == anchor && !passed) anchor_passed = false;
    weighted += rule.weight * s;
    total_weight += rule.weight;
    fuzzy = true;
  }
  if (exact) {
    result.score = 1.0;
    result.duplicate = true;
  } else if (fuzzy && total_weight > 0.0) {
    result.score = weighted / total_weight;
    result.duplicate = anchor_passed && passes(result.score, rules.min_score);
  }
  return result;
}

}  // namespace crm
