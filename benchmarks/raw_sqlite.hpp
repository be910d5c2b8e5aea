// SPDX-License-Identifier: Apache-2.0
#pragma once
// The SQLite baseline: the same work as Engine + SqliteStore, written by hand
// with SQLiteCpp on the engine's own schema and indexes (records,
// unique_keys, sorted_keys of src/store/sqlite_schema.cpp) and pragmas (WAL,
// synchronous FULL or NORMAL, temp_store MEMORY).
//
// It normalises what the indexes need (phones with libphonenumber, e-mails,
// the folded name: the same crm:: calls as the engine), encodes the same
// bodies (raw_codec.hpp), writes the same index rows and keeps the same
// per-customer purchase statistics. What it leaves out is the engine's own
// machinery: validation and NFC checks of every field, the store interface,
// explicit unique-key checks (it lets the primary key refuse a duplicate),
// the change notifications and the statistics cache. That is what the
// engine/raw ratio measures. One connection, one thread.

#include <SQLiteCpp/SQLiteCpp.h>

#include <crm/analytics/purchase_stats.hpp>
#include <crm/model/customer.hpp>
#include <crm/model/interaction.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace crm::bench {

class RawSqlite {
 public:
  enum class Sync { full, normal };
  // Opens (creating the schema in a new file) with the engine's pragmas.
  // `now` stamps created_at / updated_at, as the engine's clock does;
  // `page_cache_mib` is SqliteOptions::page_cache_mib.
  RawSqlite(const std::filesystem::path& path, Sync sync, Timestamp now, std::int64_t page_cache_mib = 0);

  void begin() { db_.exec("BEGIN IMMEDIATE"); }
  void commit() { db_.exec("COMMIT"); }

  // Normalises the phones and e-mails as typed and stores the customer; returns its id.
  Id insert_customer(Customer customer);
  // Stores an interaction of a stored customer; a purchase also updates the
  // customer's statistics (purchases must come in time order per customer).
  Id insert_interaction(Interaction interaction);

  std::optional<Customer> find_by_phone(std::string_view typed) const;
  std::optional<Customer> find_by_email(std::string_view typed) const;
  std::optional<Customer> find_by_external_id(std::string_view external_id) const;
  // A customer's newest interactions first, at most `limit`.
  std::vector<Interaction> last_interactions(Id customer, int limit) const;
  std::vector<PurchaseStats> purchase_stats(Id customer) const;

  std::int64_t count(std::string_view collection) const;
  std::int64_t last_id() const;
  // Undoes the writes after last_id() returned `last` (the purchase
  // benchmarks clean up after themselves): records and index rows with a
  // larger id go, and the given statistics rows get their old bodies back.
  struct SavedRow {
    Id id;
    Version version;
    std::string body;
  };
  std::vector<SavedRow> stats_rows(Id customer) const;
  void undo_after(Id last, const std::vector<SavedRow>& restore);

  SQLite::Database& db() { return db_; }

 private:
  std::optional<Customer> customer_by_key(const char* index, const std::string& key) const;

  mutable SQLite::Database db_;
  Timestamp now_;
  // Prepared once, reused (as the engine does).
  std::unique_ptr<SQLite::Statement> insert_record_, insert_unique_, insert_sorted_, customer_exists_, find_unique_,
      last_of_, stats_of_, update_body_;
};

}  // namespace crm::bench
