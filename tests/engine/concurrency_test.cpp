// SPDX-License-Identifier: Apache-2.0
// One engine shared by threads: readers never see half a write, optimistic
// versions lose no update, lookups keep working while others write. CI runs
// this suite under ThreadSanitizer as well.

#include "support/engine_fixture.hpp"

#include <atomic>
#include <thread>

namespace crm::test {
namespace {

using ConcurrencyTest = EngineTest;

constexpr int updates = 150;
constexpr int readers = 3;

TEST_P(ConcurrencyTest, ReadersSeeEachUpdateWholeAndInOrder) {
  Customer c = person("Ada", "020 7946 0018");
  c.tier = "t0";
  c = engine->create(c);
  const Id id = c.id;  // readers must not read `c`, which the writer reassigns
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::atomic<int> backwards{0};
  std::atomic<long> reads{0};
  std::atomic<int> started{0};

  std::vector<std::thread> threads;
  for (int r = 0; r < readers; ++r) {
    threads.emplace_back([&] {
      Version last = 0;
      ++started;
      do {
        const auto seen = (reads.fetch_add(1) % 2 == 0) ? engine->get<Customer>(id)
                                                        : *engine->find_customer_by_phone("+44 20 7946 0018");
        // The writer sets tier and points together; a reader must never see one without the other.
        if (seen.tier != "t" + std::to_string(seen.loyalty_points)) ++torn;
        if (seen.version < last) ++backwards;
        last = seen.version;
      } while (!done.load());
    });
  }
  // Writing only once every reader runs: on a busy machine a fast store
  // could otherwise finish all updates before any reader was scheduled.
  while (started.load() < readers) std::this_thread::yield();
  for (int k = 1; k <= updates; ++k) {
    c.tier = "t" + std::to_string(k);
    c.loyalty_points = k;
    c = engine->update(c);
  }
  done = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(backwards.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(engine->get<Customer>(c.id).loyalty_points, updates);
}

TEST_P(ConcurrencyTest, OptimisticVersionsLoseNoUpdate) {
  const auto c = engine->create(person("Ada"));
  constexpr int threads_count = 4;
  constexpr int increments = 40;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < threads_count; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < increments; ++i) {
        for (;;) {
          auto current = engine->get<Customer>(c.id);
          current.loyalty_points += 1;
          try {
            engine->update(current);
            break;
          } catch (const Error& e) {
            if (e.code() != Errc::conflict) throw;
            ++conflicts;  // someone else won: reload and retry
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto final = engine->get<Customer>(c.id);
  EXPECT_EQ(final.loyalty_points, threads_count * increments);
  EXPECT_EQ(final.version, 1 + threads_count * increments);
}

TEST_P(ConcurrencyTest, LookupsAndListingsWorkWhileOthersWrite) {
  std::vector<Id> existing;
  for (int i = 0; i < 20; ++i)
    existing.push_back(engine->create(person("C" + std::to_string(i), "020 7946 " + std::to_string(1000 + i))).id);
  std::atomic<bool> done{false};
  std::atomic<int> missing{0};
  std::thread reader([&] {
    while (!done.load()) {
      for (int i = 0; i < 20; ++i) {
        const auto found = engine->find_customer_by_phone("020 7946 " + std::to_string(1000 + i));
        if (!found || found->id != existing[static_cast<std::size_t>(i)]) ++missing;
      }
      if (engine->list(CustomerQuery{.limit = 1000}).items.size() < 20) ++missing;
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) {
        const auto c = engine->create(person("W" + std::to_string(w) + "-" + std::to_string(i)));
        engine->create(note(c.id, "hello"));
      }
    });
  }
  for (auto& w : writers) w.join();
  done = true;
  reader.join();
  EXPECT_EQ(missing.load(), 0);
  EXPECT_EQ(engine->count<Customer>(), 120U);
  EXPECT_EQ(engine->count<Interaction>(), 100U);
}

// The in-memory population is read while two threads log purchases: every
// read is a population that existed (totals only grow), and the last one
// agrees with the stored statistics.
TEST_P(ConcurrencyTest, PopulationReadsWhileOthersBuyStayWhole) {
  std::vector<Id> customers;
  for (int i = 0; i < 10; ++i) customers.push_back(engine->create(person("C" + std::to_string(i))).id);
  const auto gbp = Currency::of("GBP");
  std::atomic<bool> done{false};
  std::atomic<int> broken{0};
  std::thread reader([&] {
    std::int64_t last_total = 0;
    while (!done.load()) {
      std::int64_t total = 0;
      for (const auto& s : engine->purchase_population(gbp)) total += s.total_minor;
      if (total < last_total || total % 100 != 0) ++broken;
      last_total = total;
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 60; ++i) {
        auto sale = purchase(customers[static_cast<std::size_t>((i + w) % 10)], Money::of(100, "GBP"));
        if (i % 3 == 0) {  // some in a transaction of two purchases
          auto tx = engine->transaction();
          engine->create(sale);
          engine->create(sale);
          tx.commit();
        } else {
          engine->create(sale);
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  done = true;
  reader.join();
  EXPECT_EQ(broken.load(), 0);
  const auto population = engine->purchase_population(gbp);
  std::vector<PurchaseStats> stored;
  for (const Id c : customers) stored.push_back(engine->purchase_stats(c).at(0));
  EXPECT_EQ(population, stored);
  std::int64_t total = 0;
  for (const auto& s : population) total += s.total_minor;
  EXPECT_EQ(total, 2 * (60 + 20) * 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrencyTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
