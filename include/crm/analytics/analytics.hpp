// SPDX-License-Identifier: Apache-2.0
#pragma once
// Customer analytics over an engine (docs/ANALYTICS.md): the population of
// purchase statistics the pure scoring functions take, the customer-value
// (CLV) report, market-basket rules over stored purchases, and segment
// queries for campaigns and call lists.
//
// Everything here reads through the engine's public calls and writes
// nothing. A population is one committed state (the engine's copy in
// memory); the basket report and the customers a segment loads are read
// page by page, so a purchase committed meanwhile may or may not be counted.
//
// Every as-of time and window end given must lie in the supported range of
// times (time.hpp); outside it a report throws Errc::invalid_argument naming
// it ("value report.as_of: …", "basket query.to: …"). Purchases are refused
// outside that range when written, so latest_purchase() stays a real date.

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/analytics/basket.hpp"
#include "crm/analytics/clv.hpp"
#include "crm/analytics/lifecycle.hpp"
#include "crm/analytics/rfm.hpp"
#include "crm/analytics/value_matrix.hpp"
#include "crm/attribute.hpp"
#include "crm/engine.hpp"
#include "crm/model/purchase_stats.hpp"

namespace crm::analytics {

// Every customer's statistics in one currency, in customer id order.
struct Population {
  Currency currency{};
  std::vector<PurchaseStats> customers{};
};

// Reads the statistics of `currency` (ISO 4217), or, when it is empty, of the
// currency the most customers bought in (the first code on a tie), from
// the engine's copy in memory (Engine::purchase_population: O(customers)
// once loaded). Throws Errc::invalid_argument for an unknown code and
// Errc::not_found when nobody bought in it.
Population purchase_population(const Engine& engine, std::string_view currency = {});

// The latest purchase of the population: the as-of time every report takes
// when none is given, so a data set imported from the past is measured at
// its own end rather than today.
Timestamp latest_purchase(const Population& population);

// The time a report over `population` is measured at, given the caller's
// as_of: the latest purchase when none is given. Every face reads its as_of
// through this (crm.h's "as_of", crm --as-of). Throws Errc::invalid_argument
// naming `field` for an as_of outside the supported range of times, at the
// epoch (which the report options below read as "the latest purchase": leave
// it out instead), or before the latest purchase (that purchase would be
// measured from the future).
Timestamp measured_at(const Population& population, std::optional<Timestamp> as_of,
                      std::string_view field = "as_of");

// --- RFM and the value matrix ----------------------------------------------

// RFM scores of a population (options.as_of epoch: latest_purchase; another
// as_of is checked as measured_at does, "rfm report.as_of: …").
struct RfmReport {
  Currency currency{};
  RfmSummary summary{};
};
RfmReport rfm_report(const Population& population, RfmOptions options);

struct ValueReportOptions {
  Timestamp as_of{};  // epoch: latest_purchase(population)
  ValueMatrixOptions matrix{};
  LifecycleOptions lifecycle{};
};

// The value matrix and the customers in each purchase-lifecycle stage. An
// as_of is checked as measured_at does ("value report.as_of: …").
struct ValueReport {
  Currency currency{};
  Timestamp as_of{};
  std::size_t customers = 0;
  ValueMatrix matrix{};
  std::array<std::size_t, 5> stages{};  // by PurchaseStage
};
ValueReport value_report(const Population& population, const ValueReportOptions& options);

// --- Customer lifetime value ------------------------------------------------

struct ClvReportOptions {
  Timestamp as_of{};  // epoch: latest_purchase(population)
  std::chrono::milliseconds period = std::chrono::weeks(1);  // the models' time unit, up to max_span
  ClvOptions clv{};
  std::size_t top = 20;  // the most valuable customers listed, 0..max_page_size
};

// One customer as the fitted models see them.
struct CustomerValue {
  Id customer_id = 0;
  RepeatSummary summary{};
  double p_alive = 0;
  double churn_risk = 0;             // 1 - p_alive
  double expected_purchases = 0;     // over clv.horizon_periods
  double expected_average_spend = 0; // minor units
  double clv = 0;                    // minor units
};

struct ClvReport {
  Currency currency{};
  Timestamp as_of{};
  std::chrono::milliseconds period{};
  ClvOptions clv{};
  std::size_t customers = 0;
  std::size_t repeat_customers = 0;  // the ones the spend model is fitted on
  BgNbdFit purchases{};
  GammaGammaFit spend{};
  double total_clv = 0;  // minor units, over every customer
  // Customers by churn risk: [0, 0.2), [0.2, 0.4), ... [0.8, 1].
  std::array<std::size_t, 5> churn_risk_bands{};
  std::vector<CustomerValue> top{};  // highest CLV first
};

// Fits BG/NBD and Gamma-Gamma to a population and values every customer.
// Throws Errc::invalid_argument naming the field for bad options (an as_of
// as measured_at, a period outside (0, max_span], a horizon outside
// 1..clv_max_horizon_periods) or a population the models cannot be fitted to
// (fewer than two repeat customers).
ClvReport clv_report(const Population& population, const ClvReportOptions& options);

// One customer valued with a report's fitted models and options.
CustomerValue customer_value(const ClvReport& report, const PurchaseStats& customer);

// --- Market basket ----------------------------------------------------------

struct BasketQuery {
  BasketOptions options{};
  std::optional<Timestamp> from{};  // purchases at or after
  std::optional<Timestamp> to{};    // purchases before
};

// Association rules over the line items (by SKU) of every stored purchase
// in the window; a purchase is one basket. Reads every interaction once.
BasketReport basket_report(const Engine& engine, const BasketQuery& query);

// --- Segment queries --------------------------------------------------------

// Customers who bought in one currency, filtered by any combination of the
// fields set; a customer must pass all of them. Lists in customer id order.
struct SegmentQuery {
  std::string currency{};  // "" as purchase_population
  // rfm.as_of is the time every measure is taken at (epoch: latest_purchase;
  // another is checked as measured_at does, "segment query.rfm.as_of: …").
  RfmOptions rfm{};
  ValueMatrixOptions value{};
  LifecycleOptions lifecycle{};

  std::optional<std::int64_t> min_purchases{}, max_purchases{};
  std::optional<std::int64_t> min_total_minor{}, max_total_minor{};
  std::optional<Timestamp> last_purchase_from{}, last_purchase_to{};  // [from, to)
  std::optional<ScoreRange> r{}, f{}, m{};
  std::vector<std::string> segments{};        // any of these RFM segments
  std::vector<ValueQuadrant> quadrants{};     // any of
  std::vector<PurchaseStage> stages{};        // any of
  std::vector<std::string> tags{};            // all of (case-insensitive)
  Attributes attributes{};                    // each equal

  std::string cursor{};
  std::size_t limit = default_page_size;
};

struct SegmentMember {
  Id customer_id = 0;
  PurchaseStats stats{};
  RfmScore rfm{};
  ValueQuadrant quadrant = ValueQuadrant::uncertain;
  PurchaseStage stage = PurchaseStage::new_buyer;
};

// One page of a segment. Scores and quadrants rank each customer against the
// whole population, which every call reads (O(customers)); a customer is
// loaded only when tags or attributes are asked for. Throws
// Errc::invalid_argument for bad options, a bad cursor or a limit outside
// 1..max_page_size.
Page<SegmentMember> segment(const Engine& engine, const SegmentQuery& query);

}  // namespace crm::analytics
