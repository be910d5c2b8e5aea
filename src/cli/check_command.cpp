// SPDX-License-Identifier: Apache-2.0
// crm check: every stored record that cannot be used, and an exit status
// scripts can test (0 no damage, 3 damage found, 1 the check could not run).
#include <crm/engine.hpp>
#include <crm/json.hpp>

#include <iostream>

#include "commands.hpp"

namespace crm::cli {

void add_check_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "check", "Read every record and list the damaged ones (exit status 3 when there are any)");
  cmd->callback([&ctx] {
    const auto report = ctx.engine().check();
    if (!report.ok()) ctx.exit_code = damage_found;
    if (ctx.options.json) {
      std::cout << to_json(report) << '\n';
      return;
    }
    if (report.ok()) {
      std::cout << "checked " << report.records << " records: no damage\n";
      return;
    }
    // One line per problem, worded as get() of the record would fail: easy to grep.
    for (const auto& d : report.damaged) std::cout << d.collection << ' ' << d.id << ": " << d.problem << '\n';
    std::cout << report.damaged.size() << " damaged record" << (report.damaged.size() == 1 ? "" : "s") << " in "
              << report.records << " checked: showing one fails, listings leave it out and warn\n";
  });
}

}  // namespace crm::cli
