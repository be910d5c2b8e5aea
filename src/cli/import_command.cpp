// SPDX-License-Identifier: Apache-2.0
// crm import: data sets from other systems, each in one transaction.
//   crm import sales DIR            the "CRM sales opportunities" data set
//   crm import cdnow FILE           the CDNOW transaction log
//   crm import online-retail FILE   the UCI Online Retail line items (.csv or .csv.gz)
#include <crm/engine.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "datasets/cdnow_data.hpp"
#include "datasets/retail_data.hpp"
#include "datasets/sales_data.hpp"
#include "input.hpp"
#include "purchase_import.hpp"
#include "sales_import.hpp"
#include "table.hpp"

namespace crm::cli {

namespace {

struct ImportOptions {
  std::string dir;
  std::optional<std::string> as_of;
};

std::string day_of(Timestamp t) { return to_iso8601(t).substr(0, 10); }

// A summary's table, its first row saying what was imported and how fast.
Table summary_table(const std::string& what, double seconds) {
  char time[32];
  std::snprintf(time, sizeof time, "%.1f s", seconds);
  Table table({{"", false, 20}, {"", false, 200}});
  table.add({"imported", what + " in " + time + ", in one transaction"});
  return table;
}

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
  Table table = summary_table(data.dir.string(), seconds);
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

// " (first at lines 624, 1445, 1446)"
std::string lines_text(const std::vector<std::size_t>& lines) {
  if (lines.empty()) return {};
  std::string text = lines.size() == 1 ? " (first at line " : " (first at lines ";
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i == 0 ? "" : ", ") + std::to_string(lines[i]);
  return text + ")";
}

void print_summary(const Context& ctx, const PurchaseLog& log, const PurchaseImportSummary& s, double seconds) {
  const std::size_t skipped = s.skipped.rows();
  if (ctx.options.json) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& r : s.skipped.reasons())
      reasons.push_back({{"reason", r.code}, {"text", r.text}, {"rows", r.rows}, {"lines", r.lines}});
    nlohmann::json notes = nlohmann::json::array();
    for (const auto& n : log.notes)
      notes.push_back({{"note", n.code}, {"text", n.text}, {"count", n.count}, {"lines", n.lines}});
    nlohmann::json amount = nullptr;
    if (s.amount) amount = {{"minor", s.amount->minor}, {"currency", std::string(s.amount->currency.code())}};
    std::cout << nlohmann::json{{"path", log.file.string()},
                                {"format", log.format},
                                {"seconds", seconds},
                                {"rows_read", log.rows},
                                {"rows_imported", s.rows_imported},
                                {"rows_skipped", skipped},
                                {"purchases_imported", s.purchases_imported},
                                {"customers_created", s.customers_created},
                                {"amount", amount},
                                {"skipped", reasons},
                                {"notes", notes}}
                     .dump()
              << '\n';
    return;
  }
  Table table = summary_table(log.file.string() + " (" + log.format + ")", seconds);
  table.add({"rows", std::to_string(log.rows) + " read: " + std::to_string(s.rows_imported) + " imported, " +
                         std::to_string(skipped) + " skipped"});
  table.add({"purchases", std::to_string(s.purchases_imported) + " imported" +
                              (s.amount ? ", " + to_string(*s.amount) + " in all" : std::string())});
  table.add({"customers", std::to_string(s.customers_created) + " created"});
  for (const auto& r : s.skipped.reasons())
    table.add({"skipped", std::to_string(r.rows) + (r.rows == 1 ? " row: " : " rows: ") + r.text + lines_text(r.lines)});
  if (skipped == 0) table.add({"skipped", "none"});
  for (const auto& n : log.notes) table.add({"note", n.text + ": " + std::to_string(n.count) + lines_text(n.lines)});
  table.print(std::cout);
}

// Reads the file, then imports it: a file that cannot be read writes nothing.
template <class Read>
void import_log(Context& ctx, const std::string& file, Read read) {
  Engine& engine = ctx.engine();
  const auto start = std::chrono::steady_clock::now();
  const PurchaseLog log = read(file);
  const auto summary = import_purchases(engine, log);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  print_summary(ctx, log, summary, seconds);
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
    const auto data = datasets::sales::read_data_set(options->dir);
    const auto summary = sales::import_data_set(engine, data, as_of);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    print_summary(ctx, data, summary, as_of.has_value(), seconds);
  });

  auto cdnow_file = std::make_shared<std::string>();
  auto* cdnow = group->add_subcommand(
      "cdnow", "The CDNOW transaction log (CDNOW_master.txt or CDNOW_sample.txt): one purchase per line");
  cdnow->add_option("file", *cdnow_file, "the whitespace-separated log")->required();
  cdnow->callback([&ctx, cdnow_file] {
    import_log(ctx, *cdnow_file, [](const std::string& f) { return datasets::cdnow::read_purchase_log(f); });
  });

  auto retail_file = std::make_shared<std::string>();
  auto* retail = group->add_subcommand(
      "online-retail", "The UCI Online Retail line items (online_retail.csv.gz or .csv): one purchase per invoice");
  retail->add_option("file", *retail_file, "the CSV file, gzip-compressed or not")->required();
  retail->callback([&ctx, retail_file] {
    import_log(ctx, *retail_file, [](const std::string& f) { return datasets::retail::read_purchase_log(f); });
  });
}

}  // namespace crm::cli
