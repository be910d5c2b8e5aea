// SPDX-License-Identifier: Apache-2.0
// crm pipeline funnel | forecast | cycle | alerts: the library's pipeline
// reports (crm/pipeline/reports.hpp) and alerts (crm/pipeline/alerts.hpp).
#include <crm/engine.hpp>
#include <crm/pipeline/alerts.hpp>
#include <crm/pipeline/reports.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "input.hpp"
#include "record_options.hpp"
#include "render.hpp"

namespace crm::cli {

namespace {

using nlohmann::json;
using std::chrono::days;

std::string day_of(Timestamp t) { return to_iso8601(t).substr(0, 10); }

// The last day a window includes: the day of the millisecond before its end
// (which is midnight after --to, or the end of the supported range).
std::string last_day_of(const TimeWindow& w) { return day_of(w.to - std::chrono::milliseconds{1}); }

// --from and --to are days, both inside the report: --to 2017-12-31 reports
// up to the end of that day (the library's window ends before its `to`).
struct WindowOptions {
  std::optional<std::string> from, to;

  void declare(CLI::App& cmd, const std::string& from_default, const std::string& to_default) {
    cmd.add_option("--from", from, "first day, YYYY-MM-DD (default: " + from_default + ")");
    cmd.add_option("--to", to, "last day, YYYY-MM-DD, included (default: " + to_default + ")");
  }
  bool given() const { return from || to; }
  // Unset ends: from 1970-01-01; to `last_day` (included), or to the end of
  // the supported range of times without one. The day after --to must be
  // in the range too: --to 9999-12-31 is refused.
  TimeWindow window(std::optional<Timestamp> last_day) const {
    const Timestamp end = to          ? crm::add(parse_date(*to), days{1}, "--to " + *to)
                          : last_day ? crm::add(*last_day, days{1}, "--to")
                                     : max_timestamp;
    const TimeWindow w{from ? parse_date(*from) : Timestamp{}, end};
    if (w.to <= w.from)
      throw Error(Errc::invalid_argument, "--to " + last_day_of(w) + " is before --from " + day_of(w.from));
    return w;
  }
};

// Today (UTC), as midnight.
Timestamp today() { return std::chrono::floor<days>(std::chrono::system_clock::now()); }

// The stored spelling of a pipeline name, or the name as given when there
// is no such pipeline (the report then refuses it).
std::string pipeline_name(const Engine& engine, const std::string& name) {
  const auto p = engine.find_pipeline(name);
  return p ? p->name : name;
}

// The currency values are reported in: --currency, else the one most of the
// deals' amounts are in (of the pipeline, or of all deals), fewest letters
// first on a tie; the region's currency when no deal has an amount.
Currency report_currency(const Context& ctx, const Engine& engine, const std::optional<std::string>& given,
                         const std::optional<std::string>& pipeline) {
  if (given) return Currency::of(*given);
  std::map<std::string, std::size_t> counts;
  OpportunityQuery query{.pipeline = pipeline, .limit = max_page_size};
  for (;;) {
    const auto page = engine.list(query);
    require_whole(page);  // the currency most deals are in, counting every deal
    for (const auto& deal : page.items)
      if (deal.amount) ++counts[std::string(deal.amount->currency.code())];
    if (page.next_cursor.empty()) break;
    query.cursor = page.next_cursor;
  }
  const auto most = std::max_element(counts.begin(), counts.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  return Currency::of(most != counts.end() ? most->first : currency_or_default(std::nullopt, ctx.options.region));
}

json money_json(const Money& m) { return json{{"minor", m.minor}, {"currency", std::string(m.currency.code())}}; }
json window_json(const TimeWindow& w) { return json{{"from", to_millis(w.from)}, {"to", to_millis(w.to)}}; }

std::string fixed(double value, const char* unit = "") {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f%s", value, unit);
  return text;
}
std::string percent(const std::optional<double>& ratio) { return ratio ? fixed(*ratio * 100, "%") : "-"; }
std::string days_text(const std::optional<double>& d) { return d ? fixed(*d) : "-"; }

std::string window_text(const TimeWindow& w) { return day_of(w.from) + " to " + last_day_of(w); }

void print_skipped(std::size_t skipped, const Currency& currency) {
  if (skipped > 0)
    std::cout << skipped << " deal" << (skipped == 1 ? "" : "s") << " with an amount in another currency than "
              << currency.code() << " left out of the values (see --currency)\n";
}

// --- funnel -----------------------------------------------------------------

struct FunnelOptions {
  std::string pipeline = "default";
  WindowOptions window;
  std::optional<std::string> currency;
};

void print_funnel(const Context& ctx, const FunnelQuery& q, const Funnel& f) {
  if (ctx.options.json) {
    json out = json::parse(to_json(f));  // the report, plus the query it answers
    out["pipeline"] = q.pipeline;
    out["window"] = window_json(q.window);
    out["currency"] = std::string(q.currency.code());
    std::cout << out.dump() << '\n';
    return;
  }
  std::cout << "funnel of pipeline " << q.pipeline << ", " << window_text(q.window) << ", values in "
            << q.currency.code() << '\n';
  Table table({{"stage"}, {"entered", true}, {"value", true}, {"advanced", true}, {"to next", true},
               {"median days", true}});
  for (const auto& s : f.stages)
    table.add({s.stage, std::to_string(s.entered), to_string(s.value), std::to_string(s.advanced),
               percent(s.conversion_to_next), days_text(s.median_days_in_stage)});
  table.print(std::cout);
  Table totals({{"", false, 20}, {"", false, 200}});
  totals.add({"won", std::to_string(f.won) + " (" + to_string(f.won_value) + ")"});
  totals.add({"lost", std::to_string(f.lost)});
  totals.add({"win rate", percent(f.win_rate)});
  totals.print(std::cout);
  print_skipped(f.skipped_other_currency, q.currency);
}

void add_funnel_command(CLI::App& pipeline, Context& ctx) {
  auto o = std::make_shared<FunnelOptions>();
  auto* cmd = pipeline.add_subcommand(
      "funnel", "Deals entering each stage, their value, conversion to the next and median days in stage; won, lost, win rate");
  cmd->add_option("pipeline", o->pipeline, "pipeline name (any case)")->capture_default_str();
  o->window.declare(*cmd, "1970-01-01", "today, UTC");
  cmd->add_option("--currency", o->currency, "ISO 4217 code (default: the one most of the pipeline's deals are in)");
  cmd->callback([&ctx, o] {
    const Engine& engine = ctx.engine();
    FunnelQuery q;
    q.pipeline = pipeline_name(engine, o->pipeline);
    q.window = o->window.window(today());
    q.currency = report_currency(ctx, engine, o->currency, q.pipeline);
    print_funnel(ctx, q, funnel(engine, q));
  });
}

// --- forecast ---------------------------------------------------------------

struct ForecastOptions {
  std::optional<std::string> pipeline;
  std::optional<ForecastPeriod> period;
  WindowOptions window;
  std::optional<std::string> currency;
  bool by_owner = false;
};

std::string period_text(const std::optional<Timestamp>& start, ForecastPeriod period) {
  if (!start) return "unscheduled";
  const std::string day = day_of(*start);
  if (period == ForecastPeriod::month) return day.substr(0, 7);
  return day.substr(0, 4) + " Q" + std::to_string((std::stoi(day.substr(5, 2)) - 1) / 3 + 1);
}

// One owner's rows summed: open deals (amount, weighted) and won deals.
struct OwnerForecast {
  std::string owner;
  std::size_t open_deals = 0;
  Money open_amount, weighted;
  std::size_t won_deals = 0;
  Money won_amount;
};

std::vector<OwnerForecast> by_owner(const Forecast& f, const Currency& currency) {
  std::map<std::string, OwnerForecast> owners;
  for (const auto& row : f.rows) {
    auto [it, inserted] = owners.try_emplace(row.owner);
    OwnerForecast& o = it->second;
    if (inserted) o = {row.owner, 0, Money{0, currency}, Money{0, currency}, 0, Money{0, currency}};
    if (row.category == ForecastCategory::closed) {
      o.won_deals += row.deals;
      o.won_amount = o.won_amount + row.amount;
    } else {
      o.open_deals += row.deals;
      o.open_amount = o.open_amount + row.amount;
      o.weighted = o.weighted + row.weighted;
    }
  }
  std::vector<OwnerForecast> out;
  for (auto& [owner, o] : owners) out.push_back(std::move(o));
  // By weighted amount, largest first; then by owner.
  std::stable_sort(out.begin(), out.end(),
                   [](const OwnerForecast& a, const OwnerForecast& b) { return a.weighted.minor > b.weighted.minor; });
  return out;
}

void print_forecast(const Context& ctx, const ForecastQuery& q, const Forecast& f, bool per_owner) {
  const auto owners = per_owner ? by_owner(f, q.currency) : std::vector<OwnerForecast>{};
  if (ctx.options.json) {
    json out = json::parse(to_json(f));  // rows and skipped_other_currency
    out["pipeline"] = q.pipeline ? json(*q.pipeline) : json();
    out["period"] = std::string(to_string(q.period));
    out["window"] = q.window ? window_json(*q.window) : json();
    out["currency"] = std::string(q.currency.code());
    if (per_owner) {
      json items = json::array();
      for (const auto& o : owners)
        items.push_back({{"owner", o.owner},
                         {"open_deals", o.open_deals},
                         {"open_amount", money_json(o.open_amount)},
                         {"weighted", money_json(o.weighted)},
                         {"won_deals", o.won_deals},
                         {"won_amount", money_json(o.won_amount)}});
      out["owners"] = items;
      out.erase("rows");  // the owners sum them up
    }
    std::cout << out.dump() << '\n';
    return;
  }
  std::cout << "forecast of " << (q.pipeline ? "pipeline " + *q.pipeline : std::string("every pipeline"))
            << (q.window ? ", " + window_text(*q.window) : std::string()) << ", values in " << q.currency.code()
            << '\n';
  if (per_owner) {
    Table table({{"owner"}, {"open deals", true}, {"open amount", true}, {"weighted", true}, {"won deals", true},
                 {"won amount", true}});
    for (const auto& o : owners)
      table.add({o.owner, std::to_string(o.open_deals), to_string(o.open_amount), to_string(o.weighted),
                 std::to_string(o.won_deals), to_string(o.won_amount)});
    if (table.empty())
      std::cout << "no open or won deals\n";
    else
      table.print(std::cout);
  } else {
    Table table({{"period"}, {"owner"}, {"category"}, {"deals", true}, {"amount", true}, {"weighted", true}});
    for (const auto& r : f.rows)
      table.add({period_text(r.period_start, q.period), r.owner, std::string(to_string(r.category)),
                 std::to_string(r.deals), to_string(r.amount), to_string(r.weighted)});
    if (table.empty())
      std::cout << "no open or won deals\n";
    else
      table.print(std::cout);
  }
  print_skipped(f.skipped_other_currency, q.currency);
}

void add_forecast_command(CLI::App& pipeline, Context& ctx) {
  auto o = std::make_shared<ForecastOptions>();
  auto* cmd = pipeline.add_subcommand(
      "forecast", "Open deals by expected close and won deals by close: deals, amount and weighted amount");
  cmd->add_option("--pipeline", o->pipeline, "pipeline name, any case (default: every pipeline)");
  add_enum_option(*cmd, "--period", o->period, "month (default) or quarter");
  o->window.declare(*cmd, "1970-01-01 when --to is given", "9999-12-31 when --from is given");
  cmd->add_option("--currency", o->currency, "ISO 4217 code (default: the one most of the deals are in)");
  cmd->add_flag("--by-owner", o->by_owner,
                "per owner: open deals with their amount and weighted amount, and won deals, by weighted amount");
  cmd->callback([&ctx, o] {
    const Engine& engine = ctx.engine();
    ForecastQuery q;
    if (o->pipeline) q.pipeline = pipeline_name(engine, *o->pipeline);
    q.period = o->period.value_or(ForecastPeriod::month);
    if (o->window.given())
      q.window = o->window.window(std::nullopt);
    q.currency = report_currency(ctx, engine, o->currency, q.pipeline);
    print_forecast(ctx, q, forecast(engine, q), o->by_owner);
  });
}

// --- cycle ------------------------------------------------------------------

struct CycleOptions {
  std::optional<std::string> pipeline;
  WindowOptions window;
};

void add_cycle_command(CLI::App& pipeline, Context& ctx) {
  auto o = std::make_shared<CycleOptions>();
  auto* cmd = pipeline.add_subcommand("cycle", "Sales cycle: deals closed in the window and their days from creation");
  cmd->add_option("--pipeline", o->pipeline, "pipeline name, any case (default: every pipeline)");
  o->window.declare(*cmd, "1970-01-01", "today, UTC");
  cmd->callback([&ctx, o] {
    const Engine& engine = ctx.engine();
    SalesCycleQuery q;
    if (o->pipeline) q.pipeline = pipeline_name(engine, *o->pipeline);
    q.window = o->window.window(today());
    const auto c = sales_cycle(engine, q);
    if (ctx.options.json) {
      json out = json::parse(to_json(c));
      out["pipeline"] = q.pipeline ? json(*q.pipeline) : json();
      out["window"] = window_json(q.window);
      std::cout << out.dump() << '\n';
      return;
    }
    std::cout << "sales cycle of " << (q.pipeline ? "pipeline " + *q.pipeline : std::string("every pipeline"))
              << ", deals closed " << window_text(q.window) << '\n';
    Table table({{"deals"}, {"count", true}, {"mean days", true}, {"median days", true}});
    table.add({"won", std::to_string(c.won), days_text(c.won_days.mean), days_text(c.won_days.median)});
    table.add({"won or lost", std::to_string(c.won + c.lost), days_text(c.closed_days.mean),
               days_text(c.closed_days.median)});
    table.print(std::cout);
  });
}

// --- alerts -----------------------------------------------------------------

void add_alerts_command(CLI::App& pipeline, Context& ctx) {
  auto now_day = std::make_shared<std::optional<std::string>>();
  auto* cmd = pipeline.add_subcommand("alerts", "Open deals past their expected close, and customers over their credit limit");
  cmd->add_option("--now", *now_day, "the day to judge at, YYYY-MM-DD, from its midnight UTC (default: now)");
  cmd->callback([&ctx, now_day] {
    const Engine& engine = ctx.engine();
    const Timestamp now = *now_day ? parse_date(**now_day) : Timestamp{std::chrono::floor<std::chrono::milliseconds>(
                                                                  std::chrono::system_clock::now())};
    const auto overdue = overdue_deals(engine, now);
    const auto credit = credit_alerts(engine);
    if (ctx.options.json) {
      json deals = json::array(), customers = json::array();
      for (const auto& d : overdue) deals.push_back(json::parse(to_json(d)));
      for (const auto& a : credit)
        customers.push_back({{"customer_id", a.customer_id},
                             {"name", a.name},
                             {"limit", money_json(a.limit)},
                             {"exposure", money_json(a.exposure)},
                             {"open_deals", a.open_deals},
                             {"other_currency_deals", a.other_currency_deals}});
      std::cout << json{{"now", to_millis(now)}, {"overdue_deals", deals}, {"credit_alerts", customers}}.dump()
                << '\n';
      return;
    }
    std::cout << "overdue deals at " << short_time(now) << " UTC: " << overdue.size() << '\n';
    if (!overdue.empty()) {
      Table table({{"id", true}, {"name"}, {"pipeline"}, {"stage"}, {"amount", true}, {"owner"}, {"due"},
                   {"days late", true}});
      for (const auto& d : overdue)
        table.add({std::to_string(d.id), d.name, d.pipeline, d.stage, money_text(d.amount), d.owner,
                   day_of(*d.expected_close),
                   std::to_string(std::chrono::floor<days>(now - *d.expected_close).count())});
      table.print(std::cout);
    }
    std::cout << "customers over their credit limit: " << credit.size() << '\n';
    if (!credit.empty()) {
      Table table({{"id", true}, {"name"}, {"limit", true}, {"exposure", true}, {"open deals", true},
                   {"other currency", true}});
      for (const auto& a : credit)
        table.add({std::to_string(a.customer_id), a.name, to_string(a.limit), to_string(a.exposure),
                   std::to_string(a.open_deals.size()), std::to_string(a.other_currency_deals)});
      table.print(std::cout);
    }
  });
}

}  // namespace

void add_pipeline_report_commands(CLI::App& pipeline, Context& ctx) {
  add_funnel_command(pipeline, ctx);
  add_forecast_command(pipeline, ctx);
  add_cycle_command(pipeline, ctx);
  add_alerts_command(pipeline, ctx);
}

}  // namespace crm::cli
