// SPDX-License-Identifier: Apache-2.0
// The C API driven by any bytes, as a sequence of calls on an engine in
// memory: creates (from JSON and by setters), reads, updates, lookups,
// purchases, listings, transactions begun, committed and rolled back. Checks
// what crm.h promises: every call returns a known status, a failure comes
// with a message, a committed record stays readable, a rolled-back one is
// gone, and a listing holds exactly the committed customers.
#include <crm/crm.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "fuzz/fuzz_bytes.hpp"

using crm::fuzz::require;

namespace {

class Session {
 public:
  Session() {
    crm_options options;
    crm_options_init(&options, sizeof options);
    options.default_region = "GB";
    require(crm_engine_open(&options, &engine_) == CRM_OK, "an engine in memory does not open");
  }
  ~Session() {
    if (transaction_ != nullptr) crm_transaction_free(transaction_);
    crm_engine_free(engine_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void step(crm::fuzz::Bytes& in) {
    switch (in.byte() % 12) {
      case 0: create_from_json(std::string(in.text())); break;
      case 1: create_by_setters(std::string(in.text()), std::string(in.text()), std::string(in.text())); break;
      case 2: get(pick(in)); break;
      case 3: rename(pick(in), std::string(in.text())); break;
      case 4: lookup(crm_customer_find_by_phone, std::string(in.text())); break;
      case 5: lookup(crm_customer_find_by_email, std::string(in.text())); break;
      case 6: lookup(crm_customer_find_by_external_id, std::string(in.text())); break;
      case 7: purchase(in); break;
      case 8: begin(); break;
      case 9: commit(); break;
      case 10: rollback(); break;
      default: list_page(std::string(in.text()), std::string(in.text()), in.byte()); break;
    }
  }

  // After the last call: committed customers readable, rolled-back ones
  // gone, and the listing holds exactly the committed ones.
  void check_end() {
    rollback();
    for (const auto id : committed_) require(get(id) == CRM_OK, "a committed customer cannot be read");
    for (const auto id : rolled_back_) require(get(id) == CRM_NOT_FOUND, "a rolled-back customer can be read");
    std::size_t listed = 0;
    std::string cursor;
    do {
      crm_page* page = nullptr;
      require(checked(crm_customer_list(engine_, nullptr, cursor.c_str(), 1000, &page)) == CRM_OK, "listing fails");
      listed += crm_page_size(page);
      cursor = crm_page_next_cursor(page);
      crm_page_free(page);
    } while (!cursor.empty());
    require(listed == committed_.size(), "the listing does not hold exactly the committed customers");
  }

 private:
  // Every status must be one crm.h names, and a failure must say why.
  static crm_status checked(crm_status status) {
    require(status >= CRM_OK && status <= CRM_CLOSED, "a status crm.h does not name");
    require(std::strcmp(crm_status_name(status), "") != 0, "a status without a name");
    if (status != CRM_OK) {
      const char* message = crm_last_error_message();
      require(message != nullptr && message[0] != '\0', "a failure without a message");
      crm::fuzz::require_clean_message(message);
    }
    return status;
  }

  // A known customer id mostly, else any id at all.
  std::int64_t pick(crm::fuzz::Bytes& in) {
    const auto b = in.byte();
    if (b < 200 && !known_.empty()) return known_[b % known_.size()];
    return in.integer();
  }

  void created(crm_status status, const crm_customer* record) {
    if (status != CRM_OK) return;
    const auto id = crm_customer_id(record);
    require(id > 0, "a created customer has no id");
    known_.push_back(id);
    rolled_back_.erase(id);  // a store may hand out a rolled-back id again
    (transaction_ != nullptr ? pending_ : committed_).insert(id);
  }

  void create_from_json(const std::string& json) {
    crm_customer* record = nullptr;
    if (checked(crm_customer_from_json(json.c_str(), &record)) != CRM_OK) return;
    created(checked(crm_customer_create(engine_, record)), record);
    crm_customer_free(record);
  }

  void create_by_setters(const std::string& name, const std::string& phone, const std::string& email) {
    crm_customer* record = nullptr;
    require(checked(crm_customer_new(&record)) == CRM_OK, "crm_customer_new fails");
    checked(crm_customer_set_name(record, name.c_str()));
    if (!phone.empty()) checked(crm_customer_add_phone(record, phone.c_str()));
    if (!email.empty()) checked(crm_customer_add_email(record, email.c_str()));
    created(checked(crm_customer_create(engine_, record)), record);
    crm_customer_free(record);
  }

  crm_status get(std::int64_t id) {
    crm_customer* record = nullptr;
    const auto status = checked(crm_customer_get(engine_, id, &record));
    if (status == CRM_OK) require(crm_customer_id(record) == id, "get gives another customer");
    crm_customer_free(record);
    return status;
  }

  void rename(std::int64_t id, const std::string& name) {
    crm_customer* record = nullptr;
    if (checked(crm_customer_get(engine_, id, &record)) != CRM_OK) return;
    const auto version = crm_customer_version(record);
    if (checked(crm_customer_set_name(record, name.c_str())) == CRM_OK &&
        checked(crm_customer_update(engine_, record)) == CRM_OK)
      require(crm_customer_version(record) > version, "an update keeps the version");
    crm_customer_free(record);
  }

  void lookup(crm_status (*find)(crm_engine*, const char*, crm_customer**), const std::string& key) {
    crm_customer* record = nullptr;
    const auto status = checked(find(engine_, key.c_str(), &record));
    require(status == CRM_OK || record == nullptr, "a failed lookup hands out a record");
    crm_customer_free(record);
  }

  void purchase(crm::fuzz::Bytes& in) {
    const auto customer = pick(in);
    const auto amount = in.integer();
    const std::string currency(in.text());
    const std::string channel(in.text());
    const std::string note(in.text());
    crm_interaction* bought = nullptr;
    const auto status = checked(crm_purchase_log(engine_, customer, amount, currency.c_str(),
                                                 channel.empty() ? nullptr : channel.c_str(), note.c_str(), &bought));
    if (status == CRM_OK) {
      require(amount >= 0, "a negative purchase was logged");
      require(crm_interaction_customer_id(bought) == customer, "a purchase logged for another customer");
    }
    crm_interaction_free(bought);
  }

  void begin() {
    if (transaction_ != nullptr) return;  // one level is enough to check commit and rollback
    require(checked(crm_transaction_begin(engine_, &transaction_)) == CRM_OK, "a transaction does not begin");
  }

  void commit() {
    if (transaction_ == nullptr) return;
    require(checked(crm_transaction_commit(transaction_)) == CRM_OK, "a commit in memory fails");
    committed_.insert(pending_.begin(), pending_.end());
    end_transaction();
  }

  void rollback() {
    if (transaction_ == nullptr) return;
    require(checked(crm_transaction_rollback(transaction_)) == CRM_OK, "a rollback fails");
    rolled_back_.insert(pending_.begin(), pending_.end());
    end_transaction();
  }

  void end_transaction() {
    crm_transaction_free(transaction_);
    transaction_ = nullptr;
    pending_.clear();
  }

  void list_page(const std::string& prefix, const std::string& cursor, std::uint8_t limit) {
    crm_page* page = nullptr;
    const auto status = checked(crm_customer_list(engine_, prefix.empty() ? nullptr : prefix.c_str(), cursor.c_str(),
                                                  limit, &page));
    if (status == CRM_OK) require(crm_page_size(page) <= (limit == 0 ? 50U : limit), "a page longer than its limit");
    crm_page_free(page);
  }

  crm_engine* engine_ = nullptr;
  crm_transaction* transaction_ = nullptr;
  std::vector<std::int64_t> known_;
  std::set<std::int64_t> committed_, pending_, rolled_back_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  crm::fuzz::Bytes in(data, size);
  Session session;
  for (int calls = 0; !in.empty() && calls < 64; ++calls) session.step(in);
  session.check_end();
  return 0;
}
