// SPDX-License-Identifier: Apache-2.0
#include "crm/store/sqlite_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <msgpack.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <new>

#include "crm/error.hpp"
#include "store/sqlite_errors.hpp"
#include "store/sqlite_schema.hpp"
#include "store/store_support.hpp"
#include "store/transaction_gate.hpp"

namespace crm {

namespace {

using detail::throw_sqlite_error;

// Every statement the store runs, prepared once per connection and reused.
enum class Sql : std::size_t {
  get,
  find,
  record_meta,
  insert_record,
  update_record,
  erase_record,
  insert_unique,
  delete_unique,
  insert_sorted,
  delete_sorted,
  scan_ids_asc,
  scan_ids_desc,
  scan_asc_bounded,
  scan_asc_open,
  scan_desc_bounded,
  scan_desc_open,
  count,
  size_
};

constexpr std::array<const char*, static_cast<std::size_t>(Sql::size_)> sql_text{
    "SELECT version, body FROM records WHERE id = ?1 AND collection = ?2",
    "SELECT id FROM unique_keys WHERE name = ?1 AND key = ?2",
    "SELECT collection, version, keys FROM records WHERE id = ?1",
    "INSERT INTO records(collection, version, body, keys) VALUES(?1, 1, ?2, ?3)",
    "UPDATE records SET version = version + 1, body = ?2, keys = ?3 WHERE id = ?1",
    "DELETE FROM records WHERE id = ?1",
    "INSERT INTO unique_keys(name, key, id) VALUES(?1, ?2, ?3)",
    "DELETE FROM unique_keys WHERE name = ?1 AND key = ?2",
    "INSERT INTO sorted_keys(name, key, id) VALUES(?1, ?2, ?3)",
    "DELETE FROM sorted_keys WHERE name = ?1 AND key = ?2",
    "SELECT id, version, body FROM records WHERE collection = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
    "SELECT id, version, body FROM records WHERE collection = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3",
    "SELECT k.key, r.id, r.version, r.body FROM sorted_keys k JOIN records r ON r.id = k.id "
    "WHERE k.name = ?1 AND k.key > ?2 AND k.key < ?3 ORDER BY k.key LIMIT ?4",
    "SELECT k.key, r.id, r.version, r.body FROM sorted_keys k JOIN records r ON r.id = k.id "
    "WHERE k.name = ?1 AND k.key > ?2 ORDER BY k.key LIMIT ?4",
    "SELECT k.key, r.id, r.version, r.body FROM sorted_keys k JOIN records r ON r.id = k.id "
    "WHERE k.name = ?1 AND k.key > ?2 AND k.key < ?3 ORDER BY k.key DESC LIMIT ?4",
    "SELECT k.key, r.id, r.version, r.body FROM sorted_keys k JOIN records r ON r.id = k.id "
    "WHERE k.name = ?1 AND k.key > ?2 ORDER BY k.key DESC LIMIT ?4",
    "SELECT count(*) FROM records WHERE collection = ?1",
};

// A prepared statement in use; reset when done so that it never holds a read
// snapshot (in WAL mode an unreset statement would pin an old snapshot).
class Use {
 public:
  explicit Use(SQLite::Statement& statement) : statement_(statement) {}
  ~Use() { statement_.tryReset(); }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

void bind_bytes(SQLite::Statement& s, int index, std::string_view bytes) {
  s.bindNoCopy(index, bytes.data(), static_cast<int>(bytes.size()));
}

void bind_text(SQLite::Statement& s, int index, std::string_view text) {
  // Names are short and few; a copy keeps the binding valid however the caller's string lives.
  s.bind(index, std::string(text));
}

// 1 TiB: beyond any machine this runs on, and far from overflowing the KiB count.
constexpr std::int64_t max_page_cache_mib = std::int64_t{1} << 20;

struct Connection {
  SQLite::Database db;
  std::array<std::unique_ptr<SQLite::Statement>, static_cast<std::size_t>(Sql::size_)> statements;

  Connection(const std::string& path, int flags, const SqliteOptions& options)
      : db(path, flags | SQLite::OPEN_NOMUTEX, static_cast<int>(options.busy_timeout.count())) {
    // A negative cache_size is in KiB.
    if (options.page_cache_mib > 0) db.exec("PRAGMA cache_size = -" + std::to_string(options.page_cache_mib * 1024));
  }

  Use use(Sql which) {
    auto& slot = statements[static_cast<std::size_t>(which)];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db, sql_text[static_cast<std::size_t>(which)]);
    slot->clearBindings();
    return Use(*slot);
  }
};

// The index entries a record owns, stored beside it as msgpack:
// [[[unique index, key]...], [[sorted index, stored key]...]].
struct OwnedKeys {
  std::vector<IndexKey> unique;
  std::vector<IndexKey> sorted;  // as the engine gave them: the stored entry appends the record id
};

std::string encode_keys(const OwnedKeys& keys) {
  msgpack::sbuffer buffer;
  msgpack::packer<msgpack::sbuffer> out(buffer);
  out.pack_array(2);
  for (const auto* list : {&keys.unique, &keys.sorted}) {
    out.pack_array(static_cast<std::uint32_t>(list->size()));
    for (const auto& k : *list) {
      out.pack_array(2);
      out.pack(k.index);
      out.pack_bin(static_cast<std::uint32_t>(k.key.size()));
      out.pack_bin_body(k.key.data(), static_cast<std::uint32_t>(k.key.size()));
    }
  }
  return {buffer.data(), buffer.size()};
}

OwnedKeys decode_keys(std::string_view bytes, Id id) {
  try {
    const auto handle = msgpack::unpack(bytes.data(), bytes.size());
    const auto& lists = handle.get().via.array;
    if (handle.get().type != msgpack::type::ARRAY || lists.size != 2) throw msgpack::type_error();
    OwnedKeys keys;
    for (std::uint32_t l = 0; l < 2; ++l) {
      auto& target = l == 0 ? keys.unique : keys.sorted;
      for (const auto& entry : lists.ptr[l].as<std::vector<msgpack::object>>()) {
        const auto pair = entry.as<std::vector<msgpack::object>>();
        if (pair.size() != 2 || pair[1].type != msgpack::type::BIN) throw msgpack::type_error();
        target.push_back({pair[0].as<std::string>(), std::string(pair[1].via.bin.ptr, pair[1].via.bin.size)});
      }
    }
    return keys;
  } catch (const std::bad_alloc&) {
    throw;  // out of memory is not damage
  } catch (const std::exception&) {
    throw Error(Errc::corrupt, "record " + std::to_string(id) + ": its index entries are unreadable");
  }
}

bool contains(const std::vector<IndexKey>& keys, const IndexKey& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// "file:" URI of a path, percent-encoded, that opens it immutable.
std::string immutable_uri(const std::filesystem::path& path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const unsigned char c : path.string()) {
    if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += hex[c >> 4];
      uri += hex[c & 15];
    }
  }
  return uri + "?immutable=1";
}

OwnedKeys owned_keys(const RecordWrite& record) { return {detail::distinct(record.unique_keys), detail::distinct(record.sorted_keys)}; }

}  // namespace

struct SqliteStore::Impl {
  Impl(SqliteStore& store, std::string file, SqliteOptions opts)
      : path(std::move(file)),
        options(opts),
        gate(opts.busy_timeout, [&store] {
          while (store.impl_->gate.held()) store.rollback();
        }) {}

  std::string path;
  SqliteOptions options;
  int reader_flags = SQLite::OPEN_READONLY;
  detail::TransactionGate gate;
  std::unique_ptr<Connection> writer;  // used only by the gate holder

  std::mutex pool_mutex;
  std::vector<std::unique_ptr<Connection>> idle_readers;

  // A reader connection borrowed from the pool for one read.
  class Lease {
   public:
    Lease(Impl& impl, std::unique_ptr<Connection> c) : impl_(impl), connection_(std::move(c)) {}
    ~Lease() {
      std::lock_guard lock(impl_.pool_mutex);
      impl_.idle_readers.push_back(std::move(connection_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() { return *connection_; }

   private:
    Impl& impl_;
    std::unique_ptr<Connection> connection_;
  };

  Lease lease_reader() {
    {
      std::lock_guard lock(pool_mutex);
      if (!idle_readers.empty()) {
        auto c = std::move(idle_readers.back());
        idle_readers.pop_back();
        return Lease(*this, std::move(c));
      }
    }
    return Lease(*this, std::make_unique<Connection>(path, reader_flags, options));
  }

  // Runs a read on the writer connection when this thread holds the
  // transaction (so it sees its own writes), else on a pooled reader.
  template <class F>
  auto read(std::string_view doing, F&& body) {
    try {
      if (gate.held()) {
        gate.throw_if_doomed();
        return body(*writer);
      }
      auto lease = lease_reader();
      return body(*lease);
    } catch (const SQLite::Exception& e) {
      throw_sqlite_error(e, doing);
    }
  }

  // Runs a write in the caller's transaction, or in one of its own when the
  // caller has none. Logical failures are detected before anything is
  // changed; a storage failure dooms the caller's transaction because SQLite
  // may already have rolled it back.
  template <class F>
  auto write(SqliteStore& store, std::string_view doing, F&& body) {
    if (options.read_only) throw Error(Errc::permission_denied, std::string(doing) + ": the store is read-only");
    const bool own = !gate.held();
    if (own) store.begin();
    gate.throw_if_doomed();
    try {
      auto result = body(*writer);
      if (own) store.commit();
      return result;
    } catch (const SQLite::Exception& e) {
      if (own) store.rollback(); else gate.doom();
      throw_sqlite_error(e, doing);
    } catch (...) {
      if (own) store.rollback();
      throw;
    }
  }

  struct Meta {
    std::string collection;
    Version version;
    std::string keys;
  };

  static std::optional<Meta> meta(Connection& c, Id id) {
    auto s = c.use(Sql::record_meta);
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    return Meta{s->getColumn(0).getString(), s->getColumn(1).getInt64(), s->getColumn(2).getString()};
  }

  static Meta checked_meta(Connection& c, std::string_view collection, Id id, Version expected) {
    auto m = meta(c, id);
    if (!m || m->collection != collection) detail::throw_not_found(collection, id);
    if (m->version != expected) detail::throw_stale(collection, id, expected, m->version);
    return *m;
  }

  static std::optional<Id> find(Connection& c, std::string_view index, std::string_view key) {
    auto s = c.use(Sql::find);
    bind_text(*s, 1, index);
    bind_bytes(*s, 2, key);
    if (!s->executeStep()) return std::nullopt;
    return s->getColumn(0).getInt64();
  }

  // Refuses the write if any of `keys` belongs to a record other than `self`.
  static void check_unique(Connection& c, const std::vector<IndexKey>& keys, Id self) {
    for (const auto& k : keys)
      if (auto holder = find(c, k.index, k.key); holder && *holder != self) detail::throw_key_taken(k.index, k.key, *holder);
  }

  static void put_key(Connection& c, Sql which, std::string_view index, std::string_view key, Id id) {
    auto s = c.use(which);
    bind_text(*s, 1, index);
    bind_bytes(*s, 2, key);
    s->bind(3, id);
    s->exec();
  }

  static void drop_key(Connection& c, Sql which, std::string_view index, std::string_view key) {
    auto s = c.use(which);
    bind_text(*s, 1, index);
    bind_bytes(*s, 2, key);
    s->exec();
  }

  // Moves a record's index entries from `before` to `after`, touching only
  // the entries that differ.
  static void replace_keys(Connection& c, const OwnedKeys& before, const OwnedKeys& after, Id id) {
    for (const auto& k : before.unique)
      if (!contains(after.unique, k)) drop_key(c, Sql::delete_unique, k.index, k.key);
    for (const auto& k : before.sorted)
      if (!contains(after.sorted, k)) drop_key(c, Sql::delete_sorted, k.index, detail::sorted_entry(k.key, id));
    for (const auto& k : after.unique)
      if (!contains(before.unique, k)) put_key(c, Sql::insert_unique, k.index, k.key, id);
    for (const auto& k : after.sorted)
      if (!contains(before.sorted, k)) put_key(c, Sql::insert_sorted, k.index, detail::sorted_entry(k.key, id), id);
  }

  static ScanResult scan(Connection& c, const Scan& scan) {
    ScanResult result;
    const auto fetch = static_cast<std::int64_t>(scan.limit) + 1;  // one extra row tells whether a next page exists
    std::vector<std::string> row_keys;
    if (scan.index.empty()) {
      auto s = c.use(scan.descending ? Sql::scan_ids_desc : Sql::scan_ids_asc);
      bind_text(*s, 1, scan.collection);
      const Id after = scan.after.empty() ? (scan.descending ? INT64_MAX : 0) : detail::id_from_key(scan.after);
      s->bind(2, after);
      s->bind(3, fetch);
      while (s->executeStep()) {
        result.records.push_back({s->getColumn(0).getInt64(), s->getColumn(1).getInt64(), s->getColumn(2).getString()});
        row_keys.push_back(detail::id_key(result.records.back().id));
      }
    } else {
      // Stored keys are strictly longer than any prefix of them, so "key >
      // prefix" selects the same rows as "key >= prefix".
      const auto range = detail::scan_range(scan);
      const auto& lower = range.lower;
      const auto& upper_bound = range.upper;
      const Sql which = scan.descending ? (upper_bound ? Sql::scan_desc_bounded : Sql::scan_desc_open)
                                        : (upper_bound ? Sql::scan_asc_bounded : Sql::scan_asc_open);
      auto s = c.use(which);
      bind_text(*s, 1, scan.index);
      bind_bytes(*s, 2, lower);
      if (upper_bound) bind_bytes(*s, 3, *upper_bound);
      s->bind(4, fetch);
      while (s->executeStep()) {
        row_keys.push_back(s->getColumn(0).getString());
        result.records.push_back({s->getColumn(1).getInt64(), s->getColumn(2).getInt64(), s->getColumn(3).getString()});
      }
    }
    if (result.records.size() > scan.limit) {
      result.records.pop_back();
      result.cursor = row_keys[scan.limit - 1];
    }
    return result;
  }
};

void check_options(const SqliteOptions& options) {
  if (options.page_cache_mib < 0 || options.page_cache_mib > max_page_cache_mib)
    throw Error(Errc::invalid_argument, "sqlite store: page_cache_mib " + std::to_string(options.page_cache_mib) +
                                            " is not between 0 and " + std::to_string(max_page_cache_mib));
  detail::check_busy_timeout(options.busy_timeout, "sqlite store: busy_timeout");
}

SqliteStore::SqliteStore(const std::filesystem::path& path, SqliteOptions options) {
  const std::string name = path.string();
  if (name.empty() || name == ":memory:" || name.starts_with("file:"))
    throw Error(Errc::invalid_argument, "sqlite store: give a file path (use MemoryStore for a store in memory)");
  check_options(options);
  if (options.read_only && !std::filesystem::exists(path))
    throw Error(Errc::not_found, "sqlite store '" + name + "': no such file");
  impl_ = std::make_unique<Impl>(*this, name, options);
  try {
    if (options.read_only) {
      open_read_only(path);
    } else {
      impl_->writer = std::make_unique<Connection>(name, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, options);
      auto& db = impl_->writer->db;
      detail::prepare_schema(db, true, schema_version, detail::migrations());
      db.exec("PRAGMA journal_mode = WAL");
      db.exec(options.durability == SqliteOptions::Durability::full ? "PRAGMA synchronous = FULL"
                                                                    : "PRAGMA synchronous = NORMAL");
      // Savepoints (nested transactions: workflow actions, run_due) journal
      // the pages they change; kept in memory that journal costs no file
      // writes. It lives only as long as the transaction.
      db.exec("PRAGMA temp_store = MEMORY");
    }
  } catch (const Error& e) {
    throw Error(e.code(), "sqlite store '" + name + "': " + e.what());
  } catch (const SQLite::Exception& e) {
    throw_sqlite_error(e, "sqlite store '" + name + "'");
  }
}

// A WAL file is read through its shared-memory index (the -shm file), which
// SQLite must be able to create or open. In a read-only directory, on a
// read-only file system or from a read-only copy it cannot: such a file is
// then opened as immutable (no locks, no index), which is right for media
// nobody writes to. A non-empty -wal beside it holds commits that only the
// index can read, so that case is refused rather than read without them.
void SqliteStore::open_read_only(const std::filesystem::path& path) {
  auto& impl = *impl_;
  try {
    impl.writer = std::make_unique<Connection>(impl.path, SQLite::OPEN_READONLY, impl.options);
    detail::prepare_schema(impl.writer->db, false, schema_version, detail::migrations());
    return;
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) throw;
  }
  std::error_code ignored;
  const auto wal = std::filesystem::path(impl.path + "-wal");
  if (std::filesystem::exists(wal, ignored) && std::filesystem::file_size(wal, ignored) > 0)
    throw Error(Errc::permission_denied,
                "its write-ahead log '" + wal.string() +
                    "' holds commits that can only be read where SQLite may create its index (a -shm file): "
                    "open it once writable to fold them into the file, or copy all three files somewhere writable");
  impl.path = immutable_uri(path);
  impl.reader_flags = SQLite::OPEN_READONLY | SQLite::OPEN_URI;
  impl.writer = std::make_unique<Connection>(impl.path, impl.reader_flags, impl.options);
  detail::prepare_schema(impl.writer->db, false, schema_version, detail::migrations());
}

SqliteStore::~SqliteStore() {
  // A transaction still open here belongs to this thread, or to one that
  // left it behind: roll it back for its owner.
  impl_->gate.roll_back_holder();
}

void SqliteStore::begin() {
  auto& gate = impl_->gate;
  const auto level = gate.enter();
  try {
    if (level == 1)
      impl_->writer->db.exec(impl_->options.read_only ? "BEGIN" : "BEGIN IMMEDIATE");
    else if (!gate.doomed())
      impl_->writer->db.exec("SAVEPOINT s" + std::to_string(level));
  } catch (const SQLite::Exception& e) {
    gate.leave();
    if (e.getErrorCode() == SQLITE_BUSY)
      detail::throw_busy("the database file, written by another process,", impl_->options.busy_timeout);
    throw_sqlite_error(e, "begin transaction");
  }
}

void SqliteStore::commit() {
  auto& gate = impl_->gate;
  gate.require_held("commit()");
  const auto level = gate.depth();
  if (gate.doomed()) {
    rollback();
    if (level == 1) throw Error(Errc::storage, "commit: the transaction was aborted by an earlier storage error");
    return;  // the outermost level reports the failure
  }
  try {
    impl_->writer->db.exec(level == 1 ? std::string("COMMIT") : "RELEASE s" + std::to_string(level));
  } catch (const SQLite::Exception& e) {
    if (level > 1) gate.doom();
    rollback();
    throw_sqlite_error(e, level == 1 ? "commit failed, the transaction was rolled back" : "commit");
  }
  gate.leave();
}

void SqliteStore::rollback() noexcept {
  auto& gate = impl_->gate;
  if (!gate.held()) return;
  const auto level = gate.depth();
  auto& db = impl_->writer->db;
  if (level == 1) {
    db.tryExec("ROLLBACK");
  } else if (!gate.doomed()) {
    // Spelt into buffers: this is noexcept, so it must not allocate.
    char rollback_to[40], release[40];
    std::snprintf(rollback_to, sizeof rollback_to, "ROLLBACK TO s%zu", level);
    std::snprintf(release, sizeof release, "RELEASE s%zu", level);
    if (db.tryExec(rollback_to) != 0 || db.tryExec(release) != 0) gate.doom();
  }
  gate.leave();
}

Id SqliteStore::insert(std::string_view collection, const RecordWrite& record) {
  detail::check_write(collection, record);
  return impl_->write(*this, "insert", [&](Connection& c) {
    const auto keys = owned_keys(record);
    Impl::check_unique(c, keys.unique, 0);
    const auto encoded = encode_keys(keys);
    auto s = c.use(Sql::insert_record);
    bind_text(*s, 1, collection);
    bind_bytes(*s, 2, record.body);
    bind_bytes(*s, 3, encoded);
    s->exec();
    const Id id = c.db.getLastInsertRowid();
    Impl::replace_keys(c, OwnedKeys{}, keys, id);
    return id;
  });
}

Version SqliteStore::update(std::string_view collection, Id id, Version expected, const RecordWrite& record) {
  detail::check_write(collection, record);
  return impl_->write(*this, "update", [&](Connection& c) {
    const auto meta = Impl::checked_meta(c, collection, id, expected);
    const auto before = decode_keys(meta.keys, id);
    const auto after = owned_keys(record);
    Impl::check_unique(c, after.unique, id);
    Impl::replace_keys(c, before, after, id);
    auto s = c.use(Sql::update_record);
    s->bind(1, id);
    bind_bytes(*s, 2, record.body);
    const auto encoded = encode_keys(after);
    bind_bytes(*s, 3, encoded);
    s->exec();
    return expected + 1;
  });
}

void SqliteStore::erase(std::string_view collection, Id id, Version expected) {
  impl_->write(*this, "erase", [&](Connection& c) {
    const auto meta = Impl::checked_meta(c, collection, id, expected);
    Impl::replace_keys(c, decode_keys(meta.keys, id), OwnedKeys{}, id);
    auto s = c.use(Sql::erase_record);
    s->bind(1, id);
    s->exec();
    return 0;
  });
}

std::optional<StoredRecord> SqliteStore::get(std::string_view collection, Id id) const {
  return impl_->read("get", [&](Connection& c) -> std::optional<StoredRecord> {
    auto s = c.use(Sql::get);
    s->bind(1, id);
    bind_text(*s, 2, collection);
    if (!s->executeStep()) return std::nullopt;
    return StoredRecord{id, s->getColumn(0).getInt64(), s->getColumn(1).getString()};
  });
}

std::optional<Id> SqliteStore::find(std::string_view index, std::string_view key) const {
  return impl_->read("find", [&](Connection& c) { return Impl::find(c, index, key); });
}

ScanResult SqliteStore::scan(const Scan& scan) const {
  detail::check_scan(scan);
  return impl_->read("scan", [&](Connection& c) { return Impl::scan(c, scan); });
}

std::size_t SqliteStore::count(std::string_view collection) const {
  return impl_->read("count", [&](Connection& c) {
    auto s = c.use(Sql::count);
    bind_text(*s, 1, collection);
    s->executeStep();
    return static_cast<std::size_t>(s->getColumn(0).getInt64());
  });
}

}  // namespace crm
