// SPDX-License-Identifier: Apache-2.0
// The funnel: entries, conversions and time in stage from the stage history.
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "crm/pipeline/reports.hpp"
#include "pipeline/report_support.hpp"

namespace crm {

namespace {

// A deal as its latest history entry left it.
struct DealState {
  std::string pipeline;
  std::string stage;
  DealStatus status = DealStatus::open;
  Timestamp stay_start{};  // its latest entry into the stage, or reopening there
};

class FunnelReplay {
 public:
  FunnelReplay(detail::PipelineNames names, const FunnelQuery& query)
      : names_(std::move(names)), window_(query.window), stages_(names_.pipeline().stages.size()) {
    result_.won_value = Money{0, query.currency};
    for (const auto& stage : names_.pipeline().stages)
      result_.stages.push_back(FunnelStage{.stage = stage.name, .value = Money{0, query.currency}});
  }

  void apply(const StageChange& change) {
    const auto found = deals_.find(change.opportunity_id);
    DealState* before = found == deals_.end() ? nullptr : &found->second;
    const bool entry = before == nullptr || before->pipeline != change.pipeline || before->stage != change.to_stage;
    const bool was_open = before != nullptr && before->status == DealStatus::open;

    if (was_open && (entry || change.status != DealStatus::open)) exit(*before, change.at);
    if (entry) enter(change);
    if (change.status != DealStatus::open && (before == nullptr || was_open)) close(change);

    DealState& after = deals_[change.opportunity_id];
    if (entry || (!was_open && change.status == DealStatus::open)) after.stay_start = change.at;
    after.pipeline = change.pipeline;
    after.stage = change.to_stage;
    after.status = change.status;
  }

  Funnel finish() {
    for (const auto& [deal, close] : closes_) {
      if (close.status == DealStatus::won) {
        ++result_.won;
        if (!detail::add_amount(result_.won_value, close.amount)) skipped_.insert(deal);
      } else {
        ++result_.lost;
      }
    }
    const std::size_t closed = result_.won + result_.lost;
    if (closed != 0) result_.win_rate = static_cast<double>(result_.won) / static_cast<double>(closed);
    for (std::size_t i = 0; i < stages_.size(); ++i) {
      auto& row = result_.stages[i];
      row.entered = stages_[i].entered.size();
      if (row.entered != 0)
        row.conversion_to_next = static_cast<double>(row.advanced) / static_cast<double>(row.entered);
      row.median_days_in_stage = detail::median(stages_[i].stay_days);
    }
    result_.skipped_other_currency = skipped_.size();
    return std::move(result_);
  }

 private:
  struct StageTally {
    std::unordered_set<Id> entered;
    std::vector<double> stay_days;
  };
  struct Close {
    DealStatus status;
    std::optional<Money> amount;
  };

  // The index of the stage of this pipeline the entry names, or none.
  std::optional<std::size_t> stage_of(const std::string& pipeline, const std::string& stage) {
    if (!names_.is_pipeline(pipeline)) return std::nullopt;
    const std::size_t i = names_.stage_index(stage);
    return i < stages_.size() ? std::optional(i) : std::nullopt;
  }

  void exit(const DealState& before, Timestamp at) {
    if (!window_.contains(at)) return;
    if (const auto i = stage_of(before.pipeline, before.stage))
      stages_[*i].stay_days.push_back(detail::days_between(before.stay_start, at));
  }

  void enter(const StageChange& change) {
    const auto i = stage_of(change.pipeline, change.to_stage);
    if (!i) return;
    // Earlier entries are advanced by a move to a later stage; the window
    // holds every pending entry, since the replay stops at window.to.
    auto pending = pending_.find(change.opportunity_id);
    if (pending != pending_.end()) std::erase_if(pending->second, [&](std::size_t p) { return advance(p, *i); });
    if (!window_.contains(change.at)) return;
    if (stages_[*i].entered.insert(change.opportunity_id).second) {
      if (!detail::add_amount(result_.stages[*i].value, change.amount)) skipped_.insert(change.opportunity_id);
      pending_[change.opportunity_id].push_back(*i);
    }
  }

  // Counts `from` as advanced when `to` lies beyond it; true when it did.
  bool advance(std::size_t from, std::size_t to) {
    if (to <= from) return false;
    ++result_.stages[from].advanced;
    return true;
  }

  void close(const StageChange& change) {
    if (!window_.contains(change.at) || !names_.is_pipeline(change.pipeline)) return;
    closes_[change.opportunity_id] = Close{change.status, change.amount};
    if (change.status != DealStatus::won) return;
    auto pending = pending_.find(change.opportunity_id);
    if (pending == pending_.end()) return;
    for (const std::size_t p : pending->second) ++result_.stages[p].advanced;
    pending_.erase(pending);
  }

  detail::PipelineNames names_;
  TimeWindow window_;
  std::unordered_map<Id, DealState> deals_;
  std::vector<StageTally> stages_;
  // Per deal, the stages it entered in the window and has not yet advanced from.
  std::unordered_map<Id, std::vector<std::size_t>> pending_;
  std::unordered_map<Id, Close> closes_;  // each deal's last close in the window
  std::unordered_set<Id> skipped_;
  Funnel result_;
};

}  // namespace

Funnel funnel(const Engine& engine, const FunnelQuery& query) {
  detail::check_window(query.window, "funnel query");
  detail::check_currency(query.currency, "funnel query");
  FunnelReplay replay(detail::PipelineNames(detail::require_pipeline(engine, query.pipeline, "funnel query")), query);
  detail::each_page(engine, StageChangeQuery{}, [&](const StageChange& change) {
    if (change.at >= query.window.to) return false;
    replay.apply(change);
    return true;
  });
  return replay.finish();
}

}  // namespace crm
