// SPDX-License-Identifier: Apache-2.0
// crm rule add FILE | list | show NAME | rm NAME: workflow rules (docs/WORKFLOW.md)
#include <crm/engine.hpp>
#include <crm/json.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "json/read_json.hpp"  // the library's JSON reader (src/json)
#include "text/quote.hpp"
#include "input.hpp"
#include "record_options.hpp"
#include "render.hpp"

namespace crm::cli {

namespace {

using nlohmann::json;

// The rules of a file holding one rule object or an array of them, saved in
// one transaction: a rule the engine refuses saves none of them.
// The file is read by the library's one JSON reader (bounded depth, no
// repeated keys), so a hostile file is refused before anything walks it.
std::vector<WorkflowRule> save_rules(Engine& engine, const std::string& path) {
  const std::string origin = "rules file '" + detail::escape(path) + "'";
  const json document = detail::read_json(read_text_file(path, "rules file"), origin);
  if (!document.is_object() && !document.is_array())
    throw Error(Errc::invalid_argument, origin + ": expected a rule object or an array of rules");
  if (document.empty()) throw Error(Errc::invalid_argument, origin + ": holds no rules");
  const json rules = document.is_array() ? document : json::array({document});
  std::vector<WorkflowRule> saved;
  auto transaction = engine.transaction();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    try {
      saved.push_back(engine.save_rule(rules[i].dump()));
    } catch (const Error& e) {
      const std::string where = document.is_array() ? "[" + std::to_string(i) + "]: " : "";
      throw Error(e.code(), origin + ": " + where + e.what());
    }
  }
  transaction.commit();
  return saved;
}

void add_add_command(CLI::App& rule, Context& ctx) {
  auto path = std::make_shared<std::string>();
  auto* cmd = rule.add_subcommand(
      "add", "Save the rules of a JSON file (one rule or an array); a rule of a stored name replaces it");
  cmd->add_option("file", *path, "the JSON file (- reads stdin)")->required();
  cmd->callback([&ctx, path] {
    const auto saved = save_rules(ctx.engine(), *path);
    if (ctx.options.json) {
      std::cout << to_json(Page<WorkflowRule>{.items = saved}) << '\n';
      return;
    }
    for (const auto& r : saved)
      std::cout << "saved rule '" << r.name << "'" << (r.version > 1 ? " (replacing the stored one)" : "") << '\n';
  });
}

void add_rule_list_command(CLI::App& rule, Context& ctx) {
  auto query = std::make_shared<RuleQuery>();
  auto* cmd = rule.add_subcommand("list", "List the stored rules in the order they were first saved");
  add_paging_options(*cmd, *query);
  cmd->callback([&ctx, query] { print_page(ctx, ctx.engine().list(*query), "rules"); });
}

void add_rule_show_command(CLI::App& rule, Context& ctx) {
  auto name = std::make_shared<std::string>();
  auto* cmd = rule.add_subcommand("show", "Show a rule as stored, in canonical JSON");
  cmd->add_option("name", *name, "rule name (any case)")->required();
  cmd->callback([&ctx, name] {
    const auto found = ctx.engine().find_rule(*name);
    if (!found) throw Error(Errc::not_found, "no rule named " + detail::quote(*name));
    if (ctx.options.json) {
      std::cout << to_json(*found) << '\n';
      return;
    }
    std::cout << "rule " << found->name << " (version " << found->version << ", saved " << short_time(found->saved_at)
              << " UTC)\n"
              << json::parse(found->definition).dump(2) << '\n';
  });
}

void add_rm_command(CLI::App& rule, Context& ctx) {
  auto name = std::make_shared<std::string>();
  auto* cmd = rule.add_subcommand("rm", "Erase a rule (its queued timed actions are skipped when due)");
  cmd->add_option("name", *name, "rule name (any case)")->required();
  cmd->callback([&ctx, name] {
    ctx.engine().erase_rule(*name);
    if (ctx.options.json)
      std::cout << json{{"erased", *name}}.dump() << '\n';
    else
      std::cout << "erased rule '" << *name << "'\n";
  });
}

}  // namespace

void add_rule_commands(CLI::App& app, Context& ctx) {
  auto* rule = app.add_subcommand("rule", "Add, list, show and remove workflow rules");
  rule->require_subcommand(1);
  add_add_command(*rule, ctx);
  add_rule_list_command(*rule, ctx);
  add_rule_show_command(*rule, ctx);
  add_rm_command(*rule, ctx);
}

}  // namespace crm::cli
