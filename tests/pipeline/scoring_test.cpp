// SPDX-License-Identifier: Apache-2.0
#include "crm/pipeline/scoring.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "support/errors.hpp"

namespace crm {
namespace {

using test::error_of;

Lead lead_from(std::string source, std::string industry = {}) {
  Lead lead;
  lead.display_name = "Ada";
  lead.source = std::move(source);
  lead.industry = std::move(industry);
  return lead;
}

// Closes `n` leads of the given source and industry as won or lost.
void close_leads(OutcomeCounts& counts, int n, const std::string& source, bool won, const std::string& industry = {}) {
  for (int i = 0; i < n; ++i) counts.add(lead_from(source, industry), won);
}

PredictiveConfig config(double smoothing, std::int64_t min_count) {
  PredictiveConfig c;
  c.smoothing = smoothing;
  c.min_count = min_count;
  return c;
}

// --- lead_features ----------------------------------------------------------

TEST(LeadFeaturesTest, FoldsAndTrimsValues) {
  Lead lead = lead_from("  Trade SHOW ", "Straße");
  EXPECT_EQ(lead_features(lead),
            (std::vector<LeadFeature>{{"source", "trade show"}, {"industry", "strasse"}}));
}

TEST(LeadFeaturesTest, SkipsEmptyAndBlankValues) {
  Lead lead = lead_from("", "   ");
  lead.owner = "\t";
  EXPECT_TRUE(lead_features(lead).empty());
}

TEST(LeadFeaturesTest, TakesTheEmailDomainAfterTheAt) {
  Lead lead;
  lead.email = "ada@Example.COM";
  EXPECT_EQ(lead_features(lead), (std::vector<LeadFeature>{{"email_domain", "example.com"}}));
}

TEST(LeadFeaturesTest, TakesTheCallingCodeOfAnE164Phone) {
  Lead lead;
  lead.phone = "+442079460018";
  EXPECT_EQ(lead_features(lead), (std::vector<LeadFeature>{{"phone_country", "44"}}));
  lead.phone = "+12015550123";
  EXPECT_EQ(lead_features(lead), (std::vector<LeadFeature>{{"phone_country", "1"}}));
}

TEST(LeadFeaturesTest, GivesOneFeaturePerTag) {
  Lead lead;
  lead.tags = {"vip", "newsletter"};
  EXPECT_EQ(lead_features(lead), (std::vector<LeadFeature>{{"tag", "newsletter"}, {"tag", "vip"}}));
}

TEST(LeadFeaturesTest, NamesCustomAttributesAndWritesThemAsText) {
  Lead lead;
  lead.attributes = {{"budget", std::int64_t{5000}}, {"partner", true}, {"plan", std::string("Gold")},
                     {"ratio", 0.5}, {"unset", std::monostate{}}};
  EXPECT_EQ(lead_features(lead), (std::vector<LeadFeature>{{"attribute:budget", "5000"},
                                                            {"attribute:partner", "true"},
                                                            {"attribute:plan", "gold"},
                                                            {"attribute:ratio", "0.5"}}));
}

// --- rule_score -------------------------------------------------------------

const Timestamp now = from_millis(1'000'000'000'000);

TEST(RuleScoreTest, EqualsMatchesTheWholeValueIgnoringCase) {
  const RuleScoring scoring{{{"source", RuleOp::equals, "Web Form", 30}, {"source", RuleOp::equals, "web", 99}}, {}};
  const auto result = rule_score(lead_from("WEB FORM"), {}, scoring, now);
  EXPECT_EQ(result.score, 30);
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_EQ(result.hits[0].index, 0u);
  EXPECT_EQ(result.hits[0].description, "source equals 'Web Form'");
}

TEST(RuleScoreTest, ContainsMatchesAPartOfTheValue) {
  Lead lead;
  lead.job_title = "Head of Purchasing";
  const RuleScoring scoring{{{"job_title", RuleOp::contains, "HEAD", 20}, {"job_title", RuleOp::contains, "ceo", 50}},
                            {}};
  EXPECT_EQ(rule_score(lead, {}, scoring, now).score, 20);
}

TEST(RuleScoreTest, PresentMatchesAnyNonEmptyValue) {
  const RuleScoring scoring{{{"industry", RuleOp::present, "", 10}}, {}};
  EXPECT_EQ(rule_score(lead_from("web", "retail"), {}, scoring, now).score, 10);
  EXPECT_EQ(rule_score(lead_from("web", " "), {}, scoring, now).score, 0);
}

TEST(RuleScoreTest, CountsARuleOnceWhenSeveralTagsMatch) {
  Lead lead;
  lead.tags = {"vip-gold", "vip-silver"};
  const RuleScoring scoring{{{"tag", RuleOp::contains, "vip", 25}}, {}};
  EXPECT_EQ(rule_score(lead, {}, scoring, now).raw, 25);
}

TEST(RuleScoreTest, SubtractsNegativePointsAndClampsAtZero) {
  const RuleScoring scoring{{{"source", RuleOp::equals, "web", 10}, {"industry", RuleOp::equals, "gambling", -40}}, {}};
  const auto result = rule_score(lead_from("web", "Gambling"), {}, scoring, now);
  EXPECT_EQ(result.raw, -30);
  EXPECT_EQ(result.score, 0);
}

TEST(RuleScoreTest, ClampsAtOneHundred) {
  const RuleScoring scoring{{{"source", RuleOp::equals, "web", 80}, {"industry", RuleOp::present, "", 70}}, {}};
  const auto result = rule_score(lead_from("web", "retail"), {}, scoring, now);
  EXPECT_EQ(result.raw, 150);
  EXPECT_EQ(result.score, 100);
}

TEST(RuleScoreTest, BehaviourRulesFireAtTheirThreshold) {
  const RuleScoring scoring{{},
                            {{BehaviourKind::interactions_at_least, 3, 10},
                             {BehaviourKind::inbound_at_least, 2, 20},
                             {BehaviourKind::contacted_within_days, 7, 40}}};
  const LeadActivity activity{3, 1, now - std::chrono::days{7}};
  const auto result = rule_score(lead_from("web"), activity, scoring, now);
  EXPECT_EQ(result.score, 50);  // 3 interactions and contact 7 days ago, but only 1 inbound
  ASSERT_EQ(result.hits.size(), 2u);
  EXPECT_TRUE(result.hits[1].behaviour);
  EXPECT_EQ(result.hits[1].index, 2u);
  EXPECT_EQ(result.hits[1].description, "contacted-within-days 7");
}

TEST(RuleScoreTest, ContactedWithinDaysNeedsARecentContact) {
  const RuleScoring scoring{{}, {{BehaviourKind::contacted_within_days, 7, 40}}};
  const auto eight_days_ago = now - std::chrono::days{8};
  EXPECT_EQ(rule_score(lead_from("web"), {0, 0, eight_days_ago}, scoring, now).score, 0);
  EXPECT_EQ(rule_score(lead_from("web"), {0, 0, std::nullopt}, scoring, now).score, 0);
}

// --- OutcomeCounts ----------------------------------------------------------

TEST(OutcomeCountsTest, RemoveUndoesAddExactly) {
  OutcomeCounts counts;
  close_leads(counts, 3, "web", true, "retail");
  close_leads(counts, 2, "fair", false);
  const OutcomeCounts before = counts;
  Lead extra = lead_from("Referral", "retail");
  extra.tags = {"vip"};
  counts.add(extra, false);
  counts.remove(extra, false);
  EXPECT_EQ(counts, before);
}

TEST(OutcomeCountsTest, RemoveNeverGoesBelowZero) {
  OutcomeCounts counts;
  counts.remove(lead_from("web"), true);
  EXPECT_EQ(counts, OutcomeCounts{});
}

// --- predict ----------------------------------------------------------------

// 4 won (3 web, 1 fair) and 6 lost (1 web, 5 fair); s = 1, k_source = 2.
OutcomeCounts ten_closed_leads() {
  OutcomeCounts counts;
  close_leads(counts, 3, "web", true);
  close_leads(counts, 1, "fair", true);
  close_leads(counts, 1, "web", false);
  close_leads(counts, 5, "fair", false);
  return counts;
}

TEST(PredictTest, MatchesTheHandComputedPosteriorForAWebLead) {
  // prior = (4+1)/(10+2) = 5/12, prior odds = 5/7
  // P(web|won) = (3+1)/(4+2) = 2/3; P(web|lost) = (1+1)/(6+2) = 1/4; ratio 8/3
  // odds = 5/7 * 8/3 = 40/21, probability = 40/61 = 0.655738, percent 66
  const auto p = predict(lead_from("web"), ten_closed_leads(), config(1.0, 1));
  EXPECT_TRUE(p.trained);
  EXPECT_NEAR(p.probability, 40.0 / 61.0, 1e-12);
  EXPECT_EQ(p.percent, 66);
  ASSERT_EQ(p.contributions.size(), 1u);
  EXPECT_NEAR(p.contributions[0].weight, std::log(8.0 / 3.0), 1e-12);
}

TEST(PredictTest, MatchesTheHandComputedPosteriorForAFairLead) {
  // P(fair|won) = (1+1)/6 = 1/3; P(fair|lost) = (5+1)/8 = 3/4; ratio 4/9
  // odds = 5/7 * 4/9 = 20/63, probability = 20/83 = 0.240964, percent 24
  const auto p = predict(lead_from("fair"), ten_closed_leads(), config(1.0, 1));
  EXPECT_NEAR(p.probability, 20.0 / 83.0, 1e-12);
  EXPECT_EQ(p.percent, 24);
}

TEST(PredictTest, IgnoresValuesSeenInFewerThanMinCountLeads) {
  // web has 4 closed leads: below min_count 5, so only the prior 5/12 remains.
  const auto p = predict(lead_from("web"), ten_closed_leads(), config(1.0, 5));
  EXPECT_TRUE(p.contributions.empty());
  EXPECT_NEAR(p.probability, 5.0 / 12.0, 1e-12);
}

TEST(PredictTest, SmoothingKeepsAValueSeenOnlyInWonLeadsFinite) {
  OutcomeCounts counts;
  close_leads(counts, 5, "referral", true);
  close_leads(counts, 5, "web", false);
  // s = 0.1, k = 2: weight = ln((5.1/5.2) / (0.1/5.2)) = ln 51; prior odds 1,
  // so probability = 51/52 rather than a certain 1.
  const auto p = predict(lead_from("referral"), counts, PredictiveConfig{});
  ASSERT_EQ(p.contributions.size(), 1u);
  EXPECT_NEAR(p.contributions[0].weight, std::log(51.0), 1e-12);
  EXPECT_NEAR(p.probability, 51.0 / 52.0, 1e-12);
  EXPECT_EQ(p.percent, 98);
}

TEST(PredictTest, AnUntrainedModelSaysFiftyPercentAndNotTrained) {
  const auto p = predict(lead_from("web"), OutcomeCounts{}, PredictiveConfig{});
  EXPECT_FALSE(p.trained);
  EXPECT_DOUBLE_EQ(p.probability, 0.5);
  EXPECT_EQ(p.percent, 50);
  EXPECT_TRUE(p.contributions.empty());
}

TEST(PredictTest, OrdersContributionsByStrengthWithTheirSign) {
  // 10 won / 10 lost: web 8/2 gives ln(9/3) = +1.10, retail 4/6 gives ln(5/7) = -0.34.
  OutcomeCounts counts;
  close_leads(counts, 4, "web", true, "retail");
  close_leads(counts, 4, "web", true, "banking");
  close_leads(counts, 2, "fair", true, "banking");
  close_leads(counts, 2, "web", false, "retail");
  close_leads(counts, 4, "fair", false, "retail");
  close_leads(counts, 4, "fair", false, "banking");
  const auto p = predict(lead_from("web", "retail"), counts, config(1.0, 1));
  ASSERT_EQ(p.contributions.size(), 2u);
  EXPECT_EQ(p.contributions[0].field, "source");
  EXPECT_NEAR(p.contributions[0].weight, std::log(3.0), 1e-12);
  EXPECT_EQ(p.contributions[1].value, "retail");
  EXPECT_NEAR(p.contributions[1].weight, std::log(5.0 / 7.0), 1e-12);
}

TEST(PredictTest, ReadsOnlyTheConfiguredFields) {
  OutcomeCounts counts;
  close_leads(counts, 5, "web", true, "retail");
  close_leads(counts, 5, "fair", false, "banking");
  PredictiveConfig only_industry = config(1.0, 1);
  only_industry.fields = {"industry"};
  const auto p = predict(lead_from("web", "retail"), counts, only_industry);
  ASSERT_EQ(p.contributions.size(), 1u);
  EXPECT_EQ(p.contributions[0].field, "industry");
}

TEST(PredictTest, RefusesANonPositiveSmoothing) {
  const auto failure = error_of([] { predict(lead_from("web"), OutcomeCounts{}, config(0.0, 1)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "smoothing '0': must be positive and finite");
}

}  // namespace
}  // namespace crm
