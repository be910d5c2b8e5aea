// SPDX-License-Identifier: Apache-2.0
// Approvals (docs/WORKFLOW.md, "Approvals"): requested, decided in turn by
// each approver, read and listed, every one as JSON in and out. An approval
// is written by crm::to_json like any record.
#include <crm/json.hpp>

#include "guard.hpp"
#include "json_args.hpp"

using namespace crm::c_api;

namespace {

// The approval as stored goes to *out_json when the caller wants it.
void emit(const crm::Approval& approval, char** out_json) {
  if (out_json != nullptr) *out_json = copy_string(crm::to_json(approval));
}

// approve() and reject(): the approver is required, a NULL comment is none.
crm_status decide(const char* function, crm_engine* engine, int64_t id, int64_t expected_version,
                  const char* approver, const char* comment, bool approve, char** out_json) {
  reset_out(out_json);
  return guarded(function, [&] {
    require(approver, "approver");
    const std::string_view note = comment == nullptr ? "" : comment;
    const auto decided = with_engine(engine, [&](crm::Engine& e) {
      return approve ? e.approve(id, expected_version, approver, note)
                     : e.reject(id, expected_version, approver, note);
    });
    emit(decided, out_json);
  });
}

}  // namespace

extern "C" {

crm_status crm_approval_request_json(crm_engine* engine, const char* request_json, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(request_json, "request_json");
    const JsonArgs args(request_json, "approval request",
                        {"name", "entity", "record_id", "approvers", "locked_fields", "requested_by"});
    crm::ApprovalRequest request{.name = args.text("name").value_or(""),
                                 .entity = args.text("entity").value_or(""),
                                 .record_id = args.integer("record_id").value_or(0),
                                 .approvers = args.texts("approvers").value_or(std::vector<std::string>{}),
                                 .locked_fields = args.texts("locked_fields").value_or(std::vector<std::string>{}),
                                 .requested_by = args.text("requested_by").value_or("")};
    const auto stored =
        with_engine(engine, [&](crm::Engine& e) { return e.request_approval(std::move(request)); });
    emit(stored, out_json);
  });
}

crm_status crm_approval_approve_json(crm_engine* engine, int64_t id, int64_t expected_version, const char* approver,
                                     const char* comment, char** out_json) {
  return decide(__func__, engine, id, expected_version, approver, comment, true, out_json);
}

crm_status crm_approval_reject_json(crm_engine* engine, int64_t id, int64_t expected_version, const char* approver,
                                    const char* comment, char** out_json) {
  return decide(__func__, engine, id, expected_version, approver, comment, false, out_json);
}

crm_status crm_approval_get_json(crm_engine* engine, int64_t id, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(out_json, "out_json");
    const auto found = with_engine(engine, [&](crm::Engine& e) { return e.get<crm::Approval>(id); });
    *out_json = copy_string(crm::to_json(found));
  });
}

crm_status crm_approval_list_json(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                                  char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(out_json, "out_json");
    // Parsed inside the guard: a bad query is refused before the engine is touched.
    const JsonArgs args(query_json, "approval query", {"waiting_for", "entity", "record_id", "status"});
    crm::ApprovalQuery query{.waiting_for = args.text("waiting_for"),
                             .entity = args.text("entity"),
                             .record_id = args.integer("record_id").value_or(0),
                             .status = std::nullopt,
                             .cursor = cursor == nullptr ? "" : cursor,
                             .limit = limit == 0 ? default_page_limit : limit};
    if (args.has("status")) query.status = args.enumeration("status", crm::ApprovalStatus::pending);
    const auto page = with_engine(engine, [&](crm::Engine& e) { return e.list(query); });
    *out_json = copy_string(crm::to_json(page));
  });
}

}  // extern "C"
