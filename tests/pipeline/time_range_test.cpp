// SPDX-License-Identifier: Apache-2.0
// Report windows, the snapshot's as-of time and the alerts' "now" lie in the
// supported range of a Timestamp, 0001-01-01T00:00:00.000Z ..
// 9999-12-31T23:59:59.999Z; outside it a report is refused with
// Errc::invalid_argument naming the field, as a reversed window is.
#include <gmock/gmock.h>

#include <limits>

#include "crm/pipeline/alerts.hpp"
#include "crm/pipeline/reports.hpp"
#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

using testing::HasSubstr;

constexpr Timestamp year_10000 = from_millis(253'402'300'800'000);  // one ms after 9999-12-31T23:59:59.999Z
constexpr Timestamp year_0 = from_millis(-62'135'596'800'001);      // one ms before 0001-01-01
constexpr Timestamp largest = from_millis(std::numeric_limits<std::int64_t>::max());

using PipelineTimeRangeTest = EngineTest;

void expect_refused(const Failure& failure, const std::string& field) {
  EXPECT_EQ(failure.code, Errc::invalid_argument) << field;
  EXPECT_THAT(failure.message, HasSubstr(field + ": ")) << field;
  EXPECT_THAT(failure.message, HasSubstr("outside the supported range")) << field;
}

TEST_P(PipelineTimeRangeTest, ReportWindowsOutsideTheRangeAreRefusedNamingTheEnd) {
  const Currency eur = Currency::of("EUR");
  const TimeWindow too_late{test_start, year_10000}, too_early{year_0, test_start};
  expect_refused(error_of([&] { funnel(*engine, {.window = too_late, .currency = eur}); }),
                 "funnel query.window.to");
  expect_refused(error_of([&] { funnel(*engine, {.window = too_early, .currency = eur}); }),
                 "funnel query.window.from");
  expect_refused(error_of([&] { forecast(*engine, {.currency = eur, .window = too_late}); }),
                 "forecast query.window.to");
  expect_refused(error_of([&] { sales_cycle(*engine, {.window = too_early}); }), "sales cycle query.window.from");
}

TEST_P(PipelineTimeRangeTest, TheSnapshotAndTheAlertsRefuseATimeOutsideTheRange) {
  expect_refused(error_of([&] { pipeline_snapshot(*engine, {.as_of = largest, .currency = Currency::of("EUR")}); }),
                 "snapshot query.as_of");
  expect_refused(error_of([&] { overdue_deals(*engine, year_0); }), "overdue_deals now");
}

INSTANTIATE_TEST_SUITE_P(Backends, PipelineTimeRangeTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
