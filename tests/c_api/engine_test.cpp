// SPDX-License-Identifier: Apache-2.0
// The C API's engine, options, errors and transactions.
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "c_api_fixture.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace crm_c_test {
namespace {

TEST(CApiBasics, ReportsItsVersions) {
  EXPECT_STREQ(crm_version(), CRM_TEST_PROJECT_VERSION);
  EXPECT_EQ(crm_version_number(), CRM_VERSION_NUMBER);
  EXPECT_EQ(crm_abi_version(), CRM_ABI_VERSION);
}

// The header's macros against the project's version as CMake spells it
// ("0.1.0" and its count, computed by CMake, not by crm.h's formula).
TEST(CApiBasics, HeaderVersionIsTheProjectVersion) {
  const std::string spelt = std::to_string(CRM_VERSION_MAJOR) + "." + std::to_string(CRM_VERSION_MINOR) + "." +
                            std::to_string(CRM_VERSION_PATCH);
  EXPECT_EQ(spelt, CRM_TEST_PROJECT_VERSION);
  EXPECT_EQ(CRM_VERSION_NUMBER, CRM_TEST_PROJECT_VERSION_NUMBER);
#if CRM_VERSION_NUMBER < 1000  // usable in #if, where hosts test it
  ADD_FAILURE() << "CRM_VERSION_NUMBER counts 0.1.0 as at least 1000";
#endif
}

TEST(CApiBasics, NamesEveryStatus) {
  EXPECT_STREQ(crm_status_name(CRM_OK), "CRM_OK");
  EXPECT_STREQ(crm_status_name(CRM_CONFLICT), "CRM_CONFLICT");
  EXPECT_STREQ(crm_status_name(CRM_CLOSED), "CRM_CLOSED");
  EXPECT_STREQ(crm_status_name(CRM_OUT_OF_MEMORY), "CRM_OUT_OF_MEMORY");
  EXPECT_STREQ(crm_status_name(static_cast<crm_status>(15)), "CRM_UNKNOWN_STATUS");
}

TEST(CApiBasics, OptionsInitSetsTheDefaults) {
  crm_options options;
  crm_options_init(&options, sizeof options);
  EXPECT_EQ(options.struct_size, sizeof(crm_options));
  EXPECT_EQ(options.path, nullptr);
  EXPECT_EQ(options.default_region, nullptr);
  EXPECT_EQ(options.durability, CRM_DURABILITY_FULL);
  EXPECT_EQ(options.read_only, 0);
  EXPECT_EQ(options.page_cache_mib, 0);
  EXPECT_EQ(options.workflow_action_limit, 2000);
  EXPECT_EQ(options.phone_check, CRM_PHONE_CHECK_VALID);
  crm_options_init(nullptr, sizeof options);  // does nothing, does not crash
}

TEST(CApiBasics, OptionsInitWritesNoMoreThanTheCallersStruct) {
  // A caller built when crm_options ended after `path` passes its own size.
  struct {
    size_t struct_size;
    const char* path;
    char guard[32];
  } old_options{};
  std::memset(old_options.guard, 0x5a, sizeof old_options.guard);
  const size_t old_size = sizeof(size_t) + sizeof(const char*);
  crm_options_init(reinterpret_cast<crm_options*>(&old_options), old_size);
  EXPECT_EQ(old_options.struct_size, old_size);
  EXPECT_EQ(old_options.path, nullptr);
  for (char byte : old_options.guard) ASSERT_EQ(byte, 0x5a);
}

TEST(CApiBasics, OpenRefusesNullArgumentsLeavingOutputNull) {
  crm_engine* engine = reinterpret_cast<crm_engine*>(0x1);
  EXPECT_EQ(crm_engine_open(nullptr, &engine), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(engine, nullptr);
  EXPECT_EQ(message(), "crm_engine_open: options is NULL");
  crm_options options;
  crm_options_init(&options, sizeof options);
  EXPECT_EQ(crm_engine_open(&options, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_engine_open: out_engine is NULL");
}

TEST(CApiBasics, AnOlderSmallerOptionsStructGetsDefaultsForNewerFields) {
  // A caller compiled when crm_options ended after `path`.
  struct {
    size_t struct_size;
    const char* path;
  } old_options{sizeof(size_t) + sizeof(const char*), nullptr};
  crm_engine* raw = nullptr;
  ASSERT_EQ(crm_engine_open(reinterpret_cast<const crm_options*>(&old_options), &raw), CRM_OK) << message();
  Engine engine(raw);
  // The default region is US, so a US national number is valid.
  crm_customer* c = nullptr;
  ASSERT_EQ(crm_customer_new(&c), CRM_OK);
  Customer customer(c);
  crm_customer_set_name(c, "Sam");
  crm_customer_add_phone(c, "(415) 555-2671");
  ASSERT_EQ(crm_customer_create(raw, c), CRM_OK) << message();
  EXPECT_STREQ(crm_customer_phone(c), "+14155552671");
}

// The phone "(415) 555-2671" read in region GB: the length of a British
// number, in no British range. *out is the stored phone, or the message of
// the failure (read before the handles are freed, which resets it).
crm_status store_us_shaped_phone_in_gb(int phone_check, size_t struct_size, std::string* out) {
  crm_options options;
  crm_options_init(&options, sizeof options);
  options.default_region = "GB";
  options.phone_check = phone_check;
  options.struct_size = struct_size;
  crm_engine* raw = nullptr;
  const crm_status opened = crm_engine_open(&options, &raw);
  if (opened != CRM_OK) {
    *out = message();
    return opened;
  }
  Engine engine(raw);
  crm_customer* c = nullptr;
  EXPECT_EQ(crm_customer_from_json(R"({"display_name": "Sam", "phones": ["(415) 555-2671"]})", &c), CRM_OK);
  Customer customer(c);
  const crm_status created = crm_customer_create(raw, c);
  *out = created == CRM_OK ? crm_customer_phone(c) : message();
  return created;
}

TEST(CApiBasics, PhoneCheckPossibleStoresANumberValidRefuses) {
  std::string stored;
  EXPECT_EQ(store_us_shaped_phone_in_gb(CRM_PHONE_CHECK_VALID, sizeof(crm_options), &stored), CRM_INVALID_ARGUMENT);
  EXPECT_NE(stored.find("not a valid number (read in region GB)"), std::string::npos) << stored;
  ASSERT_EQ(store_us_shaped_phone_in_gb(CRM_PHONE_CHECK_POSSIBLE, sizeof(crm_options), &stored), CRM_OK) << message();
  EXPECT_EQ(stored, "+444155552671");
  // A caller built before phone_check existed gets the default, valid.
  EXPECT_EQ(store_us_shaped_phone_in_gb(CRM_PHONE_CHECK_POSSIBLE, offsetof(crm_options, phone_check), &stored),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(store_us_shaped_phone_in_gb(7, sizeof(crm_options), &stored), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(stored, "crm_engine_open: phone_check 7 is not a crm_phone_check");
}

TEST(CApiBasics, RefusesAnOptionsStructWithoutItsSize) {
  crm_options options;
  crm_options_init(&options, sizeof options);
  options.struct_size = 0;
  crm_engine* raw = nullptr;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_engine_open: options.struct_size is 0; set it with crm_options_init()");
}

TEST(CApiBasics, RefusesAnUnknownRegionAndDurability) {
  crm_options options;
  crm_options_init(&options, sizeof options);
  options.default_region = "XX";
  crm_engine* raw = nullptr;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);

  crm::test::TempDir dir;
  const std::string path = (dir / "crm.db").string();
  crm_options_init(&options, sizeof options);
  options.path = path.c_str();
  options.durability = 7;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_engine_open: durability 7 is not a crm_durability");

  crm_options_init(&options, sizeof options);
  options.path = path.c_str();
  options.page_cache_mib = -1;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("page_cache_mib -1 is not between 0 and"), std::string::npos) << message();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(CApiBasics, AnEngineInMemoryChecksTheOptionsItDoesNotUse) {
  crm_options options;
  crm_options_init(&options, sizeof options);
  options.durability = 7;
  crm_engine* raw = nullptr;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_engine_open: durability 7 is not a crm_durability");

  crm_options_init(&options, sizeof options);
  options.page_cache_mib = -1;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("page_cache_mib -1 is not between 0 and"), std::string::npos) << message();

  crm_options_init(&options, sizeof options);
  options.path = "";
  options.read_only = 1;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_engine_open: read_only needs a path: an engine in memory has nothing to read");
  EXPECT_EQ(raw, nullptr);

  crm_options_init(&options, sizeof options);
  options.durability = CRM_DURABILITY_NORMAL;
  options.page_cache_mib = 64;
  ASSERT_EQ(crm_engine_open(&options, &raw), CRM_OK) << message();
  crm_engine_free(raw);
}

TEST(CApiBasics, RefusesAFileThatIsNotACrmDatabaseAndLeavesItAlone) {
  crm::test::TempDir dir;
  const auto path = dir / "notes.db";
  { std::ofstream(path) << "shopping list: tea, milk\n"; }
  crm_options options;
  crm_options_init(&options, sizeof options);
  const std::string text = path.string();
  options.path = text.c_str();
  crm_engine* raw = nullptr;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_CORRUPT) << message();
  EXPECT_EQ(raw, nullptr);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "shopping list: tea, milk\n");
}

// Options for the SQLite file at `path` (kept by the caller), after storing
// one customer there: Ada, 020 7946 0018 in GB.
crm_options file_with_ada(const std::string& path) {
  crm_options options;
  crm_options_init(&options, sizeof options);
  options.path = path.c_str();
  options.default_region = "GB";
  crm_engine* raw = nullptr;
  EXPECT_EQ(crm_engine_open(&options, &raw), CRM_OK) << message();
  Engine engine(raw);
  crm_customer* c = nullptr;
  EXPECT_EQ(crm_customer_from_json(R"({"display_name": "Ada", "phones": ["020 7946 0018"]})", &c), CRM_OK);
  Customer customer(c);
  EXPECT_EQ(crm_customer_create(raw, c), CRM_OK) << message();
  return options;
}

TEST(CApiBasics, ASqliteEngineKeepsItsDataAcrossReopening) {
  crm::test::TempDir dir;
  const std::string path = (dir / "crm.db").string();
  crm_options options = file_with_ada(path);
  options.read_only = 1;
  crm_engine* raw = nullptr;
  ASSERT_EQ(crm_engine_open(&options, &raw), CRM_OK) << message();
  Engine engine(raw);
  crm_customer* found = nullptr;
  ASSERT_EQ(crm_customer_find_by_phone(raw, "0044 20 7946 0018", &found), CRM_OK) << message();
  Customer owned(found);
  EXPECT_STREQ(crm_customer_name(found), "Ada");
  // A read-only engine refuses writes.
  crm_customer* c = nullptr;
  ASSERT_EQ(crm_customer_new(&c), CRM_OK);
  Customer other(c);
  crm_customer_set_name(c, "Bob");
  EXPECT_NE(crm_customer_create(raw, c), CRM_OK);
  EXPECT_EQ(crm_customer_id(c), 0);
}

TEST(CApiBasics, ReadOnlyOpensAFileInAReadOnlyDirectoryOrFileSystem) {
  crm::test::TempDir dir;
  const auto folder = dir / "kiosk";
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "crm.db").string();
  crm_options options = file_with_ada(path);
  options.read_only = 1;
  const auto reads_ada = [&] {
    crm_engine* e = nullptr;
    if (crm_engine_open(&options, &e) != CRM_OK) {
      std::fprintf(stderr, "%s\n", crm_last_error_message());
      return 1;
    }
    Engine engine(e);
    crm_customer* found = nullptr;
    if (crm_customer_find_by_phone(e, "020 7946 0018", &found) != CRM_OK) return 2;
    Customer owned(found);
    return std::string(crm_customer_name(found)) == "Ada" ? 0 : 3;
  };
  const int on_read_only_fs = crm::test::run_in_child(
      [&] { return crm::test::mount_read_only(folder) ? reads_ada() : crm::test::child_cannot_set_up; });
  const int as_other_user = crm::test::run_in_child([&] {
    std::filesystem::permissions(folder, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec |
                                             std::filesystem::perms::others_read | std::filesystem::perms::others_exec);
    return crm::test::drop_root() ? reads_ada() : crm::test::child_cannot_set_up;
  });
  std::filesystem::permissions(folder, std::filesystem::perms::owner_all);
  if (on_read_only_fs != crm::test::child_cannot_set_up) {
    EXPECT_EQ(on_read_only_fs, 0);
  }
  if (as_other_user != crm::test::child_cannot_set_up) {
    EXPECT_EQ(as_other_user, 0);
  }
}

TEST_F(CApiTest, TheErrorMessageIsClearedBySuccessAndKeptPerThread) {
  crm_customer* out = nullptr;
  EXPECT_EQ(crm_customer_get(engine.get(), 404, &out), CRM_NOT_FOUND);
  EXPECT_EQ(message(), "crm_customer_get: customer 404: not found");
  std::string other_thread;
  std::thread([&] { other_thread = crm_last_error_message(); }).join();
  EXPECT_EQ(other_thread, "");
  EXPECT_EQ(message(), "crm_customer_get: customer 404: not found");
  add_customer("Ada", nullptr);
  EXPECT_EQ(message(), "");
}

TEST_F(CApiTest, AClosedEngineRefusesEveryCall) {
  auto ada = add_customer("Ada", "020 7946 0018");
  ASSERT_EQ(crm_engine_close(engine.get()), CRM_OK);
  EXPECT_EQ(crm_engine_close(engine.get()), CRM_OK);  // closing twice is allowed

  crm_customer* out = nullptr;
  EXPECT_EQ(crm_customer_get(engine.get(), crm_customer_id(ada.get()), &out), CRM_CLOSED);
  EXPECT_EQ(message(), "crm_customer_get: the engine is closed");
  EXPECT_EQ(crm_customer_find_by_phone(engine.get(), "020 7946 0018", &out), CRM_CLOSED);
  EXPECT_EQ(crm_customer_update(engine.get(), ada.get()), CRM_CLOSED);
  EXPECT_EQ(crm_purchase_log(engine.get(), 1, 100, "GBP", nullptr, nullptr, nullptr), CRM_CLOSED);
  crm_page* page = nullptr;
  EXPECT_EQ(crm_customer_list(engine.get(), nullptr, nullptr, 10, &page), CRM_CLOSED);
  EXPECT_EQ(page, nullptr);
  crm_transaction* tx = nullptr;
  EXPECT_EQ(crm_transaction_begin(engine.get(), &tx), CRM_CLOSED);
  EXPECT_EQ(tx, nullptr);
}

TEST_F(CApiTest, NullEngineIsRefused) {
  crm_customer* out = nullptr;
  EXPECT_EQ(crm_customer_get(nullptr, 1, &out), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_customer_get: engine is NULL");
  EXPECT_EQ(crm_engine_close(nullptr), CRM_INVALID_ARGUMENT);
  crm_engine_free(nullptr);  // does nothing
}

TEST_F(CApiTest, ARolledBackTransactionLeavesNoTrace) {
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK) << message();
  Transaction tx(raw);
  add_customer("Ada", "020 7946 0018");
  add_customer("Bob", "020 7946 0019");
  ASSERT_EQ(crm_transaction_rollback(raw), CRM_OK);
  EXPECT_EQ(customer_count(), 0u);
  EXPECT_EQ(crm_transaction_rollback(raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_transaction_rollback: the transaction has already ended");
}

TEST_F(CApiTest, ACommittedTransactionKeepsEverything) {
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK);
  Transaction tx(raw);
  add_customer("Ada", "020 7946 0018");
  add_customer("Bob", "020 7946 0019");
  ASSERT_EQ(crm_transaction_commit(raw), CRM_OK) << message();
  EXPECT_EQ(customer_count(), 2u);
  EXPECT_EQ(crm_transaction_commit(raw), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiTest, FreeingAnOpenTransactionRollsItBack) {
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK);
  add_customer("Ada", "020 7946 0018");
  crm_transaction_free(raw);
  EXPECT_EQ(customer_count(), 0u);
  crm_transaction_free(nullptr);
}

TEST_F(CApiTest, TransactionsNestAndAFailedCallInsideChangesNothing) {
  crm_transaction* outer_raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &outer_raw), CRM_OK);
  Transaction outer(outer_raw);
  add_customer("Ada", "020 7946 0018");
  crm_transaction* inner_raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &inner_raw), CRM_OK);
  Transaction inner(inner_raw);
  add_customer("Bob", "020 7946 0019");
  ASSERT_EQ(crm_transaction_rollback(inner_raw), CRM_OK);
  // A duplicate phone fails inside the transaction without ending it.
  crm_customer* dup = nullptr;
  crm_customer_new(&dup);
  Customer duplicate(dup);
  crm_customer_set_name(dup, "Eve");
  crm_customer_add_phone(dup, "+44 20 7946 0018");
  EXPECT_EQ(crm_customer_create(engine.get(), dup), CRM_ALREADY_EXISTS);
  ASSERT_EQ(crm_transaction_commit(outer_raw), CRM_OK) << message();
  EXPECT_EQ(customer_count(), 1u);
}

TEST_F(CApiTest, ATransactionBelongsToTheThreadThatBeganIt) {
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK);
  Transaction tx(raw);
  crm_status from_other = CRM_OK;
  std::string other_message;
  std::thread([&] {
    from_other = crm_transaction_commit(raw);
    other_message = crm_last_error_message();
  }).join();
  EXPECT_EQ(from_other, CRM_INVALID_ARGUMENT);
  EXPECT_EQ(other_message, "crm_transaction_commit: the transaction belongs to another thread");
  EXPECT_EQ(crm_transaction_commit(raw), CRM_OK);
}

TEST_F(CApiTest, ClosingTheEngineRollsBackItsOpenTransactions) {
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK);
  Transaction tx(raw);
  ASSERT_EQ(crm_engine_close(engine.get()), CRM_OK);
  EXPECT_EQ(crm_transaction_commit(raw), CRM_CLOSED) << message();
  EXPECT_EQ(message(), "crm_transaction_commit: the engine is closed");
  EXPECT_EQ(crm_transaction_begin(nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_transaction_commit(nullptr), CRM_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace crm_c_test
