// SPDX-License-Identifier: Apache-2.0
#pragma once
// crm::Engine: the only way a host changes CRM data.
//
// Every write validates and normalises its record (phones to E.164, e-mails
// lower-cased, text NFC), checks the records it refers to, and runs in one
// store transaction: it either happens whole or throws crm::Error and changes
// nothing. Reads go straight to the store's indexes.
//
// Thread safety: one Engine may be shared by any number of threads. Writes
// are serialised by the store; reads run concurrently with each other and,
// on the SQLite store, with a write in progress (they see the last commit).
//
// The engine sits below the services built on it (the sales pipeline,
// workflow, analytics): this header includes only the standard library, the
// model and the store interface. Its options and its listings' queries have
// headers of their own, included here.

#include <concepts>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/check.hpp"
#include "crm/engine_options.hpp"  // EngineOptions
#include "crm/engine_queries.hpp"  // Page, require_whole, the query of each listing
#include "crm/model/approval.hpp"
#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/lead_outcomes.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/model/purchase_stats.hpp"
#include "crm/model/records.hpp"  // Record, CRM_FOR_EACH_RECORD
#include "crm/model/stage_change.hpp"
#include "crm/model/task.hpp"
#include "crm/model/workflow_records.hpp"
#include "crm/store/store.hpp"
#include "crm/time.hpp"

namespace crm {

class Engine {
 public:
  // Throws Errc::invalid_argument for an unknown default region or a null store.
  explicit Engine(std::unique_ptr<Store> store, EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Stores a new record and returns it as stored: normalised, with its id,
  // version 1 and times, or as the workflow rules that fired in the same
  // transaction left it (a later version). The record's id must be 0. Every
  // time it holds must lie in the supported range (time.hpp), as on update.
  Customer create(Customer customer);
  Interaction create(Interaction interaction);
  Lead create(Lead lead);
  Opportunity create(Opportunity opportunity);
  Pipeline create(Pipeline pipeline);
  Task create(Task task);

  // Replaces a stored record. record.version must be the stored version
  // (Errc::conflict otherwise: reload and retry); returns the new state as
  // stored, after the rules that fired in the same transaction.
  Customer update(Customer customer);
  Interaction update(Interaction interaction);
  Lead update(Lead lead);
  Opportunity update(Opportunity opportunity);
  Pipeline update(Pipeline pipeline);
  Task update(Task task);

  // Leads follow their lifecycle (lead_transition_allowed): an update that
  // makes an illegal status change fails with Errc::conflict. A lead is
  // created in any status but converted, which only conversion sets.
  //
  // Deals follow their pipeline: the stage must be one of its stages (an
  // unknown one is Errc::invalid_argument), the probability follows the
  // stage (see src/engine/opportunity_rules.hpp), and every create, stage change and status change
  // appends a StageChange in the same transaction. These calls do the usual
  // moves and name who made them; `expected` is the deal's stored version.
  Opportunity move_stage(Id opportunity, Version expected, std::string_view stage, std::string_view by = {});
  Opportunity close_won(Id opportunity, Version expected, std::string_view by = {});
  Opportunity close_lost(Id opportunity, Version expected, std::string_view reason, std::string_view by = {});
  // Stores a deal with the history it had elsewhere: its stage, status and
  // times come from the steps (in time order, at least one), each of which
  // becomes a StageChange. For imports; the deal's id must be 0, and each
  // step's time in the supported range ("import steps[1].at: …").
  Opportunity import_opportunity(Opportunity opportunity, const std::vector<StageStep>& steps);

  // The stored pipeline with this name (case-insensitive); for "default",
  // default_pipeline() while none is stored. Pipelines are erased only when
  // no deal uses them, and keep a stage only while no deal is in it.
  std::optional<Pipeline> find_pipeline(std::string_view name) const;

  // Erases a record at the given version. Refused with Errc::conflict while
  // other records refer to it (a customer's interactions, deals or members)
  // or an approval of it is pending. Approvals are kept, not erased.
  template <Record T>
    requires(!std::same_as<T, Approval>)
  void erase(Id id, Version version);

  // The record with this id; get() throws Errc::not_found where find() returns nothing.
  template <Record T>
  T get(Id id) const;
  template <Record T>
  std::optional<T> find(Id id) const;

  // Lookups by unique key. The phone is read in the default region, so any
  // spelling of a stored number finds it; the e-mail is normalised too.
  std::optional<Customer> find_customer_by_phone(std::string_view phone) const;
  std::optional<Customer> find_customer_by_email(std::string_view email) const;
  std::optional<Customer> find_customer_by_external_id(std::string_view external_id) const;
  std::optional<Lead> find_lead_by_external_id(std::string_view external_id) const;
  std::optional<Opportunity> find_opportunity_by_external_id(std::string_view external_id) const;

  Page<Customer> list(const CustomerQuery& query) const;
  Page<Interaction> list(const InteractionQuery& query) const;
  Page<Lead> list(const LeadQuery& query) const;
  Page<Opportunity> list(const OpportunityQuery& query) const;
  Page<StageChange> list(const StageChangeQuery& query) const;
  Page<Pipeline> list(const PipelineQuery& query) const;
  Page<Task> list(const TaskQuery& query) const;

  // Workflow (docs/WORKFLOW.md). Rules are JSON, checked when saved (a bad
  // rule is Errc::invalid_argument naming the rule and the place) and stored
  // with the data; saving a rule of an existing name replaces it. Rules fire
  // inside the transaction of the change that triggers them: if an action
  // fails, the change fails with its error, prefixed with the rule and the
  // action ("rule 'promo': actions[1] (set): ..."), and nothing is written;
  // a rule with "on_failure": "skip" is undone alone instead, logged as
  // failed and reported in the outbox (topic "rule.failed").
  WorkflowRule save_rule(std::string_view json);
  void erase_rule(std::string_view name);  // Errc::not_found when there is none
  std::optional<WorkflowRule> find_rule(std::string_view name) const;
  Page<WorkflowRule> list(const RuleQuery& query) const;

  // Runs the timed actions due at `now` (at most `limit`, oldest first): each
  // whose conditions still hold runs its actions, the others are logged as
  // skipped; one that fails is undone and logged as failed. The host calls
  // this from its own loop or timer. A `now` outside the supported range of
  // times is Errc::invalid_argument ("run_due now: …").
  RunDueReport run_due(Timestamp now, std::size_t limit = 10000);
  Page<TimedAction> list(const TimedActionQuery& query) const;
  Page<RuleFiring> list(const FiringQuery& query) const;

  // Approvals. request_approval() starts one on a stored record (at most
  // one pending per name and record, Errc::conflict otherwise); while it is
  // pending, an update that changes one of its locked fields fails with
  // Errc::conflict. Each approver in turn approves, the last approval makes
  // it approved; one rejection makes it rejected. Only the approver whose
  // turn it is may decide (Errc::conflict otherwise); `expected` is the
  // approval's stored version. Every step is a change rules can act on
  // (entity "approval").
  Approval request_approval(ApprovalRequest request);
  Approval approve(Id approval, Version expected, std::string_view approver, std::string_view comment = {});
  Approval reject(Id approval, Version expected, std::string_view approver, std::string_view comment);
  Page<Approval> list(const ApprovalQuery& query) const;

  // The outbox: notifications rules enqueued, kept until acknowledged.
  // Acknowledging one that is gone already is not an error.
  Page<Notification> list(const OutboxQuery& query) const;
  void acknowledge(Id notification);

  // What closed leads teach the predictive score (crm/model/lead_outcomes.hpp,
  // read by predict() in crm/pipeline/scoring.hpp):
  // converted counts as won, disqualified as lost. The engine adds a lead to
  // these tallies in the transaction that closes it, so they are always
  // current; company and owner are not counted (they name one party).
  OutcomeCounts lead_outcomes() const;

  // Purchase statistics (crm/model/purchase_stats.hpp), kept by every
  // purchase write in its transaction. purchase_stats() gives a customer's,
  // one per currency in code order (none when they bought nothing).
  // rebuild_purchase_stats() recomputes them all from the history in one
  // transaction, mends what differs and says what it mended: on a healthy
  // file, nothing. A file written before the statistics existed gets them
  // built when an engine first opens it.
  std::vector<PurchaseStats> purchase_stats(Id customer) const;
  Page<PurchaseStats> list(const PurchaseStatsQuery& query) const;
  PurchaseStatsRebuild rebuild_purchase_stats();

  // The whole population for analytics (crm/analytics/analytics.hpp): the
  // customers with statistics in each currency (in code order), and every
  // customer's statistics in one currency (in customer id order). Read from
  // a copy in memory (about 64 bytes per customer and currency) that the
  // first call loads from the store and every commit keeps current,
  // including commits by other engines on the same file; afterwards a call
  // costs a copy of the vector. Inside a transaction that has written
  // purchases, the calling thread reads the store, seeing its own writes.
  std::vector<std::pair<Currency, std::size_t>> purchase_currencies() const;
  std::vector<PurchaseStats> purchase_population(const Currency& currency) const;

  // How many records of a kind are stored.
  template <Record T>
  std::size_t count() const;

  // Reads every stored record of every collection and reports those that
  // cannot be used (check.hpp): bodies that do not decode, unique keys that
  // do not lead back to their record. Reads the whole file, a page at a
  // time, and looks up each unique key: a maintenance call, not a routine
  // one. Runs beside writers; a record changed while it runs is not blamed.
  CheckReport check() const;

  // Groups several calls into one transaction: engine calls made on this
  // thread until commit() join it; they become visible and durable together,
  // or not at all if the transaction is rolled back or destroyed. A call that
  // fails on bad input, a conflict or a missing record changes nothing and
  // leaves the transaction usable; a storage error (disk full, I/O) aborts
  // it: later calls in it fail with Errc::storage until it is rolled back.
  // Waits for another thread's transaction at most the store's busy timeout
  // (Errc::busy). If this thread ends with it open, it is rolled back.
  Transaction transaction();

  const EngineOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crm
