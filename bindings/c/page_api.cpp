// SPDX-License-Identifier: Apache-2.0
// Pages of records and the list calls that make them.
#include <crm/json.hpp>

#include "guard.hpp"
#include "json_args.hpp"

using namespace crm::c_api;

namespace {

// make_query() builds the query's filter; it runs inside the guard, so a
// filter that fails to parse is reported like any other error.
template <class T, class MakeQuery>
crm_status list(const char* function, crm_engine* engine, MakeQuery&& make_query, const char* cursor,
                std::size_t limit, crm_page** out_page) {
  reset_out(out_page);
  return guarded(function, [&] {
    require(out_page, "out_page");
    auto query = make_query();
    query.cursor = cursor == nullptr ? "" : cursor;
    query.limit = limit == 0 ? default_page_limit : limit;
    auto page = with_engine(engine, [&](crm::Engine& e) { return e.list(query); });
    std::vector<Handle<T>> items;
    items.reserve(page.items.size());
    for (auto& item : page.items) items.push_back({std::move(item)});
    emit(out_page, std::move(items), std::move(page.next_cursor), std::move(page.damaged));
  });
}

template <class T>
const Handle<T>* item_at(const crm_page* page, std::size_t index) {
  if (page == nullptr) return nullptr;
  const auto* items = std::get_if<std::vector<Handle<T>>>(&page->items);
  return items != nullptr && index < items->size() ? &(*items)[index] : nullptr;
}

}  // namespace

extern "C" {

size_t crm_page_size(const crm_page* page) {
  return page == nullptr ? 0 : std::visit([](const auto& items) { return items.size(); }, page->items);
}

const char* crm_page_next_cursor(const crm_page* page) { return page == nullptr ? "" : page->next_cursor.c_str(); }

size_t crm_page_damaged_count(const crm_page* page) { return page == nullptr ? 0 : page->damaged.size(); }

int64_t crm_page_damaged_id(const crm_page* page, size_t index) {
  return page != nullptr && index < page->damaged.size() ? page->damaged[index] : 0;
}

crm_status crm_page_to_json(const crm_page* page, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(page, "page");
    require(out_json, "out_json");
    const std::string json = std::visit(
        [&](const auto& items) {
          using H = typename std::decay_t<decltype(items)>::value_type;
          crm::Page<decltype(H::value)> copy;
          for (const auto& item : items) copy.items.push_back(item.value);
          copy.next_cursor = page->next_cursor;
          copy.damaged = page->damaged;
          return crm::to_json(copy);
        },
        page->items);
    *out_json = copy_string(json);
  });
}

const crm_customer* crm_page_customer(const crm_page* page, size_t index) {
  return item_at<crm::Customer>(page, index);
}
const crm_interaction* crm_page_interaction(const crm_page* page, size_t index) {
  return item_at<crm::Interaction>(page, index);
}
const crm_lead* crm_page_lead(const crm_page* page, size_t index) { return item_at<crm::Lead>(page, index); }
const crm_opportunity* crm_page_opportunity(const crm_page* page, size_t index) {
  return item_at<crm::Opportunity>(page, index);
}
const crm_task* crm_page_task(const crm_page* page, size_t index) { return item_at<crm::Task>(page, index); }

void crm_page_free(crm_page* page) { delete page; }

crm_status crm_customer_list(crm_engine* engine, const char* name_prefix, const char* cursor, size_t limit,
                             crm_page** out_page) {
  const auto query = [&] {
    crm::CustomerQuery q;
    if (name_prefix != nullptr) q.name_prefix = name_prefix;
    return q;
  };
  return list<crm::Customer>(__func__, engine, query, cursor, limit, out_page);
}

crm_status crm_interaction_list(crm_engine* engine, int64_t customer_id, const char* cursor, size_t limit,
                                crm_page** out_page) {
  const auto query = [&] { return crm::InteractionQuery{.customer_id = customer_id}; };
  return list<crm::Interaction>(__func__, engine, query, cursor, limit, out_page);
}

crm_status crm_lead_list(crm_engine* engine, const char* status, const char* cursor, size_t limit,
                         crm_page** out_page) {
  const auto query = [&] {
    crm::LeadQuery q;
    if (status != nullptr) q.status = crm::parse_enum<crm::LeadStatus>(status);
    return q;
  };
  return list<crm::Lead>(__func__, engine, query, cursor, limit, out_page);
}

crm_status crm_opportunity_list(crm_engine* engine, int64_t customer_id, const char* cursor, size_t limit,
                                crm_page** out_page) {
  const auto query = [&] {
    crm::OpportunityQuery q;
    if (customer_id != 0) q.customer_id = customer_id;
    return q;
  };
  return list<crm::Opportunity>(__func__, engine, query, cursor, limit, out_page);
}

// The *_list_query calls take the C++ query (crm/engine_queries.hpp) as JSON,
// keyed by its field names; the engine refuses more than one filter.

crm_status crm_customer_list_query(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                                   crm_page** out_page) {
  const auto query = [&] {
    const JsonArgs args(query_json, "customer query", {"name_prefix", "owner", "stage", "tag", "organisation_id"});
    crm::CustomerQuery q;
    q.name_prefix = args.text("name_prefix");
    q.owner = args.text("owner");
    if (args.has("stage")) q.stage = args.enumeration("stage", crm::LifecycleStage{});
    q.tag = args.text("tag");
    q.organisation_id = args.integer("organisation_id");
    return q;
  };
  return list<crm::Customer>(__func__, engine, query, cursor, limit, out_page);
}

crm_status crm_interaction_list_query(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                                      crm_page** out_page) {
  const auto query = [&] {
    const JsonArgs args(query_json, "interaction query", {"customer_id", "lead_id", "opportunity_id"});
    crm::InteractionQuery q;
    q.customer_id = args.integer("customer_id").value_or(0);
    q.lead_id = args.integer("lead_id").value_or(0);
    q.opportunity_id = args.integer("opportunity_id").value_or(0);
    return q;
  };
  return list<crm::Interaction>(__func__, engine, query, cursor, limit, out_page);
}

crm_status crm_lead_list_query(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                               crm_page** out_page) {
  const auto query = [&] {
    const JsonArgs args(query_json, "lead query",
                        {"status", "owner", "email", "phone", "name_prefix", "assignment_rule"});
    crm::LeadQuery q;
    if (args.has("status")) q.status = args.enumeration("status", crm::LeadStatus{});
    q.owner = args.text("owner");
    q.email = args.text("email");
    q.phone = args.text("phone");
    q.name_prefix = args.text("name_prefix");
    q.assignment_rule = args.text("assignment_rule");
    return q;
  };
  return list<crm::Lead>(__func__, engine, query, cursor, limit, out_page);
}

crm_status crm_opportunity_list_query(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                                      crm_page** out_page) {
  const auto query = [&] {
    const JsonArgs args(query_json, "opportunity query", {"customer_id", "owner", "status", "pipeline", "stage"});
    crm::OpportunityQuery q;
    q.customer_id = args.integer("customer_id");
    q.owner = args.text("owner");
    if (args.has("status")) q.status = args.enumeration("status", crm::DealStatus{});
    q.pipeline = args.text("pipeline");
    q.stage = args.text("stage");
    return q;
  };
  return list<crm::Opportunity>(__func__, engine, query, cursor, limit, out_page);
}

crm_status crm_task_list(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                         crm_page** out_page) {
  const auto query = [&] {
    const JsonArgs args(query_json, "task query",
                        {"owner", "status", "due_before", "customer_id", "lead_id", "opportunity_id"});
    crm::TaskQuery q;
    q.owner = args.text("owner");
    q.status = args.enumeration("status", q.status);
    q.due_before = args.time("due_before");
    q.customer_id = args.integer("customer_id").value_or(0);
    q.lead_id = args.integer("lead_id").value_or(0);
    q.opportunity_id = args.integer("opportunity_id").value_or(0);
    return q;
  };
  return list<crm::Task>(__func__, engine, query, cursor, limit, out_page);
}

}  // extern "C"
