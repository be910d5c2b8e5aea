// SPDX-License-Identifier: Apache-2.0
#pragma once
// What every command shares: the global options and the engine over the
// database file, opened when a command first needs it.

#include <crm/engine.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace crm::cli {

struct GlobalOptions {
  std::string db = "crm.db";
  std::string region = EngineOptions{}.default_region;  // the library's, as in C and Python
  std::int64_t page_cache_mib = 0;  // SqliteOptions::page_cache_mib
  std::int64_t busy_timeout_ms = default_busy_timeout.count();  // SqliteOptions::busy_timeout
  // EngineOptions::workflow_action_limit; signed, so that CLI11 refuses "-1"
  // rather than reading it as the largest size_t.
  std::int64_t workflow_action_limit = static_cast<std::int64_t>(EngineOptions{}.workflow_action_limit);
  bool json = false;
};

// The exit status of `crm check` when it found damage (main.cpp lists them all).
inline constexpr int damage_found = 3;

class Context {
 public:
  GlobalOptions options;
  // What crm exits with when the command succeeded: 0, or damage_found.
  int exit_code = 0;

  // The engine over an existing database. A missing file is refused with
  // Errc::not_found rather than created, so a mistyped --db writes nothing.
  Engine& engine();

  // The engine over the database, creating the file when it does not exist
  // (crm init, crm demo). `region` overrides options.region.
  Engine& create_engine(const std::string& region);
  Engine& create_engine() { return create_engine(options.region); }

  // Now, by the engine's clock (the system clock, also before the engine is open).
  Timestamp now() const;

 private:
  Engine& open(const std::string& region);
  std::unique_ptr<Engine> engine_;
};

}  // namespace crm::cli
