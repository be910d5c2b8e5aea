// crm opp add | show | list | update
#include <crm/engine.hpp>

#include <memory>
#include <optional>

#include "commands.hpp"
#include "record_commands.hpp"

namespace crm::cli {

namespace {

void declare_fields(RecordOptions<Opportunity>& f) {
  f.field("--name", &Opportunity::name, "name of the deal");
  f.field("--customer", &Opportunity::customer_id, "customer id of the account");
  f.field("--lead", &Opportunity::lead_id, "lead id it came from");
  f.field("--pipeline", &Opportunity::pipeline, "pipeline (default: default)");
  f.field("--stage", &Opportunity::stage, "stage in the pipeline");
  auto amount = std::make_shared<AmountOptions>();
  amount->declare(f, "amount in major units, e.g. 12000.00");
  // An update keeps the stored currency unless told otherwise.
  f.step([amount](Opportunity& o, const Context& ctx) {
    if (amount->given()) o.amount = amount->amount(ctx, o.amount ? &*o.amount : nullptr);
  });
  f.parsed("--close", &Opportunity::expected_close, parse_date, "expected close day, YYYY-MM-DD");
  f.field("--probability", &Opportunity::probability, "percent, 0 to 100");
  f.choice("--status", &Opportunity::status, "deal status");
  f.field("--lost-reason", &Opportunity::lost_reason, "why it was lost (required when lost)");
  f.field("--owner", &Opportunity::owner, "responsible user");
  f.field("--tag", &Opportunity::tags, "tag (repeatable)");
  f.field("--external-id", &Opportunity::external_id, "your key (unique among opportunities)");
}

void declare_filters(CLI::App& cmd, OpportunityQuery& query) {
  cmd.add_option("--customer", query.customer_id, "the deals of this customer");
  cmd.add_option("--owner", query.owner, "the deals of this owner");
  add_enum_option(cmd, "--status", query.status, "the deals with this status");
  auto* pipeline = cmd.add_option("--pipeline", query.pipeline, "the deals of this pipeline");
  cmd.add_option("--stage", query.stage, "with --pipeline: the deals in this stage")->needs(pipeline);
}

}  // namespace

void add_opp_commands(CLI::App& app, Context& ctx) {
  auto* opp = app.add_subcommand("opp", "Add, show and list opportunities (deals)");
  opp->require_subcommand(1);
  add_create_command<Opportunity>(*opp, ctx, "add", "Add an opportunity", declare_fields);
  add_show_command<Opportunity>(*opp, ctx, "opportunity");
  add_list_command<OpportunityQuery>(*opp, ctx, "opportunities", declare_filters);
  add_update_command<Opportunity>(*opp, ctx, "opportunity", declare_fields);
}

}  // namespace crm::cli
