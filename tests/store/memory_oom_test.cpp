// SPDX-License-Identifier: Apache-2.0
// The memory store when memory runs out inside a rollback. Its rollback is
// noexcept and re-inserts what it undoes (which allocates), so an
// allocation failure there used to end the host with std::terminate. Now
// the store marks itself broken and every later call fails with
// Errc::storage. This binary replaces the global operator new to make
// allocations fail on demand, so it is a test executable of its own.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

#include "crm/error.hpp"
#include "crm/store/memory_store.hpp"
#include "store/records.hpp"
#include "support/child_process.hpp"

namespace {
thread_local bool refuse_allocations = false;
}  // namespace

void* operator new(std::size_t size) {
  if (refuse_allocations) throw std::bad_alloc();
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace crm::test {
namespace {

TEST(MemoryStoreOutOfMemory, ARollbackThatRunsOutOfMemoryBreaksTheStoreInsteadOfEndingTheProcess) {
  // In a child: on the old code the rollback called std::terminate.
  const int code = run_in_child([] {
    MemoryStore store;
    const Id id = store.insert("thing", record("v1", {{"thing.code", "A"}}, {{"thing.name", "a"}}));
    store.begin();
    store.update("thing", id, 1, record("v2", {{"thing.code", "B"}}, {{"thing.name", "b"}}));
    store.insert("thing", record("new", {{"thing.code", "C"}}));
    refuse_allocations = true;
    store.rollback();  // must return
    refuse_allocations = false;
    try {
      store.get("thing", id);
      std::fprintf(stderr, "a read after the broken rollback answered\n");
      return 1;
    } catch (const Error& e) {
      const std::string message = e.what();
      std::fprintf(stderr, "%s\n", e.what());
      if (e.code() != Errc::storage || message.find("ran out of memory") == std::string::npos) return 2;
    }
    try {
      store.insert("thing", record("later"));
      return 3;
    } catch (const Error& e) {
      return e.code() == Errc::storage ? 0 : 4;
    }
  });
  EXPECT_EQ(code, 0) << "128 + 6 is SIGABRT: std::terminate";
}

TEST(MemoryStoreOutOfMemory, ARollbackWithMemoryLeftRestoresEverything) {
  MemoryStore store;
  const Id id = store.insert("thing", record("v1", {{"thing.code", "A"}}));
  store.begin();
  store.update("thing", id, 1, record("v2", {{"thing.code", "B"}}));
  store.rollback();
  EXPECT_EQ(store.get("thing", id)->body, "v1");
  EXPECT_EQ(store.find("thing.code", "A"), id);
  EXPECT_FALSE(store.find("thing.code", "B"));
}

}  // namespace
}  // namespace crm::test
