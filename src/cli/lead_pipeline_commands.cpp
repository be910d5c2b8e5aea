// SPDX-License-Identifier: Apache-2.0
// crm lead duplicates | convert | assign | score
#include <crm/engine.hpp>
#include <crm/json.hpp>

#include <cstddef>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "input.hpp"
#include "lead_pipeline.hpp"
#include "progress.hpp"
#include "record_options.hpp"
#include "text/quote.hpp"

namespace crm::cli {

namespace {

// Below this many leads a scan is quick and prints no progress.
constexpr std::size_t scan_progress_from = 1000;

void add_duplicates_command(CLI::App& parent, Context& ctx) {
  struct Args {
    Id id = 0;
    bool scan = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = parent.add_subcommand("duplicates", "The leads and customers a lead duplicates, or every pair (--scan)");
  auto* id = cmd->add_option("id", args->id, "lead id");
  auto* scan = cmd->add_flag("--scan", args->scan, "check every stored lead; each pair is listed once");
  id->excludes(scan);
  scan->excludes(id);
  cmd->callback([&ctx, args, id] {
    if (id->count() == 0 && !args->scan) throw CLI::RequiredError("a lead id or --scan");
    const Engine& engine = ctx.engine();
    if (!args->scan) {
      print_duplicates(ctx, args->id, find_duplicates(engine, engine.get<Lead>(args->id)));
      return;
    }
    const std::size_t leads = engine.count<Lead>();
    std::optional<Progress> bar;
    if (leads >= scan_progress_from) bar.emplace("scanning leads", leads);
    std::size_t shown = 0;
    const auto pairs = scan_duplicates(engine, MatchRules::defaults(), [&](std::size_t scanned) {
      for (; bar && shown < scanned; ++shown) bar->step();
    });
    bar.reset();  // the finished bar before the listing
    print_pairs(ctx, pairs);
  });
}

void add_convert_command(CLI::App& parent, Context& ctx) {
  struct Args {
    Id id = 0;
    Id customer = 0;
    bool organisation = false;
    std::optional<std::string> deal, stage, pipeline, amount, currency, on_similar;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = parent.add_subcommand(
      "convert", "Turn a qualified lead into a customer (and organisation, deal), moving its interactions");
  cmd->add_option("id", args->id, "lead id (a qualified lead)")->required();
  cmd->add_option("--customer", args->customer, "attach to this existing customer instead of finding or creating one");
  cmd->add_flag("--organisation", args->organisation,
                "also find or create an organisation named after the lead's company");
  auto* deal = cmd->add_option("--deal", args->deal, "also create a deal with this name");
  cmd->add_option("--stage", args->stage, "the deal's stage (required with --deal)")->needs(deal);
  cmd->add_option("--pipeline", args->pipeline, "the deal's pipeline (default: default)")->needs(deal);
  cmd->add_option("--amount", args->amount, "the deal's amount in major units")->needs(deal);
  cmd->add_option("--currency", args->currency, "ISO 4217 code of --amount (default: the region's currency)")
      ->needs(deal);
  cmd->add_option("--on-similar", args->on_similar,
                  "a customer that only resembles the lead: refuse (default), warn or allow a new one");
  cmd->callback([&ctx, args] {
    ConversionOptions options;
    options.customer_id = args->customer;
    options.with_organisation = args->organisation;
    if (args->on_similar) options.on_similar = parse_enum<DuplicatePolicy>(*args->on_similar);
    if (args->deal) {
      if (!args->stage) throw CLI::RequiredError("--stage (with --deal)");
      Opportunity o;
      o.name = *args->deal;
      o.stage = *args->stage;
      if (args->pipeline) o.pipeline = *args->pipeline;
      if (args->amount) o.amount = parse_money(*args->amount, currency_or_default(args->currency, ctx.options.region));
      options.opportunity = std::move(o);
    }
    Engine& engine = ctx.engine();
    const Lead lead = engine.get<Lead>(args->id);
    const std::size_t customers_before = engine.count<Customer>();
    const auto result = convert_lead(engine, lead.id, lead.version, options);
    const std::size_t created = engine.count<Customer>() - customers_before;
    const ConversionNews news{.organisation_created = result.organisation && created > (result.customer_created ? 1U : 0U)};
    print_conversion(ctx, result, news);
    warn_duplicates(std::cerr, "customer " + std::to_string(result.customer.id) + " '" + result.customer.display_name + "'",
                    result.similar);
  });
}

void add_assign_command(CLI::App& parent, Context& ctx) {
  struct Args {
    Id id = 0;
    std::string rules;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = parent.add_subcommand("assign", "Pick a lead's owner by assignment rules and record it");
  cmd->add_option("id", args->id, "lead id")->required();
  cmd->add_option("--rules", args->rules,
                  "JSON file (- reads stdin): {\"rules\": [{\"name\", \"territory\", \"industry\", \"source\", "
                  "\"strategy\", \"owner\", \"team\": [{\"name\", \"capacity\"}]}]}")
      ->required();
  cmd->callback([&ctx, args] {
    const auto rules =
        assignment_rules_from_json(read_text_file(args->rules, "rules file"), "rules file '" + detail::escape(args->rules) + "'");
    Engine& engine = ctx.engine();
    const auto decision = assign_lead(engine, args->id, rules);
    print_assignment(ctx, engine.get<Lead>(args->id), decision);
  });
}

void add_score_command(CLI::App& parent, Context& ctx) {
  struct Args {
    Id id = 0;
    std::size_t top = 5;
    PredictiveConfig config{};
  };
  auto args = std::make_shared<Args>();
  auto* cmd = parent.add_subcommand(
      "score", "How likely a lead is to convert, learned from closed leads (naive Bayes), and why");
  cmd->add_option("id", args->id, "lead id")->required();
  cmd->add_option("--top", args->top, "show at most this many contributions")->capture_default_str();
  cmd->add_option("--min-count", args->config.min_count, "ignore field values seen in fewer closed leads")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([&ctx, args] {
    const Engine& engine = ctx.engine();
    const Lead lead = engine.get<Lead>(args->id);
    const OutcomeCounts counts = engine.lead_outcomes();
    Prediction prediction = predict(lead, counts, args->config);
    if (prediction.contributions.size() > args->top) prediction.contributions.resize(args->top);
    print_prediction(ctx, lead, counts, prediction);
  });
}

}  // namespace

void add_lead_pipeline_commands(CLI::App& lead, Context& ctx) {
  add_duplicates_command(lead, ctx);
  add_convert_command(lead, ctx);
  add_assign_command(lead, ctx);
  add_score_command(lead, ctx);
}

}  // namespace crm::cli
