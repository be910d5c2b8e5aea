// SPDX-License-Identifier: Apache-2.0
// The writer the crash test kills: commits numbered transactions into a crm
// SQLite file until it is killed, and after each commit writes its number to
// standard output (unbuffered), so the test knows what was committed.
//
//   crash_writer FILE [--full]
//
// Transaction n (counting on from what the file holds) creates customer n
// with external id "crash:n" and logs two purchases of n cents for it: three
// records, their index keys and the purchase statistics, all or nothing.
// --full opens the store with Durability::full (fsync on every commit).
#include <crm/crm.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || (argc == 3 && std::strcmp(argv[2], "--full") != 0)) {
    std::fprintf(stderr, "usage: crash_writer FILE [--full]\n");
    return 2;
  }
  try {
    crm::SqliteOptions options;
    if (argc == 3) options.durability = crm::SqliteOptions::Durability::full;
    crm::Engine engine(std::make_unique<crm::SqliteStore>(argv[1], options));
    for (auto n = static_cast<std::int64_t>(engine.count<crm::Customer>()) + 1;; ++n) {
      auto tx = engine.transaction();
      crm::Customer customer;
      customer.display_name = "Writer " + std::to_string(n);
      customer.external_id = "crash:" + std::to_string(n);
      const auto id = engine.create(std::move(customer)).id;
      for (int i = 0; i < 2; ++i) {
        crm::Interaction purchase;
        purchase.customer_id = id;
        purchase.kind = crm::InteractionKind::purchase;
        purchase.amount = crm::Money::of(n, "EUR");
        engine.create(std::move(purchase));
      }
      tx.commit();
      const std::string line = std::to_string(n) + "\n";
      if (write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash_writer: %s\n", e.what());
    return 1;
  }
}
