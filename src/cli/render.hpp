// SPDX-License-Identifier: Apache-2.0
#pragma once
// How records look on stdout: aligned tables and key/value listings for
// people, or the library's JSON (crm::to_json) with --json.

#include <crm/engine.hpp>
#include <crm/json.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "context.hpp"
#include "table.hpp"

namespace crm::cli {

// Every field of a record that holds a value, one per line, from its JSON;
// times as ISO 8601, money as "17.99 GBP", lists joined.
void print_fields(std::ostream& out, std::string_view record_json);

// One row per record with the columns that identify it.
Table table_of(const std::vector<Customer>& customers);
Table table_of(const std::vector<Interaction>& interactions);
Table table_of(const std::vector<Lead>& leads);
Table table_of(const std::vector<Opportunity>& opportunities);
Table table_of(const std::vector<StageChange>& changes);
// One row per stage, in order, with its probability and forecast category.
Table stages_of(const Pipeline& pipeline);

// Workflow (workflow_render.cpp): tasks, rules (their trigger read from the
// definition), the firing log, the outbox and approvals.
Table table_of(const std::vector<Task>& tasks);
Table table_of(const std::vector<WorkflowRule>& rules);
Table table_of(const std::vector<RuleFiring>& firings);
Table table_of(const std::vector<Notification>& notifications);
// Approvals: the record, the status and whose turn it is.
Table table_of(const std::vector<Approval>& approvals);

// "2026-11-23 09:30" (UTC), for tables.
std::string short_time(Timestamp t);
// "17.99 GBP", or "" for none.
std::string money_text(const std::optional<Money>& amount);

template <Record T>
void print_record(const Context& ctx, const T& record) {
  if (ctx.options.json)
    std::cout << to_json(record) << '\n';
  else
    print_fields(std::cout, to_json(record));
}

// One line on stderr when a page left out damaged records (Page::damaged):
// "crm: warning: 1 of these customers is damaged and left out: 17 (see: crm check)".
void warn_damaged(const std::vector<Id>& damaged, std::string_view records);

// The page as a table (or "no <records>"), then the cursor of the next page
// when there is one; with --json, {"items": [...], "next_cursor": "...",
// "damaged": [ids]}. Damaged records are also named on stderr. For records
// and for the workflow's entries.
template <class T>
void print_page(const Context& ctx, const Page<T>& page, std::string_view records) {
  warn_damaged(page.damaged, records);
  if (ctx.options.json) {
    std::cout << to_json(page) << '\n';
    return;
  }
  if (page.items.empty())
    std::cout << "no " << records << '\n';
  else
    table_of(page.items).print(std::cout);
  if (!page.next_cursor.empty()) std::cout << "next page: --cursor " << page.next_cursor << '\n';
}

// A page of stage history: as a table (or "no stage changes"), or with
// --json as {"items": [...], "next_cursor": "...", "damaged": [ids]}.
void print_page(const Context& ctx, const Page<StageChange>& page);

}  // namespace crm::cli
