// SPDX-License-Identifier: Apache-2.0
// crm lead add | show | list | update | rm | history, and (lead_pipeline_commands.cpp)
// duplicates | convert | assign | score
#include <crm/engine.hpp>
#include <crm/pipeline/dedup.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "commands.hpp"
#include "lead_pipeline.hpp"
#include "record_commands.hpp"

namespace crm::cli {

namespace {

void declare_fields(RecordOptions<Lead>& f) {
  f.field("--name", &Lead::display_name, "display name (default: the names, or the company)");
  f.field("--given", &Lead::given_name, "given name");
  f.field("--family", &Lead::family_name, "family name");
  f.field("--company", &Lead::company, "company");
  f.field("--title", &Lead::job_title, "job title");
  f.field("--email", &Lead::email, "e-mail address");
  f.field("--phone", &Lead::phone, "phone number");
  f.field("--source", &Lead::source, "where it came from: web form, trade show…");
  f.field("--industry", &Lead::industry, "industry");
  f.field("--territory", &Lead::territory, "territory");
  f.choice("--status", &Lead::status, "lead status");
  f.field("--reason", &Lead::status_reason, "why it was disqualified");
  f.field("--score", &Lead::score, "score, 0 to 100");
  f.field("--owner", &Lead::owner, "responsible user");
  f.field("--tag", &Lead::tags, "tag (repeatable)");
  f.field("--external-id", &Lead::external_id, "your key (unique among leads)");
}

void declare_filters(CLI::App& cmd, LeadQuery& query) {
  add_enum_option(cmd, "--status", query.status, "leads with this status");
  cmd.add_option("--owner", query.owner, "leads of this owner");
  cmd.add_option("--email", query.email, "leads with this e-mail address");
}

// `lead add [options] | --from-json JSON [--duplicates refuse|warn|allow]`:
// add_create_command with the duplicate check of create_lead. The default,
// warn, stores the lead and lists the candidates on stderr.
void add_create_lead_command(CLI::App& lead, Context& ctx) {
  auto* cmd = lead.add_subcommand("add", "Add a lead, checking it against stored leads and customers");
  auto json = std::make_shared<std::string>();
  auto* json_option =
      cmd->add_option("--from-json", *json, "the whole record as JSON (- reads stdin), instead of the options below");
  auto policy = std::make_shared<std::optional<DuplicatePolicy>>();
  add_enum_option(*cmd, "--duplicates", *policy,
                  "when it looks like a stored lead or customer (default warn: add it, list them on stderr)");
  auto fields = std::make_shared<RecordOptions<Lead>>(*cmd);
  declare_fields(*fields);
  cmd->callback([&ctx, fields, json, json_option, policy] {
    if (const auto* given = fields->first_given(); given != nullptr && json_option->count() > 0)
      throw CLI::ExcludesError(given->get_name(), "--from-json");
    Engine& engine = ctx.engine();
    Lead record{};
    if (json_option->count() > 0)
      record = from_json<Lead>(read_json_argument(*json));
    else
      fields->apply(record, ctx);
    const auto created = create_lead(engine, std::move(record), policy->value_or(DuplicatePolicy::warn));
    print_record(ctx, created.lead);
    warn_duplicates(std::cerr, "lead " + std::to_string(created.lead.id) + " '" + created.lead.display_name + "'",
                    created.duplicates);
  });
}

}  // namespace

void add_lead_commands(CLI::App& app, Context& ctx) {
  auto* lead = app.add_subcommand("lead", "Add, show, list, deduplicate, convert, assign and score leads");
  lead->require_subcommand(1);
  add_create_lead_command(*lead, ctx);
  add_show_command<Lead>(*lead, ctx, "lead");
  add_list_command<LeadQuery>(*lead, ctx, "leads", declare_filters);
  add_update_command<Lead>(*lead, ctx, "lead", declare_fields);
  add_erase_command<Lead>(*lead, ctx, "lead");
  add_interactions_command<Lead>(*lead, ctx, "history", "lead", &InteractionQuery::lead_id);
  add_lead_pipeline_commands(*lead, ctx);
}

}  // namespace crm::cli
