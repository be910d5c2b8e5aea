// SPDX-License-Identifier: Apache-2.0
// crm.h's naming rules ("Names" at its top), read from the header itself as
// a C host's tooling would: a function whose result is JSON text (a char**
// out-parameter) ends in _json, no other does but crm_<record>_from_json,
// and each deprecated alias is marked so and takes exactly its new name's
// parameters. A function added against the rules
// fails here.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>

namespace {

// name -> parameter list (whitespace collapsed) of every CRM_API function.
std::map<std::string, std::string> header_functions() {
  std::ifstream in(CRM_TEST_C_HEADER);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  const std::regex declaration(R"(CRM_API[^;(]*?\b(crm_\w+)\s*\(([^)]*)\)\s*;)");
  std::map<std::string, std::string> functions;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), declaration); it != std::sregex_iterator(); ++it)
    functions[(*it)[1]] = std::regex_replace(std::string((*it)[2]), std::regex(R"(\s+)"), " ");
  return functions;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The names from before the rules, and what to call instead.
const std::map<std::string, std::string> aliases = {
    {"crm_opportunity_move", "crm_opportunity_move_stage"},
    {"crm_opportunity_win", "crm_opportunity_close_won"},
    {"crm_opportunity_lose", "crm_opportunity_close_lost"},
    {"crm_lead_convert", "crm_lead_convert_json"},
    {"crm_lead_assign", "crm_lead_assign_json"},
    {"crm_lead_score", "crm_lead_score_json"},
    {"crm_lead_create_checked", "crm_lead_create_checked_json"},
    {"crm_run_due", "crm_run_due_json"},
    {"crm_purchase_stats_rebuild", "crm_purchase_stats_rebuild_json"},
};

TEST(HeaderNames, AFunctionEndsInJsonExactlyWhenItGivesJsonText) {
  const auto functions = header_functions();
  ASSERT_GT(functions.size(), 150u) << "no functions found in " << CRM_TEST_C_HEADER;
  for (const auto& [name, parameters] : functions) {
    if (aliases.contains(name)) continue;
    // A char** (not a const char**, which points into a handle) is JSON text.
    const bool gives_json = std::regex_search(parameters, std::regex(R"((^|, )char\*\* )"));
    if (ends_with(name, "_from_json")) {
      EXPECT_FALSE(gives_json) << name;
      continue;
    }
    EXPECT_EQ(ends_with(name, "_json"), gives_json) << name << "(" << parameters << ")";
  }
}

TEST(HeaderNames, EachDeprecatedAliasTakesItsNewNamesParameters) {
  const auto functions = header_functions();
  std::ifstream in(CRM_TEST_C_HEADER);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  for (const auto& [alias, replacement] : aliases) {
    ASSERT_TRUE(functions.contains(alias)) << alias << " is no longer exported";
    ASSERT_TRUE(functions.contains(replacement)) << replacement;
    EXPECT_EQ(functions.at(alias), functions.at(replacement)) << alias;
    // The comment right above it says so, naming what replaces it.
    const std::regex marked("/\\* Deprecated alias of " + replacement + "[ .(][^/]*\\*/\\s*CRM_API crm_status " +
                            alias + "\\(");
    EXPECT_TRUE(std::regex_search(text, marked)) << alias;
  }
}

}  // namespace
