// Lead scoring: features, data-driven rules, naive Bayes over closed leads.
#include "crm/pipeline/scoring.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>
#include <variant>

#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "text/quote.hpp"
#include "text/utf8.hpp"

namespace crm {

namespace {

void add_feature(std::vector<LeadFeature>& out, std::string field, std::string_view raw) {
  const std::string_view trimmed = detail::trim(raw);
  if (trimmed.empty()) return;
  out.push_back({std::move(field), fold_case(trimmed)});
}

std::string_view email_domain(std::string_view email) {
  const auto at = email.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : email.substr(at + 1);
}

// The calling code libphonenumber reads from an E.164 number; "" when it
// cannot (no leading +, unknown code).
std::string phone_country(const std::string& phone) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  if (phone.empty() || phone.front() != '+') return {};
  PhoneNumber number;
  if (PhoneNumberUtil::GetInstance()->Parse(phone, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return {};
  return number.country_code() == 0 ? std::string{} : std::to_string(number.country_code());
}

std::string double_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string attribute_text(const AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return {};
        else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        else if constexpr (std::is_same_v<T, double>) return double_text(v);
        else if constexpr (std::is_same_v<T, Timestamp>) return to_iso8601(v);
        else return v;
      },
      value);
}

bool matches(const ScoringRule& rule, const std::vector<LeadFeature>& features) {
  const std::string needle = rule.op == RuleOp::present ? std::string{} : fold_case(detail::trim(rule.value));
  return std::any_of(features.begin(), features.end(), [&](const LeadFeature& f) {
    if (f.field != rule.field) return false;
    switch (rule.op) {
      case RuleOp::equals: return f.value == needle;
      case RuleOp::contains: return f.value.find(needle) != std::string::npos;
      case RuleOp::present: return true;
    }
    return false;
  });
}

bool meets(const BehaviourRule& rule, const LeadActivity& activity, Timestamp now) {
  switch (rule.kind) {
    case BehaviourKind::interactions_at_least: return std::cmp_greater_equal(activity.interactions, rule.threshold);
    case BehaviourKind::inbound_at_least: return std::cmp_greater_equal(activity.inbound, rule.threshold);
    case BehaviourKind::contacted_within_days: {
      if (!activity.last_contact || rule.threshold < 0) return false;
      constexpr std::int64_t day_ms = 86'400'000;
      if (rule.threshold > std::numeric_limits<std::int64_t>::max() / day_ms) return true;
      return to_millis(now) - to_millis(*activity.last_contact) <= rule.threshold * day_ms;
    }
  }
  return false;
}

std::string describe(const ScoringRule& rule) {
  std::string text = rule.field + " " + std::string(to_string(rule.op));
  if (rule.op != RuleOp::present) text.append(" ").append(detail::quote(rule.value));
  return text;
}

std::string describe(const BehaviourRule& rule) {
  return std::string(to_string(rule.kind)) + " " + std::to_string(rule.threshold);
}

}  // namespace

std::vector<LeadFeature> lead_features(const Lead& lead) {
  std::vector<LeadFeature> out;
  add_feature(out, "source", lead.source);
  add_feature(out, "industry", lead.industry);
  add_feature(out, "territory", lead.territory);
  add_feature(out, "job_title", lead.job_title);
  add_feature(out, "company", lead.company);
  add_feature(out, "email_domain", email_domain(lead.email));
  add_feature(out, "phone_country", phone_country(lead.phone));
  for (const auto& tag : lead.tags) add_feature(out, "tag", tag);
  add_feature(out, "owner", lead.owner);
  for (const auto& [name, value] : lead.attributes) add_feature(out, "attribute:" + name, attribute_text(value));
  return out;
}

ScoreExplanation rule_score(const Lead& lead, const LeadActivity& activity, const RuleScoring& scoring,
                            Timestamp now) {
  ScoreExplanation result;
  const auto features = lead_features(lead);
  for (std::size_t i = 0; i < scoring.rules.size(); ++i) {
    const auto& rule = scoring.rules[i];
    if (matches(rule, features)) result.hits.push_back({false, i, describe(rule), rule.points});
  }
  for (std::size_t i = 0; i < scoring.behaviour.size(); ++i) {
    const auto& rule = scoring.behaviour[i];
    if (meets(rule, activity, now)) result.hits.push_back({true, i, describe(rule), rule.points});
  }
  for (const auto& hit : result.hits) result.raw += hit.points;
  result.score = static_cast<std::int32_t>(std::clamp<std::int64_t>(result.raw, 0, 100));
  return result;
}

void OutcomeCounts::add(const Lead& lead, bool won) {
  ++(won ? total.won : total.lost);
  for (const auto& f : lead_features(lead)) {
    auto& tally = by_field[f.field][f.value];
    ++(won ? tally.won : tally.lost);
  }
}

void OutcomeCounts::remove(const Lead& lead, bool won) {
  auto& closed = won ? total.won : total.lost;
  if (closed > 0) --closed;
  for (const auto& f : lead_features(lead)) {
    const auto field = by_field.find(f.field);
    if (field == by_field.end()) continue;
    const auto value = field->second.find(f.value);
    if (value == field->second.end()) continue;
    auto& count = won ? value->second.won : value->second.lost;
    if (count > 0) --count;
    if (value->second == Tally{}) field->second.erase(value);
    if (field->second.empty()) by_field.erase(field);
  }
}

Prediction predict(const Lead& lead, const OutcomeCounts& counts, const PredictiveConfig& config) {
  const double s = config.smoothing;
  if (!(std::isfinite(s) && s > 0))
    throw Error(Errc::invalid_argument, "smoothing " + detail::quote(double_text(s)) + ": must be positive and finite");
  const auto min_count = std::max<std::int64_t>(config.min_count, 1);
  const auto won = static_cast<double>(counts.total.won);
  const auto lost = static_cast<double>(counts.total.lost);

  Prediction result;
  result.trained = counts.total.won + counts.total.lost > 0;
  double logit = std::log(won + s) - std::log(lost + s);  // ln(prior / (1 - prior))
  for (auto& f : lead_features(lead)) {
    if (std::find(config.fields.begin(), config.fields.end(), f.field) == config.fields.end()) continue;
    const auto field = counts.by_field.find(f.field);
    if (field == counts.by_field.end()) continue;
    const auto value = field->second.find(f.value);
    if (value == field->second.end() || value->second.won + value->second.lost < min_count) continue;
    const double k = static_cast<double>(field->second.size());
    const double weight = std::log(static_cast<double>(value->second.won) + s) - std::log(won + s * k) -
                          std::log(static_cast<double>(value->second.lost) + s) + std::log(lost + s * k);
    logit += weight;
    result.contributions.push_back({std::move(f.field), std::move(f.value), weight});
  }
  // Stable, so equal weights keep the fixed feature order.
  std::stable_sort(result.contributions.begin(), result.contributions.end(),
                   [](const Contribution& a, const Contribution& b) {
                     return std::abs(a.weight) > std::abs(b.weight);
                   });
  result.probability = 1.0 / (1.0 + std::exp(-logit));
  result.percent = static_cast<std::int32_t>(std::lround(result.probability * 100.0));
  return result;
}

}  // namespace crm
