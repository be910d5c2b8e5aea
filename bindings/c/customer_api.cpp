// SPDX-License-Identifier: Apache-2.0
// Customers on the POS hot path: setters, and lookups by phone, e-mail and
// external id (the accessors are in accessor_api.cpp).
#include "guard.hpp"
#include "text/quote.hpp"

using namespace crm::c_api;

namespace {

crm_status set_text(const char* function, crm_customer* customer, const char* text,
                    std::string crm::Customer::*field) {
  return guarded(function, [&] { require(customer, "customer")->value.*field = require(text, "text"); });
}

crm_status add_contact(const char* function, crm_customer* customer, const char* text,
                       std::vector<std::string> crm::Customer::*list) {
  return guarded(function, [&] { (require(customer, "customer")->value.*list).emplace_back(require(text, "text")); });
}

template <class Find>
crm_status find_customer(const char* function, crm_engine* engine, const char* key, const char* what,
                         crm_customer** out, Find&& find) {
  reset_out(out);
  return guarded(function, [&] {
    require(key, what);
    require(out, "out_customer");
    auto found = with_engine(engine, [&](crm::Engine& e) { return find(e, key); });
    if (!found) throw crm::Error(crm::Errc::not_found, std::string("no customer with ") + what + " " + crm::detail::quote(key));
    emit(out, std::move(*found));
  });
}

}  // namespace

extern "C" {

crm_status crm_customer_set_name(crm_customer* customer, const char* display_name) {
  return set_text(__func__, customer, display_name, &crm::Customer::display_name);
}
crm_status crm_customer_add_phone(crm_customer* customer, const char* phone) {
  return add_contact(__func__, customer, phone, &crm::Customer::phones);
}
crm_status crm_customer_add_email(crm_customer* customer, const char* email) {
  return add_contact(__func__, customer, email, &crm::Customer::emails);
}
crm_status crm_customer_set_tier(crm_customer* customer, const char* tier) {
  return set_text(__func__, customer, tier, &crm::Customer::tier);
}
crm_status crm_customer_set_external_id(crm_customer* customer, const char* external_id) {
  return set_text(__func__, customer, external_id, &crm::Customer::external_id);
}
crm_status crm_customer_set_loyalty_points(crm_customer* customer, int64_t points) {
  return guarded(__func__, [&] {
    if (points < 0) throw crm::Error(crm::Errc::invalid_argument, "loyalty points " + std::to_string(points) + " are negative");
    require(customer, "customer")->value.loyalty_points = points;
  });
}

crm_status crm_customer_find_by_phone(crm_engine* engine, const char* phone, crm_customer** out_customer) {
  return find_customer(__func__, engine, phone, "phone", out_customer,
                       [](crm::Engine& e, const char* key) { return e.find_customer_by_phone(key); });
}
crm_status crm_customer_find_by_email(crm_engine* engine, const char* email, crm_customer** out_customer) {
  return find_customer(__func__, engine, email, "email", out_customer,
                       [](crm::Engine& e, const char* key) { return e.find_customer_by_email(key); });
}
crm_status crm_customer_find_by_external_id(crm_engine* engine, const char* external_id,
                                            crm_customer** out_customer) {
  return find_customer(__func__, engine, external_id, "external_id", out_customer,
                       [](crm::Engine& e, const char* key) { return e.find_customer_by_external_id(key); });
}

}  // extern "C"
