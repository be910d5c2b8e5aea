// SPDX-License-Identifier: Apache-2.0
// The status table is spelt in crm.h (crm_status), error.hpp (Errc),
// error.cpp (to_string), errors.cpp (crm_status_name) and the Python
// errors.py. The compiler pins the numbers (guard.hpp's static_asserts) and
// the switches (-Wswitch); this test pins the names, reading crm.h itself as
// a C host's tooling would. bindings/python/tests/test_status_table.py pins
// the Python side to the same header.
#include <crm/crm.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "guard.hpp"

namespace crm::c_api {
namespace {

// name -> value of each member of crm.h's `typedef enum {…} crm_status;`.
std::map<std::string, int> header_statuses() {
  std::ifstream in(CRM_TEST_C_HEADER);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  const std::regex block(R"(typedef enum (?:crm_status )?\{([^}]*)\} crm_status;)");
  std::smatch found;
  if (!std::regex_search(text, found, block)) return {};
  const std::string body = found[1];
  std::map<std::string, int> statuses;
  const std::regex member(R"((CRM_[A-Z_]+) = ([0-9]+))");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), member); it != std::sregex_iterator(); ++it)
    statuses[(*it)[1]] = std::stoi((*it)[2]);
  return statuses;
}

std::string c_name_of(Errc code) {
  std::string name(to_string(code));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  return "CRM_" + name;
}

// Codes the C boundary makes itself, with no Errc twin.
const std::set<std::string> c_only = {"CRM_OK", "CRM_OUT_OF_MEMORY", "CRM_CLOSED"};

TEST(StatusTable, EveryHeaderStatusHasItsNameAndEveryOtherNumberIsUnknown) {
  const auto statuses = header_statuses();
  ASSERT_GE(statuses.size(), 13u) << "crm_status not found in " << CRM_TEST_C_HEADER;
  std::set<int> values;
  for (const auto& [name, value] : statuses) {
    EXPECT_EQ(crm_status_name(static_cast<crm_status>(value)), name);
    values.insert(value);
  }
  // Only values a crm_status can hold in C++ (its enumerators need four
  // bits: 0..15); crm_status_name() itself reads any int a C host passes.
  for (int value = 0; value < 16; ++value) {
    if (values.contains(value)) continue;
    EXPECT_STREQ(crm_status_name(static_cast<crm_status>(value)), "CRM_UNKNOWN_STATUS") << value;
  }
}

TEST(StatusTable, EveryErrcIsAHeaderStatusOfTheSameNameAndNumber) {
  const auto statuses = header_statuses();
  int named = 0;
  for (int value = 0; value < 256; ++value) {
    const auto code = static_cast<Errc>(value);
    if (to_string(code) == "unknown") continue;
    ++named;
    const auto it = statuses.find(c_name_of(code));
    ASSERT_NE(it, statuses.end()) << to_string(code) << " has no status in crm.h";
    EXPECT_EQ(it->second, value);
    EXPECT_EQ(status_of(code), value);
  }
  EXPECT_EQ(named + c_only.size(), statuses.size()) << "a crm.h status without an Errc twin or a c_only entry";
}

}  // namespace
}  // namespace crm::c_api
