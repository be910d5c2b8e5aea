// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

class CustomerCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }

  long long add(std::vector<std::string> options) {
    options.insert(options.begin(), {"--json", "customer", "add"});
    return id_of(crm_ok(options));
  }
};

// Terminal columns of the test's own strings: ASCII one, 3-byte (CJK) characters two.
std::size_t columns(std::string_view text) {
  std::size_t n = 0;
  for (const unsigned char c : text) n += c < 0x80 ? 1 : (c >= 0xC0 && c < 0xE0) ? 1 : (c >= 0xE0 && c < 0xF0) ? 2 : 0;
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_F(CustomerCliTest, AddPrintsTheCustomerAsStoredWithNormalisedContacts) {
  const auto out = crm_ok({"customer", "add", "--given", "Ada", "--family", "Lovelace", "--phone", "020 7946 0018",
                           "--email", " Ada.Lovelace@Example.COM ", "--tag", "VIP", "--tier", "gold", "--stage", "active"});
  EXPECT_NE(out.find("display_name    Ada Lovelace\n"), std::string::npos) << out;
  EXPECT_NE(out.find("phones          +442079460018\n"), std::string::npos) << out;
  EXPECT_NE(out.find("emails          ada.lovelace@example.com\n"), std::string::npos) << out;
  EXPECT_NE(out.find("tags            vip\n"), std::string::npos) << out;
  EXPECT_NE(out.find("stage           active\n"), std::string::npos) << out;
}

TEST_F(CustomerCliTest, FindByPhoneFindsOneCustomerHoweverTheNumberIsTyped) {
  const auto id = add({"--name", "Ada Lovelace", "--phone", "020 7946 0018"});
  for (const char* typed : {"020 7946 0018", "+44 20 7946 0018", "0044 20 7946 0018", "+442079460018"}) {
    const auto found = json::parse(crm_ok({"--json", "customer", "find", "--phone", typed}));
    EXPECT_EQ(found["id"], id) << typed;
  }
}

TEST_F(CustomerCliTest, FindByEmailAndExternalId) {
  const auto id = add({"--name", "Ada", "--email", "ada@example.com", "--external-id", "CARD-7"});
  EXPECT_EQ(id_of(crm_ok({"--json", "customer", "find", "--email", "ADA@example.com"})), id);
  EXPECT_EQ(id_of(crm_ok({"--json", "customer", "find", "--external-id", "CARD-7"})), id);
}

TEST_F(CustomerCliTest, FindWithNoMatchIsAnErrorNamingTheKey) {
  const auto result = crm({"customer", "find", "--phone", "020 7946 0999"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "crm: error: no customer with phone '020 7946 0999'\n");
}

TEST_F(CustomerCliTest, ABadPhoneIsRefusedOnOneLineAndNothingIsWritten) {
  add({"--name", "Ada Lovelace", "--phone", "020 7946 0018"});
  expect_refused({"customer", "add", "--name", "Typo", "--phone", "12ab"},
                 "crm: error: customer.phones[0]: phone '12ab': not a number (only digits, spaces and + - ( ) . / "
                 "allowed)\n");
}

TEST_F(CustomerCliTest, ATakenPhoneIsRefusedAndNothingIsWritten) {
  add({"--name", "Ada Lovelace", "--phone", "020 7946 0018"});
  expect_refused({"customer", "add", "--name", "A. Lovelace", "--phone", "+44 20 7946 0018"},
                 "crm: error: customer.phone '+442079460018' already belongs to record 1\n");
}

TEST_F(CustomerCliTest, AnUnknownStageIsRefusedListingTheKnownOnes) {
  expect_refused({"customer", "add", "--name", "Ada", "--stage", "happy"},
                 "crm: error: unknown lifecycle stage 'happy' (expected one of: prospect, new, active, at-risk, "
                 "churned)\n");
}

TEST_F(CustomerCliTest, AddReadsAWholeCustomerAsJsonFromStandardInput) {
  const auto out = crm_ok({"--json", "customer", "add", "--from-json", "-"},
                          R"({"display_name": "李娜", "phones": ["+86 139 1099 8888"], "tier": "gold"})");
  const auto stored = json::parse(out);
  EXPECT_EQ(stored["display_name"], "李娜");
  EXPECT_EQ(stored["phones"], json::array({"+8613910998888"}));
  EXPECT_EQ(stored["version"], 1);
}

TEST_F(CustomerCliTest, AddRefusesJsonWithAnUnknownField) {
  expect_refused({"customer", "add", "--from-json", R"({"display_name": "Ada", "shoe": 42})"},
                 "crm: error: customer JSON: field 'shoe': unknown field\n");
}

TEST_F(CustomerCliTest, AddRefusesJsonNestedTooDeeplyOrWithARepeatedKey) {
  expect_refused({"customer", "add", "--from-json", std::string(100, '[') + std::string(100, ']')},
                 "crm: error: customer JSON: nested deeper than 64 levels\n");
  const auto before = snapshot();
  for (const std::size_t levels : {100, 100'000}) {  // 100,000 levels on standard input
    std::string objects;
    for (std::size_t i = 0; i < levels; ++i) objects += R"({"attributes":)";
    for (const auto& text : {std::string(levels, '[') + std::string(levels, ']'), objects + "1" + std::string(levels, '}')}) {
      const auto result = crm({"customer", "add", "--from-json", "-"}, text);
      EXPECT_EQ(result.exit_code, 1);
      EXPECT_EQ(result.out, "");
      EXPECT_EQ(result.err, "crm: error: customer JSON: nested deeper than 64 levels\n");
    }
  }
  EXPECT_EQ(snapshot(), before);
  expect_refused({"customer", "add", "--from-json", R"({"display_name": "Ada", "display_name": "Eve"})"},
                 "crm: error: customer JSON: key 'display_name' appears twice in one object\n");
}

// C1 controls (U+0080-U+009F) are refused as C0 ones are; U+009B is CSI.
TEST_F(CustomerCliTest, AddRefusesC1ControlsInANameAndShowsThemEscaped) {
  expect_refused({"customer", "add", "--name", "Ada\xc2\x9b" "31m"},
                 "crm: error: customer.display_name 'Ada\\u009b31m': control character at byte 3\n");
}

// Whatever the tool prints of its input, control bytes are escaped: here a
// key typed on the command line, echoed in the error.
TEST_F(CustomerCliTest, ControlBytesOfTheInputAreNeverPrintedRaw) {
  const auto result = crm({"customer", "find", "--external-id", "x\x1b]0;owned\x07\xc2\x9b" "2J"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "crm: error: no customer with external id 'x\\x1b]0;owned\\x07\\u009b2J'\n");
}

TEST_F(CustomerCliTest, ShowPrintsEveryFieldWithAValueAndJsonPrintsTheRecord) {
  const auto id = add({"--name", "Ada Lovelace", "--owner", "alice"});
  const auto out = crm_ok({"customer", "show", std::to_string(id)});
  EXPECT_TRUE(out.starts_with("id              " + std::to_string(id) + "\ndisplay_name    Ada Lovelace\n")) << out;
  EXPECT_NE(out.find("owner           alice\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("external_id"), std::string::npos) << "empty fields are left out:\n" << out;
  EXPECT_EQ(json::parse(crm_ok({"--json", "customer", "show", std::to_string(id)}))["owner"], "alice");
}

TEST_F(CustomerCliTest, ShowOfAnUnknownIdIsNotFound) {
  const auto result = crm({"customer", "show", "999"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
  EXPECT_NE(result.err.find("999"), std::string::npos) << result.err;
}

TEST_F(CustomerCliTest, ListPagesWithTheCursorItPrints) {
  for (const char* name : {"Ada", "Bea", "Cy"}) add({"--name", name});
  const auto first = crm_ok({"customer", "list", "--limit", "2"});
  const auto lines = lines_of(first);
  ASSERT_EQ(lines.size(), 4U) << first;  // header, two rows, the cursor
  EXPECT_NE(lines[1].find("Ada"), std::string::npos);
  EXPECT_NE(lines[2].find("Bea"), std::string::npos);
  ASSERT_TRUE(lines[3].starts_with("next page: --cursor ")) << lines[3];
  const std::string cursor = lines[3].substr(std::string("next page: --cursor ").size());
  const auto second = crm_ok({"customer", "list", "--limit", "2", "--cursor", cursor});
  const auto rest = lines_of(second);
  ASSERT_EQ(rest.size(), 2U) << second;  // header and the last row: no cursor on the last page
  EXPECT_NE(rest[1].find("Cy"), std::string::npos);
}

TEST_F(CustomerCliTest, ListAsJsonCarriesTheNextCursor) {
  for (const char* name : {"Ada", "Bea"}) add({"--name", name});
  const auto page = json::parse(crm_ok({"--json", "customer", "list", "--limit", "1"}));
  EXPECT_EQ(page["items"].size(), 1U);
  EXPECT_FALSE(page["next_cursor"].get<std::string>().empty());
}

TEST_F(CustomerCliTest, ListByNamePrefixInNameOrder) {
  for (const char* name : {"Zhang Wei", "Ada Lovelace", "Adam Smith", "Bea"}) add({"--name", name});
  const auto lines = lines_of(crm_ok({"customer", "list", "--name", "ada"}));
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_NE(lines[1].find("Ada Lovelace"), std::string::npos);
  EXPECT_NE(lines[2].find("Adam Smith"), std::string::npos);
}

TEST_F(CustomerCliTest, TableColumnsStayAlignedWithWideCharacters) {
  add({"--name", "张伟", "--phone", "+86 138 0013 8000"});
  add({"--name", "Jürgen Müller", "--phone", "+49 30 123456"});
  add({"--name", "Ada", "--phone", "020 7946 0018"});
  const auto lines = lines_of(crm_ok({"customer", "list"}));
  ASSERT_EQ(lines.size(), 4U);
  const auto phone_column = [](const std::string& line) { return columns(line.substr(0, line.find_first_of("+p"))); };
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_EQ(phone_column(lines[i]), phone_column(lines[0])) << lines[i];
}

TEST_F(CustomerCliTest, HistoryListsInteractionsNewestFirst) {
  const auto id = std::to_string(add({"--name", "Ada"}));
  crm_ok({"log", "--customer", id, "--kind", "call", "--channel", "phone", "--subject", "first call"});
  crm_ok({"log", "--customer", id, "--kind", "note", "--subject", "second note"});
  const auto lines = lines_of(crm_ok({"customer", "history", id}));
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_NE(lines[1].find("second note"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("first call"), std::string::npos) << lines[2];
}

TEST_F(CustomerCliTest, HistoryOfAnUnknownCustomerIsAnError) {
  const auto result = crm({"customer", "history", "42"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
}

TEST_F(CustomerCliTest, UpdateReplacesOnlyTheFieldsGiven) {
  const auto id = std::to_string(add({"--name", "Ada", "--tier", "silver", "--owner", "alice"}));
  const auto updated = json::parse(crm_ok({"--json", "customer", "update", id, "--tier", "gold"}));
  EXPECT_EQ(updated["tier"], "gold");
  EXPECT_EQ(updated["owner"], "alice");
  EXPECT_EQ(updated["version"], 2);
}

}  // namespace
}  // namespace crm::test
