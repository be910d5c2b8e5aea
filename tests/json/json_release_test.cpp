// SPDX-License-Identifier: Apache-2.0
// json/json_release.hpp: documents taken apart without allocating, and a
// parse that behaves as nlohmann's own but releases what it built when it
// fails. nlohmann's destructor allocates (nlohmann/json#4653), which made a
// host die by SIGABRT when memory ran out near a document (issue 21).
#include "json/json_release.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/memory_limit.hpp"

namespace crm::detail {
namespace {

using nlohmann::json;

// A document of every kind of value, nested a few levels.
json sample() {
  json document = json::parse(R"({"a": [1, 2.5, "three", null, true, {"b": [[], {}, [1, [2, [3]]]]}],
                                  "c": {"d": "e", "f": [{"g": 1}]}, "h": ""})");
  for (int i = 0; i < 1000; ++i) document["many"].push_back({{"i", i}, {"text", std::string(40, 'x')}});
  return document;
}

TEST(JsonReleaseTest, ReleaseLeavesNull) {
  json document = sample();
  release(document);
  EXPECT_TRUE(document.is_null());
  json scalar = "text";
  release(scalar);
  EXPECT_TRUE(scalar.is_null());
}

TEST(JsonReleaseTest, ReleaseTakesAVeryDeepDocumentApart) {
  json document = json::array();
  json* inner = &document;
  for (int depth = 0; depth < 10'000; ++depth) inner = &inner->emplace_back(json::array());
  release(document);  // 256 levels by hand, the rest by nlohmann's destructor
  EXPECT_TRUE(document.is_null());
}

TEST(JsonReleaseTest, GuardsReleaseWhenTheyShould) {
  json kept = sample();
  {
    const ReleaseOnThrow guard(kept);
  }
  EXPECT_FALSE(kept.is_null()) << "no exception: kept";
  try {
    const ReleaseOnThrow guard(kept);
    throw std::runtime_error("boom");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(kept.is_null());
  json done = sample();
  {
    const ReleaseOnExit guard(done);
  }
  EXPECT_TRUE(done.is_null());
}

TEST(JsonReleaseTest, MakeObjectAndPutSetEveryKey) {
  json object = make_object("n", 1, "s", std::string("two"), "v", std::vector<int>{3, 4}, "j", json::array());
  EXPECT_EQ(object, json::parse(R"({"n": 1, "s": "two", "v": [3, 4], "j": []})"));
  put(object, "n", json{{"x", 1}});
  EXPECT_EQ(object["n"], json::parse(R"({"x": 1})"));
}

TEST(JsonReleaseTest, DumpAndReleaseGivesTheTextAndReleases) {
  json document = make_object("a", 1);
  EXPECT_EQ(dump_and_release(document), R"({"a":1})");
  EXPECT_TRUE(document.is_null());
  json bad = make_object("a", std::string("\xff"));
  EXPECT_THROW(dump_and_release(bad), json::type_error);
  EXPECT_TRUE(bad.is_null()) << "released when dump() fails too";
}

TEST(JsonReleaseTest, ParseJsonParsesAsNlohmannDoes) {
  for (const char* text : {R"({"a": [1, {"b": null}], "c": "d"})", "[]", "3", R"("x")", "null"})
    EXPECT_EQ(parse_json(text), json::parse(text)) << text;
  for (const char* bad : {"", "{", "[1,]", "1 2", R"({"a": 1} x)", "\xff"})
    EXPECT_THROW(parse_json(bad), json::parse_error) << bad;
}

// The point of it all: with no memory left at all, release() still takes a
// large document apart. (nlohmann's destructor would call std::terminate.)
TEST(JsonReleaseTest, ReleaseNeedsNoMemory) {
  if (const char* why = test::memory_limit_unsupported()) GTEST_SKIP() << why;
  struct State {
    json document = sample();
    std::vector<void*> hoard = std::vector<void*>(1 << 20);  // room for the blocks, made before the limit
  };
  const auto end = test::run_with_memory_limit(
      4 << 20, [] { return new State; },
      [](State* state) {
        // Use up every byte the limit leaves, down to the smallest blocks.
        std::size_t taken = 0;
        for (std::size_t size = 1 << 20; size >= 16; size /= 2)
          while (taken < state->hoard.size())
            if (void* block = std::malloc(size)) state->hoard[taken++] = block;
            else break;
        json* document = &state->document;
        try {
          (void)new char[64];
          return 2;  // memory was left: the test proves nothing
        } catch (const std::bad_alloc&) {
        }
        release(*document);
        return document->is_null() ? 0 : 3;
      });
  EXPECT_TRUE(end.exited && end.code == 0) << end.describe();
}

}  // namespace
}  // namespace crm::detail
