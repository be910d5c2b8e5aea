// SPDX-License-Identifier: Apache-2.0
// Workflow rules at work, on an embedded SQLite file and a simulated clock:
// the three examples of the CRM literature plus escalation.
//   1. A seminar planned for a lead becomes a to-do for the pre-sales
//      manager; everyone is reminded the day before; afterwards the outcome
//      is asked for.
//   2. A customer flagged as likely to churn goes on the call-centre list.
//   3. A customer whose debt passes the credit limit raises a warning.
// The rules are data: examples/workflow_rules.json (docs/WORKFLOW.md).
//
//   workflow RULES.json [path/to/file.db]

#include <crm/crm.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace {

using days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

void load_rules(crm::Engine& engine, const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << file.rdbuf();
  for (const auto& rule : nlohmann::json::parse(text.str())) engine.save_rule(rule.dump());
}

// What the host would hand to e-mail, SMS or its own screens, then acknowledge.
void deliver(crm::Engine& engine) {
  for (const auto& note : engine.list(crm::OutboxQuery{.limit = 100}).items) {
    std::cout << "    notify " << (note.to.empty() ? "-" : note.to) << ": " << note.topic << " (" << note.entity
              << " " << note.record_id << ")\n";
    engine.acknowledge(note.id);
  }
}

void show_tasks(crm::Engine& engine, const std::string& owner) {
  for (const auto& task : engine.list(crm::TaskQuery{.owner = owner, .limit = 100}).items)
    std::cout << "    to-do for " << owner << ": " << task.subject << ", due "
              << (task.due_at ? crm::to_iso8601(*task.due_at) : "-") << "\n";
}

void advance(crm::Engine& engine, crm::ManualClock& clock, days by) {
  clock.advance(by);
  const auto report = engine.run_due(clock.now());
  std::cout << "  " << crm::to_iso8601(clock.now()) << ": ran " << report.ran << ", skipped " << report.skipped
            << ", failed " << report.failed << " timed actions\n";
  deliver(engine);
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::cerr << "usage: workflow RULES.json [file.db]\n";
    return 2;
  }
  const std::string path = argc > 2 ? argv[2] : "crm-workflow.db";
  auto clock = std::make_shared<crm::ManualClock>(crm::from_millis(1'767'225'600'000));  // 2026-01-01
  crm::Engine engine(std::make_unique<crm::SqliteStore>(path), {.default_region = "GB", .clock = clock});
  load_rules(engine, argv[1]);
  std::cout << "workflow example on " << path << ": " << engine.list(crm::RuleQuery{}).items.size()
            << " rules loaded\n\n";

  std::cout << "1. A seminar for a lead\n";
  crm::Lead lead;
  lead.display_name = "Grace Hopper";
  lead = engine.create(lead);
  crm::Interaction seminar;
  seminar.lead_id = lead.id;
  seminar.channel = crm::Channel::in_person;
  seminar.kind = crm::InteractionKind::meeting;
  seminar.subject = "Seminar: retail analytics";
  seminar.occurred_at = clock->now() + days(7);
  seminar = engine.create(seminar);
  show_tasks(engine, "presales-manager");
  advance(engine, *clock, days(4));  // the to-do's reminder
  auto prepared = engine.list(crm::TaskQuery{.owner = "presales-manager"}).items.at(0);
  prepared.status = crm::TaskStatus::done;
  engine.update(prepared);
  advance(engine, *clock, days(2));  // the day before: everyone is reminded
  advance(engine, *clock, days(2));  // the day after, no outcome recorded yet
  show_tasks(engine, "presales-manager");

  std::cout << "\n2. A customer likely to churn\n";
  crm::Customer ada;
  ada.display_name = "Ada Lovelace";
  ada.stage = crm::LifecycleStage::active;
  ada = engine.create(ada);
  ada.stage = crm::LifecycleStage::at_risk;  // e.g. set by the host's churn model
  engine.update(ada);
  for (const auto& c : engine.list(crm::CustomerQuery{.tag = "call-list"}).items)
    std::cout << "    on the call list: " << c.display_name << "\n";
  show_tasks(engine, "call-centre");

  std::cout << "\n3. Debt past the credit limit\n";
  crm::Customer shop;
  shop.display_name = "Corner shop";
  shop.owner = "alice";
  shop.credit_limit = crm::Money::of(1'000'00, "GBP");
  shop.attributes["balance"] = std::int64_t{900'00};
  shop = engine.create(shop);
  shop.attributes["balance"] = std::int64_t{1'200'00};  // the host posts a new invoice
  engine.update(shop);
  deliver(engine);

  std::cout << "\n4. A call nobody made is escalated a day after it was due\n";
  advance(engine, *clock, days(2));
  show_tasks(engine, "team-lead");
  return 0;
} catch (const std::exception& e) {
  std::cerr << "workflow: " << e.what() << "\n";
  return 1;
}
