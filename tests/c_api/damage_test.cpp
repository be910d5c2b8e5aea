// SPDX-License-Identifier: Apache-2.0
// A damaged file through the C API: CRM_CORRUPT naming what is damaged,
// listings that keep the readable records, and crm_check_json. The damage
// is made with SQL on the closed file (SQLiteCpp, linked for that alone);
// crm itself is reached only through crm.h.

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "c_api_fixture.hpp"
#include "support/temp_dir.hpp"

namespace crm_c_test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class CApiDamageTest : public testing::Test {
 protected:
  crm_status open(crm_engine** out) const {
    crm_options options;
    crm_options_init(&options, sizeof options);
    options.path = path.c_str();
    options.default_region = "GB";
    options.durability = CRM_DURABILITY_NORMAL;
    return crm_engine_open(&options, out);
  }

  Engine opened() const {
    crm_engine* raw = nullptr;
    EXPECT_EQ(open(&raw), CRM_OK) << message();
    return Engine(raw);
  }

  // n customers in a closed file; their ids.
  std::vector<int64_t> file_with_customers(int n) const {
    auto engine = opened();
    std::vector<int64_t> ids;
    crm_transaction* tx = nullptr;
    EXPECT_EQ(crm_transaction_begin(engine.get(), &tx), CRM_OK) << message();
    Transaction owned_tx(tx);
    for (int i = 0; i < n; ++i) {
      crm_customer* raw = nullptr;
      EXPECT_EQ(crm_customer_new(&raw), CRM_OK);
      Customer customer(raw);
      EXPECT_EQ(crm_customer_set_name(raw, ("Customer " + std::to_string(i)).c_str()), CRM_OK);
      EXPECT_EQ(crm_customer_create(engine.get(), raw), CRM_OK) << message();
      ids.push_back(crm_customer_id(raw));
    }
    EXPECT_EQ(crm_transaction_commit(tx), CRM_OK) << message();
    return ids;
  }

  void sql(const std::string& statement) const {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec(statement);
  }

  // Every customer id the listing gives, page after page; the damaged ids
  // the pages name go to `damaged`.
  static std::vector<int64_t> listed(crm_engine* engine, size_t limit, std::vector<int64_t>* damaged = nullptr) {
    std::vector<int64_t> ids;
    std::string cursor;
    for (int pages = 0; pages < 1000; ++pages) {
      crm_page* raw = nullptr;
      EXPECT_EQ(crm_customer_list(engine, nullptr, cursor.c_str(), limit, &raw), CRM_OK) << message();
      if (raw == nullptr) break;
      Page page(raw);
      for (size_t i = 0; i < crm_page_size(raw); ++i) ids.push_back(crm_customer_id(crm_page_customer(raw, i)));
      for (size_t i = 0; damaged != nullptr && i < crm_page_damaged_count(raw); ++i)
        damaged->push_back(crm_page_damaged_id(raw, i));
      cursor = crm_page_next_cursor(raw);
      if (cursor.empty()) break;
    }
    return ids;
  }

  crm::test::TempDir dir;
  std::string path = (dir / "crm.db").string();
};

TEST_F(CApiDamageTest, ASchemaVersionBelowOneIsCorrupt) {
  file_with_customers(1);
  for (const int version : {0, -1}) {
    sql("PRAGMA user_version = " + std::to_string(version));
    crm_engine* raw = nullptr;
    EXPECT_EQ(open(&raw), CRM_CORRUPT) << message();
    Engine opened_anyway(raw);
    EXPECT_EQ(raw, nullptr);
    EXPECT_TRUE(contains(message(), "schema version " + std::to_string(version))) << message();
  }
}

TEST_F(CApiDamageTest, AMissingTableIsCorruptNamingIt) {
  file_with_customers(1);
  sql("DROP TABLE sorted_keys");
  crm_engine* raw = nullptr;
  EXPECT_EQ(open(&raw), CRM_CORRUPT) << message();
  const std::string said = message();
  Engine opened_anyway(raw);
  EXPECT_TRUE(contains(said, "'sorted_keys'")) << said;
}

TEST_F(CApiDamageTest, ADamagedCustomerLeavesTheOther299Listable) {
  auto ids = file_with_customers(300);
  const int64_t damaged = ids[200];
  sql("UPDATE records SET body = X'C1DEADBEEF' WHERE id = " + std::to_string(damaged));
  ids.erase(ids.begin() + 200);
  auto engine = opened();
  std::vector<int64_t> named;
  EXPECT_EQ(listed(engine.get(), 50, &named), ids);
  EXPECT_EQ(named, std::vector<int64_t>{damaged});
  EXPECT_EQ(listed(engine.get(), 1000), ids);

  crm_page* raw_page = nullptr;
  ASSERT_EQ(crm_customer_list(engine.get(), nullptr, nullptr, 1000, &raw_page), CRM_OK) << message();
  Page page(raw_page);
  EXPECT_EQ(crm_page_size(raw_page), 299U);
  EXPECT_EQ(crm_page_damaged_count(raw_page), 1U);
  EXPECT_EQ(crm_page_damaged_id(raw_page, 0), damaged);
  EXPECT_EQ(crm_page_damaged_id(raw_page, 1), 0);
  EXPECT_EQ(crm_page_damaged_count(nullptr), 0U);
  char* page_json = nullptr;
  ASSERT_EQ(crm_page_to_json(raw_page, &page_json), CRM_OK) << message();
  const auto as_json = nlohmann::json::parse(String(page_json).get());
  EXPECT_EQ(as_json["items"].size(), 299U);
  EXPECT_EQ(as_json["damaged"], nlohmann::json::array({damaged}));

  crm_customer* raw = nullptr;
  EXPECT_EQ(crm_customer_get(engine.get(), damaged, &raw), CRM_CORRUPT);
  Customer got_anyway(raw);
  EXPECT_EQ(raw, nullptr);
  EXPECT_TRUE(contains(message(), "customer " + std::to_string(damaged) + ":")) << message();
}

TEST_F(CApiDamageTest, CheckFindsExactlyTheDamagedCustomer) {
  const auto ids = file_with_customers(300);
  {
    auto engine = opened();
    char* raw = nullptr;
    ASSERT_EQ(crm_check_json(engine.get(), &raw), CRM_OK) << message();
    const auto report = nlohmann::json::parse(String(raw).get());
    EXPECT_EQ(report["damaged"], nlohmann::json::array());
    EXPECT_GE(report["records"].get<int64_t>(), 300);
  }
  sql("UPDATE records SET body = X'C1DEADBEEF' WHERE id = " + std::to_string(ids[7]));
  auto engine = opened();
  char* raw = nullptr;
  ASSERT_EQ(crm_check_json(engine.get(), &raw), CRM_OK) << message();
  const auto report = nlohmann::json::parse(String(raw).get());
  ASSERT_EQ(report["damaged"].size(), 1U) << report.dump();
  EXPECT_EQ(report["damaged"][0]["collection"], "customer");
  EXPECT_EQ(report["damaged"][0]["id"], ids[7]);
  EXPECT_TRUE(contains(report["damaged"][0]["problem"].get<std::string>(), "unreadable")) << report.dump();

  EXPECT_EQ(crm_check_json(engine.get(), nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_check_json(nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
}

}  // namespace
}  // namespace crm_c_test
