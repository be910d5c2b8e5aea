// SPDX-License-Identifier: Apache-2.0
#include "context.hpp"
#include "text/quote.hpp"

#include <crm/error.hpp>
#include <crm/normalize.hpp>
#include <crm/store/sqlite_store.hpp>

#include <filesystem>

namespace crm::cli {

Engine& Context::engine() {
  if (!engine_ && !std::filesystem::exists(options.db))
    throw Error(Errc::not_found, "database '" + detail::escape(options.db) + "' does not exist (create it with: crm --db " +
                                     detail::escape(options.db) + " init)");
  return open(options.region);
}

Engine& Context::create_engine(const std::string& region) { return open(region); }

Timestamp Context::now() const { return engine_ ? engine_->options().clock->now() : SystemClock().now(); }

Engine& Context::open(const std::string& region) {
  // Checked before the store opens, so a bad --region creates no file.
  if (!is_supported_region(region))
    throw Error(Errc::invalid_argument, "region " + detail::quote(region) + ": not a region libphonenumber knows (use ISO 3166, e.g. GB)");
  if (!engine_) {
    const SqliteOptions sqlite{.busy_timeout = std::chrono::milliseconds(options.busy_timeout_ms),
                               .page_cache_mib = options.page_cache_mib};
    engine_ = std::make_unique<Engine>(
        std::make_unique<SqliteStore>(options.db, sqlite),
        EngineOptions{.default_region = region,
                      .workflow_action_limit = static_cast<std::size_t>(options.workflow_action_limit)});
  }
  return *engine_;
}

}  // namespace crm::cli
