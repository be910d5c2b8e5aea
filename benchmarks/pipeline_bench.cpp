// SPDX-License-Identifier: Apache-2.0
// Pipeline reports at scale: crm::funnel() and crm::forecast() over N deals
// with about 10 N stage-history entries on the SQLite store (the issue's case
// is 100,000 deals and a million entries). Compares, in the same run,
//   - the engine: the reports page through the engine's listings, decode
//     every record and replay the history in C++ (crm/pipeline/reports.hpp),
//   - a raw baseline: the same generated data in a plain SQLite file with two
//     indexed tables (opportunity, stage_change) and a small stage table, and
//     one hand-written SQL query per report that computes the same answer.
// Before anything is timed, each size checks that both give the same answer
// and skips the benchmark with the difference when they do not.
//
// The raw funnel query covers every part of the funnel: entered, value,
// advanced, median days in stage, won, lost and won value; conversion and
// win rate are one division of those counts, done in C++ as the engine does.
// BM_FunnelCounts_RawSql times the parts plain GROUP BYs reach (entered,
// value, won, lost, won value) to show what the rest costs in SQL. The raw
// forecast query covers the whole forecast.
//
// Both databases are built once per size from a generator with a fixed seed
// and cached in the temp directory (crm-pipeline-bench-*.db); delete them to
// rebuild. Building the engine's file for 100,000 deals takes a while: it
// goes through Engine::import_opportunity, as a host's import would, and
// reports its progress and time on stderr.

#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>

#include <crm/crm.hpp>
#include <crm/pipeline/reports.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using crm::DealStatus;

constexpr std::int64_t day_ms = 86'400'000;
// Two years of history: 2024-01-01 to 2026-01-01, UTC.
constexpr std::int64_t data_from = 1'704'067'200'000;
constexpr std::int64_t data_to = 1'767'225'600'000;
// The funnel's window, 2025-01-01 to 2025-10-01: deals already in a stage
// before it and history after it (which the report must ignore) both exist.
constexpr std::int64_t window_from = 1'735'689'600'000;
constexpr std::int64_t window_to = 1'759'276'800'000;
constexpr int owners = 30;
constexpr std::uint64_t seed = 20'240'101;
// Part of the cached files' names: bump it whenever the generator or the raw
// schema changes, so that stale files are not reused.
constexpr int data_version = 1;
constexpr int import_batch = 10'000;

const crm::Currency& usd() {
  static const crm::Currency currency = crm::Currency::of("USD");
  return currency;
}

const crm::Pipeline& pipeline() {
  static const crm::Pipeline p = crm::default_pipeline();
  return p;
}

int last_stage() { return static_cast<int>(pipeline().stages.size()) - 1; }

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --- The generated data -------------------------------------------------------

struct Step {
  int stage = 0;  // index into pipeline().stages
  DealStatus status = DealStatus::open;
  std::int64_t at = 0;  // ms since the epoch
};

struct Deal {
  std::string owner;
  std::optional<std::int64_t> amount;  // USD cents
  std::int32_t probability = 0;        // as given to the engine: 0 means the stage's
  std::optional<std::int64_t> expected_close;
  std::vector<Step> steps;  // strictly increasing times; each changes the stage or the status

  const Step& last() const { return steps.back(); }
  // The probability the engine stores: 100 won, 0 lost, else the given one or the stage's.
  std::int32_t stored_probability() const {
    if (last().status == DealStatus::won) return 100;
    if (last().status == DealStatus::lost) return 0;
    return probability != 0 ? probability : pipeline().stages[static_cast<std::size_t>(last().stage)].probability;
  }
};

// Deals in the default pipeline: most start in the first stage, move forward
// (sometimes skipping a stage, sometimes going back one), and end open (30%),
// won (30%) or lost (40%); a few are lost, reopened and carry on. 2 to 19
// history entries each, 10 on average, a few hours to two weeks apart;
// deals still moving when the data ends stay as they are.
class Generator {
 public:
  Deal next() {
    Deal d;
    d.owner = "rep-" + std::to_string(100 + uniform(1, owners)).substr(1);
    if (!chance(3)) d.amount = uniform(50'000, 25'000'000);  // $500 .. $250,000; 3% without an amount
    const auto rows = static_cast<std::size_t>(uniform(2, 19));
    const std::int64_t outcome = uniform(0, 99);
    const DealStatus ending = outcome < 30 ? DealStatus::open : outcome < 60 ? DealStatus::won : DealStatus::lost;
    // Lost at this entry and reopened at the next one.
    const std::size_t reopen_at = rows >= 6 && chance(10) ? rows / 2 : rows + 1;

    int stage = chance(80) ? 0 : 1;
    std::int64_t at = uniform(data_from, data_to - day_ms);
    d.steps.push_back({stage, DealStatus::open, at});
    while (d.steps.size() < rows) {
      at += uniform(3'600'000, 14 * day_ms);
      if (at >= data_to) break;
      const std::size_t i = d.steps.size();
      DealStatus status = DealStatus::open;
      if (i == reopen_at) {
        status = DealStatus::lost;
      } else if (i == reopen_at + 1) {
        status = DealStatus::open;
      } else if (i == rows - 1 && ending != DealStatus::open) {
        status = ending;
        if (ending == DealStatus::won && stage < last_stage() && chance(30)) ++stage;  // won as it moves on
      } else {
        stage = move(stage);
      }
      d.steps.push_back({stage, status, at});
    }
    if (d.last().status == DealStatus::open) {
      if (!chance(5)) d.expected_close = d.last().at + uniform(7 * day_ms, 120 * day_ms);
      if (chance(20)) d.probability = static_cast<std::int32_t>(uniform(5, 95));
    }
    return d;
  }

 private:
  int move(int stage) {
    const std::int64_t r = uniform(0, 99);
    int to = r < 60 ? stage + 1 : r < 72 ? stage + 2 : stage - 1;
    if (to < 0) to = 1;
    if (to > last_stage()) to = stage == last_stage() ? stage - 1 : last_stage();
    return to;
  }

  // Plain modulo instead of std::uniform_int_distribution, whose output the
  // standard leaves to the library: the data must not depend on it.
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(int percent) { return uniform(0, 99) < percent; }

  std::mt19937_64 rng_{seed};
};

std::vector<Deal> generate(int deals) {
  Generator generator;
  std::vector<Deal> out;
  out.reserve(static_cast<std::size_t>(deals));
  for (int i = 0; i < deals; ++i) out.push_back(generator.next());
  return out;
}

// --- Building the two databases ----------------------------------------------

std::filesystem::path cached_file(const std::string& kind, int deals) {
  return std::filesystem::temp_directory_path() /
         ("crm-pipeline-bench-" + kind + "-v" + std::to_string(data_version) + "-" + std::to_string(deals) + ".db");
}

void remove_database(const std::filesystem::path& path) {
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

// Builds into "<path>.partial" and renames it when complete, so an
// interrupted build is never taken for a cached file.
template <class Fill>
void build_file(const std::filesystem::path& path, Fill&& fill) {
  const std::filesystem::path partial = path.string() + ".partial";
  remove_database(partial);
  fill(partial);
  // Every connection is closed: SQLite has checkpointed the WAL into the file.
  if (std::filesystem::exists(partial.string() + "-wal"))
    throw std::runtime_error(partial.string() + "-wal is left after closing; not renaming");
  std::filesystem::rename(partial, path);
}

crm::Opportunity to_opportunity(const Deal& d, int number) {
  crm::Opportunity o;
  o.name = "Deal " + std::to_string(number);
  o.owner = d.owner;
  if (d.amount) o.amount = crm::Money{*d.amount, usd()};
  if (d.expected_close) o.expected_close = crm::from_millis(*d.expected_close);
  o.probability = d.probability;
  if (d.last().status == DealStatus::lost) o.lost_reason = "price";
  return o;
}

void fill_engine(const std::filesystem::path& path, const std::vector<Deal>& deals) {
  const auto start = std::chrono::steady_clock::now();
  crm::Engine engine(std::make_unique<crm::SqliteStore>(
      path, crm::SqliteOptions{.durability = crm::SqliteOptions::Durability::normal}));
  std::vector<crm::StageStep> steps;
  for (std::size_t first = 0; first < deals.size(); first += import_batch) {
    const std::size_t end = std::min(deals.size(), first + import_batch);
    auto batch = engine.transaction();
    for (std::size_t i = first; i < end; ++i) {
      steps.clear();
      for (const auto& s : deals[i].steps)
        steps.push_back({pipeline().stages[static_cast<std::size_t>(s.stage)].name, s.status, crm::from_millis(s.at)});
      engine.import_opportunity(to_opportunity(deals[i], static_cast<int>(i) + 1), steps);
    }
    batch.commit();
    std::fprintf(stderr, "pipeline_bench: engine database: %zu/%zu deals imported (%.1f s)\n", end, deals.size(),
                 seconds_since(start));
  }
}

void fill_raw(const std::filesystem::path& path, const std::vector<Deal>& deals) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(R"sql(
    CREATE TABLE stage(
      id INTEGER PRIMARY KEY,  -- position in the pipeline
      name TEXT NOT NULL,
      probability INTEGER NOT NULL,
      category INTEGER NOT NULL);
    CREATE TABLE opportunity(
      id INTEGER PRIMARY KEY,
      owner TEXT NOT NULL,
      pipeline TEXT NOT NULL,
      stage INTEGER NOT NULL REFERENCES stage(id),
      status INTEGER NOT NULL,  -- 0 open, 1 won, 2 lost
      amount_minor INTEGER,     -- USD cents; NULL when unknown
      probability INTEGER NOT NULL,
      expected_close INTEGER,   -- ms since the epoch
      closed_at INTEGER);
    CREATE TABLE stage_change(
      id INTEGER PRIMARY KEY,
      opportunity_id INTEGER NOT NULL REFERENCES opportunity(id),
      from_stage INTEGER REFERENCES stage(id),  -- NULL on the entry that created the deal
      to_stage INTEGER NOT NULL REFERENCES stage(id),
      status INTEGER NOT NULL,  -- the deal's status after the change
      amount_minor INTEGER,
      at INTEGER NOT NULL);
    CREATE INDEX opportunity_by_pipeline ON opportunity(pipeline, status);
    CREATE INDEX stage_change_by_deal ON stage_change(opportunity_id, at);
    CREATE INDEX stage_change_by_at ON stage_change(at);
  )sql");
  SQLite::Transaction tx(db);
  SQLite::Statement stage(db, "INSERT INTO stage VALUES(?, ?, ?, ?)");
  for (std::size_t i = 0; i < pipeline().stages.size(); ++i) {
    const auto& s = pipeline().stages[i];
    stage.bind(1, static_cast<std::int64_t>(i));
    stage.bind(2, s.name);
    stage.bind(3, s.probability);
    stage.bind(4, static_cast<int>(s.category));
    stage.exec();
    stage.reset();
  }
  SQLite::Statement deal(db, "INSERT INTO opportunity VALUES(?, ?, 'default', ?, ?, ?, ?, ?, ?)");
  SQLite::Statement change(db,
                           "INSERT INTO stage_change(opportunity_id, from_stage, to_stage, status, amount_minor, at) "
                           "VALUES(?, ?, ?, ?, ?, ?)");
  const auto bind_optional = [](SQLite::Statement& s, int column, const std::optional<std::int64_t>& value) {
    if (value)
      s.bind(column, *value);
    else
      s.bind(column);
  };
  for (std::size_t i = 0; i < deals.size(); ++i) {
    const Deal& d = deals[i];
    const auto id = static_cast<std::int64_t>(i) + 1;
    const bool closed = d.last().status != DealStatus::open;
    deal.bind(1, id);
    deal.bind(2, d.owner);
    deal.bind(3, d.last().stage);
    deal.bind(4, static_cast<int>(d.last().status));
    bind_optional(deal, 5, d.amount);
    deal.bind(6, d.stored_probability());
    bind_optional(deal, 7, d.expected_close);
    bind_optional(deal, 8, closed ? std::optional(d.last().at) : std::nullopt);
    deal.exec();
    deal.reset();
    for (std::size_t k = 0; k < d.steps.size(); ++k) {
      const Step& s = d.steps[k];
      change.bind(1, id);
      bind_optional(change, 2, k == 0 ? std::nullopt : std::optional<std::int64_t>(d.steps[k - 1].stage));
      change.bind(3, s.stage);
      change.bind(4, static_cast<int>(s.status));
      bind_optional(change, 5, d.amount);
      change.bind(6, s.at);
      change.exec();
      change.reset();
    }
  }
  tx.commit();
  db.exec("ANALYZE");
}

// --- The raw SQL answers ------------------------------------------------------

// One pass over the history before window.to in (deal, time) order, h,
// gives each entry the status, stage and time of the deal's previous entry
// and the highest stage the deal enters from this entry on. Then, inside the
// window: each deal's first entry into each stage (entered, value; advanced
// when it enters a higher stage or is won from then on), its last close
// (won, lost, won value), and the exits from a stage (median stay). An exit
// is an entry of an open deal that moves it or closes it; its stay began at
// the deal's previous entry, because every entry changes the stage or the
// status (the engine writes none otherwise): an open deal's previous entry
// is its entry into the stage or its reopening there. The definitions are
// those of crm/pipeline/reports.hpp, for one pipeline.
constexpr const char* funnel_sql = R"sql(
  WITH h AS MATERIALIZED (
    SELECT opportunity_id AS deal, to_stage AS stage, status, amount_minor AS amount, at,
           from_stage IS NULL OR from_stage <> to_stage AS is_entry,
           LAG(status) OVER by_time AS prev_status,
           LAG(to_stage) OVER by_time AS prev_stage,
           LAG(at) OVER by_time AS prev_at,
           MAX(CASE WHEN from_stage IS NULL OR from_stage <> to_stage THEN to_stage END) OVER from_here
             AS max_later_stage
    FROM stage_change WHERE at < :to
    WINDOW by_time AS (PARTITION BY opportunity_id ORDER BY at, id),
           from_here AS (by_time ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)),
  last_won AS (
    SELECT deal, MAX(at) AS at FROM h WHERE status = 1 AND COALESCE(prev_status, 0) = 0 GROUP BY deal),
  firsts AS (  -- SQLite takes the bare columns from the row with MIN(at)
    SELECT deal, stage, MIN(at) AS at, amount, max_later_stage
    FROM h WHERE is_entry AND at >= :from GROUP BY deal, stage),
  closes AS (
    SELECT deal, MAX(at) AS at, status, amount
    FROM h WHERE status <> 0 AND COALESCE(prev_status, 0) = 0 AND at >= :from GROUP BY deal),
  exits AS (
    SELECT prev_stage AS stage, at - prev_at AS ms,
           ROW_NUMBER() OVER (PARTITION BY prev_stage ORDER BY at - prev_at) AS rn,
           COUNT(*) OVER (PARTITION BY prev_stage) AS n
    FROM h WHERE prev_status = 0 AND (is_entry OR status <> 0) AND at >= :from)
  SELECT 0, f.stage, COUNT(*), SUM(COALESCE(f.amount, 0)),
         SUM(f.max_later_stage > f.stage OR COALESCE(w.at >= f.at, 0)), NULL
    FROM firsts f LEFT JOIN last_won w ON w.deal = f.deal GROUP BY f.stage
  UNION ALL
  SELECT 1, stage, NULL, NULL, NULL, AVG(ms)
    FROM exits WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY stage
  UNION ALL
  SELECT 2, status, COUNT(*), SUM(COALESCE(amount, 0)), NULL, NULL
    FROM closes GROUP BY status
)sql";

// The parts a plain GROUP BY reaches: entered and value per stage from the
// entries inside the window, and won, lost and won value from each deal's
// last close in it (a close needs the previous status: one LAG over the
// history before window.to). No advanced, conversion or median.
constexpr const char* funnel_counts_sql = R"sql(
  WITH firsts AS (  -- SQLite takes the bare columns from the row with MIN(at)
    SELECT opportunity_id AS deal, to_stage AS stage, MIN(at) AS at, amount_minor AS amount
    FROM stage_change
    WHERE at >= :from AND at < :to AND (from_stage IS NULL OR from_stage <> to_stage)
    GROUP BY opportunity_id, to_stage),
  h AS (
    SELECT opportunity_id AS deal, status, amount_minor AS amount, at,
           LAG(status) OVER (PARTITION BY opportunity_id ORDER BY at, id) AS prev_status
    FROM stage_change WHERE at < :to),
  closes AS (
    SELECT deal, MAX(at) AS at, status, amount
    FROM h WHERE status <> 0 AND COALESCE(prev_status, 0) = 0 AND at >= :from GROUP BY deal)
  SELECT 0, stage, COUNT(*), SUM(COALESCE(amount, 0)), NULL, NULL FROM firsts GROUP BY stage
  UNION ALL
  SELECT 2, status, COUNT(*), SUM(COALESCE(amount, 0)), NULL, NULL FROM closes GROUP BY status
)sql";

// Runs one of the funnel queries above; their rows are (part, stage or
// status, count, amount, advanced, median ms) with part 0 for a stage's
// entries, 1 for its median stay and 2 for the closes.
crm::Funnel raw_funnel(SQLite::Database& db, const char* sql) {
  crm::Funnel f;
  f.won_value = crm::Money{0, usd()};
  for (const auto& s : pipeline().stages) f.stages.push_back({.stage = s.name, .value = crm::Money{0, usd()}});
  SQLite::Statement query(db, sql);
  query.bind(":from", window_from);
  query.bind(":to", window_to);
  while (query.executeStep()) {
    const int part = query.getColumn(0).getInt();
    const int key = query.getColumn(1).getInt();
    if (part == 2) {
      const auto count = static_cast<std::size_t>(query.getColumn(2).getInt64());
      if (key == static_cast<int>(DealStatus::won)) {
        f.won = count;
        f.won_value.minor = query.getColumn(3).getInt64();
      } else {
        f.lost = count;
      }
      continue;
    }
    auto& row = f.stages.at(static_cast<std::size_t>(key));
    if (part == 0) {
      row.entered = static_cast<std::size_t>(query.getColumn(2).getInt64());
      row.value.minor = query.getColumn(3).getInt64();
      if (!query.getColumn(4).isNull()) {
        row.advanced = static_cast<std::size_t>(query.getColumn(4).getInt64());
        row.conversion_to_next = static_cast<double>(row.advanced) / static_cast<double>(row.entered);
      }
    } else {
      row.median_days_in_stage = query.getColumn(5).getDouble() / static_cast<double>(day_ms);
    }
  }
  if (f.won + f.lost != 0) f.win_rate = static_cast<double>(f.won) / static_cast<double>(f.won + f.lost);
  return f;
}

// Open deals by expected_close month, category from their stage, weighted
// per deal (amount × probability / 100, rounded half up: amounts are never
// negative here); won deals by closed_at month, category closed (3), at
// their whole amount; lost deals left out. Ordered as crm::forecast() orders.
constexpr const char* forecast_sql = R"sql(
  SELECT period IS NULL AS unscheduled, period, owner, category,
         COUNT(*), SUM(amount), SUM(weighted)
  FROM (
    SELECT o.owner,
           CASE WHEN o.status = 1 THEN 3 ELSE s.category END AS category,
           CAST(strftime('%s', CASE WHEN o.status = 1 THEN o.closed_at ELSE o.expected_close END / 1000,
                         'unixepoch', 'start of month') AS INTEGER) * 1000 AS period,
           COALESCE(o.amount_minor, 0) AS amount,
           CASE WHEN o.status = 1 THEN COALESCE(o.amount_minor, 0)
                ELSE (COALESCE(o.amount_minor, 0) * o.probability + 50) / 100 END AS weighted
    FROM opportunity o JOIN stage s ON s.id = o.stage
    WHERE o.pipeline = 'default' AND o.status <> 2)
  GROUP BY unscheduled, period, owner, category
  ORDER BY unscheduled, period, owner, category
)sql";

crm::Forecast raw_forecast(SQLite::Database& db) {
  crm::Forecast f;
  SQLite::Statement query(db, forecast_sql);
  while (query.executeStep()) {
    crm::ForecastRow row;
    if (!query.getColumn(1).isNull()) row.period_start = crm::from_millis(query.getColumn(1).getInt64());
    row.owner = query.getColumn(2).getString();
    row.category = static_cast<crm::ForecastCategory>(query.getColumn(3).getInt());
    row.deals = static_cast<std::size_t>(query.getColumn(4).getInt64());
    row.amount = crm::Money{query.getColumn(5).getInt64(), usd()};
    row.weighted = crm::Money{query.getColumn(6).getInt64(), usd()};
    f.rows.push_back(std::move(row));
  }
  return f;
}

crm::FunnelQuery funnel_query() {
  const crm::TimeWindow window{crm::from_millis(window_from), crm::from_millis(window_to)};
  return {.pipeline = "default", .window = window, .currency = usd()};
}

crm::ForecastQuery forecast_query() {
  return {.pipeline = "default", .currency = usd(), .period = crm::ForecastPeriod::month};
}

// --- Checking that both answers agree -----------------------------------------

std::string show(const std::optional<double>& v) { return v ? std::to_string(*v) : std::string("none"); }

bool same(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return std::abs(*a - *b) <= 1e-9 * std::max(1.0, std::abs(*a));
}

// The first difference, or empty when the funnels agree; with counts_only,
// in the parts funnel_counts_sql computes.
std::string funnel_difference(const crm::Funnel& engine, const crm::Funnel& raw, bool counts_only = false) {
  const auto differ = [](const std::string& what, const auto& a, const auto& b) {
    return "funnel " + what + ": engine " + a + ", raw SQL " + b;
  };
  for (std::size_t i = 0; i < raw.stages.size(); ++i) {
    const auto& a = engine.stages.at(i);
    const auto& b = raw.stages[i];
    const std::string where = "stage '" + b.stage + "' ";
    if (a.stage != b.stage) return differ(where + "name", a.stage, b.stage);
    if (a.entered != b.entered) return differ(where + "entered", std::to_string(a.entered), std::to_string(b.entered));
    if (a.value != b.value) return differ(where + "value", crm::to_string(a.value), crm::to_string(b.value));
    if (counts_only) continue;
    if (a.advanced != b.advanced)
      return differ(where + "advanced", std::to_string(a.advanced), std::to_string(b.advanced));
    if (!same(a.conversion_to_next, b.conversion_to_next))
      return differ(where + "conversion", show(a.conversion_to_next), show(b.conversion_to_next));
    if (!same(a.median_days_in_stage, b.median_days_in_stage))
      return differ(where + "median days", show(a.median_days_in_stage), show(b.median_days_in_stage));
  }
  if (engine.stages.size() != raw.stages.size())
    return differ("stages", std::to_string(engine.stages.size()), std::to_string(raw.stages.size()));
  if (engine.won != raw.won) return differ("won", std::to_string(engine.won), std::to_string(raw.won));
  if (engine.lost != raw.lost) return differ("lost", std::to_string(engine.lost), std::to_string(raw.lost));
  if (engine.won_value != raw.won_value)
    return differ("won value", crm::to_string(engine.won_value), crm::to_string(raw.won_value));
  if (!same(engine.win_rate, raw.win_rate)) return differ("win rate", show(engine.win_rate), show(raw.win_rate));
  if (engine.skipped_other_currency != 0)
    return differ("skipped_other_currency", std::to_string(engine.skipped_other_currency), std::string("0"));
  return {};
}

std::string show(const crm::ForecastRow& r) {
  return (r.period_start ? crm::to_iso8601(*r.period_start).substr(0, 7) : std::string("unscheduled")) + " " + r.owner +
         " " + std::string(crm::to_string(r.category)) + ": " + std::to_string(r.deals) + " deals, " +
         crm::to_string(r.amount) + ", weighted " + crm::to_string(r.weighted);
}

std::string forecast_difference(const crm::Forecast& engine, const crm::Forecast& raw) {
  for (std::size_t i = 0; i < std::min(engine.rows.size(), raw.rows.size()); ++i)
    if (engine.rows[i] != raw.rows[i])
      return "forecast row " + std::to_string(i) + ": engine " + show(engine.rows[i]) + ", raw SQL " +
             show(raw.rows[i]);
  if (engine.rows.size() != raw.rows.size())
    return "forecast rows: engine " + std::to_string(engine.rows.size()) + ", raw SQL " +
           std::to_string(raw.rows.size());
  if (engine.skipped_other_currency != 0)
    return "forecast skipped_other_currency: engine " + std::to_string(engine.skipped_other_currency) + ", expected 0";
  return {};
}

// --- One data set per size ------------------------------------------------------

struct DataSet {
  std::unique_ptr<crm::Engine> engine;
  std::unique_ptr<SQLite::Database> raw;
  std::int64_t deals = 0;
  std::int64_t history_rows = 0;
  std::int64_t funnel_rows = 0;  // history entries before window.to: what a funnel reads
  // Why the benchmarks of this size cannot run, or empty.
  std::string error;
  std::string funnel_error;
  std::string funnel_counts_error;
  std::string forecast_error;
};

void open_data_set(DataSet& set, int deals) {
  const auto engine_file = cached_file("engine", deals);
  const auto raw_file = cached_file("raw", deals);
  std::vector<Deal> generated;
  const auto generated_deals = [&]() -> const std::vector<Deal>& {
    if (generated.empty()) generated = generate(deals);
    return generated;
  };
  if (!std::filesystem::exists(raw_file)) {
    const auto start = std::chrono::steady_clock::now();
    build_file(raw_file, [&](const std::filesystem::path& p) { fill_raw(p, generated_deals()); });
    std::fprintf(stderr, "pipeline_bench: built %s in %.1f s\n", raw_file.c_str(), seconds_since(start));
  }
  if (!std::filesystem::exists(engine_file)) {
    const auto start = std::chrono::steady_clock::now();
    build_file(engine_file, [&](const std::filesystem::path& p) { fill_engine(p, generated_deals()); });
    std::fprintf(stderr, "pipeline_bench: built %s in %.1f s\n", engine_file.c_str(), seconds_since(start));
  }
  generated = {};

  set.engine = std::make_unique<crm::Engine>(std::make_unique<crm::SqliteStore>(engine_file));
  set.raw = std::make_unique<SQLite::Database>(raw_file.string(), SQLite::OPEN_READWRITE);
  set.deals = set.raw->execAndGet("SELECT COUNT(*) FROM opportunity").getInt64();
  set.history_rows = set.raw->execAndGet("SELECT COUNT(*) FROM stage_change").getInt64();
  set.funnel_rows =
      set.raw->execAndGet("SELECT COUNT(*) FROM stage_change WHERE at < " + std::to_string(window_to)).getInt64();
  const auto engine_deals = static_cast<std::int64_t>(set.engine->count<crm::Opportunity>());
  if (set.deals != deals || engine_deals != deals) {
    set.error = "cached files hold " + std::to_string(engine_deals) + " (engine) and " + std::to_string(set.deals) +
                " (raw) deals, not " + std::to_string(deals) + ": delete " + engine_file.string() + " and " +
                raw_file.string();
    return;
  }
  std::fprintf(stderr, "pipeline_bench: %d deals, %lld stage-history rows (%lld before the funnel window's end)\n",
               deals, static_cast<long long>(set.history_rows), static_cast<long long>(set.funnel_rows));

  // Also warms both files into the page cache before anything is timed.
  const crm::Funnel funnel = crm::funnel(*set.engine, funnel_query());
  set.funnel_error = funnel_difference(funnel, raw_funnel(*set.raw, funnel_sql));
  set.funnel_counts_error = funnel_difference(funnel, raw_funnel(*set.raw, funnel_counts_sql), true);
  const crm::Forecast forecast = crm::forecast(*set.engine, forecast_query());
  set.forecast_error = forecast_difference(forecast, raw_forecast(*set.raw));
  std::size_t entered = 0;
  for (const auto& stage : funnel.stages) entered += stage.entered;
  std::fprintf(stderr,
               "pipeline_bench: engine answers: funnel %zu stage entries, %zu won, %zu lost; forecast %zu rows (%s)\n",
               entered, funnel.won, funnel.lost, forecast.rows.size(),
               set.funnel_error.empty() && set.forecast_error.empty() ? "raw SQL agrees" : "raw SQL DIFFERS");
}

DataSet& data_set(int deals) {
  static std::map<int, DataSet> sets;
  auto [it, created] = sets.try_emplace(deals);
  if (created) {
    try {
      open_data_set(it->second, deals);
    } catch (const std::exception& e) {
      it->second.error = e.what();
    }
  }
  return it->second;
}

// The data set for the benchmark's size, or null after skipping it with the reason.
DataSet* ready(benchmark::State& state, std::string DataSet::*check_error) {
  DataSet& set = data_set(static_cast<int>(state.range(0)));
  const std::string& error = !set.error.empty() ? set.error : set.*check_error;
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return nullptr;
  }
  return &set;
}

void count_rows(benchmark::State& state, std::int64_t rows) {
  state.counters["rows"] = benchmark::Counter(static_cast<double>(rows));
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

// --- The benchmarks -----------------------------------------------------------

void BM_Funnel_Engine(benchmark::State& state) {
  DataSet* set = ready(state, &DataSet::funnel_error);
  if (set == nullptr) return;
  const auto query = funnel_query();
  for (auto _ : state) benchmark::DoNotOptimize(crm::funnel(*set->engine, query));
  count_rows(state, set->funnel_rows);
}

void BM_Funnel_RawSql(benchmark::State& state) {
  DataSet* set = ready(state, &DataSet::funnel_error);
  if (set == nullptr) return;
  for (auto _ : state) benchmark::DoNotOptimize(raw_funnel(*set->raw, funnel_sql));
  count_rows(state, set->funnel_rows);
}

// Not a like-for-like baseline: the share of the funnel that plain GROUP BYs
// reach, to show what the history-dependent parts cost in SQL.
void BM_FunnelCounts_RawSql(benchmark::State& state) {
  DataSet* set = ready(state, &DataSet::funnel_counts_error);
  if (set == nullptr) return;
  for (auto _ : state) benchmark::DoNotOptimize(raw_funnel(*set->raw, funnel_counts_sql));
  count_rows(state, set->funnel_rows);
}

void BM_Forecast_Engine(benchmark::State& state) {
  DataSet* set = ready(state, &DataSet::forecast_error);
  if (set == nullptr) return;
  const auto query = forecast_query();
  for (auto _ : state) benchmark::DoNotOptimize(crm::forecast(*set->engine, query));
  count_rows(state, set->deals);
}

void BM_Forecast_RawSql(benchmark::State& state) {
  DataSet* set = ready(state, &DataSet::forecast_error);
  if (set == nullptr) return;
  for (auto _ : state) benchmark::DoNotOptimize(raw_forecast(*set->raw));
  count_rows(state, set->deals);
}

}  // namespace

// Sizes: 10,000 deals (~100k history rows) and the issue's 100,000 (~1M),
// each engine row next to its raw baseline of the same size.
#define PIPELINE_BENCH(name, deals) BENCHMARK(name)->Arg(deals)->Unit(benchmark::kMillisecond)->Iterations(5)
PIPELINE_BENCH(BM_Funnel_Engine, 10'000);
PIPELINE_BENCH(BM_Funnel_RawSql, 10'000);
PIPELINE_BENCH(BM_FunnelCounts_RawSql, 10'000);
PIPELINE_BENCH(BM_Funnel_Engine, 100'000);
PIPELINE_BENCH(BM_Funnel_RawSql, 100'000);
PIPELINE_BENCH(BM_FunnelCounts_RawSql, 100'000);
PIPELINE_BENCH(BM_Forecast_Engine, 10'000);
PIPELINE_BENCH(BM_Forecast_RawSql, 10'000);
PIPELINE_BENCH(BM_Forecast_Engine, 100'000);
PIPELINE_BENCH(BM_Forecast_RawSql, 100'000);

BENCHMARK_MAIN();
