// SPDX-License-Identifier: Apache-2.0
#include "render.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace crm::cli {

namespace {

using nlohmann::json;

bool is_money(const json& v) { return v.is_object() && v.size() == 2 && v.contains("minor") && v.contains("currency"); }

bool is_time_field(std::string_view key) {
  return key.ends_with("_at") || key == "expected_close" || key == "at";
}

bool holds_nothing(std::string_view key, const json& v) {
  if (v.is_null()) return true;
  if (v.is_string()) return v.get_ref<const std::string&>().empty();
  if ((v.is_array() || v.is_object()) && v.empty()) return true;
  // A link to no record (organisation_id, lead_id…) is 0.
  return key.ends_with("_id") && v.is_number_integer() && v.get<std::int64_t>() == 0;
}

std::string text_of(std::string_view key, const json& v);

std::string joined(const json& object, std::string_view separator) {
  std::string out;
  for (const auto& [key, value] : object.items()) {
    if (holds_nothing(key, value)) continue;
    if (!out.empty()) out += separator;
    out += key + " " + text_of(key, value);
  }
  return out;
}

std::string text_of(std::string_view key, const json& v) {
  if (is_money(v)) return to_string(Money::of(v["minor"].get<std::int64_t>(), v["currency"].get<std::string>()));
  if (is_time_field(key) && v.is_number_integer()) return to_iso8601(from_millis(v.get<std::int64_t>()));
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) out += (out.empty() ? "" : ", ") + text_of(key, item);
    return out;
  }
  if (v.is_object() && v.contains("timestamp")) return to_iso8601(from_millis(v["timestamp"].get<std::int64_t>()));
  if (v.is_object()) return joined(v, ", ");
  return v.dump();
}

// Line items read better as "2 × TEA-250  Earl Grey 250g  @ 4.50 GBP", one per line.
std::string item_text(const json& item) {
  std::string out = item["quantity"].dump() + " × " + item["sku"].get<std::string>();
  if (const auto& d = item["description"].get<std::string>(); !d.empty()) out += "  " + d;
  return out + "  @ " + text_of("unit_price", item["unit_price"]);
}

// An approval's decision: "approved by finance 2026-11-23T09:30:00.000Z: fine".
std::string decision_text(const json& decision) {
  std::string out = (decision["approved"].get<bool>() ? "approved by " : "rejected by ") +
                    decision["approver"].get<std::string>() + " " + text_of("at", decision["at"]);
  if (const auto& comment = decision["comment"].get<std::string>(); !comment.empty()) out += ": " + comment;
  return out;
}

// The fields a person looks for first; the rest follow in name order.
constexpr std::array<std::string_view, 5> leading_fields{"id", "display_name", "name", "kind", "status"};

}  // namespace

void print_fields(std::ostream& out, std::string_view record_json) {
  const json record = json::parse(record_json);
  std::vector<std::string> keys;
  for (const auto key : leading_fields)
    if (record.contains(key)) keys.emplace_back(key);
  for (const auto& [key, value] : record.items())
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);

  Table table({{"", false, 20}, {"", false, 200}});
  for (const auto& key : keys) {
    const json& value = record[key];
    if (holds_nothing(key, value)) continue;
    if (key == "items" || key == "consents" || key == "addresses" || key == "decisions") {
      // One line per entry, the field's name on the first.
      std::string label = key;
      for (const auto& [entry_key, entry] : value.items()) {
        const std::string text = key == "items"       ? item_text(entry)
                                 : key == "consents"  ? entry_key + ": " + joined(entry, ", ")
                                 : key == "decisions" ? decision_text(entry)
                                                      : joined(entry, ", ");
        table.add({std::exchange(label, ""), text});
      }
      continue;
    }
    table.add({key, text_of(key, value)});
  }
  table.print(out);
}

std::string short_time(Timestamp t) {
  std::string iso = to_iso8601(t);  // 2026-11-23T09:30:00.000Z
  iso[10] = ' ';
  return iso.substr(0, 16);
}

std::string money_text(const std::optional<Money>& amount) { return amount ? to_string(*amount) : std::string(); }

Table table_of(const std::vector<Customer>& customers) {
  Table table({{"id", true}, {"name"}, {"phone"}, {"email"}, {"tier"}, {"stage"}});
  for (const auto& c : customers)
    table.add({std::to_string(c.id), c.display_name, c.phones.empty() ? "" : c.phones.front(),
               c.emails.empty() ? "" : c.emails.front(), c.tier, std::string(to_string(c.stage))});
  return table;
}

Table table_of(const std::vector<Interaction>& interactions) {
  Table table({{"id", true}, {"when (UTC)"}, {"channel"}, {"kind"}, {"subject"}, {"amount", true}});
  for (const auto& i : interactions)
    table.add({std::to_string(i.id), short_time(i.occurred_at), std::string(to_string(i.channel)),
               std::string(to_string(i.kind)), i.subject, money_text(i.amount)});
  return table;
}

Table table_of(const std::vector<Lead>& leads) {
  Table table({{"id", true}, {"name"}, {"company"}, {"email"}, {"status"}, {"score", true}, {"owner"}});
  for (const auto& l : leads)
    table.add({std::to_string(l.id), l.display_name, l.company, l.email, std::string(to_string(l.status)),
               std::to_string(l.score), l.owner});
  return table;
}

Table table_of(const std::vector<Opportunity>& opportunities) {
  Table table({{"id", true}, {"name"}, {"customer", true}, {"stage"}, {"amount", true}, {"prob", true}, {"status"},
               {"owner"}});
  for (const auto& o : opportunities)
    table.add({std::to_string(o.id), o.name, o.customer_id == 0 ? "" : std::to_string(o.customer_id), o.stage,
               money_text(o.amount), std::to_string(o.probability) + "%", std::string(to_string(o.status)), o.owner});
  return table;
}

Table table_of(const std::vector<StageChange>& changes) {
  Table table({{"when (UTC)"}, {"from"}, {"to"}, {"status"}, {"amount", true}, {"prob", true}, {"owner"}, {"by"}});
  for (const auto& c : changes)
    table.add({short_time(c.at), c.from_stage, c.to_stage, std::string(to_string(c.status)), money_text(c.amount),
               std::to_string(c.probability) + "%", c.owner, c.by});
  return table;
}

Table stages_of(const Pipeline& pipeline) {
  Table table({{"#", true}, {"stage"}, {"probability", true}, {"category"}});
  for (std::size_t i = 0; i < pipeline.stages.size(); ++i) {
    const auto& stage = pipeline.stages[i];
    table.add({std::to_string(i + 1), stage.name, std::to_string(stage.probability) + "%",
               std::string(to_string(stage.category))});
  }
  return table;
}

void warn_damaged(const std::vector<Id>& damaged, std::string_view records) {
  if (damaged.empty()) return;
  std::string ids;
  for (const Id id : damaged) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
  std::cerr << "crm: warning: " << damaged.size() << " of these " << records
            << (damaged.size() == 1 ? " is" : " are") << " damaged and left out: " << ids << " (see: crm check)\n";
}

void print_page(const Context& ctx, const Page<StageChange>& page) {
  warn_damaged(page.damaged, "stage changes");
  if (ctx.options.json) {
    std::string items;
    for (const auto& change : page.items) items += (items.empty() ? "" : ",") + to_json(change);
    std::cout << R"({"items":[)" << items << R"(],"next_cursor":)" << json(page.next_cursor).dump()
              << R"(,"damaged":)" << json(page.damaged).dump() << "}\n";
    return;
  }
  if (page.items.empty())
    std::cout << "no stage changes\n";
  else
    table_of(page.items).print(std::cout);
  if (!page.next_cursor.empty()) std::cout << "next page: --cursor " << page.next_cursor << '\n';
}

}  // namespace crm::cli
