// Deals through their pipeline: stage moves, closing won or lost, the stage
// history, and pipelines themselves as JSON.
#include <crm/model/pipeline.hpp>

#include "guard.hpp"
#include "json_args.hpp"
#include "text/quote.hpp"

using namespace crm::c_api;

namespace {

// Runs a move and hands the deal as stored to *out when the caller wants it.
template <class Move>
crm_status deal_move(const char* function, crm_engine* engine, crm_opportunity** out, Move&& move) {
  reset_out(out);
  return guarded(function, [&] {
    auto stored = with_engine(engine, [&](crm::Engine& e) { return move(e); });
    if (out != nullptr) emit(out, std::move(stored));
  });
}

std::string_view optional_text(const char* text) { return text == nullptr ? std::string_view{} : text; }

}  // namespace

extern "C" {

int64_t crm_lead_version(const crm_lead* lead) { return lead == nullptr ? 0 : lead->value.version; }
int64_t crm_opportunity_version(const crm_opportunity* opportunity) {
  return opportunity == nullptr ? 0 : opportunity->value.version;
}
const char* crm_opportunity_stage(const crm_opportunity* opportunity) {
  return opportunity == nullptr ? "" : opportunity->value.stage.c_str();
}
// Enum spellings are string literals, so their data() is NUL-terminated.
const char* crm_opportunity_status(const crm_opportunity* opportunity) {
  return opportunity == nullptr ? "" : crm::to_string(opportunity->value.status).data();
}

crm_status crm_opportunity_move(crm_engine* engine, int64_t id, int64_t expected_version, const char* stage,
                                const char* by, crm_opportunity** out_opportunity) {
  return deal_move(__func__, engine, out_opportunity, [&](crm::Engine& e) {
    return e.move_stage(id, expected_version, require(stage, "stage"), optional_text(by));
  });
}

crm_status crm_opportunity_win(crm_engine* engine, int64_t id, int64_t expected_version, const char* by,
                               crm_opportunity** out_opportunity) {
  return deal_move(__func__, engine, out_opportunity,
                   [&](crm::Engine& e) { return e.close_won(id, expected_version, optional_text(by)); });
}

crm_status crm_opportunity_lose(crm_engine* engine, int64_t id, int64_t expected_version, const char* reason,
                                const char* by, crm_opportunity** out_opportunity) {
  return deal_move(__func__, engine, out_opportunity, [&](crm::Engine& e) {
    return e.close_lost(id, expected_version, require(reason, "reason"), optional_text(by));
  });
}

crm_status crm_opportunity_history_json(crm_engine* engine, int64_t id, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(out_json, "out_json");
    if (id <= 0) throw crm::Error(crm::Errc::invalid_argument, "opportunity id " + std::to_string(id) + " is not positive");
    json entries = json::array();
    const crm::detail::ReleaseOnExit release(entries);  // emit_json takes it when all went well
    with_engine(engine, [&](crm::Engine& e) {
      (void)e.get<crm::Opportunity>(id);  // an unknown deal is CRM_NOT_FOUND, not an empty history
      crm::StageChangeQuery query{.opportunity_id = id, .limit = crm::max_page_size};
      do {
        auto page = e.list(query);
        crm::require_whole(page);  // a history with a gap would mislead
        for (const auto& change : page.items) append(entries, crm::detail::parse_json(crm::to_json(change)));
        query.cursor = std::move(page.next_cursor);
      } while (!query.cursor.empty());
    });
    *out_json = emit_json(std::move(entries));
  });
}

crm_status crm_pipeline_save_json(crm_engine* engine, const char* json_text, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    auto pipeline = crm::from_json<crm::Pipeline>(require(json_text, "json"));
    auto stored = with_engine(engine, [&](crm::Engine& e) {
      return pipeline.id == 0 ? e.create(std::move(pipeline)) : e.update(std::move(pipeline));
    });
    if (out_json != nullptr) *out_json = crm::c_api::copy_string(crm::to_json(stored));
  });
}

crm_status crm_pipeline_get_json(crm_engine* engine, const char* name, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(name, "name");
    require(out_json, "out_json");
    auto found = with_engine(engine, [&](crm::Engine& e) { return e.find_pipeline(name); });
    if (!found) throw crm::Error(crm::Errc::not_found, "no pipeline named " + crm::detail::quote(name));
    *out_json = copy_string(crm::to_json(*found));
  });
}

}  // extern "C"
