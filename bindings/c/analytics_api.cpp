// SPDX-License-Identifier: Apache-2.0
// Customer analytics (crm/analytics/analytics.hpp) through the C API: the
// queries of the reports crm_report_json runs as "rfm", "value", "clv",
// "basket" and "segment", and each customer's purchase statistics. Queries
// are read strictly and every key is checked here, so a bad value is refused
// naming the key the caller wrote ("rfm query.scores: …"); the results are
// the documents crm::to_json writes (crm/json.hpp).
#include <crm/analytics/analytics.hpp>
#include <crm/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "guard.hpp"
#include "json/read_json.hpp"
#include "json_args.hpp"
#include "text/quote.hpp"

namespace crm::c_api {

using namespace crm::analytics;

namespace {

constexpr double ms_per_day = 86'400'000.0;
// The library's bounds (crm/analytics/lifecycle.hpp, clv.hpp), refused here
// early so the message names the query's key.
constexpr double max_days = static_cast<double>(max_span.count());

// A number for a message: 7 for a whole one, else as JSON spells it (0.5, 1e+300).
std::string spelt(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15)
    return std::to_string(static_cast<std::int64_t>(value));
  return json(value).dump();
}

std::string days_spelt(std::chrono::milliseconds span) {
  return spelt(static_cast<double>(span.count()) / ms_per_day);
}

// A duration given in days, fractional ones included; positive.
std::optional<std::chrono::milliseconds> days_of(const JsonArgs& args, std::string_view key) {
  const auto days = args.number(key);
  if (!days) return std::nullopt;
  if (!(*days > 0 && *days <= max_days))
    args.refuse(key, "expected days in (0, " + spelt(max_days) + "], not " + spelt(*days));
  const auto ms = std::llround(*days * ms_per_day);
  if (ms < 1) args.refuse(key, spelt(*days) + " days is less than a millisecond");
  return std::chrono::milliseconds(ms);
}

// A number lo <= x <= hi, or lo < x when open_low.
std::optional<double> number_in(const JsonArgs& args, std::string_view key, double lo, double hi, bool open_low) {
  const auto value = args.number(key);
  if (value && !((open_low ? *value > lo : *value >= lo) && *value <= hi))
    args.refuse(key, spelt(*value) + " is outside " + (open_low ? "(" : "[") + spelt(lo) + ", " + spelt(hi) + "]");
  return value;
}

// --- keys every population report shares --------------------------------------

// "currency": an ISO 4217 code; "" (absent) lets purchase_population take the
// currency most customers bought in.
std::string currency_of(const JsonArgs& args) {
  const auto code = args.text("currency");
  if (!code) return {};
  try {
    return std::string(Currency::of(*code).code());
  } catch (const Error& e) {
    args.refuse("currency", e.what());
  }
}

// "as_of": ms after the epoch, read as the library's measured_at reads it,
// the epoch and a time before the latest purchase refused naming the key.
Timestamp as_of_for(const JsonArgs& args, const Population& population) {
  return measured_at(population, args.time("as_of"), args.what() + ".as_of");
}

// "scores" and a segment table under table_key. With no table the default
// one applies to 5 scores; it is written for 5, so with other scores there is
// none and every customer's segment is "".
RfmOptions rfm_options_of(const JsonArgs& args, std::string_view table_key) {
  RfmOptions options;
  options.scores = static_cast<int>(args.integer_in("scores", 2, 9).value_or(options.scores));
  if (const json* table = args.array(table_key)) {
    try {
      options.segments = rfm_segments_from_json(table->dump(), options.scores);
    } catch (const Error& e) {
      args.refuse(table_key, e.what());
    }
  } else if (options.scores != RfmOptions{}.scores) {
    options.segments.clear();
  }
  return options;
}

ValueMatrixOptions value_options_of(const JsonArgs& args) {
  return {.frequency_threshold = args.number("frequency_threshold"),
          .spend_threshold = args.number("spend_threshold_minor")};
}

LifecycleOptions lifecycle_options_of(const JsonArgs& args) {
  LifecycleOptions options;
  if (const auto within = days_of(args, "new_within_days")) options.new_within = *within;
  if (const auto after = days_of(args, "churned_after_days")) options.churned_after = *after;
  if (options.new_within >= options.churned_after)
    args.refuse(args.has("new_within_days") ? "new_within_days" : "churned_after_days",
                "new_within_days " + days_spelt(options.new_within) + " must be less than churned_after_days " +
                    days_spelt(options.churned_after));
  if (const auto purchases = args.integer("mature_purchases")) {
    if (*purchases < 2) args.refuse("mature_purchases", "must be 2 or more, not " + std::to_string(*purchases));
    options.mature_purchases = *purchases;
  }
  if (const auto factor = args.number("declining_gap_factor")) {
    if (!(*factor >= 1)) args.refuse("declining_gap_factor", "must be 1 or more, not " + spelt(*factor));
    options.declining_gap_factor = *factor;
  }
  return options;
}

// --- segment filters ---------------------------------------------------------------

// min_key <= max_key, each optional.
void bounds_of(const JsonArgs& args, std::string_view min_key, std::string_view max_key,
               std::optional<std::int64_t>& low, std::optional<std::int64_t>& high) {
  low = args.integer(min_key);
  high = args.integer(max_key);
  if (low && high && *low > *high)
    args.refuse(max_key,
                std::to_string(*high) + " is below " + std::string(min_key) + " " + std::to_string(*low));
}

// [low, high], whole scores within 1..scores.
std::optional<ScoreRange> score_range_of(const JsonArgs& args, std::string_view key, int scores) {
  const json* value = args.array(key);
  if (value == nullptr) return std::nullopt;
  const auto whole = [](const json& v) {
    return v.is_number_integer() && v.get<std::int64_t>() >= std::numeric_limits<int>::min() &&
           v.get<std::int64_t>() <= std::numeric_limits<int>::max();
  };
  if (value->size() != 2 || !whole((*value)[0]) || !whole((*value)[1]))
    args.refuse(key, "expected [low, high], two whole scores, not " + detail::shown(*value));
  const ScoreRange range{(*value)[0].get<int>(), (*value)[1].get<int>()};
  if (range.low < 1 || range.high > scores || range.low > range.high)
    args.refuse(key, detail::shown(*value) + " is not a range of 1.." + std::to_string(scores));
  return range;
}

// An array of enum spellings; an unknown one is named by its index.
template <class E>
std::vector<E> enums_of(const JsonArgs& args, std::string_view key) {
  std::vector<E> values;
  const auto names = args.texts(key);
  if (!names) return values;
  for (std::size_t i = 0; i < names->size(); ++i) {
    try {
      values.push_back(parse_enum<E>((*names)[i]));
    } catch (const Error& e) {
      args.refuse(std::string(key) + "[" + std::to_string(i) + "]", e.what());
    }
  }
  return values;
}

// Attribute values spelt as in record JSON (crm/json.hpp): null, a boolean,
// an integer, another number, a string, or {"timestamp": ms}. A stored
// integer equals only an integer, as in the record.
Attributes attributes_of(const JsonArgs& args) {
  Attributes attributes;
  const json* object = args.object("attributes");
  if (object == nullptr) return attributes;
  for (const auto& [name, value] : object->items()) {
    const std::string key = "attributes." + detail::escape(name, 64);  // the caller's: escaped, cut
    if (value.is_null()) {
      attributes[name] = std::monostate{};
    } else if (value.is_boolean()) {
      attributes[name] = value.get<bool>();
    } else if (value.is_number_integer()) {
      if (value.is_number_unsigned() &&
          value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        args.refuse(key, "expected a 64-bit integer, not " + detail::shown(value));
      attributes[name] = value.get<std::int64_t>();
    } else if (value.is_number()) {
      attributes[name] = value.get<double>();
    } else if (value.is_string()) {
      attributes[name] = value.get<std::string>();
    } else if (value.is_object() && value.size() == 1 && value.contains("timestamp")) {
      const JsonArgs stamp(value, args.what() + "." + key, {"timestamp"});
      attributes[name] = *stamp.time("timestamp");
    } else {
      args.refuse(key, "expected null, a boolean, a number, a string or {\"timestamp\": ms}, not " +
                           detail::shown(value));
    }
  }
  return attributes;
}

}  // namespace

// --- the reports (crm_report_json's table, report_api.cpp) ------------------------

json rfm_report(const Engine& engine, const char* text) {
  const JsonArgs args(text, "rfm query", {"currency", "as_of", "scores", "segments"});
  auto options = rfm_options_of(args, "segments");
  const auto population = purchase_population(engine, currency_of(args));
  options.as_of = as_of_for(args, population);
  return detail::parse_json(to_json(analytics::rfm_report(population, std::move(options))));
}

json value_report(const Engine& engine, const char* text) {
  const JsonArgs args(text, "value query",
                      {"currency", "as_of", "frequency_threshold", "spend_threshold_minor", "new_within_days",
                       "churned_after_days", "mature_purchases", "declining_gap_factor"});
  ValueReportOptions options{.as_of = {}, .matrix = value_options_of(args), .lifecycle = lifecycle_options_of(args)};
  const auto population = purchase_population(engine, currency_of(args));
  options.as_of = as_of_for(args, population);
  return detail::parse_json(to_json(analytics::value_report(population, options)));
}

json clv_report(const Engine& engine, const char* text) {
  const JsonArgs args(text, "clv query",
                      {"currency", "as_of", "period_days", "horizon_periods", "discount_rate", "margin", "top"});
  ClvReportOptions options;
  if (const auto period = days_of(args, "period_days")) options.period = *period;
  options.clv.horizon_periods =
      static_cast<int>(args.integer_in("horizon_periods", 1, clv_max_horizon_periods)
                           .value_or(options.clv.horizon_periods));
  if (const auto rate = args.number("discount_rate")) {
    if (*rate < 0) args.refuse("discount_rate", "must be 0 or more, not " + spelt(*rate));
    options.clv.discount_rate = *rate;
  }
  options.clv.margin = number_in(args, "margin", 0, 1, true).value_or(options.clv.margin);
  options.top = static_cast<std::size_t>(
      args.integer_in("top", 0, static_cast<std::int64_t>(max_page_size))
          .value_or(static_cast<std::int64_t>(options.top)));
  const auto population = purchase_population(engine, currency_of(args));
  options.as_of = as_of_for(args, population);
  return detail::parse_json(to_json(analytics::clv_report(population, options)));
}

json basket_report(const Engine& engine, const char* text) {
  const JsonArgs args(text, "basket query",
                      {"min_support", "min_confidence", "max_itemset", "max_rules", "max_itemsets",
                       "max_rule_candidates", "from", "to"});
  BasketQuery query;
  auto& options = query.options;
  options.min_support = number_in(args, "min_support", 0, 1, true).value_or(options.min_support);
  options.min_confidence = number_in(args, "min_confidence", 0, 1, false).value_or(options.min_confidence);
  // The options' ranges (crm/analytics/basket.hpp), refused here naming the query's key.
  const auto size_in = [&](std::string_view key, std::size_t lo, std::size_t hi, std::size_t& option) {
    if (const auto value = args.integer_in(key, static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)))
      option = static_cast<std::size_t>(*value);
  };
  size_in("max_itemset", 2, basket_max_itemset_cap, options.max_itemset);
  size_in("max_rules", 0, basket_max_rules_cap, options.max_rules);
  size_in("max_itemsets", 1, basket_max_itemsets_cap, options.max_itemsets);
  size_in("max_rule_candidates", 1, basket_max_rule_candidates_cap, options.max_rule_candidates);
  query.from = args.time("from");
  query.to = args.time("to");
  if (query.from && query.to && *query.to <= *query.from)
    args.refuse("to", std::to_string(to_millis(*query.to)) + " is not after from " +
                          std::to_string(to_millis(*query.from)));
  return detail::parse_json(to_json(analytics::basket_report(engine, query)));
}

json segment_report(const Engine& engine, const char* text) {
  // The rfm, value and lifecycle options, then the filters and the page.
  const JsonArgs args(text, "segment query",
                      {"currency", "as_of", "scores", "rfm_segments", "frequency_threshold",
                       "spend_threshold_minor", "new_within_days", "churned_after_days", "mature_purchases",
                       "declining_gap_factor", "min_purchases", "max_purchases", "min_total_minor",
                       "max_total_minor", "last_purchase_from", "last_purchase_to", "r", "f", "m", "segments",
                       "quadrants", "stages", "tags", "attributes", "cursor", "limit"});
  SegmentQuery query;
  query.currency = currency_of(args);
  query.rfm = rfm_options_of(args, "rfm_segments");
  // segment() reads the population and checks it as measured_at does; the
  // epoch, which it would read as "the latest purchase", is refused here.
  if (const auto as_of = args.time("as_of")) {
    if (*as_of == Timestamp{})
      args.refuse("as_of", "0 is the epoch, which report options read as the latest purchase; leave as_of out to "
                           "measure at the latest purchase");
    query.rfm.as_of = *as_of;
  }
  query.value = value_options_of(args);
  query.lifecycle = lifecycle_options_of(args);
  bounds_of(args, "min_purchases", "max_purchases", query.min_purchases, query.max_purchases);
  bounds_of(args, "min_total_minor", "max_total_minor", query.min_total_minor, query.max_total_minor);
  query.last_purchase_from = args.time("last_purchase_from");
  query.last_purchase_to = args.time("last_purchase_to");
  if (query.last_purchase_from && query.last_purchase_to && *query.last_purchase_to <= *query.last_purchase_from)
    args.refuse("last_purchase_to", std::to_string(to_millis(*query.last_purchase_to)) +
                                        " is not after last_purchase_from " +
                                        std::to_string(to_millis(*query.last_purchase_from)));
  query.r = score_range_of(args, "r", query.rfm.scores);
  query.f = score_range_of(args, "f", query.rfm.scores);
  query.m = score_range_of(args, "m", query.rfm.scores);
  query.segments = args.texts("segments").value_or(std::vector<std::string>{});
  query.quadrants = enums_of<ValueQuadrant>(args, "quadrants");
  query.stages = enums_of<PurchaseStage>(args, "stages");
  query.tags = args.texts("tags").value_or(std::vector<std::string>{});
  query.attributes = attributes_of(args);
  query.cursor = args.text("cursor").value_or("");
  query.limit = static_cast<std::size_t>(
      args.integer_in("limit", 1, static_cast<std::int64_t>(max_page_size))
          .value_or(static_cast<std::int64_t>(query.limit)));
  return detail::parse_json(to_json(analytics::segment(engine, query)));
}

}  // namespace crm::c_api

using namespace crm::c_api;

namespace {

// Called by crm_purchase_stats_rebuild_json and its deprecated alias with the
// name the caller used, so messages name the function called.
crm_status rebuild_stats_call(const char* function, crm_engine* engine, char** out_json) {
  reset_out(out_json);
  return guarded(function, [&] {
    const auto rebuild = with_engine(engine, [&](crm::Engine& e) { return e.rebuild_purchase_stats(); });
    if (out_json != nullptr) *out_json = copy_string(crm::to_json(rebuild));
  });
}

}  // namespace

extern "C" {

crm_status crm_purchase_stats_json(crm_engine* engine, int64_t customer_id, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(out_json, "out_json");
    if (customer_id <= 0)
      throw crm::Error(crm::Errc::invalid_argument, "customer id " + std::to_string(customer_id) + " is not positive");
    const auto stats = with_engine(engine, [&](crm::Engine& e) {
      (void)e.get<crm::Customer>(customer_id);  // an unknown customer is CRM_NOT_FOUND, not one who bought nothing
      return e.purchase_stats(customer_id);
    });
    *out_json = copy_string(crm::to_json(stats));
  });
}

crm_status crm_purchase_stats_rebuild_json(crm_engine* engine, char** out_json) {
  return rebuild_stats_call(__func__, engine, out_json);
}
// Deprecated alias (crm.h), kept for the ABI.
crm_status crm_purchase_stats_rebuild(crm_engine* engine, char** out_json) {
  return rebuild_stats_call(__func__, engine, out_json);
}

}  // extern "C"
