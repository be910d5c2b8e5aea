// SPDX-License-Identifier: Apache-2.0
// Workflow at scale, on the memory and the SQLite store, in one run:
//
//   - BM_CustomerUpdate_<backend>/rules:R/firing:F: one customer update with
//     no rules stored, next to the same update with 100 customer rules
//     stored. The rules are a shop's mix (updated / saved / changed triggers;
//     conditions on tier, stage, loyalty_points, tags and attributes): 95 do
//     not match the customers, 5 do and run a cheap action (add_tag of a tag
//     the customer has, or notify). The 0-rules row is the baseline: the gap
//     to it is what the rules cost an update (counter added_us, per update).
//     The row with the 95 quiet rules alone splits that cost between
//     evaluating rules and firing them.
//   - BM_RunDue_<backend>: Engine::run_due() over N queued timed actions (one
//     time rule "1h after created_at, if tier = x: notify", N customers
//     created with tier x). BM_RunDue_RawSqlite is the floor on SQLite: the
//     same storage work in hand-written SQL (per action: read the customer,
//     write the notification and a log row, delete the timer; one commit per
//     256 actions, as run_due) with no decoding, conditions or checks.
//
// N is 100,000 unless the environment says otherwise:
//   CRM_BENCH_SIZE=10000 ./build/benchmarks/workflow_bench
// The run_due data (N customers, N queued timed actions) is built once per
// size and backend and cached in the temp directory
// (crm-workflow-bench-due-*); each run works on a fresh copy of it, made
// before the timing starts. Building it reports its progress on stderr.
//
// The SQLite stores use Durability::normal (no fsync per commit): with the
// default (full), every commit adds one fsync, the same for every row, and
// the disk would hide what the engine costs.

#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>

#include <crm/crm.hpp>
#include <crm/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

enum class Backend { memory, sqlite };

const char* name_of(Backend backend) { return backend == Backend::memory ? "memory" : "sqlite"; }

constexpr std::int64_t start_ms = 1'767'225'600'000;  // 2026-01-01 UTC
constexpr std::int64_t hour_ms = 3'600'000;
// Part of the cached files' names: bump it whenever the generated data changes.
constexpr int data_version = 1;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The number of timed actions, from CRM_BENCH_SIZE (default 100,000).
std::int64_t due_size() {
  const char* text = std::getenv("CRM_BENCH_SIZE");
  if (text == nullptr || *text == '\0') return 100'000;
  const long long size = std::atoll(text);
  if (size <= 0) throw std::invalid_argument("CRM_BENCH_SIZE must be a positive number of timed actions");
  return size;
}

std::filesystem::path temp_path(const std::string& name) { return std::filesystem::temp_directory_path() / name; }

void remove_database(const std::filesystem::path& path) {
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

crm::SqliteOptions fast_commits() { return {.durability = crm::SqliteOptions::Durability::normal}; }

struct Opened {
  std::unique_ptr<crm::Engine> engine;
  std::shared_ptr<crm::ManualClock> clock;
};

Opened open_engine(std::unique_ptr<crm::Store> store, std::int64_t now_ms) {
  auto clock = std::make_shared<crm::ManualClock>(crm::from_millis(now_ms));
  auto engine = std::make_unique<crm::Engine>(std::move(store), crm::EngineOptions{.clock = clock});
  return {std::move(engine), std::move(clock)};
}

// Every page of a listing, counted.
template <class Query>
std::size_t count_all(const crm::Engine& engine, Query query) {
  query.limit = crm::max_page_size;
  std::size_t n = 0;
  for (;;) {
    auto page = engine.list(query);
    n += page.items.size();
    if (page.next_cursor.empty()) return n;
    query.cursor = std::move(page.next_cursor);
  }
}

// --- a) What 100 rules add to a customer update -------------------------------

constexpr int update_customers = 1000;  // updated in turn
constexpr int firing_rules = 5;         // of the 100 rules, those whose conditions hold

// The customers the update benchmark changes: every one matches the 5 firing
// rules and none of the others.
crm::Customer shop_customer(int i) {
  crm::Customer c;
  c.display_name = "Customer " + std::to_string(i);
  c.tier = "gold";
  c.stage = crm::LifecycleStage::active;
  c.owner = "rep-" + std::to_string(i % 30);
  c.tags = {"vip", "newsletter"};
  c.attributes = {{"segment", std::string("retail")}, {"visits", std::int64_t{i % 50}}};
  c.loyalty_points = 100 + i;
  return c;
}

// Five rules whose conditions hold for shop_customer(): an action that is
// already done (the tag is there) or a notification.
std::vector<std::string> firing_rule_set() {
  return {
      R"({"name": "fire-1", "trigger": {"on": "updated", "entity": "customer"},
          "when": {"all": [{"field": "tier", "op": "=", "value": "gold"},
                           {"field": "loyalty_points", "op": ">=", "value": 0}]},
          "actions": [{"action": "add_tag", "tag": "vip"}]})",
      R"({"name": "fire-2", "trigger": {"on": "saved", "entity": "customer"},
          "when": {"field": "tags", "op": "contains", "value": "vip"},
          "actions": [{"action": "add_tag", "tag": "vip"}]})",
      R"({"name": "fire-3", "trigger": {"on": "changed", "entity": "customer", "field": "loyalty_points"},
          "when": {"field": "loyalty_points", "op": ">=", "value": 0},
          "actions": [{"action": "add_tag", "tag": "VIP"}]})",
      R"({"name": "fire-4", "trigger": {"on": "changed", "entity": "customer", "field": "loyalty_points"},
          "when": {"field": "stage", "op": "=", "value": "active"},
          "actions": [{"action": "notify", "topic": "customer.points", "to": "loyalty-team"}]})",
      R"({"name": "fire-5", "trigger": {"on": "updated", "entity": "customer"},
          "when": {"field": "attributes.segment", "op": "=", "value": "retail"},
          "actions": [{"action": "add_tag", "tag": "vip"}]})",
  };
}

// Rule i of those that never fire for shop_customer(): the trigger, the
// conditions and the action vary with i; every condition is false.
std::string quiet_rule(int i) {
  static const char* const watched[] = {"tier", "stage", "loyalty_points", "attributes.segment", "owner"};
  const std::string n = std::to_string(i);
  std::string trigger;
  switch (i % 3) {
    case 0: trigger = R"({"on": "updated", "entity": "customer"})"; break;
    case 1: trigger = R"({"on": "saved", "entity": "customer"})"; break;
    default:
      trigger = std::string(R"({"on": "changed", "entity": "customer", "field": ")") + watched[i % 5] + "\"}";
  }
  std::string when;
  switch (i % 4) {
    case 0: when = R"({"field": "tier", "op": "=", "value": "tier-)" + n + "\"}"; break;
    case 1:
      when = R"({"all": [{"field": "stage", "op": "in", "value": ["at-risk", "churned"]},
                         {"field": "loyalty_points", "op": ">", "value": )" +
             std::to_string(1000 + i) + "}]}";
      break;
    case 2:
      when = R"({"any": [{"field": "attributes.segment", "op": "=", "value": "segment-)" + n + R"("},
                         {"field": "loyalty_points", "op": "<", "value": 0}]})";
      break;
    default: when = R"({"not": {"field": "tags", "op": "contains", "value": "vip"}})";
  }
  std::string action;
  switch (i % 5) {
    case 0: action = R"({"action": "add_tag", "tag": "rule-)" + n + "\"}"; break;
    case 1: action = R"({"action": "set_stage", "stage": "at-risk"})"; break;
    case 2: action = R"({"action": "notify", "topic": "customer.rule-)" + n + "\"}"; break;
    case 3: action = R"({"action": "create_task", "subject": "Call the customer", "due_in": "2d"})"; break;
    default: action = R"({"action": "set", "field": "attributes.flagged", "value": true})";
  }
  return R"({"name": "quiet-)" + n + R"(", "order": )" + std::to_string(i % 7) + R"(, "trigger": )" + trigger +
         R"(, "when": )" + when + R"(, "actions": [)" + action + "]}";
}

struct UpdateSet {
  Opened opened;
  std::vector<crm::Customer> customers;
  std::size_t next = 0;
  std::string error;  // why the benchmark cannot run, or empty
};

// Checks the rule mix does what it says: one update fires exactly the
// firing rules, and their add_tag actions change nothing (one new version).
std::string check_firings(crm::Engine& engine, crm::Customer& customer, int firing) {
  const crm::FiringQuery of_record{.entity = "customer", .record_id = customer.id};
  const std::size_t before = count_all(engine, of_record);
  const crm::Version version = customer.version;
  customer.loyalty_points += 1;
  customer = engine.update(customer);
  const std::size_t fired = count_all(engine, of_record) - before;
  const auto expected = static_cast<std::size_t>(firing);
  if (fired != expected)
    return "one update fired " + std::to_string(fired) + " rules, expected " + std::to_string(expected);
  if (customer.version != version + 1) return "the firing rules changed the customer";
  return {};
}

// `rules` stored, of which `firing` (0 or 5) fire on every update.
void fill_update_set(UpdateSet& set, Backend backend, int rules, int firing) {
  std::unique_ptr<crm::Store> store;
  if (backend == Backend::memory) {
    store = std::make_unique<crm::MemoryStore>();
  } else {
    const auto path =
        temp_path("crm-workflow-bench-update-" + std::to_string(rules) + "-" + std::to_string(firing) + ".db");
    remove_database(path);
    store = std::make_unique<crm::SqliteStore>(path, fast_commits());
  }
  set.opened = open_engine(std::move(store), start_ms);
  crm::Engine& engine = *set.opened.engine;
  const auto fire = firing_rule_set();
  for (int i = 0; i < firing; ++i) engine.save_rule(fire.at(static_cast<std::size_t>(i)));
  for (int i = 0; i < rules - firing; ++i) engine.save_rule(quiet_rule(i));
  auto batch = engine.transaction();
  for (int i = 0; i < update_customers; ++i) set.customers.push_back(engine.create(shop_customer(i)));
  batch.commit();
  set.error = check_firings(engine, set.customers.front(), firing);
}

UpdateSet& update_set(Backend backend, int rules, int firing) {
  static std::map<std::tuple<Backend, int, int>, UpdateSet> sets;
  auto [it, created] = sets.try_emplace({backend, rules, firing});
  if (created) {
    try {
      fill_update_set(it->second, backend, rules, firing);
    } catch (const std::exception& e) {
      it->second.error = e.what();
    }
  }
  return it->second;
}

void customer_update(benchmark::State& state, Backend backend) {
  const int rules = static_cast<int>(state.range(0));
  const int firing = static_cast<int>(state.range(1));
  UpdateSet& set = update_set(backend, rules, firing);
  if (!set.error.empty()) {
    state.SkipWithError(set.error.c_str());
    return;
  }
  crm::Engine& engine = *set.opened.engine;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    crm::Customer& c = set.customers[set.next];
    c.loyalty_points += 1;
    c = engine.update(c);
    set.next = (set.next + 1) % set.customers.size();
  }
  // The per-update time of the 0-rules row of this backend, for the gap.
  static std::map<Backend, double> without_rules;
  const double us = seconds_since(start) * 1e6 / static_cast<double>(state.iterations());
  state.counters["us/update"] = us;
  if (rules == 0) without_rules[backend] = us;
  if (rules != 0 && without_rules.count(backend) != 0) state.counters["added_us"] = us - without_rules[backend];
  state.SetLabel(std::to_string(rules) + " rules, " + std::to_string(firing) + " fire");
}

void BM_CustomerUpdate_Memory(benchmark::State& state) { customer_update(state, Backend::memory); }
void BM_CustomerUpdate_Sqlite(benchmark::State& state) { customer_update(state, Backend::sqlite); }

// --- b) run_due over N queued timed actions -----------------------------------

constexpr std::int64_t created_every_ms = 1000;  // the customers' created_at, one a second
constexpr int create_batch = 1000;               // customers per transaction while building
constexpr std::size_t run_batch = 256;           // actions per commit, as Runner::run_due

constexpr const char* due_rule = R"({"name": "follow-up",
  "trigger": {"on": "time", "entity": "customer", "field": "created_at", "offset": "1h"},
  "when": {"field": "tier", "op": "=", "value": "x"},
  "actions": [{"action": "notify", "topic": "customer.follow-up", "to": "sales"}]})";

crm::Customer due_customer(std::int64_t i) {
  crm::Customer c;
  c.display_name = "Customer " + std::to_string(i);
  c.tier = "x";
  c.stage = crm::LifecycleStage::new_customer;
  c.owner = "rep-" + std::to_string(i % 30);
  c.tags = {"newsletter"};
  c.loyalty_points = i % 1000;
  return c;
}

// After the last customer's timed action is due.
std::int64_t due_now(std::int64_t size) { return start_ms + size * created_every_ms + 2 * hour_ms; }

// Saves the time rule and creates `size` customers, so `size` timed actions are queued.
void fill_due(crm::Engine& engine, crm::ManualClock& clock, std::int64_t size, Backend backend) {
  const auto start = std::chrono::steady_clock::now();
  engine.save_rule(due_rule);
  for (std::int64_t first = 0; first < size; first += create_batch) {
    const std::int64_t end = std::min(size, first + create_batch);
    auto batch = engine.transaction();
    for (std::int64_t i = first; i < end; ++i) {
      clock.advance(std::chrono::milliseconds(created_every_ms));
      engine.create(due_customer(i));
    }
    batch.commit();
    if ((end / create_batch) % 10 == 0 || end == size)
      std::fprintf(stderr, "workflow_bench: %s: %lld/%lld customers created (%.1f s)\n", name_of(backend),
                   static_cast<long long>(end), static_cast<long long>(size), seconds_since(start));
  }
  const std::size_t queued = count_all(engine, crm::TimedActionQuery{});
  if (queued != static_cast<std::size_t>(size))
    throw std::runtime_error(std::to_string(queued) + " timed actions queued, expected " + std::to_string(size));
}

std::filesystem::path cached_due_file(Backend backend, std::int64_t size) {
  return temp_path("crm-workflow-bench-due-v" + std::to_string(data_version) + "-" + std::to_string(size) +
                   (backend == Backend::memory ? ".snapshot" : ".db"));
}

// The cached data of this size, built when missing: into "<path>.partial",
// renamed when complete, so an interrupted build is never taken for a cached file.
std::filesystem::path due_file(Backend backend, std::int64_t size) {
  const auto path = cached_due_file(backend, size);
  if (std::filesystem::exists(path)) return path;
  const auto start = std::chrono::steady_clock::now();
  const std::filesystem::path partial = path.string() + ".partial";
  remove_database(partial);
  if (backend == Backend::memory) {
    auto store = std::make_unique<crm::MemoryStore>();
    crm::MemoryStore& memory = *store;
    Opened opened = open_engine(std::move(store), start_ms);
    fill_due(*opened.engine, *opened.clock, size, backend);
    memory.save_snapshot(partial);
  } else {
    Opened opened = open_engine(std::make_unique<crm::SqliteStore>(partial, fast_commits()), start_ms);
    fill_due(*opened.engine, *opened.clock, size, backend);
  }
  // Every connection is closed: SQLite has checkpointed the WAL into the file.
  if (std::filesystem::exists(partial.string() + "-wal"))
    throw std::runtime_error(partial.string() + "-wal is left after closing; not renaming");
  std::filesystem::rename(partial, path);
  std::fprintf(stderr, "workflow_bench: built %s in %.1f s\n", path.c_str(), seconds_since(start));
  return path;
}

// A fresh engine on a copy of the cached data, with every timed action due.
Opened fresh_due_engine(Backend backend, std::int64_t size) {
  const auto cached = due_file(backend, size);
  const std::int64_t now = due_now(size);
  if (backend == Backend::memory) return open_engine(crm::MemoryStore::load_snapshot(cached), now);
  const auto copy = temp_path("crm-workflow-bench-due-run.db");
  remove_database(copy);
  std::filesystem::copy_file(cached, copy);
  return open_engine(std::make_unique<crm::SqliteStore>(copy, fast_commits()), now);
}

void report_rate(benchmark::State& state, std::int64_t actions, double seconds) {
  state.counters["actions"] = static_cast<double>(actions);
  state.counters["actions/s"] = static_cast<double>(actions) / seconds;
  state.counters["us/action"] = seconds * 1e6 / static_cast<double>(actions);
}

void run_due(benchmark::State& state, Backend backend) {
  const std::int64_t size = state.range(0);
  Opened opened;
  try {
    opened = fresh_due_engine(backend, size);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  crm::Engine& engine = *opened.engine;
  crm::RunDueReport report;
  double seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    report = engine.run_due(opened.clock->now(), static_cast<std::size_t>(size));
    seconds = seconds_since(start);
  }
  const std::size_t notifications = count_all(engine, crm::OutboxQuery{});
  if (report.ran != static_cast<std::size_t>(size) || report.skipped != 0 || report.failed != 0 || report.more ||
      notifications != static_cast<std::size_t>(size)) {
    const std::string error = "run_due ran " + std::to_string(report.ran) + ", skipped " +
                              std::to_string(report.skipped) + ", failed " + std::to_string(report.failed) +
                              " and left " + std::to_string(notifications) + " notifications; expected " +
                              std::to_string(size) + " ran and as many notifications";
    state.SkipWithError(error.c_str());
    return;
  }
  report_rate(state, size, seconds);
}

void BM_RunDue_Memory(benchmark::State& state) { run_due(state, Backend::memory); }
void BM_RunDue_Sqlite(benchmark::State& state) { run_due(state, Backend::sqlite); }

// The same storage work as run_due on SQLite, by hand: due timers in due
// order, 256 per transaction; for each, the customer's row is read and
// written into a notification (as the engine writes the record as the
// payload), a log row is written and the timer deleted.
void fill_raw_due(SQLite::Database& db, std::int64_t size) {
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
  db.exec(R"sql(
    CREATE TABLE customer(id INTEGER PRIMARY KEY, body TEXT NOT NULL);
    CREATE TABLE timer(id INTEGER PRIMARY KEY, rule TEXT NOT NULL, entity TEXT NOT NULL,
                       record_id INTEGER NOT NULL, due_at INTEGER NOT NULL, queued_at INTEGER NOT NULL);
    CREATE UNIQUE INDEX timer_key ON timer(rule, entity, record_id);
    CREATE INDEX timer_due ON timer(due_at, id);
    CREATE TABLE outbox(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, topic TEXT NOT NULL,
                        recipient TEXT NOT NULL, rule TEXT NOT NULL, entity TEXT NOT NULL,
                        record_id INTEGER NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE firing(id INTEGER PRIMARY KEY, rule TEXT NOT NULL, entity TEXT NOT NULL,
                        record_id INTEGER NOT NULL, at INTEGER NOT NULL, outcome INTEGER NOT NULL,
                        detail TEXT NOT NULL, depth INTEGER NOT NULL);
  )sql");
  SQLite::Transaction tx(db);
  SQLite::Statement customer(db, "INSERT INTO customer(id, body) VALUES(?, ?)");
  SQLite::Statement timer(db, "INSERT INTO timer(rule, entity, record_id, due_at, queued_at) VALUES(?, ?, ?, ?, ?)");
  for (std::int64_t i = 0; i < size; ++i) {
    crm::Customer c = due_customer(i);
    c.id = i + 1;
    c.version = 1;
    const std::int64_t created = start_ms + (i + 1) * created_every_ms;
    c.created_at = c.updated_at = crm::from_millis(created);
    customer.bind(1, c.id);
    customer.bind(2, crm::to_json(c));
    customer.exec();
    customer.reset();
    timer.bind(1, "follow-up");
    timer.bind(2, "customer");
    timer.bind(3, c.id);
    timer.bind(4, created + hour_ms);
    timer.bind(5, created);
    timer.exec();
    timer.reset();
  }
  tx.commit();
}

std::size_t raw_run_due(SQLite::Database& db, std::int64_t now) {
  SQLite::Statement due(db, "SELECT id, rule, entity, record_id, due_at FROM timer WHERE due_at <= ? "
                            "ORDER BY due_at, id LIMIT ?");
  SQLite::Statement read(db, "SELECT body FROM customer WHERE id = ?");
  SQLite::Statement notify(db, "INSERT INTO outbox(key, topic, recipient, rule, entity, record_id, payload, "
                               "created_at) VALUES(?, 'customer.follow-up', 'sales', ?, ?, ?, ?, ?)");
  SQLite::Statement log(db, "INSERT INTO firing(rule, entity, record_id, at, outcome, detail, depth) "
                            "VALUES(?, ?, ?, ?, 0, '', 0)");
  SQLite::Statement finish(db, "DELETE FROM timer WHERE id = ?");
  std::size_t ran = 0;
  for (;;) {
    SQLite::Transaction tx(db);
    due.bind(1, now);
    due.bind(2, static_cast<std::int64_t>(run_batch));
    std::size_t in_batch = 0;
    while (due.executeStep()) {
      ++in_batch;
      const std::int64_t id = due.getColumn(0).getInt64();
      const std::string rule = due.getColumn(1).getString();
      const std::string entity = due.getColumn(2).getString();
      const std::int64_t record = due.getColumn(3).getInt64();
      const std::int64_t due_at = due.getColumn(4).getInt64();
      read.bind(1, record);
      if (!read.executeStep()) throw std::runtime_error("raw: customer " + std::to_string(record) + " missing");
      notify.bind(1, rule + "/" + entity + "/" + std::to_string(record) + "/t" + std::to_string(due_at) + "/0");
      notify.bind(2, rule);
      notify.bind(3, entity);
      notify.bind(4, record);
      notify.bind(5, read.getColumn(0).getString());
      notify.bind(6, now);
      notify.exec();
      notify.reset();
      read.reset();
      log.bind(1, rule);
      log.bind(2, entity);
      log.bind(3, record);
      log.bind(4, now);
      log.exec();
      log.reset();
      finish.bind(1, id);
      finish.exec();
      finish.reset();
    }
    due.reset();
    tx.commit();
    ran += in_batch;
    if (in_batch < run_batch) return ran;
  }
}

void BM_RunDue_RawSqlite(benchmark::State& state) {
  const std::int64_t size = state.range(0);
  const auto path = temp_path("crm-workflow-bench-due-raw.db");
  remove_database(path);
  auto db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  fill_raw_due(*db, size);
  std::size_t ran = 0;
  double seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    ran = raw_run_due(*db, due_now(size));
    seconds = seconds_since(start);
  }
  if (ran != static_cast<std::size_t>(size)) {
    const std::string error = "raw run ran " + std::to_string(ran) + ", expected " + std::to_string(size);
    state.SkipWithError(error.c_str());
    return;
  }
  report_rate(state, size, seconds);
}

}  // namespace

// The update rows run for their default time; run_due runs once per row on
// a fresh copy of its data (the setup is not timed), so its time is that of
// one run_due over all N actions.
int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::int64_t size = 0;
  try {
    size = due_size();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "workflow_bench: %s\n", e.what());
    return 1;
  }
  for (auto* bm : {benchmark::RegisterBenchmark("BM_CustomerUpdate_Memory", BM_CustomerUpdate_Memory),
                   benchmark::RegisterBenchmark("BM_CustomerUpdate_Sqlite", BM_CustomerUpdate_Sqlite)})
    bm->ArgNames({"rules", "firing"})
        ->Args({0, 0})
        ->Args({100 - firing_rules, 0})
        ->Args({100, firing_rules})
        ->Unit(benchmark::kMicrosecond)
        ->UseRealTime();
  for (auto* bm : {benchmark::RegisterBenchmark("BM_RunDue_Memory", BM_RunDue_Memory),
                   benchmark::RegisterBenchmark("BM_RunDue_Sqlite", BM_RunDue_Sqlite),
                   benchmark::RegisterBenchmark("BM_RunDue_RawSqlite", BM_RunDue_RawSqlite)})
    bm->Arg(size)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
