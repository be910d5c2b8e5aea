// SPDX-License-Identifier: Apache-2.0
// crm report rfm | value | clv | basket, crm segment, crm stats: the customer
// analytics of crm/analytics/analytics.hpp over the stored purchases. They
// only read, except `stats rebuild`. With --json each prints the library's
// document (crm/json.hpp) as it is.
#include <crm/analytics/analytics.hpp>
#include <crm/engine.hpp>
#include <crm/error.hpp>
#include <crm/json.hpp>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analytics_render.hpp"
#include "commands.hpp"
#include "input.hpp"
#include "record_options.hpp"
#include "render.hpp"
#include "text/quote.hpp"

namespace crm::cli {

namespace {

namespace an = crm::analytics;
using std::chrono::days;

// --- options the measures share ----------------------------------------------

// --currency and --as-of: whose purchases are measured, and when.
struct PopulationArgs {
  std::string currency;
  std::optional<std::string> as_of;

  void declare(CLI::App& cmd) {
    cmd.add_option("--currency", currency, "ISO 4217 code (default: the currency the most customers bought in)");
    cmd.add_option("--as-of", as_of,
                   "measure at this UTC time, YYYY-MM-DD (midnight) or YYYY-MM-DDTHH:MM (default: the latest purchase)");
  }

  an::Population read(const Engine& engine) const { return an::purchase_population(engine, currency); }

  // --as-of, else the latest purchase, so an old data set is measured at its
  // own end; the library refuses a time before the latest purchase.
  Timestamp time(const an::Population& population) const {
    return an::measured_at(population, as_of ? std::optional(parse_time(*as_of)) : std::nullopt, "--as-of");
  }
};

// --scores and --segments.
struct RfmArgs {
  int scores = an::RfmOptions{}.scores;
  std::optional<std::string> segments_file;

  void declare(CLI::App& cmd) {
    cmd.add_option("--scores", scores, "scores per dimension, 2..9")->capture_default_str();
    cmd.add_option("--segments", segments_file,
                   "segment table, JSON [{\"name\", \"r\": [LOW, HIGH], \"f\", \"m\"}] (- reads stdin; "
                   "default: the library's table for 5 scores)");
  }

  // The default table is written for 5 scores: with other scores and no
  // file, customers get scores and no segment, and `note` says why.
  an::RfmOptions options(Timestamp as_of, std::string* note = nullptr) const {
    an::RfmOptions o{.as_of = as_of, .scores = scores};
    if (segments_file) {
      const auto text = read_text_file(*segments_file, "segments file");
      try {
        o.segments = an::rfm_segments_from_json(text, scores);
      } catch (const Error& e) {
        throw Error(e.code(), "segments file '" + detail::escape(*segments_file) + "': " + e.what());
      }
    } else if (scores != an::RfmOptions{}.scores) {
      o.segments.clear();
      if (note != nullptr)
        *note = "no segment table for " + std::to_string(scores) + " scores (the default is for 5): give --segments FILE";
    }
    return o;
  }
};

// Days as the library's durations; a count whose milliseconds would
// overflow is refused before the conversion.
// The library's bound (an::max_span) is checked here so the message names
// the option; the library refuses a longer span too.
std::chrono::milliseconds days_option(std::int64_t count, const std::string& option) {
  const std::int64_t max_days = an::max_span.count();
  if (count > max_days || count < -max_days)
    throw Error(Errc::invalid_argument, option + " " + std::to_string(count) + ": more than " +
                                            std::to_string(max_days) + " days");
  return days{count};
}

// A whole number of days, for an option's default.
std::int64_t whole_days(std::chrono::milliseconds span) { return std::chrono::duration_cast<days>(span).count(); }

// The value matrix's thresholds and the lifecycle rules.
struct ValueArgs {
  std::optional<double> frequency_threshold;
  std::optional<std::string> spend_threshold;
  // The library's defaults (an::LifecycleOptions).
  std::int64_t new_within = whole_days(an::LifecycleOptions{}.new_within);
  std::int64_t churned_after = whole_days(an::LifecycleOptions{}.churned_after);
  std::int64_t mature_purchases = an::LifecycleOptions{}.mature_purchases;
  double declining_gap_factor = an::LifecycleOptions{}.declining_gap_factor;

  void declare(CLI::App& cmd) {
    cmd.add_option("--frequency-threshold", frequency_threshold,
                   "purchases; above it is frequent (default: the median)");
    cmd.add_option("--spend-threshold", spend_threshold,
                   "average spend per purchase in major units, e.g. 25.00; above it is high (default: the median)");
    cmd.add_option("--new-within", new_within, "days since the first purchase a buyer is new")->capture_default_str();
    cmd.add_option("--churned-after", churned_after, "days without a purchase a buyer is churned")
        ->capture_default_str();
    cmd.add_option("--mature-purchases", mature_purchases, "purchases from which a buyer is mature")
        ->capture_default_str();
    cmd.add_option("--declining-gap-factor", declining_gap_factor,
                   "declining when the time since the last purchase is over this many times the buyer's mean gap")
        ->capture_default_str();
  }

  bool needs_currency() const { return spend_threshold.has_value(); }

  an::ValueMatrixOptions matrix(const Currency& currency) const {
    an::ValueMatrixOptions o{.frequency_threshold = frequency_threshold};
    if (spend_threshold)
      o.spend_threshold = static_cast<double>(parse_money(*spend_threshold, currency.code()).minor);
    return o;
  }

  an::LifecycleOptions lifecycle() const {
    return {.new_within = days_option(new_within, "--new-within"),
            .churned_after = days_option(churned_after, "--churned-after"),
            .mature_purchases = mature_purchases,
            .declining_gap_factor = declining_gap_factor};
  }
};

CustomerNames names_of(const Engine& engine, const std::vector<Id>& ids) {
  CustomerNames names;
  for (const Id id : ids)
    if (const auto customer = engine.find<Customer>(id)) names.emplace(id, customer->display_name);
  return names;
}

// --- report rfm ---------------------------------------------------------------

void add_rfm_command(CLI::App& group, Context& ctx) {
  struct Args {
    PopulationArgs population;
    RfmArgs rfm;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = group.add_subcommand("rfm", "RFM: customers per segment, the cut values and the customers per score");
  a->population.declare(*cmd);
  a->rfm.declare(*cmd);
  cmd->callback([&ctx, a] {
    const auto population = a->population.read(ctx.engine());
    std::string note;
    const auto report = an::rfm_report(population, a->rfm.options(a->population.time(population), &note));
    if (ctx.options.json)
      std::cout << to_json(report) << '\n';
    else
      print_rfm(std::cout, report, note);
  });
}

// --- report value -------------------------------------------------------------

void add_value_command(CLI::App& group, Context& ctx) {
  struct Args {
    PopulationArgs population;
    ValueArgs value;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = group.add_subcommand(
      "value", "Value matrix (frequency against average spend: best, frequent, spender, uncertain) and lifecycle stages");
  a->population.declare(*cmd);
  a->value.declare(*cmd);
  cmd->callback([&ctx, a] {
    const auto population = a->population.read(ctx.engine());
    const an::ValueReportOptions options{.as_of = a->population.time(population),
                                         .matrix = a->value.matrix(population.currency),
                                         .lifecycle = a->value.lifecycle()};
    const auto report = an::value_report(population, options);
    if (ctx.options.json)
      std::cout << to_json(report) << '\n';
    else
      print_value(std::cout, report, options.matrix.frequency_threshold.has_value(),
                  options.matrix.spend_threshold.has_value());
  });
}

// --- report clv ---------------------------------------------------------------

void add_clv_command(CLI::App& group, Context& ctx) {
  struct Args {
    PopulationArgs population;
    // The library's defaults (an::ClvReportOptions).
    std::int64_t period_days = whole_days(an::ClvReportOptions{}.period);
    an::ClvOptions clv{};
    std::size_t top = an::ClvReportOptions{}.top;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = group.add_subcommand(
      "clv", "Customer lifetime value: BG/NBD and Gamma-Gamma fitted to the purchases, churn risk, the top customers");
  a->population.declare(*cmd);
  cmd->add_option("--period-days", a->period_days, "the models' time unit, in days")->capture_default_str();
  cmd->add_option("--horizon", a->clv.horizon_periods,
                  "periods the value is summed over, 1.." + std::to_string(an::clv_max_horizon_periods))
      ->capture_default_str()
      ->check(CLI::Range(1, an::clv_max_horizon_periods));
  cmd->add_option("--discount-rate", a->clv.discount_rate, "per period")->capture_default_str();
  cmd->add_option("--margin", a->clv.margin, "share of spend that is profit, in (0, 1]")->capture_default_str();
  cmd->add_option("--top", a->top,
                  "customers listed, highest CLV first (0 to " + std::to_string(max_page_size) + ")")
      ->capture_default_str();
  cmd->callback([&ctx, a] {
    const Engine& engine = ctx.engine();
    const auto population = a->population.read(engine);
    const an::ClvReportOptions options{.as_of = a->population.time(population),
                                       .period = days_option(a->period_days, "--period-days"),
                                       .clv = a->clv,
                                       .top = a->top};
    const auto report = an::clv_report(population, options);
    if (ctx.options.json) {
      std::cout << to_json(report) << '\n';
      return;
    }
    std::vector<Id> ids;
    for (const auto& v : report.top) ids.push_back(v.customer_id);
    print_clv(std::cout, report, names_of(engine, ids));
  });
}

// --- report basket ------------------------------------------------------------

// The first description each SKU of the rules has in the stored line items.
// Reads purchases only until every SKU is described, so popular items (the
// ones rules are made of) usually cost a short scan.
ItemDescriptions describe(const Engine& engine, const an::BasketReport& report) {
  std::set<std::string> wanted;
  for (const auto& r : report.rules) {
    wanted.insert(r.antecedent.begin(), r.antecedent.end());
    wanted.insert(r.consequent.begin(), r.consequent.end());
  }
  ItemDescriptions found;
  InteractionQuery all{.limit = max_page_size};
  while (!wanted.empty()) {
    const auto page = engine.list(all);
    require_whole(page);
    for (const auto& i : page.items) {
      if (i.kind != InteractionKind::purchase) continue;
      for (const auto& item : i.items)
        if (!item.description.empty() && wanted.erase(item.sku) > 0) found.emplace(item.sku, item.description);
    }
    if (page.next_cursor.empty()) break;
    all.cursor = page.next_cursor;
  }
  return found;
}

void add_basket_command(CLI::App& group, Context& ctx) {
  struct Args {
    an::BasketOptions options{.max_rules = 20};
    std::optional<std::string> from, to;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = group.add_subcommand(
      "basket", "Market basket: rules 'who buys A also buys C' over the purchases' line items, by SKU");
  cmd->add_option("--min-support", a->options.min_support, "share of baskets an itemset must be in, (0, 1]")
      ->capture_default_str();
  cmd->add_option("--min-confidence", a->options.min_confidence, "share of A's baskets that must hold C, [0, 1]")
      ->capture_default_str();
  cmd->add_option("--max-itemset", a->options.max_itemset, "items in a rule, A and C together, 2..16")
      ->capture_default_str();
  cmd->add_option("--max-rules", a->options.max_rules, "the best rules listed, by lift, 0..10000 (0: 10000)")
      ->capture_default_str();
  cmd->add_option("--max-itemsets", a->options.max_itemsets,
                  "budget: frequent itemsets mined before stopping, 1..500000")
      ->capture_default_str();
  cmd->add_option("--max-rule-candidates", a->options.max_rule_candidates,
                  "budget: rule candidates scored before stopping, 1..10000000")
      ->capture_default_str();
  cmd->add_option("--from", a->from, "first day, YYYY-MM-DD (default: every purchase)");
  cmd->add_option("--to", a->to, "last day, YYYY-MM-DD, included (default: every purchase)");
  cmd->callback([&ctx, a] {
    const Engine& engine = ctx.engine();
    an::BasketQuery query{.options = a->options};
    if (a->from) query.from = parse_date(*a->from);
    if (a->to) query.to = crm::add(parse_date(*a->to), days{1}, "--to " + *a->to);  // 9999-12-31: refused
    if (query.from && query.to && *query.to <= *query.from)
      throw Error(Errc::invalid_argument, "--to " + *a->to + " is before --from " + *a->from);
    const auto report = an::basket_report(engine, query);
    if (ctx.options.json)
      std::cout << to_json(report) << '\n';
    else
      print_basket(std::cout, report, query, describe(engine, report));
  });
}

// --- segment ------------------------------------------------------------------

// "4-5", or "4" for 4-4. The range itself is checked by the library.
std::optional<an::ScoreRange> score_range(const std::optional<std::string>& text, const std::string& option) {
  if (!text) return std::nullopt;
  const auto refuse = [&] {
    throw Error(Errc::invalid_argument,
                option + " " + detail::quote(*text) + ": expected a score or a range of scores LOW-HIGH, like 4-5");
  };
  const auto score = [&](std::string_view digits) {
    int value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) refuse();
    return value;
  };
  const std::string_view all(*text);
  const auto dash = all.find('-');
  if (dash == std::string_view::npos) {
    const int s = score(all);
    return an::ScoreRange{s, s};
  }
  return an::ScoreRange{score(all.substr(0, dash)), score(all.substr(dash + 1))};
}

template <class E>
std::vector<E> enums_of(const std::vector<std::string>& spellings) {
  std::vector<E> out;
  for (const auto& s : spellings) out.push_back(parse_enum<E>(s));
  return out;
}

struct SegmentArgs {
  PopulationArgs population;
  RfmArgs rfm;
  ValueArgs value;
  std::vector<std::string> segments, quadrants, stages, tags;
  std::optional<std::string> r, f, m;
  std::optional<std::int64_t> min_purchases, max_purchases;
  std::optional<std::string> min_total, max_total;
  std::optional<std::string> last_from, last_to;
  std::size_t limit = an::SegmentQuery{}.limit;
  std::string cursor;
  bool all = false;
};

// The library's query for the arguments. Reads the population first only
// when it must: to check --as-of, or to learn the currency amounts are in.
an::SegmentQuery segment_query(const Engine& engine, const SegmentArgs& a) {
  an::SegmentQuery q;
  q.currency = a.population.currency;
  const bool amounts = a.min_total || a.max_total || a.value.needs_currency();
  std::optional<an::Population> population;
  if (a.population.as_of || (amounts && q.currency.empty())) {
    population = a.population.read(engine);
    q.currency = std::string(population->currency.code());
  }
  q.rfm = a.rfm.options(population ? a.population.time(*population) : Timestamp{});
  const Currency currency = population ? population->currency
                                       : (q.currency.empty() ? Currency{} : Currency::of(q.currency));
  q.value = a.value.matrix(currency);
  q.lifecycle = a.value.lifecycle();
  q.min_purchases = a.min_purchases;
  q.max_purchases = a.max_purchases;
  if (a.min_total) q.min_total_minor = parse_money(*a.min_total, currency.code()).minor;
  if (a.max_total) q.max_total_minor = parse_money(*a.max_total, currency.code()).minor;
  if (a.last_from) q.last_purchase_from = parse_date(*a.last_from);
  if (a.last_to) q.last_purchase_to = crm::add(parse_date(*a.last_to), days{1}, "--last-to " + *a.last_to);
  q.r = score_range(a.r, "--r");
  q.f = score_range(a.f, "--f");
  q.m = score_range(a.m, "--m");
  q.segments = a.segments;
  q.quadrants = enums_of<an::ValueQuadrant>(a.quadrants);
  q.stages = enums_of<an::PurchaseStage>(a.stages);
  q.tags = a.tags;
  q.cursor = a.cursor;
  q.limit = a.all ? max_page_size : a.limit;
  return q;
}

void add_segment_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<SegmentArgs>();
  auto* cmd = app.add_subcommand(
      "segment", "Customers of a segment (RFM, value quadrant, lifecycle stage, purchases, spend, tags): a call list");
  a->population.declare(*cmd);
  cmd->add_option("--segment", a->segments, "RFM segment name, e.g. 'at risk' (repeatable: any of them)");
  cmd->add_option("--quadrant", a->quadrants,
                  "value quadrant (repeatable: any of them): " + spellings<an::ValueQuadrant>());
  cmd->add_option("--stage", a->stages, "purchase lifecycle stage (repeatable: any of them): " +
                                            spellings<an::PurchaseStage>());
  cmd->add_option("--r", a->r, "recency score or range, e.g. 4-5");
  cmd->add_option("--f", a->f, "frequency score or range");
  cmd->add_option("--m", a->m, "monetary score or range");
  cmd->add_option("--min-purchases", a->min_purchases, "at least this many purchases");
  cmd->add_option("--max-purchases", a->max_purchases, "at most this many purchases");
  cmd->add_option("--min-total", a->min_total, "spent at least this much, major units");
  cmd->add_option("--max-total", a->max_total, "spent at most this much, major units");
  cmd->add_option("--last-from", a->last_from, "last purchase on or after this day, YYYY-MM-DD");
  cmd->add_option("--last-to", a->last_to, "last purchase on or before this day, YYYY-MM-DD");
  cmd->add_option("--tag", a->tags, "customer tag, any case (repeatable: all of them)");
  a->rfm.declare(*cmd);
  a->value.declare(*cmd);
  auto* limit = cmd->add_option("--limit", a->limit, "at most this many")
                    ->capture_default_str()
                    ->check(CLI::Range(std::size_t{1}, max_page_size));
  cmd->add_option("--cursor", a->cursor, "where the previous page ended (printed under it)");
  cmd->add_flag("--all", a->all, "every page, as one list")->excludes(limit);
  cmd->callback([&ctx, a] {
    const Engine& engine = ctx.engine();
    auto query = segment_query(engine, *a);
    Page<an::SegmentMember> listed;
    for (;;) {
      auto page = an::segment(engine, query);
      for (auto& member : page.items) listed.items.push_back(std::move(member));
      listed.next_cursor = std::move(page.next_cursor);
      if (!a->all || listed.next_cursor.empty()) break;
      query.cursor = listed.next_cursor;
    }
    if (ctx.options.json) {
      std::cout << to_json(listed) << '\n';
      return;
    }
    std::vector<Id> ids;
    for (const auto& member : listed.items) ids.push_back(member.customer_id);
    if (listed.items.empty())
      std::cout << "no customers\n";
    else
      segment_table(listed.items, names_of(engine, ids)).print(std::cout);
    if (a->all) std::cout << listed.items.size() << " customer" << (listed.items.size() == 1 ? "" : "s") << '\n';
    if (!listed.next_cursor.empty()) std::cout << "next page: --cursor " << listed.next_cursor << '\n';
  });
}

// --- stats --------------------------------------------------------------------

void add_stats_command(CLI::App& app, Context& ctx) {
  auto id = std::make_shared<Id>(0);
  auto* cmd = app.add_subcommand(
      "stats", "A customer's purchase statistics per currency; `stats rebuild` recomputes every customer's");
  auto* id_option = cmd->add_option("customer", *id, "customer id");
  auto* rebuild = cmd->add_subcommand(
      "rebuild", "Recompute every customer's purchase statistics from the history and mend what differs");
  rebuild->callback([&ctx, id_option] {
    if (id_option->count() > 0) throw CLI::ExtrasError("stats rebuild", {id_option->as<std::string>()});
    const auto result = ctx.engine().rebuild_purchase_stats();
    if (ctx.options.json)
      std::cout << to_json(result) << '\n';
    else
      print_rebuild(std::cout, result);
  });
  cmd->callback([&ctx, id, id_option, rebuild] {
    if (rebuild->parsed()) return;
    if (id_option->count() == 0) throw CLI::RequiredError("customer (or: stats rebuild)");
    const Engine& engine = ctx.engine();
    const auto customer = engine.get<Customer>(*id);  // refuses an unknown id
    const auto stats = engine.purchase_stats(*id);
    if (ctx.options.json) {
      std::cout << to_json(stats) << '\n';
      return;
    }
    std::cout << "purchase statistics of customer " << customer.id << " (" << customer.display_name << ")\n";
    if (stats.empty())
      std::cout << "no purchases\n";
    else
      stats_table(stats).print(std::cout);
  });
}

}  // namespace

void add_analytics_commands(CLI::App& app, Context& ctx) {
  auto* report = app.add_subcommand("report", "Customer analytics over the purchases: rfm, value, clv, basket");
  report->require_subcommand(1);
  add_rfm_command(*report, ctx);
  add_value_command(*report, ctx);
  add_clv_command(*report, ctx);
  add_basket_command(*report, ctx);
  add_segment_command(app, ctx);
  add_stats_command(app, ctx);
}

}  // namespace crm::cli
