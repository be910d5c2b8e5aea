// crm import sales DIR: the "CRM sales opportunities" data set, in one transaction.
#include <crm/engine.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "input.hpp"
#include "sales_data.hpp"
#include "sales_import.hpp"
#include "table.hpp"

namespace crm::cli {

namespace {

struct ImportOptions {
  std::string dir;
  std::optional<std::string> as_of;
};

std::string day_of(Timestamp t) { return to_iso8601(t).substr(0, 10); }

void print_summary(const Context& ctx, const sales::DataSet& data, const sales::ImportSummary& s, bool as_of_given,
                   double seconds) {
  using sales::DealStage;
  constexpr std::array stages{DealStage::prospecting, DealStage::engaging, DealStage::won, DealStage::lost};
  if (ctx.options.json) {
    nlohmann::json by_stage = nlohmann::json::object();
    for (const auto stage : stages)
      by_stage[std::string(to_string(stage))] = s.imported_by_stage[static_cast<std::size_t>(stage)];
    std::cout << nlohmann::json{{"path", data.dir.string()},
                                {"seconds", seconds},
                                {"pipeline", {{"name", sales::pipeline_name}, {"created", s.pipeline_created}}},
                                {"accounts",
                                 {{"added", s.accounts_added},
                                  {"updated", s.accounts_updated},
                                  {"unchanged", s.accounts_unchanged}}},
                                {"deals",
                                 {{"imported", s.deals_imported}, {"skipped", s.deals_skipped}, {"by_stage", by_stage}}},
                                {"as_of", day_of(s.as_of)},
                                {"corrections", s.corrections},
                                {"warnings", s.warnings}}
                     .dump()
              << '\n';
    return;
  }
  char time[32];
  std::snprintf(time, sizeof time, "%.1f s", seconds);
  Table table({{"", false, 20}, {"", false, 200}});
  table.add({"imported", data.dir.string() + " in " + time + ", in one transaction"});
  table.add({"pipeline", std::string(sales::pipeline_name) + (s.pipeline_created ? " (created)" : " (already there)")});
  table.add({"accounts", std::to_string(s.accounts_added) + " added, " + std::to_string(s.accounts_updated) +
                             " updated, " + std::to_string(s.accounts_unchanged) + " unchanged"});
  table.add({"deals", std::to_string(s.deals_imported) + " imported, " + std::to_string(s.deals_skipped) +
                          " already there (skipped)"});
  for (const auto stage : stages)
    table.add({"  " + std::string(to_string(stage)), std::to_string(s.imported_by_stage[static_cast<std::size_t>(stage)])});
  table.add({"as of", day_of(s.as_of) + (as_of_given ? " (--as-of)" : " (the latest date in the file)") +
                          ": when deals in Prospecting without an engage date entered it"});
  for (const auto& note : s.corrections) table.add({"read", note});
  for (const auto& warning : s.warnings) table.add({"warning", warning});
  if (s.warnings.empty()) table.add({"warnings", "none"});
  table.print(std::cout);
}

}  // namespace

void add_import_command(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("import", "Import a data set from another system");
  group->require_subcommand(1);
  auto options = std::make_shared<ImportOptions>();
  auto* cmd = group->add_subcommand(
      "sales", "The CRM sales opportunities data set (accounts, products, sales_teams, sales_pipeline CSV files)");
  cmd->add_option("dir", options->dir, "directory holding the four CSV files")->required();
  cmd->add_option("--as-of", options->as_of,
                    "day deals in Prospecting without an engage date entered the pipeline, YYYY-MM-DD "
                    "(default: the latest date in sales_pipeline.csv)");
  cmd->callback([&ctx, options] {
    const std::optional<Timestamp> as_of =
        options->as_of ? std::optional(parse_date(*options->as_of)) : std::nullopt;
    Engine& engine = ctx.engine();
    const auto start = std::chrono::steady_clock::now();
    // Every file is read and checked before the first write.
    const auto data = sales::read_data_set(options->dir);
    const auto summary = sales::import_data_set(engine, data, as_of);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    print_summary(ctx, data, summary, as_of.has_value(), seconds);
  });
}

}  // namespace crm::cli
