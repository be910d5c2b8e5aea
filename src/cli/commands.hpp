// SPDX-License-Identifier: Apache-2.0
#pragma once
// Each file registers its own subcommands on the crm app.

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace crm::cli {

void add_init_command(CLI::App& app, Context& ctx);      // init_command.cpp
void add_customer_commands(CLI::App& app, Context& ctx);  // customer_commands.cpp
void add_log_command(CLI::App& app, Context& ctx);        // log_commands.cpp
void add_interaction_commands(CLI::App& app, Context& ctx);  // log_commands.cpp
void add_lead_commands(CLI::App& app, Context& ctx);      // lead_commands.cpp
void add_opportunity_commands(CLI::App& app, Context& ctx);       // opportunity_commands.cpp
void add_pipeline_commands(CLI::App& app, Context& ctx);  // pipeline_commands.cpp
// funnel, forecast, cycle, alerts under `crm pipeline`
void add_pipeline_report_commands(CLI::App& pipeline, Context& ctx);  // pipeline_reports.cpp
void add_task_commands(CLI::App& app, Context& ctx);      // task_commands.cpp
void add_rule_commands(CLI::App& app, Context& ctx);      // rule_commands.cpp
// run-due, outbox, firings
void add_workflow_commands(CLI::App& app, Context& ctx);  // workflow_commands.cpp
void add_approval_commands(CLI::App& app, Context& ctx);  // approval_commands.cpp
void add_import_command(CLI::App& app, Context& ctx);     // import_command.cpp
// report rfm|value|clv|basket, segment, stats
void add_analytics_commands(CLI::App& app, Context& ctx);  // analytics_commands.cpp
void add_demo_command(CLI::App& app, Context& ctx);       // demo.cpp
void add_check_command(CLI::App& app, Context& ctx);      // check_command.cpp

}  // namespace crm::cli
