// SPDX-License-Identifier: Apache-2.0
// crm task add | show | list | update | rm | done
#include <crm/engine.hpp>

#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "commands.hpp"
#include "record_commands.hpp"

namespace crm::cli {

namespace {

void declare_fields(RecordOptions<Task>& f) {
  f.field("--subject", &Task::subject, "what to do (required)");
  f.field("--body", &Task::body, "details");
  f.field("--owner", &Task::owner, "who should do it");
  auto* due = f.parsed("--due", &Task::due_at, parse_time, "due time, ISO 8601 in UTC (2026-12-31T09:30)");
  auto due_in = std::make_shared<std::optional<std::string>>();
  f.other(f.command().add_option("--due-in", *due_in, "due this long from now: 90s, 30m, 12h, 3d, 2w"))
      ->excludes(due);
  f.step([due_in](Task& t, const Context& ctx) {
    if (*due_in) t.due_at = crm::add(ctx.now(), parse_duration(**due_in), "--due-in " + **due_in);
  });
  f.parsed("--remind", &Task::remind_at, parse_time, "when to remind the owner, ISO 8601 in UTC");
  f.choice("--priority", &Task::priority, "priority", "default normal");
  f.choice("--status", &Task::status, "status");
  f.field("--customer", &Task::customer_id, "customer id it is about");
  f.field("--lead", &Task::lead_id, "lead id it is about");
  f.field("--opp", &Task::opportunity_id, "opportunity id it is about");
}

// `task list`: one owner's day (--owner), everyone's, or a record's tasks.
void add_task_list_command(CLI::App& task, Context& ctx) {
  struct Args {
    TaskQuery query;
    std::optional<TaskStatus> status;
    bool overdue = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = task.add_subcommand(
      "list", "List open tasks by due time, the most urgent first: everyone's, one owner's, or a record's");
  auto* owner = cmd->add_option("--owner", args->query.owner, "one owner's tasks: their day");
  add_enum_option(*cmd, "--status", args->status, "tasks with this status (default open)");
  auto* overdue = cmd->add_flag("--overdue", args->overdue, "only those due before now");
  for (auto [name, id, what] : {std::tuple{"--customer", &args->query.customer_id, "customer"},
                                std::tuple{"--lead", &args->query.lead_id, "lead"},
                                std::tuple{"--opp", &args->query.opportunity_id, "opportunity"}})
    cmd->add_option(name, *id, std::string("the tasks about this ") + what + ", oldest first")
        ->excludes(owner)
        ->excludes(overdue);
  add_paging_options(*cmd, args->query);
  cmd->callback([&ctx, args] {
    const Engine& engine = ctx.engine();
    if (args->status) args->query.status = *args->status;
    if (args->overdue) args->query.due_before = ctx.now();
    print_page(ctx, engine.list(args->query), "tasks");
  });
}

// `task done ID`: marks it done (the engine stamps completed_at); a task
// already done is shown as it is, and nothing is written.
void add_done_command(CLI::App& task, Context& ctx) {
  auto id = std::make_shared<Id>(0);
  auto* cmd = task.add_subcommand("done", "Mark a task done");
  cmd->add_option("id", *id, "task id")->required();
  cmd->callback([&ctx, id] {
    Engine& engine = ctx.engine();
    Task t = engine.get<Task>(*id);
    if (t.status != TaskStatus::done) {
      t.status = TaskStatus::done;
      t = engine.update(std::move(t));
    }
    print_record(ctx, t);
  });
}

}  // namespace

void add_task_commands(CLI::App& app, Context& ctx) {
  auto* task = app.add_subcommand("task", "Add, list and complete tasks (to-dos)");
  task->require_subcommand(1);
  add_create_command<Task>(*task, ctx, "add", "Add a task", declare_fields);
  add_show_command<Task>(*task, ctx, "task");
  add_task_list_command(*task, ctx);
  add_update_command<Task>(*task, ctx, "task", declare_fields);
  add_erase_command<Task>(*task, ctx, "task");
  add_done_command(*task, ctx);
}

}  // namespace crm::cli
