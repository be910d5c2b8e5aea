// SPDX-License-Identifier: Apache-2.0
#include "sales_import.hpp"

#include <crm/error.hpp>

#include <map>
#include <utility>

#include "progress.hpp"

namespace crm::cli::sales {

using datasets::sales::in_quotes;

namespace {

const char* const accounts_file = "accounts.csv";
const char* const deals_file = "sales_pipeline.csv";

// The attributes the import owns on an account; others a user added are kept.
constexpr std::array<std::string_view, 6> account_attributes{"sector",   "year_established", "revenue",
                                                             "employees", "office_location", "subsidiary_of"};


// The engine's refusal of a row, with the row's place in the data set.
Error located(const Error& e, const DataSet& data, const char* file, std::size_t line) {
  return Error(e.code(), (data.dir / file).string() + ":" + std::to_string(line) + ": " + e.what());
}

// Creates the pipeline, or checks that the stored one has the stages the
// deals go through. True when created.
bool ensure_pipeline(Engine& engine) {
  const std::array stages{to_string(DealStage::prospecting), to_string(DealStage::engaging)};
  if (const auto stored = engine.find_pipeline(pipeline_name)) {
    for (const auto stage : stages)
      if (stored->find_stage(stage) == nullptr)
        throw Error(Errc::conflict, "pipeline '" + stored->name + "' exists without the stage '" + std::string(stage) +
                                        "' the import puts deals in");
    return false;
  }
  Pipeline pipeline;
  pipeline.name = pipeline_name;
  pipeline.stages = {{std::string(stages[0]), 10, ForecastCategory::pipeline},
                     {std::string(stages[1]), 50, ForecastCategory::best_case}};
  engine.create(std::move(pipeline));
  return true;
}

Attributes attributes_of(const Account& a) {
  Attributes out;
  const auto text = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) out.emplace(key, value);
  };
  const auto number = [&](std::string_view key, const std::optional<std::int64_t>& value) {
    if (value) out.emplace(key, *value);
  };
  text("sector", a.sector);
  number("year_established", a.year_established);
  number("revenue", a.revenue);
  number("employees", a.employees);
  text("office_location", a.office_location);
  text("subsidiary_of", a.subsidiary_of);
  return out;
}

// Customer ids by account name.
std::map<std::string, Id> import_accounts(Engine& engine, const DataSet& data, ImportSummary& summary) {
  std::map<std::string, Id> ids;
  Progress bar("importing accounts", data.accounts.size());
  for (const auto& a : data.accounts) {
    try {
      const std::string external_id = "account:" + a.name;
      const Attributes wanted = attributes_of(a);
      if (auto stored = engine.find_customer_by_external_id(external_id)) {
        Customer changed = *stored;
        changed.kind = PartyKind::organisation;
        changed.display_name = a.name;
        for (const auto key : account_attributes) {
          const auto value = wanted.find(key);
          if (value != wanted.end())
            changed.attributes.insert_or_assign(std::string(key), value->second);
          else if (const auto old = changed.attributes.find(key); old != changed.attributes.end())
            changed.attributes.erase(old);
        }
        if (changed == *stored) {
          ++summary.accounts_unchanged;
        } else {
          engine.update(std::move(changed));
          ++summary.accounts_updated;
        }
        ids[a.name] = stored->id;
      } else {
        Customer c;
        c.kind = PartyKind::organisation;
        c.display_name = a.name;
        c.external_id = external_id;
        c.attributes = wanted;
        ids[a.name] = engine.create(std::move(c)).id;
        ++summary.accounts_added;
      }
    } catch (const Error& e) {
      throw located(e, data, accounts_file, a.line);
    }
    bar.step();
  }
  return ids;
}

// How often a value was met, and the first line it was on.
struct Seen {
  std::size_t count = 0;
  std::size_t first_line = 0;
  void add(std::size_t line) {
    if (count++ == 0) first_line = line;
  }
};

// Prospecting from the engage date (or `as_of` when there is none), Engaging
// at the engage date, then won or lost at the close date. The data set
// records no date for entering Prospecting, so an engaged deal enters both
// stages on its engage date.
std::vector<StageStep> steps_of(const Deal& d, Timestamp as_of) {
  std::vector<StageStep> steps{{std::string(to_string(DealStage::prospecting)), DealStatus::open,
                                d.engaged.value_or(as_of), d.agent}};
  if (d.stage == DealStage::prospecting) return steps;
  const std::string engaging(to_string(DealStage::engaging));
  steps.push_back({engaging, DealStatus::open, *d.engaged, d.agent});
  if (d.stage == DealStage::won) steps.push_back({engaging, DealStatus::won, *d.closed, d.agent});
  if (d.stage == DealStage::lost) steps.push_back({engaging, DealStatus::lost, *d.closed, d.agent});
  return steps;
}

class DealImport {
 public:
  DealImport(Engine& engine, const DataSet& data, std::map<std::string, Id> accounts, ImportSummary& summary)
      : engine_(engine), data_(data), accounts_(std::move(accounts)), summary_(summary) {}

  void run() {
    Progress bar("importing deals", data_.deals.size());
    for (const auto& d : data_.deals) {
      try {
        import(d);
      } catch (const Error& e) {
        throw located(e, data_, deals_file, d.line);
      }
      bar.step();
    }
  }

  void report() const {
    for (const auto& [what, seen] : renamed_)
      summary_.corrections.push_back("product " + what + " (" + deals(seen.count) + ")");
    for (const auto& [product, seen] : unknown_products_)
      summary_.warnings.push_back("product " + in_quotes(product) + " is not in products.csv: " + deals(seen.count) +
                                  " without an amount unless won (first on line " + std::to_string(seen.first_line) +
                                  ")");
    for (const auto& [agent, seen] : unknown_agents_)
      summary_.warnings.push_back("sales agent " + in_quotes(agent) + " is not in sales_teams.csv: " + deals(seen.count) +
                                  " without manager and regional office (first on line " +
                                  std::to_string(seen.first_line) + ")");
    for (const auto& [account, seen] : unknown_accounts_)
      summary_.warnings.push_back("account " + in_quotes(account) + " is not in accounts.csv: " + deals(seen.count) +
                                  " without a customer (first on line " + std::to_string(seen.first_line) + ")");
  }

 private:
  static std::string deals(std::size_t n) { return std::to_string(n) + (n == 1 ? " deal" : " deals"); }

  void import(const Deal& d) {
    const auto product = data_.products.find(d.product_key);
    const Product* known = product != data_.products.end() ? &product->second : nullptr;
    if (known == nullptr)
      unknown_products_[d.product].add(d.line);
    else if (known->name != d.product)
      renamed_[in_quotes(d.product) + " as " + in_quotes(known->name)].add(d.line);
    const auto agent = data_.agents.find(d.agent);
    if (agent == data_.agents.end()) unknown_agents_[d.agent].add(d.line);
    const Id customer = customer_of(d);

    if (engine_.find_opportunity_by_external_id(d.id)) {
      ++summary_.deals_skipped;
      return;
    }
    Opportunity o;
    o.external_id = d.id;
    const std::string& product_name = known != nullptr ? known->name : d.product;
    o.name = d.account.empty() ? product_name : product_name + " for " + d.account;
    o.customer_id = customer;
    o.pipeline = pipeline_name;
    o.owner = d.agent;
    if (d.stage == DealStage::won)
      o.amount = Money{*d.close_value, usd_};
    else if (known != nullptr)
      o.amount = Money{known->price, usd_};
    if (d.stage == DealStage::lost) o.lost_reason = lost_reason;
    o.attributes.emplace("product", product_name);
    if (known != nullptr) o.attributes.emplace("series", known->series);
    if (agent != data_.agents.end()) {
      o.attributes.emplace("manager", agent->second.manager);
      o.attributes.emplace("regional_office", agent->second.regional_office);
    }
    engine_.import_opportunity(std::move(o), steps_of(d, summary_.as_of));
    ++summary_.deals_imported;
    ++summary_.imported_by_stage[static_cast<std::size_t>(d.stage)];
  }

  // The account's customer: imported now, or by an earlier import; 0 for none.
  Id customer_of(const Deal& d) {
    if (d.account.empty()) return 0;
    auto [known, added] = accounts_.try_emplace(d.account, 0);
    if (added) {
      if (const auto stored = engine_.find_customer_by_external_id("account:" + d.account)) known->second = stored->id;
    }
    if (known->second == 0) unknown_accounts_[d.account].add(d.line);
    return known->second;
  }

  Engine& engine_;
  const DataSet& data_;
  std::map<std::string, Id> accounts_;
  ImportSummary& summary_;
  const Currency usd_ = Currency::of("USD");
  std::map<std::string, Seen> renamed_, unknown_products_, unknown_agents_, unknown_accounts_;
};

}  // namespace

ImportSummary import_data_set(Engine& engine, const DataSet& data, std::optional<Timestamp> as_of) {
  ImportSummary summary;
  // Without a date in the file either, the deals entered the pipeline now.
  summary.as_of = as_of ? *as_of : data.latest ? *data.latest : engine.options().clock->now();
  for (const auto& [what, count] : data.sector_corrections)
    summary.corrections.push_back("sector " + what + " (" + std::to_string(count) +
                                  (count == 1 ? " account)" : " accounts)"));

  auto transaction = engine.transaction();
  summary.pipeline_created = ensure_pipeline(engine);
  DealImport deals(engine, data, import_accounts(engine, data, summary), summary);
  deals.run();
  transaction.commit();
  deals.report();
  return summary;
}

}  // namespace crm::cli::sales
