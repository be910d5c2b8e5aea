// SPDX-License-Identifier: Apache-2.0
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

// Each move once, called by its C++-named function and its older alias with
// the name the caller used, so messages name the function called.
crm_status move_stage_call(const char* function, crm_engine* engine, int64_t id, int64_t expected_version,
                      const char* stage, const char* by, crm_opportunity** out) {
  return deal_move(function, engine, out, [&](crm::Engine& e) {
    return e.move_stage(id, expected_version, require(stage, "stage"), optional_text(by));
  });
}

crm_status close_won_call(const char* function, crm_engine* engine, int64_t id, int64_t expected_version, const char* by,
                     crm_opportunity** out) {
  return deal_move(function, engine, out,
                   [&](crm::Engine& e) { return e.close_won(id, expected_version, optional_text(by)); });
}

crm_status close_lost_call(const char* function, crm_engine* engine, int64_t id, int64_t expected_version,
                      const char* reason, const char* by, crm_opportunity** out) {
  return deal_move(function, engine, out, [&](crm::Engine& e) {
    return e.close_lost(id, expected_version, require(reason, "reason"), optional_text(by));
  });
}

}  // namespace

extern "C" {

crm_status crm_opportunity_move_stage(crm_engine* engine, int64_t id, int64_t expected_version, const char* stage,
                                      const char* by, crm_opportunity** out_opportunity) {
  return move_stage_call(__func__, engine, id, expected_version, stage, by, out_opportunity);
}
crm_status crm_opportunity_close_won(crm_engine* engine, int64_t id, int64_t expected_version, const char* by,
                                     crm_opportunity** out_opportunity) {
  return close_won_call(__func__, engine, id, expected_version, by, out_opportunity);
}
crm_status crm_opportunity_close_lost(crm_engine* engine, int64_t id, int64_t expected_version, const char* reason,
                                      const char* by, crm_opportunity** out_opportunity) {
  return close_lost_call(__func__, engine, id, expected_version, reason, by, out_opportunity);
}

// Deprecated aliases (crm.h), kept for the ABI.
crm_status crm_opportunity_move(crm_engine* engine, int64_t id, int64_t expected_version, const char* stage,
                                const char* by, crm_opportunity** out_opportunity) {
  return move_stage_call(__func__, engine, id, expected_version, stage, by, out_opportunity);
}
crm_status crm_opportunity_win(crm_engine* engine, int64_t id, int64_t expected_version, const char* by,
                               crm_opportunity** out_opportunity) {
  return close_won_call(__func__, engine, id, expected_version, by, out_opportunity);
}
crm_status crm_opportunity_lose(crm_engine* engine, int64_t id, int64_t expected_version, const char* reason,
                                const char* by, crm_opportunity** out_opportunity) {
  return close_lost_call(__func__, engine, id, expected_version, reason, by, out_opportunity);
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

crm_status crm_pipeline_save_json(crm_engine* engine, const char* pipeline_json, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    auto pipeline = crm::from_json<crm::Pipeline>(require(pipeline_json, "pipeline_json"));
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

// Pipelines are addressed by name in C, as crm_pipeline_get_json does; the
// lookup and the erase share one transaction so the name cannot move between.
// The built-in "default" pipeline, while none is stored, has nothing to erase.
crm_status crm_pipeline_erase(crm_engine* engine, const char* name, int64_t expected_version) {
  return guarded(__func__, [&] {
    require(name, "name");
    with_engine(engine, [&](crm::Engine& e) {
      auto tx = e.transaction();
      const auto found = e.find_pipeline(name);
      if (!found || found->id == 0)
        throw crm::Error(crm::Errc::not_found, "no stored pipeline named " + crm::detail::quote(name));
      e.erase<crm::Pipeline>(found->id, expected_version);
      tx.commit();
    });
  });
}

}  // extern "C"
