// SPDX-License-Identifier: Apache-2.0
// crm approval request | approve | reject | list | show: approvals of
// records (docs/WORKFLOW.md, "Approvals").
#include <crm/engine.hpp>

#include <memory>
#include <string>

#include "commands.hpp"
#include "record_commands.hpp"

namespace crm::cli {

namespace {

void add_request_command(CLI::App& approval, Context& ctx) {
  auto request = std::make_shared<ApprovalRequest>();
  auto* cmd = approval.add_subcommand("request", "Ask approvers, in order, to approve a record");
  cmd->add_option("--entity", request->entity, "the record's kind: customer, interaction, lead, opportunity, task")
      ->required();
  cmd->add_option("--record", request->record_id, "the record's id")->required();
  cmd->add_option("--name", request->name, "what is asked, e.g. discount (one pending per name and record)")
      ->required();
  cmd->add_option("--approver", request->approvers, "who approves (repeatable: each in turn, in this order)")
      ->required();
  cmd->add_option("--lock", request->locked_fields,
                  "a field of the record that cannot change while pending (repeatable)");
  cmd->add_option("--by", request->requested_by, "who asks");
  cmd->callback([&ctx, request] { print_record(ctx, ctx.engine().request_approval(*request)); });
}

struct Decision {
  Id id = 0;
  std::string approver, comment;
};

// `approval NAME ID --as WHO`: decides on the approval at the version just
// read and prints it as stored. The engine refuses another approver's turn.
void add_decision_command(CLI::App& approval, Context& ctx, const std::string& name, const std::string& description,
                          bool approve) {
  auto decision = std::make_shared<Decision>();
  auto* cmd = approval.add_subcommand(name, description);
  cmd->add_option("id", decision->id, "approval id")->required();
  cmd->add_option("--as", decision->approver, "the approver deciding (it must be their turn)")->required();
  auto* comment = cmd->add_option("--comment", decision->comment, approve ? "a note on the decision" : "why");
  if (!approve) comment->required();
  cmd->callback([&ctx, decision, approve] {
    Engine& engine = ctx.engine();
    const auto current = engine.get<Approval>(decision->id);
    print_record(ctx, approve ? engine.approve(current.id, current.version, decision->approver, decision->comment)
                              : engine.reject(current.id, current.version, decision->approver, decision->comment));
  });
}

void add_approval_list_command(CLI::App& approval, Context& ctx) {
  auto query = std::make_shared<ApprovalQuery>();
  auto* cmd = approval.add_subcommand(
      "list", "List approvals: all, an approver's inbox, one record's, or those with a status");
  auto* waiting =
      cmd->add_option("--waiting-for", query->waiting_for, "the pending ones whose turn is this approver's");
  auto* status = add_enum_option(*cmd, "--status", query->status, "those with this status, oldest first")
                     ->excludes(waiting);
  auto* entity = cmd->add_option("--entity", query->entity, "with --record: one record's, pending first")
                     ->excludes(waiting)
                     ->excludes(status);
  cmd->add_option("--record", query->record_id, "with --entity: the record's id")
      ->needs(entity)
      ->excludes(waiting)
      ->excludes(status);
  entity->needs("--record");
  add_paging_options(*cmd, *query);
  cmd->callback([&ctx, query] { print_page(ctx, ctx.engine().list(*query), "approvals"); });
}

}  // namespace

void add_approval_commands(CLI::App& app, Context& ctx) {
  auto* approval = app.add_subcommand("approval", "Request, decide, list and show approvals of records");
  approval->require_subcommand(1);
  add_request_command(*approval, ctx);
  add_decision_command(*approval, ctx, "approve", "Approve, as the approver whose turn it is", true);
  add_decision_command(*approval, ctx, "reject", "Reject, as the approver whose turn it is, saying why", false);
  add_approval_list_command(*approval, ctx);
  add_show_command<Approval>(*approval, ctx, "approval");
}

}  // namespace crm::cli
