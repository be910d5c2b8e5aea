// SPDX-License-Identifier: Apache-2.0
// Allocation failure through the C API: a call that runs out of memory
// returns CRM_OUT_OF_MEMORY and leaves the host running; it never aborts
// (std::terminate, SIGABRT). Each test runs the call in a forked child with
// a limited address space (tests/support/memory_limit.hpp) and looks at how
// the child ended.
//
// The hazard these guard against: nlohmann::json's destructor allocates (a
// vector as long as the array or object it takes apart, nlohmann/json#4653,
// #5135), and a destructor cannot throw, so a document torn down while memory
// is short called std::terminate. The library now takes its documents apart
// without allocating (src/json/json_release.hpp).
#include <crm/crm.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "c_api_fixture.hpp"
#include "support/memory_limit.hpp"

namespace crm_c_test {
namespace {

using crm::test::ChildEnd;
using crm::test::memory_limit_unsupported;
using crm::test::run_with_memory_limit;

constexpr long MiB = 1 << 20;

#define SKIP_WITHOUT_MEMORY_LIMITS()                                   \
  do {                                                                \
    if (const char* why = memory_limit_unsupported()) GTEST_SKIP() << why; \
  } while (0)

// An engine in memory with the issue's data: `baskets` purchases, each of
// the same `products` SKUs P0, P1, … (padded with x to `sku_length`
// characters). Every subset of them is frequent.
crm_engine* engine_with_baskets(int baskets, int products, std::size_t sku_length = 0) {
  crm_options options;
  crm_options_init(&options, sizeof options);
  crm_engine* engine = nullptr;
  if (crm_engine_open(&options, &engine) != CRM_OK) _exit(101);
  crm_customer* customer = nullptr;
  if (crm_customer_new(&customer) != CRM_OK || crm_customer_set_name(customer, "Ada") != CRM_OK ||
      crm_customer_create(engine, customer) != CRM_OK)
    _exit(102);
  const int64_t id = crm_customer_id(customer);
  crm_customer_free(customer);
  for (int b = 0; b < baskets; ++b) {
    std::string text = R"({"customer_id": )" + std::to_string(id) + R"(, "kind": "purchase", "occurred_at": )" +
                       std::to_string(1'600'000'000'000 + b * 1000) + R"(, "items": [)";
    for (int p = 0; p < products; ++p) {
      std::string sku = "P" + std::to_string(p);
      if (sku.size() < sku_length) sku.resize(sku_length, 'x');
      text += std::string(p == 0 ? "" : ",") + R"({"sku": ")" + sku +
              R"(", "quantity": 1, "unit_price": {"minor": 100, "currency": "EUR"}})";
    }
    text += "]}";
    crm_interaction* purchase = nullptr;
    if (crm_interaction_from_json(text.c_str(), &purchase) != CRM_OK || crm_interaction_create(engine, purchase) != CRM_OK)
      _exit(103);
    crm_interaction_free(purchase);
  }
  return engine;
}

// Runs a basket report in the child; exits with its status.
int basket_status(crm_engine* engine, const char* query) {
  char* out = nullptr;
  const crm_status status = crm_report_json(engine, "basket", query, &out);
  crm_string_free(out);
  return status;
}

// The issue's call: 50 purchases of 13 products, max_itemset 16, max_rules
// 0. It once asked for 1.6 million rules and, under a 2 GB limit, died by
// SIGABRT. Now the miner's budget stops it well within 256 MiB more.
TEST(CApiOutOfMemoryTest, IssueBasketQueryStaysWithinItsBudgetUnderAMemoryLimit) {
  SKIP_WITHOUT_MEMORY_LIMITS();
  const ChildEnd end = run_with_memory_limit(
      256 * MiB, [] { return engine_with_baskets(50, 13); },
      [](crm_engine* engine) { return basket_status(engine, R"({"max_itemset": 16, "max_rules": 0})"); });
  EXPECT_TRUE(end.exited && end.code == CRM_OK) << end.describe();
}

// A report whose result needs tens of MiB (10,000 rules of 13 items, kept
// from 1,000,000 candidates, as rules, as a JSON document and as text), run
// with 1 to 32 MiB to spare: wherever the allocation that fails happens to
// be (mining, the document, its text), the call returns CRM_OUT_OF_MEMORY,
// or CRM_OK once there is room; it never ends the process. (The old code
// died by SIGABRT from 8 to 16 MiB.) With 200-character SKUs the same needs
// well over 100 MiB: out of memory at every headroom.
TEST(CApiOutOfMemoryTest, ReportThatRunsOutOfMemoryReturnsOutOfMemory) {
  SKIP_WITHOUT_MEMORY_LIMITS();
  int out_of_memory = 0;
  for (const std::size_t sku_length : {std::size_t{0}, std::size_t{200}}) {
    for (const long headroom : {1 * MiB, 4 * MiB, 8 * MiB, 12 * MiB, 16 * MiB, 32 * MiB}) {
      const ChildEnd end = run_with_memory_limit(
          headroom, [sku_length] { return engine_with_baskets(50, 13, sku_length); },
          [](crm_engine* engine) {
            return basket_status(engine, R"({"max_itemset": 16, "max_rules": 10000, "min_confidence": 0})");
          });
      EXPECT_TRUE(end.exited && (end.code == CRM_OUT_OF_MEMORY || (end.code == CRM_OK && sku_length == 0)))
          << "SKUs of " << sku_length << " characters, " << headroom / MiB << " MiB to spare: " << end.describe();
      out_of_memory += end.exited && end.code == CRM_OUT_OF_MEMORY;
    }
  }
  EXPECT_GE(out_of_memory, 6) << "the memory limit was hardly ever reached: the test tests nothing";
}

// A record of 1.5 million array elements (3 MB of text, under the 8 MiB
// limit on a record's JSON) needs far more than 16 MiB to parse: the parser
// runs out of memory, and the half-built document must go quietly.
TEST(CApiOutOfMemoryTest, ParsingThatRunsOutOfMemoryReturnsOutOfMemory) {
  SKIP_WITHOUT_MEMORY_LIMITS();
  const ChildEnd end = run_with_memory_limit(
      16 * MiB,
      [] {
        auto* text = new std::string(R"({"display_name": "Ada", "attributes": {"a": [)");
        for (int i = 0; i < 1'500'000; ++i) *text += i == 0 ? "1" : ",1";
        *text += "]}}";
        return text;
      },
      [](std::string* text) {
        crm_customer* customer = nullptr;
        return static_cast<int>(crm_customer_from_json(text->c_str(), &customer));
      });
  EXPECT_TRUE(end.exited && end.code == CRM_OUT_OF_MEMORY) << end.describe();
}

// A query is parsed before any key is checked, so a huge one runs out of
// memory the same way.
TEST(CApiOutOfMemoryTest, QueryThatRunsOutOfMemoryReturnsOutOfMemory) {
  SKIP_WITHOUT_MEMORY_LIMITS();
  const ChildEnd end = run_with_memory_limit(
      16 * MiB,
      [] {
        auto* text = new std::string(R"({"min_support": 0.5, "unknown": [)");
        for (int i = 0; i < 3'000'000; ++i) *text += i == 0 ? "1" : ",1";
        *text += "]}";
        return std::make_pair(engine_with_baskets(2, 2), text);
      },
      [](const std::pair<crm_engine*, std::string*>& state) {
        return basket_status(state.first, state.second->c_str());
      });
  EXPECT_TRUE(end.exited && end.code == CRM_OUT_OF_MEMORY) << end.describe();
}

}  // namespace
}  // namespace crm_c_test
