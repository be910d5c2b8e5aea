// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <charconv>

#include "crm/analytics/analytics.hpp"
#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "text/quote.hpp"

namespace crm::analytics {

namespace {

[[noreturn]] void refuse_query(std::string_view field, const std::string& problem) {
  throw Error(Errc::invalid_argument, "segment query." + std::string(field) + ": " + problem);
}

// The cursor is the id of the last customer a page looked at.
Id cursor_id(const std::string& cursor) {
  if (cursor.empty()) return 0;
  Id id = 0;
  const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), id);
  if (ec != std::errc() || end != cursor.data() + cursor.size() || id <= 0)
    refuse_query("cursor", crm::detail::quote(cursor) + " is not a cursor this query returned");
  return id;
}

template <class T>
bool any_of_or_none(const std::vector<T>& wanted, const T& value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

bool within(const std::optional<std::int64_t>& low, const std::optional<std::int64_t>& high, std::int64_t value) {
  return (!low || value >= *low) && (!high || value <= *high);
}

bool within(const std::optional<ScoreRange>& range, int score) { return !range || range->holds(score); }

bool stats_pass(const SegmentQuery& q, const PurchaseStats& s) {
  return within(q.min_purchases, q.max_purchases, s.purchases) &&
         within(q.min_total_minor, q.max_total_minor, s.total_minor) &&
         (!q.last_purchase_from || s.last_at >= *q.last_purchase_from) &&
         (!q.last_purchase_to || s.last_at < *q.last_purchase_to);
}

bool scores_pass(const SegmentQuery& q, const SegmentMember& m) {
  return within(q.r, m.rfm.r) && within(q.f, m.rfm.f) && within(q.m, m.rfm.m) &&
         any_of_or_none(q.segments, m.rfm.segment) && any_of_or_none(q.quadrants, m.quadrant) &&
         any_of_or_none(q.stages, m.stage);
}

bool customer_passes(const SegmentQuery& q, const Customer& c) {
  for (const auto& tag : q.tags) {
    const auto folded = fold_case(tag);
    if (std::none_of(c.tags.begin(), c.tags.end(), [&](const std::string& t) { return fold_case(t) == folded; }))
      return false;
  }
  for (const auto& [name, value] : q.attributes) {
    const auto it = c.attributes.find(name);
    if (it == c.attributes.end() || it->second != value) return false;
  }
  return true;
}

void check(const SegmentQuery& q) {
  if (q.limit == 0 || q.limit > max_page_size)
    refuse_query("limit", std::to_string(q.limit) + " is outside 1.." + std::to_string(max_page_size));
  check_segments(q.rfm.segments, q.rfm.scores);
  check_lifecycle_options(q.lifecycle);
  if (q.last_purchase_from) check_timestamp(*q.last_purchase_from, "segment query.last_purchase_from");
  if (q.last_purchase_to) check_timestamp(*q.last_purchase_to, "segment query.last_purchase_to");
  for (const auto& [field, range] : {std::pair{"r", q.r}, {"f", q.f}, {"m", q.m}})
    if (range && (range->low < 1 || range->high > q.rfm.scores || range->low > range->high))
      refuse_query(field, std::string("[")
                        .append(std::to_string(range->low))
                        .append(", ")
                        .append(std::to_string(range->high))
                        .append("] is not a range of 1..")
                        .append(std::to_string(q.rfm.scores)));
  for (const auto& name : q.segments)
    if (std::none_of(q.rfm.segments.begin(), q.rfm.segments.end(), [&](const RfmSegment& s) { return s.name == name; }))
      refuse_query("segments", "no RFM segment is named " + crm::detail::quote(name));
}

}  // namespace

Page<SegmentMember> segment(const Engine& engine, const SegmentQuery& query) {
  check(query);
  const Id after = cursor_id(query.cursor);
  const auto population = purchase_population(engine, query.currency);
  const Timestamp as_of = query.rfm.as_of == Timestamp{}
                              ? latest_purchase(population)
                              : measured_at(population, query.rfm.as_of, "segment query.rfm.as_of");
  const auto cuts = rfm_cuts(population.customers, as_of, query.rfm.scores);
  const auto thresholds = value_thresholds(population.customers, query.value);
  const bool load_customer = !query.tags.empty() || !query.attributes.empty();

  Page<SegmentMember> page;
  const auto& customers = population.customers;  // in customer id order
  auto it = std::upper_bound(customers.begin(), customers.end(), after,
                             [](Id id, const PurchaseStats& s) { return id < s.customer_id; });
  for (; it != customers.end(); ++it) {
    if (page.items.size() == query.limit) {
      page.next_cursor = std::to_string(page.items.back().customer_id);
      break;
    }
    if (!stats_pass(query, *it)) continue;
    SegmentMember member{.customer_id = it->customer_id,
                         .stats = *it,
                         .rfm = rfm_score(cuts, *it, query.rfm.segments),
                         .quadrant = value_quadrant(thresholds, *it),
                         .stage = purchase_stage(*it, as_of, query.lifecycle)};
    if (!scores_pass(query, member)) continue;
    if (load_customer) {
      const auto customer = engine.find<Customer>(it->customer_id);
      if (!customer || !customer_passes(query, *customer)) continue;
    }
    page.items.push_back(std::move(member));
  }
  return page;
}

}  // namespace crm::analytics
