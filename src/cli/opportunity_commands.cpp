// SPDX-License-Identifier: Apache-2.0
// crm opp add | show | list | update | rm | move | win | lose | history | interactions
#include <crm/engine.hpp>

#include <memory>
#include <optional>
#include <string>

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

struct Move {
  Id id = 0;
  std::string stage, reason, by;
};

// `opp NAME ID [--by WHO]`: applies `make` to the deal at the version just
// read and prints the deal as stored. The engine refuses to move a closed deal.
CLI::App* add_move_command(CLI::App& opp, Context& ctx, const std::string& name, const std::string& description,
                           const std::shared_ptr<Move>& move,
                           Opportunity (*make)(Engine&, const Opportunity&, const Move&)) {
  auto* cmd = opp.add_subcommand(name, description);
  cmd->add_option("id", move->id, "opportunity id")->required();
  cmd->add_option("--by", move->by, "who made the change, kept in the stage history");
  cmd->callback([&ctx, move, make] {
    Engine& engine = ctx.engine();
    print_record(ctx, make(engine, engine.get<Opportunity>(move->id), *move));
  });
  return cmd;
}

void add_move_commands(CLI::App& opp, Context& ctx) {
  auto move = std::make_shared<Move>();
  add_move_command(opp, ctx, "move", "Move a deal to another stage of its pipeline", move,
                   [](Engine& e, const Opportunity& o, const Move& m) {
                     return e.move_stage(o.id, o.version, m.stage, m.by);
                   })
      ->add_option("stage", move->stage, "stage of the deal's pipeline (any case)")
      ->required();
  add_move_command(opp, ctx, "win", "Close a deal as won", std::make_shared<Move>(),
                   [](Engine& e, const Opportunity& o, const Move& m) { return e.close_won(o.id, o.version, m.by); });
  auto lose = std::make_shared<Move>();
  add_move_command(opp, ctx, "lose", "Close a deal as lost", lose,
                   [](Engine& e, const Opportunity& o, const Move& m) {
                     return e.close_lost(o.id, o.version, m.reason, m.by);
                   })
      ->add_option("--reason", lose->reason, "why it was lost")
      ->required();
}

void add_history_command(CLI::App& opp, Context& ctx) {
  auto query = std::make_shared<StageChangeQuery>();
  auto* cmd = opp.add_subcommand("history", "A deal's stage history, oldest first");
  cmd->add_option("id", query->opportunity_id, "opportunity id")->required();
  add_paging_options(*cmd, *query);
  cmd->callback([&ctx, query] {
    const Engine& engine = ctx.engine();
    (void)engine.get<Opportunity>(query->opportunity_id);  // an unknown deal is an error, not an empty history
    print_page(ctx, engine.list(*query));
  });
}

}  // namespace

void add_opportunity_commands(CLI::App& app, Context& ctx) {
  auto* opp = app.add_subcommand("opp", "Add, show, list and move opportunities (deals)");
  opp->require_subcommand(1);
  add_create_command<Opportunity>(*opp, ctx, "add", "Add an opportunity", declare_fields);
  add_show_command<Opportunity>(*opp, ctx, "opportunity");
  add_list_command<OpportunityQuery>(*opp, ctx, "opportunities", declare_filters);
  add_update_command<Opportunity>(*opp, ctx, "opportunity", declare_fields);
  add_erase_command<Opportunity>(*opp, ctx, "opportunity");
  add_move_commands(*opp, ctx);
  add_history_command(*opp, ctx);
  // "history" is the stage history here, so the deal's interactions go by their own name.
  add_interactions_command<Opportunity>(*opp, ctx, "interactions", "opportunity", &InteractionQuery::opportunity_id);
}

}  // namespace crm::cli
