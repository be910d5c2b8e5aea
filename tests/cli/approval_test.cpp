// SPDX-License-Identifier: Apache-2.0
// crm approval request | approve | reject | list | show, through the real binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;


class ApprovalCliTest : public CliTest {
 protected:
  void SetUp() override {
    crm_ok({"init"});
    deal = add_deal("500 tills at 30% off");
  }

  json run_json(std::vector<std::string> command) const {
    command.insert(command.begin(), "--json");
    return json::parse(crm_ok(command));
  }

  std::string add_deal(const std::string& name) const {
    return std::to_string(
        id_of(crm_ok({"--json", "opp", "add", "--name", name, "--stage", "proposal", "--amount", "70000", "--currency",
                      "EUR", "--owner", "alice"})));
  }

  // Asks sales-manager, then finance, to approve a discount on the deal, locking its amount.
  json request_discount(const std::string& name = "discount") const {
    return run_json({"approval", "request", "--entity", "opportunity", "--record", deal, "--name", name, "--approver",
                     "sales-manager", "--approver", "finance", "--lock", "amount", "--by", "alice"});
  }

  static std::string id_text(const json& approval) { return std::to_string(approval["id"].get<long long>()); }

  json ids(std::vector<std::string> list) const {
    list.insert(list.begin(), {"approval", "list"});
    const json page = run_json(list);
    json out = json::array();
    for (const auto& a : page["items"]) out.push_back(a["id"]);
    return out;
  }

  std::string deal;
};

TEST_F(ApprovalCliTest, RequestStoresAPendingApprovalWaitingForTheFirstApprover) {
  const auto a = request_discount();
  EXPECT_EQ(a["name"], "discount");
  EXPECT_EQ(a["entity"], "opportunity");
  EXPECT_EQ(std::to_string(a["record_id"].get<long long>()), deal);
  EXPECT_EQ(a["approvers"], json({"sales-manager", "finance"}));
  EXPECT_EQ(a["locked_fields"], json({"amount"}));
  EXPECT_EQ(a["requested_by"], "alice");
  EXPECT_EQ(a["status"], "pending");
  EXPECT_EQ(a["waiting_for"], "sales-manager");
  EXPECT_EQ(run_json({"approval", "show", id_text(a)}), a);

  const auto shown = crm_ok({"approval", "show", id_text(a)});
  EXPECT_TRUE(shown.starts_with("id ")) << shown;
  EXPECT_TRUE(contains(shown, "waiting_for    sales-manager\n")) << shown;
  EXPECT_TRUE(contains(shown, "approvers      sales-manager, finance\n")) << shown;
}

TEST_F(ApprovalCliTest, EachApproverApprovesInTurnAtTheVersionJustRead) {
  const auto id = id_text(request_discount());
  const auto first = run_json({"approval", "approve", id, "--as", "sales-manager", "--comment", "fine for 500 tills"});
  EXPECT_EQ(first["status"], "pending");
  EXPECT_EQ(first["waiting_for"], "finance");
  EXPECT_EQ(first["version"], 2);
  const auto last = run_json({"approval", "approve", id, "--as", "finance"});
  EXPECT_EQ(last["status"], "approved");
  EXPECT_EQ(last["waiting_for"], "");
  ASSERT_EQ(last["decisions"].size(), 2U) << last;
  EXPECT_EQ(last["decisions"][0]["comment"], "fine for 500 tills");

  const auto shown = crm_ok({"approval", "show", id});
  EXPECT_TRUE(contains(shown, "decisions      approved by sales-manager ")) << shown;
  EXPECT_TRUE(contains(shown, ": fine for 500 tills\n")) << shown;
  EXPECT_TRUE(contains(shown, "               approved by finance ")) << shown;
}

TEST_F(ApprovalCliTest, AnotherApproversTurnIsRefusedWithTheEnginesMessage) {
  const auto a = request_discount();
  const auto id = id_text(a);
  const auto result = crm({"approval", "approve", id, "--as", "finance"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "crm: error: approval " + id + " ('discount') waits for 'sales-manager', not 'finance'\n");
  EXPECT_EQ(run_json({"approval", "show", id}), a);  // nothing decided
}

TEST_F(ApprovalCliTest, RejectNeedsACommentAndOneRejectionRejectsIt) {
  const auto id = id_text(request_discount());
  const auto bare = crm({"approval", "reject", id, "--as", "sales-manager"});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_TRUE(contains(bare.err, "--comment")) << bare.err;

  const auto rejected = run_json({"approval", "reject", id, "--as", "sales-manager", "--comment", "30% is too much"});
  EXPECT_EQ(rejected["status"], "rejected");
  EXPECT_EQ(rejected["decisions"][0]["approved"], false);
  EXPECT_EQ(rejected["decisions"][0]["comment"], "30% is too much");
  const auto again = crm({"approval", "approve", id, "--as", "finance"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.err, "crm: error: approval " + id + " ('discount') is already rejected\n");
}

TEST_F(ApprovalCliTest, ALockedFieldCannotBeUpdatedWhilePending) {
  const auto id = id_text(request_discount());
  expect_refused({"opp", "update", deal, "--amount", "80000"},
                 "crm: error: opportunity " + deal + ": 'amount' is locked while approval " + id +
                     " ('discount') is pending\n");
  crm_ok({"opp", "update", deal, "--owner", "bob"});  // not locked

  crm_ok({"approval", "approve", id, "--as", "sales-manager"});
  crm_ok({"approval", "approve", id, "--as", "finance"});
  EXPECT_EQ(run_json({"opp", "update", deal, "--amount", "80000"})["amount"]["minor"], 8'000'000);
}

TEST_F(ApprovalCliTest, ABadRequestIsRefusedAndNothingIsStored) {
  const auto unknown = crm({"approval", "request", "--entity", "opportunity", "--record", "999", "--name", "discount",
                            "--approver", "finance"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "crm: error: approval.record_id: opportunity 999 not found\n");
  const auto field = crm({"approval", "request", "--entity", "opportunity", "--record", deal, "--name", "discount",
                          "--approver", "finance", "--lock", "tire"});
  EXPECT_EQ(field.exit_code, 1);
  EXPECT_TRUE(contains(field.err, "approval.locked_fields[0]: 'tire' is not a field of opportunity")) << field.err;
  const auto no_approver =
      crm({"approval", "request", "--entity", "opportunity", "--record", deal, "--name", "discount"});
  EXPECT_EQ(no_approver.exit_code, 2);
  EXPECT_TRUE(contains(no_approver.err, "--approver")) << no_approver.err;
  EXPECT_EQ(crm_ok({"approval", "list"}), "no approvals\n");

  request_discount();
  const auto twice = crm({"approval", "request", "--entity", "opportunity", "--record", deal, "--name", "discount",
                          "--approver", "finance"});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_TRUE(contains(twice.err, "is already pending")) << twice.err;
}

TEST_F(ApprovalCliTest, ListIsAnInboxARecordsApprovalsOrThoseWithAStatus) {
  const auto other = add_deal("20 tills");
  const auto first = request_discount();
  const auto second = run_json({"approval", "request", "--entity", "opportunity", "--record", other, "--name",
                                "terms", "--approver", "finance"});
  const auto third = run_json({"approval", "request", "--entity", "opportunity", "--record", deal, "--name", "terms",
                               "--approver", "finance"});
  crm_ok({"approval", "approve", id_text(third), "--as", "finance"});

  EXPECT_EQ(ids({"--waiting-for", "finance"}), json::array({second["id"]}));
  EXPECT_EQ(ids({"--waiting-for", "sales-manager"}), json::array({first["id"]}));
  EXPECT_EQ(ids({"--entity", "opportunity", "--record", deal}), json({first["id"], third["id"]}));
  EXPECT_EQ(ids({"--status", "approved"}), json::array({third["id"]}));
  EXPECT_EQ(ids({}), json({first["id"], second["id"], third["id"]}));

  const auto table = crm_ok({"approval", "list", "--waiting-for", "sales-manager"});
  EXPECT_TRUE(table.starts_with("id  name      record         status   waiting for    approvers               "
                                "requested by  requested (UTC)\n"))
      << table;
  EXPECT_TRUE(
      contains(table, "discount  opportunity " + deal + "  pending  sales-manager  sales-manager, finance  alice"))
      << table;
  const auto paged = crm_ok({"approval", "list", "--limit", "2"});
  EXPECT_TRUE(contains(paged, "next page: --cursor ")) << paged;
}

TEST_F(ApprovalCliTest, ListTakesOneFilterAndARecordNeedsItsEntityAndId) {
  EXPECT_EQ(crm({"approval", "list", "--entity", "opportunity"}).exit_code, 2);
  EXPECT_EQ(crm({"approval", "list", "--record", "1"}).exit_code, 2);
  EXPECT_EQ(crm({"approval", "list", "--waiting-for", "finance", "--status", "pending"}).exit_code, 2);
  const auto status = crm({"approval", "list", "--status", "done"});
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_TRUE(contains(status.err, "approval status")) << status.err;
}

TEST_F(ApprovalCliTest, ShowOfAnUnknownApprovalIsRefused) {
  const auto result = crm({"approval", "show", "42"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
}

TEST_F(ApprovalCliTest, HelpListsTheApprovalCommands) {
  EXPECT_TRUE(contains(crm({"--help"}).out, "approval"));
  const auto help = crm({"approval", "--help"}).out;
  for (const char* command : {"request", "approve", "reject", "list", "show"})
    EXPECT_TRUE(contains(help, command)) << command;
}

}  // namespace
}  // namespace crm::test
