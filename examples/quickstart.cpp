// SPDX-License-Identifier: Apache-2.0
// The README's first command: a POS morning on an embedded SQLite file.
// Opens (or creates) the file, registers customers, logs interactions and a
// purchase, then finds a customer from a phone number typed another way.
//
//   quickstart [path/to/file.db]

#include <crm/crm.hpp>

#include <iostream>

namespace {

void show(const crm::Customer& c) {
  std::cout << "  #" << c.id << "  " << c.display_name << "  " << (c.phones.empty() ? "-" : c.phones.front()) << "  "
            << (c.emails.empty() ? "-" : c.emails.front()) << "  stage " << crm::to_string(c.stage) << ", tier "
            << (c.tier.empty() ? "-" : c.tier) << ", " << c.loyalty_points << " points\n";
}

crm::Customer register_customer(crm::Engine& engine, crm::Customer c) {
  // Re-running the demo on the same file finds the customer from last time.
  if (auto existing = engine.find_customer_by_external_id(c.external_id)) return *existing;
  return engine.create(std::move(c));
}

}  // namespace

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : "crm-demo.db";
  crm::Engine engine(std::make_unique<crm::SqliteStore>(path), {.default_region = "GB"});
  std::cout << "crm " << "quickstart on " << path << " (" << engine.count<crm::Customer>() << " customers stored)\n\n";

  crm::Customer ada;
  ada.given_name = "Ada";
  ada.family_name = "Lovelace";
  ada.emails = {"  Ada.Lovelace@Example.COM "};
  ada.phones = {"020 7946 0018"};
  ada.tier = "gold";
  ada.stage = crm::LifecycleStage::active;
  ada.external_id = "LOYALTY-0001";
  ada.consents[crm::ConsentChannel::email] = {.granted = true, .source = "pos"};

  crm::Customer wei;
  wei.display_name = "张伟";
  wei.phones = {"+86 138 0013 8000"};
  wei.external_id = "LOYALTY-0002";
  wei.attributes["preferred_language"] = std::string("zh");

  std::cout << "Registering customers (phones become E.164, e-mails lower case):\n";
  ada = register_customer(engine, ada);
  wei = register_customer(engine, wei);
  show(ada);
  show(wei);

  crm::Interaction call;
  call.customer_id = ada.id;
  call.channel = crm::Channel::phone;
  call.kind = crm::InteractionKind::call;
  call.subject = "Asked about the spring catalogue";
  engine.create(call);

  crm::Interaction purchase;
  purchase.customer_id = ada.id;
  purchase.channel = crm::Channel::pos;
  purchase.kind = crm::InteractionKind::purchase;
  purchase.subject = "Till 3";
  purchase.items = {{.sku = "TEA-EARLGREY", .description = "Earl Grey 250g", .quantity = 2, .unit_price = crm::Money::of(450, "GBP")},
                    {.sku = "MUG-BLUE", .description = "Blue mug", .quantity = 1, .unit_price = crm::Money::of(899, "GBP")}};
  purchase = engine.create(purchase);  // the amount is the items' total
  std::cout << "\nLogged a call and a purchase of " << crm::to_string(*purchase.amount) << " for " << ada.display_name
            << ".\n";

  const std::string typed = "+44 20 7946 0018";
  std::cout << "\nThe till looks up '" << typed << "':\n";
  const auto found = engine.find_customer_by_phone(typed);
  if (!found) {
    std::cerr << "not found\n";
    return 1;
  }
  show(*found);

  std::cout << "\nTheir history, newest first:\n";
  for (const auto& i : engine.list(crm::InteractionQuery{.customer_id = found->id, .limit = 5}).items)
    std::cout << "  " << crm::to_iso8601(i.occurred_at) << "  " << crm::to_string(i.channel) << "  "
              << crm::to_string(i.kind) << "  " << i.subject
              << (i.amount ? "  " + crm::to_string(*i.amount) : std::string()) << "\n";

  std::cout << "\nA bad phone number is refused and nothing is written:\n";
  try {
    crm::Customer bad;
    bad.display_name = "Typo";
    bad.phones = {"12ab"};
    engine.create(bad);
  } catch (const crm::Error& e) {
    std::cout << "  error (" << crm::to_string(e.code()) << "): " << e.what() << "\n";
  }
  std::cout << "\n" << engine.count<crm::Customer>() << " customers and " << engine.count<crm::Interaction>()
            << " interactions in " << path << ".\n";
  return 0;
} catch (const crm::Error& e) {
  std::cerr << "crm: " << e.what() << "\n";
  return 1;
}
