// SPDX-License-Identifier: Apache-2.0
// crm run-due | outbox | firings: the timed work, the notifications and the
// log of the workflow engine (docs/WORKFLOW.md).
#include <crm/engine.hpp>
#include <crm/json.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "input.hpp"
#include "record_options.hpp"
#include "render.hpp"

namespace crm::cli {

namespace {

void add_run_due_command(CLI::App& app, Context& ctx) {
  struct Args {
    std::optional<std::string> at;
    std::optional<std::size_t> limit;  // the engine's default when not given
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("run-due", "Run the timed actions of workflow rules that are due");
  cmd->add_option("--at", args->at, "run what is due at this time, ISO 8601 in UTC (default: now)");
  cmd->add_option("--limit", args->limit, "at most this many, oldest first (default: the engine's, 10000)")
      ->check(CLI::PositiveNumber);
  cmd->callback([&ctx, args] {
    Engine& engine = ctx.engine();
    const Timestamp now = args->at ? parse_time(*args->at) : ctx.now();
    const auto report = args->limit ? engine.run_due(now, *args->limit) : engine.run_due(now);
    if (ctx.options.json) {
      std::cout << to_json(report) << '\n';
      return;
    }
    std::cout << "timed actions due at " << short_time(now) << " UTC: ran " << report.ran << ", skipped "
              << report.skipped << ", failed " << report.failed << '\n';
    if (report.more) std::cout << "more are due: run again\n";
    if (report.failed > 0) std::cout << "why they failed: crm firings\n";
  });
}

// `outbox [--ack]`: lists the notifications waiting; with --ack, the ones
// listed are acknowledged (delivered) in one transaction, then printed.
void add_outbox_command(CLI::App& app, Context& ctx) {
  struct Args {
    OutboxQuery query;
    bool ack = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("outbox", "List the notifications rules queued for delivery, oldest first");
  cmd->add_flag("--ack", args->ack, "acknowledge the notifications listed: they leave the outbox");
  add_paging_options(*cmd, args->query);
  cmd->callback([&ctx, args] {
    Engine& engine = ctx.engine();
    const auto page = engine.list(args->query);
    if (args->ack) {
      auto transaction = engine.transaction();
      for (const auto& note : page.items) engine.acknowledge(note.id);
      transaction.commit();
    }
    print_page(ctx, page, "notifications");
    if (args->ack && !ctx.options.json)
      std::cout << "acknowledged " << page.items.size() << " notification" << (page.items.size() == 1 ? "" : "s")
                << '\n';
  });
}

void add_firings_command(CLI::App& app, Context& ctx) {
  auto query = std::make_shared<FiringQuery>();
  auto* cmd = app.add_subcommand("firings", "The log of rule firings in time order: all, one rule's, or one record's");
  auto* rule = cmd->add_option("--rule", query->rule, "one rule's firings");
  auto* entity =
      cmd->add_option("--entity", query->entity, "with --record: customer, interaction, lead, opportunity, task…")
          ->excludes(rule);
  cmd->add_option("--record", query->record_id, "with --entity: one record's firings")->needs(entity)->excludes(rule);
  entity->needs("--record");
  add_paging_options(*cmd, *query);
  cmd->callback([&ctx, query] { print_page(ctx, ctx.engine().list(*query), "rule firings"); });
}

}  // namespace

void add_workflow_commands(CLI::App& app, Context& ctx) {
  add_run_due_command(app, ctx);
  add_outbox_command(app, ctx);
  add_firings_command(app, ctx);
}

}  // namespace crm::cli
