// SPDX-License-Identifier: Apache-2.0
// crm: the command-line face of the crm engine, over one SQLite file.
//
// Exit codes: 0 done; 1 crm refused or failed (one line on stderr,
// "crm: error: …", and nothing written); 2 the command line itself is wrong;
// 3 `crm check` found damaged records. Control bytes of the input are never
// printed raw (escaped_output.hpp).
#include <crm/error.hpp>
#include <crm/version.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <limits>
#include <new>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "context.hpp"
#include "escaped_output.hpp"
#include "text/quote.hpp"

namespace {

constexpr int crm_failure = 1;
constexpr int usage_failure = 2;

// "crm customer add": the subcommands the parse got to, for the hint.
std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* at = &app; !at->get_subcommands().empty();) {
    at = at->get_subcommands().front();
    path += " " + at->get_name();
  }
  return path;
}

// CLI11 checks for a missing subcommand before it looks at what is left
// over, so "crm frob" would only say that a subcommand is required.
std::string usage_problem(const CLI::App& app, const CLI::ParseError& e) {
  const auto left = app.remaining(true);
  if (!left.empty() && std::string_view(e.what()).starts_with("A subcommand is required"))
    return "unknown command " + crm::detail::quote(left.front());
  return e.what();
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything prints, and gone after everything has: no control byte
  // of the input reaches the terminal raw.
  const crm::cli::EscapedOutput escaped_out(std::cout);
  const crm::cli::EscapedOutput escaped_err(std::cerr);
  crm::cli::Context ctx;
  CLI::App app{"crm: customers, interactions, leads, deals and tasks in one SQLite file", "crm"};
  app.fallthrough();  // global options may follow the subcommand
  app.require_subcommand(1);
  app.add_option("--db", ctx.options.db, "database file")->capture_default_str();
  app.add_option("--region", ctx.options.region, "region for phone numbers typed without +CC (ISO 3166)")
      ->capture_default_str();
  app.add_option("--page-cache-mib", ctx.options.page_cache_mib,
                 "MiB of SQLite pages to cache (0: SQLite's ~2 MiB); more speeds imports into large files")
      ->capture_default_str();
  app.add_option("--busy-timeout", ctx.options.busy_timeout_ms,
                 "milliseconds a write waits for another process's write to end before it fails (0..86400000)")
      ->capture_default_str();
  app.add_option("--workflow-action-limit", ctx.options.workflow_action_limit,
                 "most rule actions one change may set off; one more fails the change")
      ->check(CLI::Range(std::int64_t{1}, std::numeric_limits<std::int64_t>::max()))
      ->capture_default_str();
  app.add_flag("--json", ctx.options.json, "print JSON instead of tables");
  // "crm 0.1.0": the project version, as crm/version.hpp spells it.
  app.set_version_flag("--version", std::string("crm ") + crm::version, "print the version and exit");

  crm::cli::add_init_command(app, ctx);
  crm::cli::add_customer_commands(app, ctx);
  crm::cli::add_log_command(app, ctx);
  crm::cli::add_interaction_commands(app, ctx);
  crm::cli::add_lead_commands(app, ctx);
  crm::cli::add_opportunity_commands(app, ctx);
  crm::cli::add_pipeline_commands(app, ctx);
  crm::cli::add_task_commands(app, ctx);
  crm::cli::add_rule_commands(app, ctx);
  crm::cli::add_workflow_commands(app, ctx);
  crm::cli::add_approval_commands(app, ctx);
  crm::cli::add_import_command(app, ctx);
  crm::cli::add_analytics_commands(app, ctx);
  crm::cli::add_demo_command(app, ctx);
  crm::cli::add_check_command(app, ctx);

  try {
    app.parse(argc, argv);
    return ctx.exit_code;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help, --version
    std::cerr << "crm: error: " << usage_problem(app, e) << " (see: " << command_path(app) << " --help)\n";
    return usage_failure;
  } catch (const crm::Error& e) {
    std::cerr << "crm: error: " << e.what() << '\n';
    return crm_failure;
  } catch (const std::bad_alloc&) {  // what() would say "std::bad_alloc"
    std::cerr << "crm: error: out of memory\n";
    return crm_failure;
  } catch (const std::exception& e) {
    std::cerr << "crm: error: " << e.what() << '\n';
    return crm_failure;
  }
}
