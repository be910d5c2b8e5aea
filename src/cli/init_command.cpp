// SPDX-License-Identifier: Apache-2.0
// crm init: create or open the database and say what it holds.
#include <crm/engine.hpp>
#include <crm/store/sqlite_store.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "table.hpp"

namespace crm::cli {

void add_init_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("init", "Create the database file (or open it) and show what it holds");
  cmd->callback([&ctx] {
    const bool existed = std::filesystem::exists(ctx.options.db);
    const Engine& engine = ctx.create_engine();
    const std::string path = std::filesystem::absolute(ctx.options.db).lexically_normal().string();
    const std::pair<const char*, std::size_t> counts[] = {
        {"customers", engine.count<Customer>()},
        {"interactions", engine.count<Interaction>()},
        {"leads", engine.count<Lead>()},
        {"opportunities", engine.count<Opportunity>()},
    };
    if (ctx.options.json) {
      nlohmann::json out{{"path", path}, {"created", !existed}, {"schema_version", SqliteStore::schema_version}};
      for (const auto& [name, n] : counts) out["counts"][name] = n;
      std::cout << out.dump() << '\n';
      return;
    }
    Table table({{""}, {"", false, 200}});
    table.add({"database", path + (existed ? "" : " (created)")});
    table.add({"format", "crm SQLite, schema version " + std::to_string(SqliteStore::schema_version)});
    for (const auto& [name, n] : counts) table.add({name, std::to_string(n)});
    table.print(std::cout);
  });
}

}  // namespace crm::cli
