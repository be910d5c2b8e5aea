// SPDX-License-Identifier: Apache-2.0
// crm customer add | show | find | list | history | update | rm
#include <crm/engine.hpp>

#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "commands.hpp"
#include "record_commands.hpp"
#include "text/quote.hpp"

namespace crm::cli {

namespace {

void declare_fields(RecordOptions<Customer>& f) {
  f.field("--name", &Customer::display_name, "display name (default: given and family name)");
  f.field("--given", &Customer::given_name, "given name");
  f.field("--family", &Customer::family_name, "family name");
  f.choice("--kind", &Customer::kind, "party kind");
  f.field("--organisation", &Customer::organisation_id, "id of the organisation a person belongs to");
  f.field("--phone", &Customer::phones, "phone number, in any spelling (repeatable)");
  f.field("--email", &Customer::emails, "e-mail address (repeatable)");
  f.field("--tier", &Customer::tier, "tier: your own names (gold, silver…)");
  f.choice("--stage", &Customer::stage, "lifecycle stage");
  f.field("--tag", &Customer::tags, "tag (repeatable)");
  f.field("--owner", &Customer::owner, "responsible user");
  f.field("--points", &Customer::loyalty_points, "loyalty points");
  f.field("--external-id", &Customer::external_id, "your key: loyalty card, ERP number (unique)");
}

void declare_filters(CLI::App& cmd, CustomerQuery& query) {
  cmd.add_option("--name", query.name_prefix, "names starting with this, in name order (any case)");
  cmd.add_option("--tag", query.tag, "customers with this tag");
  add_enum_option(cmd, "--stage", query.stage, "customers in this lifecycle stage");
  cmd.add_option("--owner", query.owner, "customers of this owner");
  cmd.add_option("--organisation", query.organisation_id, "the members of this organisation");
}

void add_find_command(CLI::App& customer, Context& ctx) {
  struct Key {
    std::optional<std::string> phone, email, external_id;
  };
  auto key = std::make_shared<Key>();
  auto* cmd = customer.add_subcommand("find", "Find the customer with a phone, e-mail or external id");
  auto* by = cmd->add_option_group("key", "exactly one of");
  by->add_option("--phone", key->phone, "phone number, in any spelling of the region");
  by->add_option("--email", key->email, "e-mail address, in any case");
  by->add_option("--external-id", key->external_id, "your key");
  by->require_option(1);
  cmd->callback([&ctx, key] {
    const Engine& engine = ctx.engine();
    const auto [found, what, value] =
        key->phone   ? std::tuple{engine.find_customer_by_phone(*key->phone), "phone", *key->phone}
        : key->email ? std::tuple{engine.find_customer_by_email(*key->email), "e-mail", *key->email}
                     : std::tuple{engine.find_customer_by_external_id(*key->external_id), "external id",
                                  *key->external_id};
    if (!found) throw Error(Errc::not_found, std::string("no customer with ") + what + " " + detail::quote(value));
    print_record(ctx, *found);
  });
}

}  // namespace

void add_customer_commands(CLI::App& app, Context& ctx) {
  auto* customer = app.add_subcommand("customer", "Add, find and list customers");
  customer->require_subcommand(1);
  add_create_command<Customer>(*customer, ctx, "add", "Add a customer", declare_fields);
  add_show_command<Customer>(*customer, ctx, "customer");
  add_find_command(*customer, ctx);
  add_list_command<CustomerQuery>(*customer, ctx, "customers", declare_filters);
  add_interactions_command<Customer>(*customer, ctx, "history", "customer", &InteractionQuery::customer_id);
  add_update_command<Customer>(*customer, ctx, "customer", declare_fields);
  add_erase_command<Customer>(*customer, ctx, "customer");
}

}  // namespace crm::cli
