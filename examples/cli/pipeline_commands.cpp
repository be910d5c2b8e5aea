// crm pipeline list | show NAME
#include <crm/engine.hpp>
#include <crm/json.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "render.hpp"

namespace crm::cli {

namespace {

// The engine lists no pipelines yet, so list shows those the tool knows by
// name: the default (stored or built in) and the one `crm import sales`
// creates; any others are counted and reached with `pipeline show NAME`.
constexpr std::string_view known_pipelines[] = {"default", "sales"};

std::string stage_names(const Pipeline& p) {
  std::string names;
  for (const auto& stage : p.stages) names += (names.empty() ? "" : ", ") + stage.name;
  return names;
}

void add_list_command(CLI::App& pipeline, Context& ctx) {
  auto* cmd = pipeline.add_subcommand("list", "List the pipelines with their stages");
  cmd->callback([&ctx] {
    const Engine& engine = ctx.engine();
    std::vector<Pipeline> found;
    std::size_t stored = 0;
    for (const auto name : known_pipelines)
      if (auto p = engine.find_pipeline(name)) {
        stored += p->id != 0 ? 1 : 0;
        found.push_back(std::move(*p));
      }
    const std::size_t others = engine.count<Pipeline>() - stored;
    if (ctx.options.json) {
      std::string items;
      for (const auto& p : found) items += (items.empty() ? "" : ",") + to_json(p);
      std::cout << R"({"items":[)" << items << R"(],"other_stored":)" << others << "}\n";
      return;
    }
    Table table({{"name"}, {"stages", true}, {"stored"}, {"stage names", false, 200}});
    for (const auto& p : found)
      table.add({p.name, std::to_string(p.stages.size()), p.id != 0 ? "yes" : "built in", stage_names(p)});
    table.print(std::cout);
    if (others > 0)
      std::cout << others << " other stored pipeline" << (others == 1 ? "" : "s")
                << ": see crm pipeline show NAME\n";
  });
}

void add_show_command(CLI::App& pipeline, Context& ctx) {
  auto name = std::make_shared<std::string>();
  auto* cmd = pipeline.add_subcommand("show", "Show a pipeline's stages with probability and forecast category");
  cmd->add_option("name", *name, "pipeline name (any case)")->required();
  cmd->callback([&ctx, name] {
    const auto p = ctx.engine().find_pipeline(*name);
    if (!p) throw Error(Errc::not_found, "no pipeline named '" + *name + "'");
    if (ctx.options.json) {
      std::cout << to_json(*p) << '\n';
      return;
    }
    std::cout << "pipeline " << p->name << (p->id != 0 ? "" : " (built in)") << '\n';
    stages_of(*p).print(std::cout);
  });
}

}  // namespace

void add_pipeline_commands(CLI::App& app, Context& ctx) {
  auto* pipeline = app.add_subcommand("pipeline", "List and show sales pipelines");
  pipeline->require_subcommand(1);
  add_list_command(*pipeline, ctx);
  add_show_command(*pipeline, ctx);
}

}  // namespace crm::cli
