// SPDX-License-Identifier: Apache-2.0
// Finding damage: Engine::check() and require_whole().
//
// check() walks each collection in id order through the store's own scans,
// so it needs nothing a backend does not already offer. A record is blamed
// only when it is damaged as read: a unique key that seems not to lead back
// is looked up again after re-reading the record, so a write racing the
// check (which takes no lock) does not count as damage.

#include "engine/check.hpp"

#include "crm/engine.hpp"
#include "crm/error.hpp"
#include "engine/each_stored.hpp"
#include "engine/layout.hpp"
#include "engine/record_codec.hpp"
#include "engine/record_keys.hpp"
#include "text/quote.hpp"

namespace crm::detail {

namespace {

// The problem without the "customer 7: " that decode() puts first: the
// report names the record in fields of its own.
std::string problem_of(const Error& e, std::string_view collection, Id id) {
  const std::string named = std::string(collection) + " " + std::to_string(id) + ": ";
  const std::string_view message = e.what();
  return std::string(message.starts_with(named) ? message.substr(named.size()) : message);
}

// What is wrong with a unique key of a readable record, or "" when nothing is.
std::string unique_key_problem(const Store& store, const IndexKey& key, Id id) {
  const auto holder = store.find(key.index, key.key);
  if (holder == id) return {};
  return key.index + " " + quote(key.key) +
         (holder ? " leads to record " + std::to_string(*holder) : std::string(" leads to no record"));
}

template <class T>
void check_collection(const Store& store, CheckReport& report) {
  constexpr std::string_view collection = Layout<T>::collection;
  Scan scan;
  scan.collection = collection;
  each_stored(store, scan, [&](const StoredRecord& stored) {
    ++report.records;
    T record;
    try {
      record = decode<T>(stored);
    } catch (const Error& e) {
      report.damaged.push_back({std::string(collection), stored.id, problem_of(e, collection, stored.id)});
      return;
    }
    for (const auto& key : record_write(record).unique_keys) {
      if (unique_key_problem(store, key, stored.id).empty()) continue;
      // Read again: a writer may have changed the record or the key since.
      const auto now = store.get(collection, stored.id);
      if (!now || now->version != stored.version) return;
      if (auto problem = unique_key_problem(store, key, stored.id); !problem.empty())
        report.damaged.push_back({std::string(collection), stored.id, std::move(problem)});
    }
  });
}

template <class... T>
void check_all(const Store& store, CheckReport& report) {
  (check_collection<T>(store, report), ...);
}

}  // namespace

CheckReport check_store(const Store& store) {
  CheckReport report;
  check_all<Customer, Interaction, Lead, Opportunity, Pipeline, StageChange, Task, Approval, WorkflowRule,
            RuleSetStamp, RuleFiring, TimedAction, Notification, FieldOutcomes, PurchaseStatsRecord,
            PurchaseStatsMarker>(store, report);
  return report;
}

}  // namespace crm::detail

namespace crm {

template <class T>
void require_whole(const Page<T>& page) {
  if (page.damaged.empty()) return;
  // Purchase statistics are listed from the records that hold them.
  using Stored = std::conditional_t<std::is_same_v<T, PurchaseStats>, detail::PurchaseStatsRecord, T>;
  throw Error(Errc::corrupt, std::string(detail::Layout<Stored>::collection) + " " +
                                 std::to_string(page.damaged.front()) +
                                 ": stored body is unreadable (Engine::check() lists every damaged record)");
}

#define CRM_INSTANTIATE_REQUIRE_WHOLE(T) template void require_whole(const Page<T>&);
CRM_FOR_EACH_RECORD(CRM_INSTANTIATE_REQUIRE_WHOLE)
CRM_INSTANTIATE_REQUIRE_WHOLE(StageChange)
CRM_INSTANTIATE_REQUIRE_WHOLE(WorkflowRule)
CRM_INSTANTIATE_REQUIRE_WHOLE(RuleFiring)
CRM_INSTANTIATE_REQUIRE_WHOLE(TimedAction)
CRM_INSTANTIATE_REQUIRE_WHOLE(Notification)
#undef CRM_INSTANTIATE_REQUIRE_WHOLE
template void require_whole(const Page<PurchaseStats>&);

}  // namespace crm
