// SPDX-License-Identifier: Apache-2.0
// The workflow engine (docs/WORKFLOW.md): rules saved, read and erased as
// JSON, timed actions run, and the firing log, the timed-action queue and the
// outbox read page by page. Tasks are records: record_api.cpp, page_api.cpp.
#include <crm/json.hpp>

#include "guard.hpp"
#include "json_args.hpp"
#include "text/quote.hpp"

using namespace crm::c_api;

// crm.h spells the supported range of times for C; time.hpp is its source.
static_assert(CRM_TIME_MIN_MS == crm::to_millis(crm::min_timestamp) &&
                  CRM_TIME_MAX_MS == crm::to_millis(crm::max_timestamp),
              "crm.h's CRM_TIME_MIN_MS/CRM_TIME_MAX_MS must match crm::min_timestamp/max_timestamp");

namespace {

// One page of a workflow listing, spelt by crm::to_json. make_query() runs
// inside the guard, so a query that fails to parse is reported like any
// other error, before the engine is touched.
template <class MakeQuery>
crm_status json_page(const char* function, crm_engine* engine, MakeQuery&& make_query, const char* cursor,
                     size_t limit, char** out_json) {
  reset_out(out_json);
  return guarded(function, [&] {
    require(out_json, "out_json");
    auto query = make_query();
    query.cursor = cursor == nullptr ? "" : cursor;
    query.limit = limit == 0 ? default_page_limit : limit;
    const auto page = with_engine(engine, [&](crm::Engine& e) { return e.list(query); });
    *out_json = copy_string(crm::to_json(page));
  });
}

// Called by crm_run_due_json and its deprecated alias crm_run_due with the
// name the caller used, so messages name the function called.
crm_status run_due_call(const char* function, crm_engine* engine, int64_t now_ms, size_t limit, char** out_json) {
  reset_out(out_json);
  return guarded(function, [&] {
    const auto now = crm::check_timestamp(crm::from_millis(now_ms), "now_ms");
    const auto report = with_engine(engine, [&](crm::Engine& e) {
      return limit == 0 ? e.run_due(now) : e.run_due(now, limit);  // 0: the engine's default
    });
    if (out_json != nullptr) *out_json = copy_string(crm::to_json(report));
  });
}

}  // namespace

extern "C" {

crm_status crm_rule_save_json(crm_engine* engine, const char* rule_json, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(rule_json, "rule_json");
    const auto stored = with_engine(engine, [&](crm::Engine& e) { return e.save_rule(rule_json); });
    if (out_json != nullptr) *out_json = copy_string(crm::to_json(stored));
  });
}

crm_status crm_rule_get_json(crm_engine* engine, const char* name, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(name, "name");
    require(out_json, "out_json");
    const auto found = with_engine(engine, [&](crm::Engine& e) { return e.find_rule(name); });
    if (!found) throw crm::Error(crm::Errc::not_found, "no rule named " + crm::detail::quote(name));
    *out_json = copy_string(crm::to_json(*found));
  });
}

crm_status crm_rule_erase(crm_engine* engine, const char* name) {
  return guarded(__func__, [&] {
    require(name, "name");
    with_engine(engine, [&](crm::Engine& e) { e.erase_rule(name); });
  });
}

crm_status crm_rule_list_json(crm_engine* engine, const char* cursor, size_t limit, char** out_json) {
  return json_page(__func__, engine, [] { return crm::RuleQuery{}; }, cursor, limit, out_json);
}

crm_status crm_run_due_json(crm_engine* engine, int64_t now_ms, size_t limit, char** out_json) {
  return run_due_call(__func__, engine, now_ms, limit, out_json);
}
// Deprecated alias (crm.h), kept for the ABI.
crm_status crm_run_due(crm_engine* engine, int64_t now_ms, size_t limit, char** out_json) {
  return run_due_call(__func__, engine, now_ms, limit, out_json);
}

crm_status crm_timed_action_list_json(crm_engine* engine, const char* cursor, size_t limit, char** out_json) {
  return json_page(__func__, engine, [] { return crm::TimedActionQuery{}; }, cursor, limit, out_json);
}

crm_status crm_firing_list_json(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                                char** out_json) {
  const auto query = [&] {
    const JsonArgs args(query_json, "firing query", {"rule", "entity", "record_id"});
    return crm::FiringQuery{
        .rule = args.text("rule"), .entity = args.text("entity"), .record_id = args.integer("record_id").value_or(0)};
  };
  return json_page(__func__, engine, query, cursor, limit, out_json);
}

crm_status crm_outbox_list_json(crm_engine* engine, const char* cursor, size_t limit, char** out_json) {
  return json_page(__func__, engine, [] { return crm::OutboxQuery{}; }, cursor, limit, out_json);
}

crm_status crm_outbox_acknowledge(crm_engine* engine, int64_t id) {
  return guarded(__func__, [&] { with_engine(engine, [&](crm::Engine& e) { e.acknowledge(id); }); });
}

}  // extern "C"
