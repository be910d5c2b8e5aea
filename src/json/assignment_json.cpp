// SPDX-License-Identifier: Apache-2.0
// Assignment rules read from JSON, strictly: a misspelt key is an error, not
// a condition silently left out (which would widen the rule to every lead).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string_view>

#include "crm/enum_names.hpp"
#include "crm/error.hpp"
#include "crm/json.hpp"
#include "json/json_release.hpp"
#include "json/read_json.hpp"
#include "text/quote.hpp"

namespace crm {

namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& where, const std::string& problem) const {
    throw Error(Errc::invalid_argument, origin_ + ": " + (where.empty() ? "" : where + ": ") + problem);
  }

  void expect_object(const json& value, const std::string& where) const {
    if (!value.is_object()) fail(where, "expected an object, not " + std::string(value.type_name()));
  }

  template <std::size_t N>
  void refuse_unknown_keys(const json& object, const std::string& where,
                           const std::array<std::string_view, N>& known) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string list;
      for (const auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      fail(where, "unknown key " + detail::quote(key) + " (known: " + list + ")");
    }
  }

  // The string at object[key], or "" when absent.
  std::string text(const json& object, const std::string& where, const char* key) const {
    const auto found = object.find(key);
    if (found == object.end()) return {};
    if (!found->is_string()) fail(where + "." + key, "expected a string, not " + std::string(found->type_name()));
    return found->get<std::string>();
  }

  std::size_t count(const json& object, const std::string& where, const char* key) const {
    const auto found = object.find(key);
    if (found == object.end()) return 0;
    if (!found->is_number_unsigned())
      fail(where + "." + key, "expected a whole number 0 or more, not " + detail::shown(*found));
    return found->get<std::size_t>();
  }

  const json* array(const json& object, const std::string& where, const char* key) const {
    const auto found = object.find(key);
    if (found == object.end()) return nullptr;
    if (!found->is_array())
      fail(where.empty() ? key : where + "." + key, "expected an array, not " + std::string(found->type_name()));
    return &*found;
  }

  TeamMember member(const json& value, const std::string& where) const {
    static constexpr std::array<std::string_view, 2> known{"name", "capacity"};
    expect_object(value, where);
    refuse_unknown_keys(value, where, known);
    return TeamMember{.name = text(value, where, "name"), .capacity = count(value, where, "capacity")};
  }

  AssignmentRule rule(const json& value, const std::string& where) const {
    static constexpr std::array<std::string_view, 7> known{"name",     "territory", "industry", "source",
                                                           "strategy", "owner",     "team"};
    expect_object(value, where);
    refuse_unknown_keys(value, where, known);
    AssignmentRule rule;
    rule.name = text(value, where, "name");
    rule.territory = text(value, where, "territory");
    rule.industry = text(value, where, "industry");
    rule.source = text(value, where, "source");
    if (value.contains("strategy")) {
      try {
        rule.strategy = parse_enum<AssignStrategy>(text(value, where, "strategy"));
      } catch (const Error& e) {
        fail(where + ".strategy", e.what());
      }
    }
    rule.owner = text(value, where, "owner");
    if (const json* team = array(value, where, "team"))
      for (std::size_t i = 0; i < team->size(); ++i)
        rule.team.push_back(member((*team)[i], where + ".team[" + std::to_string(i) + "]"));
    return rule;
  }

 private:
  std::string origin_;
};

}  // namespace

AssignmentRules assignment_rules_from_json(std::string_view text, std::string_view origin) {
  const Reader reader{std::string(origin)};
  json document = detail::read_json(text, origin);
  const detail::ReleaseOnExit release(document);  // nlohmann's destructor allocates (json_release.hpp)
  static constexpr std::array<std::string_view, 1> known{"rules"};
  reader.expect_object(document, "");
  reader.refuse_unknown_keys(document, "", known);
  const json* rules = reader.array(document, "", "rules");
  if (rules == nullptr) reader.fail("", "expected {\"rules\": [...]}");
  AssignmentRules out;
  for (std::size_t i = 0; i < rules->size(); ++i)
    out.rules.push_back(reader.rule((*rules)[i], "rules[" + std::to_string(i) + "]"));
  try {
    validate(out);
  } catch (const Error& e) {
    reader.fail("", e.what());
  }
  return out;
}

std::string to_json(const AssignmentRules& rules) {
  json list = json::array();
  for (const auto& rule : rules.rules) {
    json team = json::array();
    for (const auto& member : rule.team) team.push_back({{"name", member.name}, {"capacity", member.capacity}});
    list.push_back({{"name", rule.name},
                    {"territory", rule.territory},
                    {"industry", rule.industry},
                    {"source", rule.source},
                    {"strategy", to_string(rule.strategy)},
                    {"owner", rule.owner},
                    {"team", std::move(team)}});
  }
  return json{{"rules", std::move(list)}}.dump();
}

}  // namespace crm
