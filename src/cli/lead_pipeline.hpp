// SPDX-License-Identifier: Apache-2.0
#pragma once
// crm lead duplicates | convert | assign | score, and the duplicate check of
// crm lead add: the pipeline services of crm/pipeline/ over the command line.

#include <crm/engine.hpp>
#include <crm/pipeline/assignment.hpp>
#include <crm/pipeline/conversion.hpp>
#include <crm/pipeline/dedup.hpp>
#include <crm/pipeline/scoring.hpp>

#include <CLI/CLI.hpp>

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "table.hpp"

namespace crm::cli {

// Registers duplicates, convert, assign and score under `crm lead`
// (lead_pipeline_commands.cpp).
void add_lead_pipeline_commands(CLI::App& lead, Context& ctx);

// --- Rendering (lead_pipeline_render.cpp) ------------------------------------

// "1.00", "0.93": a score or similarity with two decimals.
std::string score_text(double score);
// "email exact; person-name initials 0.97": the rules that passed.
std::string reasons_text(const MatchResult& match);

// One row per candidate: kind, id, name, score, why.
Table candidates_table(const std::vector<DuplicateCandidate>& candidates);

// `crm lead add` under warn: "crm: warning: lead 5 'Ada' may duplicate:" and the
// candidates, on `err`. Nothing when there are none.
void warn_duplicates(std::ostream& err, const std::string& subject, const std::vector<DuplicateCandidate>& candidates);

// The candidates of one lead: a table or "no duplicates of lead N";
// with --json {"lead_id": N, "duplicates": [...]}.
void print_duplicates(const Context& ctx, Id lead, const std::vector<DuplicateCandidate>& candidates);
// Every pair of a scan: a table or "no duplicates"; with --json {"pairs": [...]}.
void print_pairs(const Context& ctx, const std::vector<DuplicatePair>& pairs);

// What conversion did that ConversionResult does not say.
struct ConversionNews {
  bool organisation_created = false;
};
// The lead, customer, organisation and deal, each created or reused, and the
// interactions moved; with --json one object holding each record's JSON.
void print_conversion(const Context& ctx, const ConversionResult& result, const ConversionNews& news);

// "lead 7: owner alice (rule 'emea', round_robin)" or "lead 7: no rule
// matches; owner unchanged"; with --json {"lead_id", "assigned", "owner", "rule", "strategy"}.
void print_assignment(const Context& ctx, const Lead& lead, const std::optional<AssignmentDecision>& decision);

// The probability and the contributions (field=value weight), or "not
// trained yet (no closed leads)"; with --json the same as an object.
void print_prediction(const Context& ctx, const Lead& lead, const OutcomeCounts& counts, const Prediction& prediction);

}  // namespace crm::cli
