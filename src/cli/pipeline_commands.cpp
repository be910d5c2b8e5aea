// SPDX-License-Identifier: Apache-2.0
// crm pipeline add | list | show NAME | rm NAME; the reports are in pipeline_reports.cpp
#include <crm/engine.hpp>
#include <crm/json.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "input.hpp"
#include "record_options.hpp"
#include "render.hpp"
#include "text/quote.hpp"

namespace crm::cli {

namespace {

std::string stage_names(const Pipeline& p) {
  std::string names;
  for (const auto& stage : p.stages) names += (names.empty() ? "" : ", ") + stage.name;
  return names;
}

// Every pipeline: the built-in default first while none named "default" is
// stored, then the stored ones in id order, read page by page.
std::vector<Pipeline> all_pipelines(const Engine& engine) {
  std::vector<Pipeline> found;
  if (auto p = engine.find_pipeline("default"); p && p->id == 0) found.push_back(std::move(*p));
  PipelineQuery query{.limit = max_page_size};
  for (;;) {
    auto page = engine.list(query);
    require_whole(page);  // reports over every pipeline must not skip one
    for (auto& p : page.items) found.push_back(std::move(p));
    if (page.next_cursor.empty()) return found;
    query.cursor = std::move(page.next_cursor);
  }
}

void add_pipeline_list_command(CLI::App& pipeline, Context& ctx) {
  auto* cmd = pipeline.add_subcommand("list", "List the pipelines with their stages");
  cmd->callback([&ctx] {
    const auto found = all_pipelines(ctx.engine());
    if (ctx.options.json) {
      std::string items;
      for (const auto& p : found) items += (items.empty() ? "" : ",") + to_json(p);
      std::cout << R"({"items":[)" << items << "]}\n";
      return;
    }
    Table table({{"name"}, {"stages", true}, {"stored"}, {"stage names", false, 200}});
    for (const auto& p : found)
      table.add({p.name, std::to_string(p.stages.size()), p.id != 0 ? "yes" : "built in", stage_names(p)});
    table.print(std::cout);
  });
}

// "Qualify:10" or "Won:100:closed": a stage, its probability (percent) and
// its forecast category (default pipeline). The library checks the values.
PipelineStage parse_stage(std::string_view spec) {
  const auto refuse = [&](std::string_view why) -> Error {
    return Error(Errc::invalid_argument, "stage " + detail::quote(spec) + ": " + std::string(why));
  };
  const auto first = spec.find(':');
  if (first == std::string_view::npos || first == 0) throw refuse("expected NAME:PROBABILITY[:CATEGORY], like Qualify:10");
  const auto second = spec.find(':', first + 1);
  PipelineStage stage;
  stage.name = std::string(spec.substr(0, first));
  const auto probability = whole_number<std::int32_t>(spec.substr(first + 1, second - first - 1));
  if (!probability) throw refuse("the probability is not a whole number");
  stage.probability = *probability;
  if (second != std::string_view::npos) stage.category = parse_enum<ForecastCategory>(spec.substr(second + 1));
  return stage;
}

// `pipeline add NAME --stage NAME:PROBABILITY[:CATEGORY]... | --from-json JSON`:
// stores a new pipeline and shows it as `pipeline show` does.
void add_pipeline_add_command(CLI::App& pipeline, Context& ctx) {
  struct Input {
    std::string name, json;
    std::vector<std::string> stages;
  };
  auto in = std::make_shared<Input>();
  auto* cmd = pipeline.add_subcommand("add", "Add a pipeline with its stages, in order");
  auto* name = cmd->add_option("name", in->name, "pipeline name (unique, any case)");
  auto* stages = cmd->add_option("--stage", in->stages,
                                 "NAME:PROBABILITY[:CATEGORY], e.g. Qualify:10 or Won:100:closed (repeatable, in order); "
                                 "category: " + spellings<ForecastCategory>() + " (default pipeline)");
  auto* json_option = cmd->add_option("--from-json", in->json,
                                      "the whole pipeline as JSON (- reads stdin), instead of NAME and --stage");
  name->excludes(json_option);
  stages->excludes(json_option);
  cmd->callback([&ctx, in, json_option] {
    Pipeline p;
    if (json_option->count() > 0) {
      p = from_json<Pipeline>(read_json_argument(in->json));
    } else {
      if (in->name.empty()) throw CLI::RequiredError("name (or --from-json)");
      p.name = in->name;
      for (const auto& spec : in->stages) p.stages.push_back(parse_stage(spec));
    }
    const auto stored = ctx.engine().create(std::move(p));
    if (ctx.options.json) {
      std::cout << to_json(stored) << '\n';
      return;
    }
    std::cout << "pipeline " << stored.name << " (id " << stored.id << ")\n";
    stages_of(stored).print(std::cout);
  });
}

void add_pipeline_show_command(CLI::App& pipeline, Context& ctx) {
  auto name = std::make_shared<std::string>();
  auto* cmd = pipeline.add_subcommand("show", "Show a pipeline's stages with probability and forecast category");
  cmd->add_option("name", *name, "pipeline name (any case)")->required();
  cmd->callback([&ctx, name] {
    const auto p = ctx.engine().find_pipeline(*name);
    if (!p) throw Error(Errc::not_found, "no pipeline named " + detail::quote(*name));
    if (ctx.options.json) {
      std::cout << to_json(*p) << '\n';
      return;
    }
    std::cout << "pipeline " << p->name << (p->id != 0 ? "" : " (built in)") << '\n';
    stages_of(*p).print(std::cout);
  });
}

// `pipeline rm NAME [--version V]`: by name, as `show` finds it; at the
// version given, or else at the version just read.
void add_pipeline_rm_command(CLI::App& pipeline, Context& ctx) {
  struct Args {
    std::string name;
    std::optional<Version> version;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = pipeline.add_subcommand("rm", "Erase a stored pipeline (refused while a deal uses it)");
  cmd->add_option("name", args->name, "pipeline name (any case)")->required();
  cmd->add_option("--version", args->version, "the version you read; refused if the stored one differs");
  cmd->callback([&ctx, args] {
    Engine& engine = ctx.engine();
    auto tx = engine.transaction();  // the name cannot move between the lookup and the erase
    const auto p = engine.find_pipeline(args->name);
    if (!p || p->id == 0) throw Error(Errc::not_found, "no stored pipeline named " + detail::quote(args->name));
    const Version version = args->version.value_or(p->version);
    engine.erase<Pipeline>(p->id, version);
    tx.commit();
    if (ctx.options.json)
      std::cout << nlohmann::json{{"erased", "pipeline"}, {"id", p->id}, {"name", p->name}, {"version", version}}.dump()
                << '\n';
    else
      std::cout << "erased pipeline " << p->name << '\n';
  });
}

}  // namespace

void add_pipeline_commands(CLI::App& app, Context& ctx) {
  auto* pipeline = app.add_subcommand("pipeline", "Add, list and show sales pipelines; funnel, forecast, sales cycle and alerts");
  pipeline->require_subcommand(1);
  add_pipeline_add_command(*pipeline, ctx);
  add_pipeline_list_command(*pipeline, ctx);
  add_pipeline_show_command(*pipeline, ctx);
  add_pipeline_rm_command(*pipeline, ctx);
  add_pipeline_report_commands(*pipeline, ctx);
}

}  // namespace crm::cli
