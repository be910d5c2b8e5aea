// crm lead add | show | list | update
#include <crm/engine.hpp>

#include "commands.hpp"
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

}  // namespace

void add_lead_commands(CLI::App& app, Context& ctx) {
  auto* lead = app.add_subcommand("lead", "Add, show and list leads");
  lead->require_subcommand(1);
  add_create_command<Lead>(*lead, ctx, "add", "Add a lead", declare_fields);
  add_show_command<Lead>(*lead, ctx, "lead");
  add_list_command<LeadQuery>(*lead, ctx, "leads", declare_filters);
  add_update_command<Lead>(*lead, ctx, "lead", declare_fields);
}

}  // namespace crm::cli
