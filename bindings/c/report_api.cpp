// SPDX-License-Identifier: Apache-2.0
// Reports behind one entry point: a report's name, its query as a JSON
// object and its result as a JSON object. The pipeline reports and alerts
// are read here; their query keys are the C++ query's field names
// (crm/pipeline/reports.hpp), so messages from the C++ side ("funnel
// query.window.to: …") name the same keys. The customer-analytics reports
// are read in analytics_api.cpp.
#include <crm/pipeline/alerts.hpp>
#include <crm/pipeline/reports.hpp>

#include <string_view>

#include "guard.hpp"
#include "json_args.hpp"
#include "text/quote.hpp"

namespace crm::c_api {

// Customer analytics, read and run in analytics_api.cpp.
json rfm_report(const Engine& engine, const char* query);
json value_report(const Engine& engine, const char* query);
json clv_report(const Engine& engine, const char* query);
json basket_report(const Engine& engine, const char* query);
json segment_report(const Engine& engine, const char* query);

}  // namespace crm::c_api

using namespace crm::c_api;

namespace {

// --- reading queries ----------------------------------------------------------

crm::TimeWindow window_of(const JsonArgs& args) {
  const json* value = args.object("window");
  if (value == nullptr) args.refuse("window", "required: {\"from\": ms, \"to\": ms}");
  const JsonArgs window(*value, args.what() + ".window", {"from", "to"});
  const auto from = window.time("from");
  const auto to = window.time("to");
  if (!from) window.refuse("from", "required");
  if (!to) window.refuse("to", "required");
  return {*from, *to};
}

crm::Currency currency_of(const JsonArgs& args) {
  const auto code = args.text("currency");
  if (!code) args.refuse("currency", "required (an ISO 4217 code such as \"EUR\")");
  try {
    return crm::Currency::of(*code);
  } catch (const crm::Error& e) {
    args.refuse("currency", e.what());
  }
}


// --- writing results -----------------------------------------------------------

json funnel_report(const crm::Engine& engine, const char* text) {
  const JsonArgs args(text, "funnel query", {"pipeline", "window", "currency"});
  crm::FunnelQuery query;
  if (auto name = args.text("pipeline")) query.pipeline = *name;
  query.window = window_of(args);
  query.currency = currency_of(args);
  return crm::detail::parse_json(crm::to_json(crm::funnel(engine, query)));
}

json forecast_report(const crm::Engine& engine, const char* text) {
  const JsonArgs args(text, "forecast query", {"pipeline", "currency", "period", "window"});
  crm::ForecastQuery query;
  query.pipeline = args.text("pipeline");
  query.currency = currency_of(args);
  query.period = args.enumeration("period", crm::ForecastPeriod::month);
  if (args.has("window")) query.window = window_of(args);
  return crm::detail::parse_json(crm::to_json(crm::forecast(engine, query)));
}

json sales_cycle_report(const crm::Engine& engine, const char* text) {
  const JsonArgs args(text, "sales_cycle query", {"pipeline", "window"});
  crm::SalesCycleQuery query;
  query.pipeline = args.text("pipeline");
  query.window = window_of(args);
  return crm::detail::parse_json(crm::to_json(crm::sales_cycle(engine, query)));
}

json snapshot_report(const crm::Engine& engine, const char* text) {
  const JsonArgs args(text, "snapshot query", {"pipeline", "as_of", "currency"});
  crm::SnapshotQuery query;
  if (auto name = args.text("pipeline")) query.pipeline = *name;
  const auto as_of = args.time("as_of");
  if (!as_of) args.refuse("as_of", "required (ms since the epoch)");
  query.as_of = *as_of;
  query.currency = currency_of(args);
  return crm::detail::parse_json(crm::to_json(crm::pipeline_snapshot(engine, query)));
}

json overdue_report(const crm::Engine& engine, const char* text) {
  const JsonArgs args(text, "overdue query", {"now"});
  auto now = args.time("now");
  if (!now) {
    const auto& clock = engine.options().clock;
    now = clock ? clock->now() : crm::SystemClock().now();
  }
  json result = make_object("deals", json::array());
  const crm::detail::ReleaseOnThrow release(result);
  for (const auto& deal : crm::overdue_deals(engine, *now)) append(result["deals"], record_json(deal));
  return result;
}

json credit_report(const crm::Engine& engine, const char* text) {
  const JsonArgs args(text, "credit query", {});
  json result = make_object("alerts", json::array());
  const crm::detail::ReleaseOnThrow release(result);
  for (const auto& alert : crm::credit_alerts(engine)) {
    json entry = make_object("customer_id", alert.customer_id, "name", alert.name, "open_deals", alert.open_deals,
                             "other_currency_deals", alert.other_currency_deals);
    const crm::detail::ReleaseOnThrow release_entry(entry);
    put(entry, "limit", money_json(alert.limit));
    put(entry, "exposure", money_json(alert.exposure));
    append(result["alerts"], std::move(entry));
  }
  return result;
}

using Report = json (*)(const crm::Engine&, const char*);

constexpr std::pair<std::string_view, Report> reports[] = {
    {"funnel", funnel_report},         {"forecast", forecast_report}, {"sales_cycle", sales_cycle_report},
    {"snapshot", snapshot_report},     {"overdue", overdue_report},   {"credit", credit_report},
    {"rfm", rfm_report},               {"value", value_report},       {"clv", clv_report},
    {"basket", basket_report},         {"segment", segment_report},
};

Report report_named(std::string_view name) {
  std::string known;
  for (const auto& [spelling, report] : reports) {
    if (spelling == name) return report;
    known += known.empty() ? "" : ", ";
    known += spelling;
  }
  throw crm::Error(crm::Errc::invalid_argument, "unknown report " + crm::detail::quote(name) + " (expected one of: " + known + ")");
}

}  // namespace

extern "C" {

crm_status crm_report_json(crm_engine* engine, const char* report, const char* query_json, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(out_json, "out_json");
    const Report run = report_named(require(report, "report"));
    *out_json = emit_json(with_engine(engine, [&](crm::Engine& e) { return run(e, query_json); }));
  });
}

}  // extern "C"
