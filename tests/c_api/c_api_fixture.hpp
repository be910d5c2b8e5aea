// SPDX-License-Identifier: Apache-2.0
#pragma once
// Helpers for tests of the C API. They include only crm.h and link only
// libcrm.so, so they exercise exactly what a C host sees.

#include <crm/crm.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace crm_c_test {

// Owning pointers that call the matching crm_*_free.
template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using Engine = Owned<crm_engine, crm_engine_free>;
using Customer = Owned<crm_customer, crm_customer_free>;
using Interaction = Owned<crm_interaction, crm_interaction_free>;
using Lead = Owned<crm_lead, crm_lead_free>;
using Opportunity = Owned<crm_opportunity, crm_opportunity_free>;
using Page = Owned<crm_page, crm_page_free>;
using Transaction = Owned<crm_transaction, crm_transaction_free>;
using String = Owned<char, crm_string_free>;

// The status of a call and the message it left, for one assertion.
inline std::string message() { return crm_last_error_message(); }

class CApiTest : public testing::Test {
 protected:
  void SetUp() override { engine = open("GB"); }

  static Engine open(const char* region, const char* path = nullptr) {
    crm_options options;
    crm_options_init(&options, sizeof options);
    options.default_region = region;
    options.path = path;
    options.durability = CRM_DURABILITY_NORMAL;
    crm_engine* raw = nullptr;
    EXPECT_EQ(crm_engine_open(&options, &raw), CRM_OK) << message();
    return Engine(raw);
  }

  // A stored customer with a name and a phone.
  Customer add_customer(const char* name, const char* phone) {
    crm_customer* raw = nullptr;
    EXPECT_EQ(crm_customer_new(&raw), CRM_OK);
    Customer customer(raw);
    EXPECT_EQ(crm_customer_set_name(raw, name), CRM_OK);
    if (phone != nullptr) {
      EXPECT_EQ(crm_customer_add_phone(raw, phone), CRM_OK);
    }
    EXPECT_EQ(crm_customer_create(engine.get(), raw), CRM_OK) << message();
    return customer;
  }

  std::size_t customer_count() {
    crm_page* raw = nullptr;
    EXPECT_EQ(crm_customer_list(engine.get(), nullptr, nullptr, 1000, &raw), CRM_OK) << message();
    Page page(raw);
    return crm_page_size(raw);
  }

  Engine engine;
};

}  // namespace crm_c_test
