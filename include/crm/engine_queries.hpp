// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the engine's listings take and give (Engine::list in crm/engine.hpp):
// one query struct per listing, and the Page of records each returns with
// the cursor to the next page. Kept apart from the engine's calls, as
// LevelDB keeps its read options in options.h.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "crm/id.hpp"
#include "crm/model/approval.hpp"
#include "crm/model/customer.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/model/task.hpp"
#include "crm/time.hpp"

namespace crm {

// One page of a listing. Pass next_cursor back in the query for the next
// page; it is empty on the last page.
//
// A stored record that cannot be read (its body is damaged: see check.hpp)
// is not in items but its id is in damaged, in listing order, so one bad
// record neither hides the others nor goes missing unseen; the cursor moves
// past it like past any other. get() of it is Errc::corrupt naming it. A
// caller that needs every record (a report, an export) calls
// require_whole(page).
template <class T>
struct Page {
  std::vector<T> items{};
  std::string next_cursor{};
  std::vector<Id> damaged{};
};

// Throws Errc::corrupt naming the page's first damaged record ("customer 17:
// stored body is unreadable …"); does nothing when there is none. For
// Page<T> of every type Engine::list returns.
template <class T>
void require_whole(const Page<T>& page);

inline constexpr std::size_t max_page_size = 1000;
// The limit of a query that names none, here and in every face (crm.h's
// limit 0, Python's limit=, crm --limit).
inline constexpr std::size_t default_page_size = 50;

// Listings take at most one filter; with none they list every record in id
// order. limit is 1..max_page_size.
struct CustomerQuery {
  std::optional<std::string> name_prefix{};  // case-insensitive; listed in name order
  std::optional<std::string> owner{};
  std::optional<LifecycleStage> stage{};
  std::optional<std::string> tag{};
  std::optional<Id> organisation_id{};  // the members of an organisation
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// One of the ids: that record's interactions, newest first. None: every
// interaction in id order (the order they were stored).
struct InteractionQuery {
  Id customer_id = 0;
  Id lead_id = 0;
  Id opportunity_id = 0;
  std::string cursor{};
  std::size_t limit = default_page_size;
};

struct LeadQuery {
  std::optional<LeadStatus> status{};
  std::optional<std::string> owner{};
  std::optional<std::string> email{};        // normalised before matching
  std::optional<std::string> phone{};        // read in the default region; E.164 matching
  std::optional<std::string> name_prefix{};  // case-insensitive; listed in name order
  std::optional<std::string> assignment_rule{};  // the leads a rule assigned, newest first
  std::string cursor{};
  std::size_t limit = default_page_size;
};

struct OpportunityQuery {
  std::optional<Id> customer_id{};
  std::optional<std::string> owner{};
  std::optional<DealStatus> status{};
  std::optional<std::string> pipeline{};  // with stage: the deals in one stage
  std::optional<std::string> stage{};
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// Every stored pipeline, in id order (the built-in default is not stored).
struct PipelineQuery {
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// Stage history: one deal's entries in time order, or every entry in time
// order from `since` (inclusive) when opportunity_id is 0.
struct StageChangeQuery {
  Id opportunity_id = 0;
  std::optional<Timestamp> since{};
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// Tasks. With an owner (or none of the ids): that owner's (everyone's)
// tasks of `status` in due order, the most urgent first at equal times and
// those without a due time last -- the "my day" list; `due_before` keeps
// only those due before it (overdue: pass now). With one of the ids: the
// tasks about that record, oldest first.
struct TaskQuery {
  std::optional<std::string> owner{};
  TaskStatus status = TaskStatus::open;
  std::optional<Timestamp> due_before{};
  Id customer_id = 0;
  Id lead_id = 0;
  Id opportunity_id = 0;
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// Approvals: those waiting for one approver (pending, their turn), or all
// with a status, oldest first; or those of one record (entity and
// record_id), pending first, then approved, then rejected.
struct ApprovalQuery {
  std::optional<std::string> waiting_for{};
  std::optional<std::string> entity{};
  Id record_id = 0;
  std::optional<ApprovalStatus> status{};
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// Every customer's purchase statistics, in customer id then currency order.
struct PurchaseStatsQuery {
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// Stored workflow rules in the order they were first saved.
struct RuleQuery {
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// The firing log in time order: one rule's firings, or one record's
// (entity and record_id), or all of them.
struct FiringQuery {
  std::optional<std::string> rule{};
  std::optional<std::string> entity{};
  Id record_id = 0;
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// Queued timed actions in due order.
struct TimedActionQuery {
  std::string cursor{};
  std::size_t limit = default_page_size;
};

// Notifications not yet acknowledged, oldest first.
struct OutboxQuery {
  std::string cursor{};
  std::size_t limit = default_page_size;
};

}  // namespace crm
