// SPDX-License-Identifier: Apache-2.0
// crm log: one interaction or purchase; crm interaction rm: erase one.
#include <crm/engine.hpp>

#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "record_commands.hpp"

namespace crm::cli {

namespace {

void declare_fields(RecordOptions<Interaction>& f) {
  f.field("--customer", &Interaction::customer_id, "customer id (this or --lead is required)");
  f.field("--lead", &Interaction::lead_id, "lead id");
  f.field("--opportunity", &Interaction::opportunity_id, "opportunity id");
  const auto* kind = f.choice("--kind", &Interaction::kind, "interaction kind",
                              "default: purchase with --amount or --item, else note");
  const auto* channel = f.choice("--channel", &Interaction::channel, "channel",
                                 "default: " + std::string(to_string(default_purchase_channel)) +
                                     " for a purchase, else other");
  f.choice("--direction", &Interaction::direction, "direction", "default: inbound");
  f.field("--subject", &Interaction::subject, "subject");
  f.field("--body", &Interaction::body, "body text");
  f.field("--outcome", &Interaction::outcome, "outcome");

  struct Sale {
    AmountOptions amount;
    std::vector<std::string> items;
  };
  auto sale = std::make_shared<Sale>();
  sale->amount.declare(f, "amount in major units, e.g. 17.99 (default: the items' total)");
  f.other(f.command().add_option("--item", sale->items, "line item SKU:QTY:PRICE, e.g. TEA-250:2:4.50 (repeatable)"));
  f.step([sale, kind, channel](Interaction& i, const Context& ctx) {
    if (sale->amount.given() || !sale->items.empty()) {
      if (kind->count() == 0) i.kind = InteractionKind::purchase;
      if (sale->amount.given()) i.amount = sale->amount.amount(ctx);
      for (const auto& spec : sale->items) i.items.push_back(parse_item(spec, sale->amount.currency(ctx)));
    }
    // A purchase logged without a channel is on the library's purchase
    // channel, as crm_purchase_log and Python's log_purchase log it.
    if (i.kind == InteractionKind::purchase && channel->count() == 0) i.channel = default_purchase_channel;
  });
}

}  // namespace

void add_log_command(CLI::App& app, Context& ctx) {
  add_create_command<Interaction>(app, ctx, "log", "Log an interaction or a purchase", declare_fields);
}

void add_interaction_commands(CLI::App& app, Context& ctx) {
  auto* interaction = app.add_subcommand("interaction", "Erase an interaction (crm log adds them)");
  interaction->require_subcommand(1);
  add_erase_command<Interaction>(*interaction, ctx, "interaction");
}

}  // namespace crm::cli
