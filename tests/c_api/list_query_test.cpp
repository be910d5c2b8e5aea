// SPDX-License-Identifier: Apache-2.0
// The *_list_query calls: every filter of the C++ listings (tag, stage,
// owner, organisation; interactions by lead and deal…) reached from C with
// the query as JSON, one filter at a time, the query's keys read strictly.
#include <string>
#include <vector>

#include "c_api_fixture.hpp"

namespace crm_c_test {
namespace {

using ListCall = crm_status (*)(crm_engine*, const char*, const char*, size_t, crm_page**);

class CApiListQueryTest : public CApiTest {
 protected:
  // Stores a record of type T from JSON and returns its id.
  template <class T>
  int64_t add(crm_status (*from_json)(const char*, T**), crm_status (*create)(crm_engine*, T*),
              int64_t (*id)(const T*), void (*free)(T*), const std::string& text) {
    T* raw = nullptr;
    EXPECT_EQ(from_json(text.c_str(), &raw), CRM_OK) << message();
    EXPECT_EQ(create(engine.get(), raw), CRM_OK) << message() << " for " << text;
    const int64_t result = id(raw);
    free(raw);
    return result;
  }
  int64_t customer(const std::string& text) {
    return add(crm_customer_from_json, crm_customer_create, crm_customer_id, crm_customer_free, text);
  }
  int64_t lead(const std::string& text) {
    return add(crm_lead_from_json, crm_lead_create, crm_lead_id, crm_lead_free, text);
  }
  int64_t deal(const std::string& text) {
    return add(crm_opportunity_from_json, crm_opportunity_create, crm_opportunity_id, crm_opportunity_free, text);
  }
  int64_t interaction(const std::string& text) {
    return add(crm_interaction_from_json, crm_interaction_create, crm_interaction_id, crm_interaction_free, text);
  }

  // The ids on the first page of `call` with `query`, read by `id_at`.
  template <class Id>
  std::vector<int64_t> ids(ListCall call, const char* query, Id id_at) {
    crm_page* raw = nullptr;
    EXPECT_EQ(call(engine.get(), query, nullptr, 0, &raw), CRM_OK) << message();
    Page page(raw);
    std::vector<int64_t> found;
    for (size_t i = 0; i < crm_page_size(raw); ++i) found.push_back(id_at(raw, i));
    return found;
  }
};

int64_t customer_at(const crm_page* p, size_t i) { return crm_customer_id(crm_page_customer(p, i)); }
int64_t lead_at(const crm_page* p, size_t i) { return crm_lead_id(crm_page_lead(p, i)); }
int64_t deal_at(const crm_page* p, size_t i) { return crm_opportunity_id(crm_page_opportunity(p, i)); }
int64_t interaction_at(const crm_page* p, size_t i) { return crm_interaction_id(crm_page_interaction(p, i)); }

using Ids = std::vector<int64_t>;

TEST_F(CApiListQueryTest, ListsCustomersByTagStageOwnerAndOrganisation) {
  const auto org = customer(R"({"kind": "organisation", "display_name": "Acme"})");
  const auto ada = customer(R"({"display_name": "Ada", "tags": ["VIP"], "stage": "active", "owner": "ann"})");
  const auto bob = customer(
      R"({"display_name": "Bob", "tags": ["new"], "stage": "churned", "owner": "bo", "organisation_id": )" +
      std::to_string(org) + "}");
  const auto q = crm_customer_list_query;
  EXPECT_EQ(ids(q, R"({"tag": "vip"})", customer_at), Ids{ada});
  EXPECT_EQ(ids(q, R"({"stage": "churned"})", customer_at), Ids{bob});
  EXPECT_EQ(ids(q, R"({"owner": "ann"})", customer_at), Ids{ada});
  EXPECT_EQ(ids(q, (R"({"organisation_id": )" + std::to_string(org) + "}").c_str(), customer_at), Ids{bob});
  EXPECT_EQ(ids(q, R"({"name_prefix": "B"})", customer_at), Ids{bob});
  EXPECT_EQ(ids(q, nullptr, customer_at), (Ids{org, ada, bob}));
  EXPECT_EQ(ids(q, "{}", customer_at), (Ids{org, ada, bob}));
}

TEST_F(CApiListQueryTest, ListsLeadsByOwnerEmailPhoneAndName) {
  const auto grace = lead(R"({"display_name": "Grace", "owner": "ann", "email": "grace@navy.example"})");
  const auto alan = lead(R"({"display_name": "Alan", "owner": "bo", "phone": "020 7946 0018", "status": "working"})");
  const auto q = crm_lead_list_query;
  EXPECT_EQ(ids(q, R"({"owner": "bo"})", lead_at), Ids{alan});
  EXPECT_EQ(ids(q, R"({"email": "GRACE@navy.example"})", lead_at), Ids{grace});
  EXPECT_EQ(ids(q, R"({"phone": "+44 20 7946 0018"})", lead_at), Ids{alan});
  EXPECT_EQ(ids(q, R"({"name_prefix": "gr"})", lead_at), Ids{grace});
  EXPECT_EQ(ids(q, R"({"status": "working"})", lead_at), Ids{alan});
}

TEST_F(CApiListQueryTest, ListsDealsByOwnerStatusAndStage) {
  const auto a = deal(R"({"name": "tills", "stage": "prospecting", "owner": "ann"})");
  const auto b = deal(R"({"name": "scales", "stage": "proposal", "owner": "bo"})");
  const auto q = crm_opportunity_list_query;
  EXPECT_EQ(ids(q, R"({"owner": "bo"})", deal_at), Ids{b});
  EXPECT_EQ(ids(q, R"({"status": "open"})", deal_at), (Ids{a, b}));
  EXPECT_EQ(ids(q, R"({"pipeline": "default", "stage": "Prospecting"})", deal_at), Ids{a});
  EXPECT_EQ(ids(q, R"({"status": "won"})", deal_at), Ids{});
}

TEST_F(CApiListQueryTest, ListsInteractionsByLeadAndByDealNewestFirst) {
  const auto grace = lead(R"({"display_name": "Grace"})");
  const auto tills = deal(R"({"name": "tills", "stage": "prospecting"})");
  const auto first = interaction(R"({"lead_id": )" + std::to_string(grace) + R"(, "kind": "call"})");
  const auto second = interaction(R"({"lead_id": )" + std::to_string(grace) + R"(, "kind": "message"})");
  const auto on_deal = interaction(R"({"lead_id": )" + std::to_string(grace) + R"(, "opportunity_id": )" +
                                   std::to_string(tills) + R"(, "kind": "meeting"})");
  const auto q = crm_interaction_list_query;
  EXPECT_EQ(ids(q, (R"({"lead_id": )" + std::to_string(grace) + "}").c_str(), interaction_at),
            (Ids{on_deal, second, first}));
  EXPECT_EQ(ids(q, (R"({"opportunity_id": )" + std::to_string(tills) + "}").c_str(), interaction_at), Ids{on_deal});
  EXPECT_EQ(ids(q, nullptr, interaction_at), (Ids{first, second, on_deal}));
}

TEST_F(CApiListQueryTest, RefusesTwoFiltersUnknownKeysAndBadSpellings) {
  crm_page* raw = reinterpret_cast<crm_page*>(0x1);
  EXPECT_EQ(crm_customer_list_query(engine.get(), R"({"tag": "a", "owner": "b"})", nullptr, 0, &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_NE(message().find("at most one filter"), std::string::npos) << message();
  EXPECT_EQ(crm_customer_list_query(engine.get(), R"({"colour": "red"})", nullptr, 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message().rfind("crm_customer_list_query: customer query", 0), 0u) << message();
  EXPECT_NE(message().find("colour"), std::string::npos) << message();
  EXPECT_EQ(crm_customer_list_query(engine.get(), R"({"stage": "asleep"})", nullptr, 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("stage"), std::string::npos) << message();
  EXPECT_EQ(crm_lead_list_query(engine.get(), R"({"status": "sleepy"})", nullptr, 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_opportunity_list_query(engine.get(), R"({"stage": "proposal"})", nullptr, 0, &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("a stage needs its pipeline"), std::string::npos) << message();
  EXPECT_EQ(crm_interaction_list_query(engine.get(), R"({"lead_id": 1, "customer_id": 2})", nullptr, 0, &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_interaction_list_query(engine.get(), R"({"lead_id": "one"})", nullptr, 0, &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_lead_list_query(engine.get(), nullptr, nullptr, 5000, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_opportunity_list_query(engine.get(), nullptr, nullptr, 0, nullptr), CRM_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace crm_c_test
