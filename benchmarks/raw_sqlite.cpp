// SPDX-License-Identifier: Apache-2.0
#include "raw_sqlite.hpp"

#include <crm/normalize.hpp>

#include <msgpack.hpp>

#include <stdexcept>
#include <string>

#include "data_generator.hpp"
#include "raw_codec.hpp"

namespace crm::bench {

namespace {

// The engine's schema version 1, as src/store/sqlite_schema.cpp creates it.
constexpr const char* raw_schema = R"sql(
CREATE TABLE records(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  collection TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  body       BLOB    NOT NULL,
  keys       BLOB    NOT NULL
);
CREATE INDEX records_by_collection ON records(collection, id);
CREATE TABLE unique_keys(
  name TEXT    NOT NULL,
  key  BLOB    NOT NULL,
  id   INTEGER NOT NULL,
  PRIMARY KEY(name, key)
) WITHOUT ROWID;
CREATE TABLE sorted_keys(
  name TEXT    NOT NULL,
  key  BLOB    NOT NULL,
  id   INTEGER NOT NULL,
  PRIMARY KEY(name, key)
) WITHOUT ROWID;
)sql";

// Resets a statement when a use of it ends, so that it never pins a read snapshot.
class Using {
 public:
  explicit Using(SQLite::Statement& s) : s_(s) {}
  ~Using() { s_.tryReset(); }
  Using(const Using&) = delete;
  Using& operator=(const Using&) = delete;
  SQLite::Statement* operator->() { return &s_; }

 private:
  SQLite::Statement& s_;
};

void bind_blob(SQLite::Statement& s, int index, const std::string& bytes) {
  s.bindNoCopy(index, bytes.data(), static_cast<int>(bytes.size()));
}

std::string column_bytes(SQLite::Statement& s, int column) {
  const auto c = s.getColumn(column);
  return {static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes())};
}

// The first key after every key that starts with `prefix` (prefix ends in a byte below 0xff here).
std::string past(std::string prefix) {
  prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

bool counts_as_purchase(const Interaction& x) {
  return x.kind == InteractionKind::purchase && x.customer_id != 0 && x.amount.has_value();
}

}  // namespace

RawSqlite::RawSqlite(const std::filesystem::path& path, Sync sync, Timestamp now, std::int64_t page_cache_mib)
    : db_(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, 5000), now_(now) {
  if (page_cache_mib > 0) db_.exec("PRAGMA cache_size = -" + std::to_string(page_cache_mib * 1024));
  if (!db_.tableExists("records")) db_.exec(raw_schema);
  db_.exec("PRAGMA journal_mode = WAL");
  db_.exec(sync == Sync::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  db_.exec("PRAGMA temp_store = MEMORY");
  const auto prepare = [&](const char* sql) { return std::make_unique<SQLite::Statement>(db_, sql); };
  insert_record_ = prepare("INSERT INTO records(collection, version, body, keys) VALUES(?1, 1, ?2, ?3)");
  insert_unique_ = prepare("INSERT INTO unique_keys(name, key, id) VALUES(?1, ?2, ?3)");
  insert_sorted_ = prepare("INSERT INTO sorted_keys(name, key, id) VALUES(?1, ?2, ?3)");
  customer_exists_ = prepare("SELECT 1 FROM records WHERE id = ?1 AND collection = 'customer'");
  find_unique_ = prepare(
      "SELECT r.id, r.version, r.body FROM unique_keys k JOIN records r ON r.id = k.id "
      "WHERE k.name = ?1 AND k.key = ?2 AND r.collection = 'customer'");
  last_of_ = prepare(
      "SELECT r.id, r.version, r.body FROM sorted_keys k JOIN records r ON r.id = k.id "
      "WHERE k.name = 'interaction.customer' AND k.key > ?1 AND k.key < ?2 ORDER BY k.key DESC LIMIT ?3");
  stats_of_ = prepare(
      "SELECT r.id, r.version, r.body FROM sorted_keys k JOIN records r ON r.id = k.id "
      "WHERE k.name = 'purchase_stats.customer' AND k.key > ?1 AND k.key < ?2");
  update_body_ = prepare("UPDATE records SET version = version + 1, body = ?2 WHERE id = ?1");
}

namespace {

void put_index_row(SQLite::Statement& insert, const std::string& index, const std::string& key, Id id) {
  Using s(insert);
  s->bindNoCopy(1, index);
  bind_blob(insert, 2, key);
  s->bind(3, id);
  s->exec();
}

// Inserts a record with its index rows; returns its id.
Id write_record(SQLite::Database& db, SQLite::Statement& insert_record, const char* collection,
                const std::string& body, std::vector<raw::Key> unique, std::vector<raw::Key> sorted,
                SQLite::Statement& insert_unique, SQLite::Statement& insert_sorted) {
  const std::string keys = raw::encode_keys(unique, sorted);
  {
    Using s(insert_record);
    s->bind(1, collection);
    bind_blob(insert_record, 2, body);
    bind_blob(insert_record, 3, keys);
    s->exec();
  }
  const Id id = db.getLastInsertRowid();
  for (const auto& k : unique) put_index_row(insert_unique, k.index, k.key, id);
  for (const auto& k : sorted) put_index_row(insert_sorted, k.index, k.key + raw::id_key(id), id);
  return id;
}

}  // namespace

Id RawSqlite::insert_customer(Customer c) {
  for (auto& phone : c.phones) phone = normalize_phone(phone, home_region);
  for (auto& email : c.emails) email = normalize_email(email);
  c.created_at = c.updated_at = now_;
  std::vector<raw::Key> unique, sorted;
  if (!c.external_id.empty()) unique.push_back({"customer.external_id", c.external_id});
  for (const auto& phone : c.phones) unique.push_back({"customer.phone", phone});
  for (const auto& email : c.emails) unique.push_back({"customer.email", email});
  sorted.push_back({"customer.name", raw::text_key(fold_case(c.display_name))});
  if (!c.owner.empty()) sorted.push_back({"customer.owner", raw::text_key(c.owner)});
  sorted.push_back({"customer.stage", raw::number_key(static_cast<std::int64_t>(c.stage))});
  for (const auto& tag : c.tags) sorted.push_back({"customer.tag", raw::text_key(tag)});
  if (c.organisation_id != 0) sorted.push_back({"customer.organisation", raw::number_key(c.organisation_id)});
  return write_record(db_, *insert_record_, "customer", raw::encode(c), std::move(unique), std::move(sorted),
                      *insert_unique_, *insert_sorted_);
}

Id RawSqlite::insert_interaction(Interaction x) {
  {
    Using s(*customer_exists_);
    s->bind(1, x.customer_id);
    if (!s->executeStep()) throw std::runtime_error("raw sqlite: customer " + std::to_string(x.customer_id) + " not found");
  }
  x.created_at = now_;
  const Id id = write_record(db_, *insert_record_, "interaction", raw::encode(x), {},
                             {{"interaction.customer", raw::number_key(x.customer_id) + raw::number_key(to_millis(x.occurred_at))}},
                             *insert_unique_, *insert_sorted_);
  if (!counts_as_purchase(x)) return id;

  // The customer's statistics in this currency: the same record the engine keeps.
  const Money& amount = *x.amount;
  const std::string prefix = raw::number_key(x.customer_id) + raw::text_key(amount.currency.code());
  std::optional<std::pair<Id, PurchaseStats>> stored;
  {
    Using s(*stats_of_);
    bind_blob(*stats_of_, 1, prefix);
    const std::string end = past(prefix);
    bind_blob(*stats_of_, 2, end);
    if (s->executeStep()) stored.emplace(s->getColumn(0).getInt64(), raw::decode_stats(column_bytes(*stats_of_, 2)));
  }
  if (!stored) {
    const PurchaseStats first{.customer_id = x.customer_id, .currency = amount.currency, .purchases = 1,
                              .purchase_days = 1, .total_minor = amount.minor, .first_day_minor = amount.minor,
                              .first_at = x.occurred_at, .last_at = x.occurred_at};
    write_record(db_, *insert_record_, "purchase_stats", raw::encode(first), {}, {{"purchase_stats.customer", prefix}},
                 *insert_unique_, *insert_sorted_);
    return id;
  }
  PurchaseStats& s = stored->second;
  if (x.occurred_at < s.last_at) throw std::logic_error("raw sqlite: purchases must come in time order per customer");
  if (utc_day(x.occurred_at) == utc_day(s.first_at)) s.first_day_minor += amount.minor;
  if (utc_day(x.occurred_at) != utc_day(s.last_at)) ++s.purchase_days;
  s.total_minor += amount.minor;
  ++s.purchases;
  s.last_at = x.occurred_at;
  const std::string body = raw::encode(s);
  Using u(*update_body_);
  u->bind(1, stored->first);
  bind_blob(*update_body_, 2, body);
  u->exec();
  return id;
}

std::optional<Customer> RawSqlite::customer_by_key(const char* index, const std::string& key) const {
  Using s(*find_unique_);
  s->bindNoCopy(1, index);  // a literal: NUL-terminated text
  bind_blob(*find_unique_, 2, key);
  if (!s->executeStep()) return std::nullopt;
  return raw::decode_customer(column_bytes(*find_unique_, 2), s->getColumn(0).getInt64(), s->getColumn(1).getInt64());
}

std::optional<Customer> RawSqlite::find_by_phone(std::string_view typed) const {
  // As the engine reads a lookup: only the canonical form matters.
  return customer_by_key("customer.phone", normalize_phone(typed, home_region, PhoneCheck::possible));
}

std::optional<Customer> RawSqlite::find_by_email(std::string_view typed) const {
  return customer_by_key("customer.email", normalize_email(typed));
}

std::optional<Customer> RawSqlite::find_by_external_id(std::string_view external_id) const {
  return customer_by_key("customer.external_id", std::string(external_id));
}

std::vector<Interaction> RawSqlite::last_interactions(Id customer, int limit) const {
  Using s(*last_of_);
  const std::string from = raw::number_key(customer), to = raw::number_key(customer + 1);
  bind_blob(*last_of_, 1, from);
  bind_blob(*last_of_, 2, to);
  s->bind(3, limit);
  std::vector<Interaction> out;
  while (s->executeStep())
    out.push_back(raw::decode_interaction(column_bytes(*last_of_, 2), s->getColumn(0).getInt64(), s->getColumn(1).getInt64()));
  return out;
}

std::vector<RawSqlite::SavedRow> RawSqlite::stats_rows(Id customer) const {
  Using s(*stats_of_);
  const std::string from = raw::number_key(customer), to = raw::number_key(customer + 1);
  bind_blob(*stats_of_, 1, from);
  bind_blob(*stats_of_, 2, to);
  std::vector<SavedRow> out;
  while (s->executeStep()) out.push_back({s->getColumn(0).getInt64(), s->getColumn(1).getInt64(), column_bytes(*stats_of_, 2)});
  return out;
}

std::vector<PurchaseStats> RawSqlite::purchase_stats(Id customer) const {
  std::vector<PurchaseStats> out;
  for (const auto& row : stats_rows(customer)) out.push_back(raw::decode_stats(row.body));
  return out;
}

std::int64_t RawSqlite::count(std::string_view collection) const {
  SQLite::Statement s(db_, "SELECT count(*) FROM records WHERE collection = ?1");
  s.bind(1, std::string(collection));
  s.executeStep();
  return s.getColumn(0).getInt64();
}

std::int64_t RawSqlite::last_id() const { return db_.execAndGet("SELECT coalesce(max(id), 0) FROM records").getInt64(); }

void RawSqlite::undo_after(Id last, const std::vector<SavedRow>& restore) {
  SQLite::Transaction tx(db_);
  // Each later record's index rows, from its `keys` column.
  SQLite::Statement later(db_, "SELECT id, keys FROM records WHERE id > ?1");
  later.bind(1, last);
  SQLite::Statement drop_unique(db_, "DELETE FROM unique_keys WHERE name = ?1 AND key = ?2");
  SQLite::Statement drop_sorted(db_, "DELETE FROM sorted_keys WHERE name = ?1 AND key = ?2");
  while (later.executeStep()) {
    const Id id = later.getColumn(0).getInt64();
    const std::string keys = column_bytes(later, 1);
    const auto handle = msgpack::unpack(keys.data(), keys.size());
    const auto& lists = handle.get().via.array;
    for (std::uint32_t l = 0; l < 2; ++l) {
      const auto& list = lists.ptr[l].via.array;
      for (std::uint32_t n = 0; n < list.size; ++n) {
        const auto& pair = list.ptr[n].via.array;
        const std::string name = pair.ptr[0].as<std::string>();
        std::string key(pair.ptr[1].via.bin.ptr, pair.ptr[1].via.bin.size);
        if (l == 1) key += raw::id_key(id);
        auto& drop = l == 0 ? drop_unique : drop_sorted;
        drop.bind(1, name);
        bind_blob(drop, 2, key);
        drop.exec();
        drop.reset();
      }
    }
  }
  later.reset();
  SQLite::Statement drop_records(db_, "DELETE FROM records WHERE id > ?1");
  drop_records.bind(1, last);
  drop_records.exec();
  SQLite::Statement put_back(db_, "UPDATE records SET version = ?2, body = ?3 WHERE id = ?1");
  for (const auto& row : restore) {
    put_back.bind(1, row.id);
    put_back.bind(2, row.version);
    bind_blob(put_back, 3, row.body);
    put_back.exec();
    put_back.reset();
  }
  tx.commit();
}

}  // namespace crm::bench
