// SPDX-License-Identifier: Apache-2.0
#pragma once
// The subcommands that look the same for every kind of record: add (from
// options or from JSON), update, show, list, rm, and a record's interactions. Each kind gives a function
// that declares its field options on a RecordOptions<T>.

#include <crm/engine.hpp>
#include <crm/json.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "context.hpp"
#include "input.hpp"
#include "record_options.hpp"
#include "render.hpp"

namespace crm::cli {

template <Record T>
using DeclareFields = void (*)(RecordOptions<T>&);

// `parent name [options] | --from-json JSON`: creates the record and prints it as stored.
template <Record T>
void add_create_command(CLI::App& parent, Context& ctx, const std::string& name, const std::string& description,
                        DeclareFields<T> declare) {
  auto* cmd = parent.add_subcommand(name, description);
  auto json = std::make_shared<std::string>();
  auto* json_option =
      cmd->add_option("--from-json", *json, "the whole record as JSON (- reads stdin), instead of the options below");
  auto fields = std::make_shared<RecordOptions<T>>(*cmd);
  declare(*fields);
  cmd->callback([&ctx, fields, json, json_option] {
    // Checked here rather than with CLI11's excludes(), which would list every option in the help.
    if (const auto* given = fields->first_given(); given != nullptr && json_option->count() > 0)
      throw CLI::ExcludesError(given->get_name(), "--from-json");
    Engine& engine = ctx.engine();
    T record{};
    if (json_option->count() > 0)
      record = from_json<T>(read_json_argument(*json));
    else
      fields->apply(record, ctx);
    print_record(ctx, engine.create(std::move(record)));
  });
}

// `parent update ID [options] | --from-json JSON`: the options given, or the
// top-level fields the JSON object names, replace those fields of the stored
// record (merge_fields); the rest keep their stored values. JSON reaches the
// fields no option spells (consents, credit limit, addresses, attributes).
template <Record T>
void add_update_command(CLI::App& parent, Context& ctx, const std::string& what, DeclareFields<T> declare) {
  auto* cmd = parent.add_subcommand("update", "Change fields of a " + what + " (lists given replace the stored ones)");
  auto id = std::make_shared<Id>(0);
  cmd->add_option("id", *id, what + " id")->required();
  auto json = std::make_shared<std::string>();
  auto* json_option = cmd->add_option(
      "--from-json", *json,
      "the fields to change as a JSON object (- reads stdin), instead of the options below; a \"version\" in it "
      "must be the stored one");
  auto fields = std::make_shared<RecordOptions<T>>(*cmd);
  declare(*fields);
  cmd->callback([&ctx, fields, id, json, json_option] {
    if (const auto* given = fields->first_given(); given != nullptr && json_option->count() > 0)
      throw CLI::ExcludesError(given->get_name(), "--from-json");
    Engine& engine = ctx.engine();
    T record = engine.get<T>(*id);
    if (json_option->count() > 0) {
      const std::string given = read_json_argument(*json);
      (void)from_json<T>(given);  // refuses an unknown key or a bad value by the record's own rules, naming it
      record = from_json<T>(merge_fields(to_json(record), given, *id));
    } else {
      fields->apply(record, ctx);
    }
    print_record(ctx, engine.update(std::move(record)));
  });
}

// `parent show ID`: every field of one record.
template <Record T>
void add_show_command(CLI::App& parent, Context& ctx, const std::string& what) {
  auto id = std::make_shared<Id>(0);
  auto* cmd = parent.add_subcommand("show", "Show one " + what + " with every field");
  cmd->add_option("id", *id, what + " id")->required();
  cmd->callback([&ctx, id] { print_record(ctx, ctx.engine().get<T>(*id)); });
}

// `parent rm ID [--version V]`: erases the record (Engine::erase). With
// --version, at that version: a stale one is refused, as C and Python refuse
// it; without, at the version just read, as the deal moves do.
template <Record T>
void add_erase_command(CLI::App& parent, Context& ctx, const std::string& what) {
  struct Args {
    Id id = 0;
    std::optional<Version> version;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = parent.add_subcommand("rm", "Erase a " + what + " (refused while other records refer to it)");
  cmd->add_option("id", args->id, what + " id")->required();
  cmd->add_option("--version", args->version, "the version you read; refused if the stored one differs");
  cmd->callback([&ctx, args, what] {
    Engine& engine = ctx.engine();
    const Version version = args->version ? *args->version : engine.get<T>(args->id).version;
    engine.erase<T>(args->id, version);
    if (ctx.options.json)
      std::cout << nlohmann::json{{"erased", what}, {"id", args->id}, {"version", version}}.dump() << '\n';
    else
      std::cout << "erased " << what << ' ' << args->id << '\n';
  });
}

// `parent list [filters] [--limit N] [--cursor C]`: one page of a query whose
// filters `declare_filters` binds.
template <class Query>
void add_list_command(CLI::App& parent, Context& ctx, const std::string& records,
                      void (*declare_filters)(CLI::App&, Query&)) {
  auto query = std::make_shared<Query>();
  auto* cmd = parent.add_subcommand("list", "List " + records + ": all in id order, or by one filter");
  declare_filters(*cmd, *query);
  add_paging_options(*cmd, *query);
  cmd->callback([&ctx, query, records] { print_page(ctx, ctx.engine().list(*query), records); });
}

// `parent name ID [--limit N] [--cursor C]`: the interactions of one `what`
// (its id goes in InteractionQuery::*key), newest first. An unknown id is an
// error, not an empty list.
template <Record T>
void add_interactions_command(CLI::App& parent, Context& ctx, const std::string& name, const std::string& what,
                              Id InteractionQuery::*key) {
  auto query = std::make_shared<InteractionQuery>();
  query->limit = 20;
  auto* cmd = parent.add_subcommand(name, "A " + what + "'s interactions and purchases, newest first");
  cmd->add_option("id", (*query).*key, what + " id")->required();
  add_paging_options(*cmd, *query);
  cmd->callback([&ctx, query, key] {
    const Engine& engine = ctx.engine();
    (void)engine.get<T>((*query).*key);
    print_page(ctx, engine.list(*query), "interactions");
  });
}

}  // namespace crm::cli
