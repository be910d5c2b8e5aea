// SPDX-License-Identifier: Apache-2.0
// Approvals: requested on a stored record, decided by each approver in
// turn, locking fields of the record while pending.

#include <algorithm>

#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "engine/layout.hpp"
#include "engine/record_codec.hpp"
#include "engine/record_keys.hpp"
#include "json/record_value.hpp"
#include "model/field_rules.hpp"
#include "workflow/field_schema.hpp"
#include "workflow/runner.hpp"
#include "text/quote.hpp"

namespace crm::detail::workflow {

namespace {

constexpr std::string_view approvals = Layout<Approval>::collection;

Entity approvable(std::string_view name) {
  if (const auto entity = entity_named(name); entity && entity != Entity::approval) return *entity;
  refuse("approval.entity", quote(name) +
                                " is not a record kind that can be approved (customer, interaction, lead, "
                                "opportunity, task)");
}

void check(ApprovalRequest& r) {
  check_required(r.name, "approval.name", limits::short_text);
  const Entity entity = approvable(r.entity);
  check_reference(r.record_id, "approval.record_id");
  if (r.record_id == 0) refuse("approval.record_id", "required");
  if (r.approvers.empty()) refuse("approval.approvers", "at least one approver is required");
  for (std::size_t i = 0; i < r.approvers.size(); ++i)
    check_required(r.approvers[i], indexed("approval.approvers", i), limits::short_text);
  for (std::size_t i = 0; i < r.locked_fields.size(); ++i) {
    const auto* field = find_field(entity, r.locked_fields[i]);
    if (field == nullptr || field->name == "id" || field->name == "version")
      refuse(indexed("approval.locked_fields", i),
             quote(r.locked_fields[i]) + " is not a field of " + r.entity + " that can change");
  }
  check_text(r.requested_by, "approval.requested_by", limits::short_text);
}

// The pending approvals of one record.
std::vector<Approval> pending(const Store& store, std::string_view entity, Id record) {
  Scan scan;
  scan.index = index::approval_record;
  scan.prefix = approval_record_key(entity, record, ApprovalStatus::pending);
  scan.limit = 100;
  std::vector<Approval> found;
  for (const auto& stored : store.scan(scan).records) found.push_back(decode<Approval>(stored));
  return found;
}

std::optional<Approval> pending_named(const Store& store, std::string_view entity, Id record, std::string_view name) {
  for (auto& open : pending(store, entity, record))
    if (open.name == name) return std::move(open);
  return std::nullopt;
}

}  // namespace

bool Runner::has_pending(std::string_view entity, Id record, std::string_view name) const {
  return pending_named(store_, entity, record, name).has_value();
}

Approval Runner::request_approval(ApprovalRequest request, std::string rule, Timestamp now) {
  check(request);
  Transaction tx(store_);
  if (!load_json(approvable(request.entity), request.record_id))
    throw Error(Errc::not_found, "approval.record_id: " + request.entity + " " + std::to_string(request.record_id) +
                                     " not found");
  if (const auto open = pending_named(store_, request.entity, request.record_id, request.name))
    throw Error(Errc::conflict, request.entity + " " + std::to_string(request.record_id) + ": approval " +
                                    std::to_string(open->id) + " ('" + open->name + "') is already pending");
  Approval approval{.name = std::move(request.name),
                    .entity = std::move(request.entity),
                    .record_id = request.record_id,
                    .approvers = std::move(request.approvers),
                    .locked_fields = std::move(request.locked_fields),
                    .requested_by = std::move(request.requested_by),
                    .rule = std::move(rule),
                    .created_at = now,
                    .updated_at = now};
  approval.waiting_for = approval.approvers.front();
  approval.id = store_.insert(approvals, record_write(approval));
  approval.version = 1;
  on_change<Approval>(nullptr, &approval, now);
  tx.commit();
  return approval;
}

Approval Runner::decide(Id id, Version expected, std::string_view approver, std::string_view comment, bool approve,
                        Timestamp now) {
  std::string note(comment);
  check_text(note, "approval comment", limits::medium_text);
  Transaction tx(store_);
  const auto stored = store_.get(approvals, id);
  if (!stored) throw Error(Errc::not_found, "approval " + std::to_string(id) + " not found");
  const Approval before = decode<Approval>(*stored);
  const std::string which = "approval " + std::to_string(id) + " ('" + before.name + "')";
  if (before.status != ApprovalStatus::pending)
    throw Error(Errc::conflict, which + " is already " + std::string(crm::to_string(before.status)));
  if (before.waiting_for != approver)
    throw Error(Errc::conflict, which + " waits for '" + before.waiting_for + "', not " + quote(approver));

  Approval after = before;
  after.decisions.push_back({std::string(approver), approve, std::move(note), now});
  const bool last = after.decisions.size() == after.approvers.size();
  if (!approve || last) {
    after.status = approve ? ApprovalStatus::approved : ApprovalStatus::rejected;
    after.waiting_for.clear();
    after.decided_at = now;
  } else {
    after.waiting_for = after.approvers[after.decisions.size()];
  }
  after.updated_at = now;
  after.version = store_.update(approvals, id, expected, record_write(after));
  on_change(&before, &after, now);
  tx.commit();
  return after;
}

template <class T>
void Runner::check_locks(const T& before, const T& after) const {
  const auto entity = to_string(entity_of<T>());
  const auto open = pending(store_, entity, before.id);
  if (open.empty()) return;
  const auto was = record_value(before), is = record_value(after);
  for (const auto& approval : open)
    for (const auto& field : approval.locked_fields)
      if (was.value(field, nlohmann::json()) != is.value(field, nlohmann::json()))
        throw Error(Errc::conflict, std::string(entity) + " " + std::to_string(before.id) + ": '" + field +
                                        "' is locked while approval " + std::to_string(approval.id) + " ('" +
                                        approval.name + "') is pending");
}

template <class T>
void Runner::check_not_pending(const T& record) const {
  const auto entity = to_string(entity_of<T>());
  const auto open = pending(store_, entity, record.id);
  if (!open.empty())
    throw Error(Errc::conflict, std::string(entity) + " " + std::to_string(record.id) + ": approval " +
                                    std::to_string(open.front().id) + " ('" + open.front().name + "') is pending");
}

#define CRM_INSTANTIATE_LOCKS(T)                                   \
  template void Runner::check_locks(const T&, const T&) const; \
  template void Runner::check_not_pending(const T&) const;
CRM_INSTANTIATE_LOCKS(Customer)
CRM_INSTANTIATE_LOCKS(Interaction)
CRM_INSTANTIATE_LOCKS(Lead)
CRM_INSTANTIATE_LOCKS(Opportunity)
CRM_INSTANTIATE_LOCKS(Task)
#undef CRM_INSTANTIATE_LOCKS

}  // namespace crm::detail::workflow
