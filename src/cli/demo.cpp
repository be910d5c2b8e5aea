// SPDX-License-Identifier: Apache-2.0
// crm demo: load a realistic data set, then walk through a day at a shop's till.
#include <crm/crm.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "demo_data.hpp"
#include "demo_load.hpp"
#include "render.hpp"

namespace crm::cli {

namespace {

struct DemoOptions {
  std::size_t customers = 5000;
  std::uint64_t seed = 42;
};

std::string counted(std::size_t n, const std::string& noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

void step(std::string_view text) { std::cout << "\n" << text << "\n"; }

void indented(const Table& table) {
  std::ostringstream text;
  table.print(text);
  std::string line;
  std::istringstream lines(text.str());
  while (std::getline(lines, line)) std::cout << "  " << line << '\n';
}

// Registers a customer the engine must refuse, and shows what it said.
void show_refusal(Engine& engine, const std::string& name, const std::string& phone) {
  Customer customer;
  customer.display_name = name;
  customer.phones = {phone};
  try {
    engine.create(customer);
    std::cout << "  accepted (unexpectedly)\n";
  } catch (const Error& e) {
    std::cout << "  crm: error: " << e.what() << '\n';
  }
}

// What a till does in a morning, each step through the same engine calls a host makes.
void walk_through(Engine& engine) {
  std::cout << "\nA morning at the till of a shop in London (phones read in region GB).\n";
  const Customer ada = engine.get<Customer>(engine.find_customer_by_external_id(demo::ada.external_id)->id);

  step("1. A customer gives her phone number; the till looks it up however it is typed:");
  Table lookups({{"typed"}, {"found", true}, {"name"}, {"stored as"}});
  for (const char* typed : {"020 7946 0018", "+44 20 7946 0018", "0044 20 7946 0018"}) {
    const auto found = engine.find_customer_by_phone(typed);
    lookups.add({std::string("'") + typed + "'", found ? "#" + std::to_string(found->id) : "-",
                 found ? found->display_name : "not found", found ? found->phones.front() : ""});
  }
  indented(lookups);

  step("2. She buys two packs of tea and a mug; the till logs the purchase in one call:");
  Interaction sale;
  sale.customer_id = ada.id;
  sale.kind = InteractionKind::purchase;
  sale.channel = Channel::pos;
  sale.subject = "Till 2";
  sale.items = {{.sku = "TEA-EARLGREY", .description = "Earl Grey tea 250g", .quantity = 2, .unit_price = parse_money("4.50", "GBP")},
                {.sku = "MUG-BLUE", .description = "Blue mug", .quantity = 1, .unit_price = parse_money("8.99", "GBP")}};
  sale = engine.create(sale);
  std::cout << "  interaction #" << sale.id << ": " << to_string(*sale.amount) << " (the items' total)\n";

  step("3. Her history, newest first:");
  indented(table_of(engine.list(InteractionQuery{.customer_id = ada.id, .limit = 5}).items));

  step("4. A visitor from Beijing gives his mobile number, +86 138 0013 8000:");
  if (const auto found = engine.find_customer_by_phone("+86 138 0013 8000")) indented(table_of({*found}));
  std::cout << "  Other customers whose name starts with 张 (wide characters keep the columns aligned):\n";
  indented(table_of(engine.list(CustomerQuery{.name_prefix = "张", .limit = 5}).items));

  step("5. A new customer types the phone as '12ab'; the till refuses it and writes nothing:");
  const std::size_t before = engine.count<Customer>();
  show_refusal(engine, "Walk-in customer", "12ab");
  step("6. Someone tries to register Ada's number for a second customer:");
  show_refusal(engine, "A. Lovelace", "020 7946 0018");
  std::cout << "  still " << engine.count<Customer>() << " customers (" << before << " before the two refusals).\n";
}

}  // namespace

void add_demo_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "Load a realistic data set (once per file), then walk through a day at a till (region GB)");
  cmd->add_option("--customers", options->customers, "how many customers to load")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{1000000}));
  cmd->add_option("--seed", options->seed, "seed of the generated data")->capture_default_str();
  cmd->callback([&ctx, options] {
    Engine& engine = ctx.create_engine("GB");
    const bool loaded = !engine.find_customer_by_external_id(demo::ada.external_id);
    double seconds = 0;
    if (loaded) {
      const auto start = std::chrono::steady_clock::now();
      const auto counts = demo::load(engine, options->customers, options->seed);
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!ctx.options.json)
        std::printf("Loaded %s (%s), %s, %s and %s into %s in %.1f s, in one transaction.\n",
                    counted(counts.customers, "customer").c_str(), counted(counts.organisations, "organisation").c_str(),
                    counted(counts.interactions, "interaction").c_str(), counted(counts.leads, "lead").c_str(),
                    counted(counts.opportunities, "deal").c_str(), ctx.options.db.c_str(), seconds);
    } else if (!ctx.options.json) {
      std::printf("%s already holds the demo data (%zu customers): not loading it again. Use another --db for a "
                  "fresh set.\n",
                  ctx.options.db.c_str(), engine.count<Customer>());
    }
    std::fflush(stdout);
    if (ctx.options.json) {
      std::cout << nlohmann::json{{"path", ctx.options.db},
                                  {"loaded", loaded},
                                  {"load_seconds", seconds},
                                  {"customers", engine.count<Customer>()},
                                  {"interactions", engine.count<Interaction>()},
                                  {"leads", engine.count<Lead>()},
                                  {"opportunities", engine.count<Opportunity>()}}
                       .dump()
                << '\n';
      return;
    }
    walk_through(engine);
  });
}

}  // namespace crm::cli
