// SPDX-License-Identifier: Apache-2.0
#pragma once
// How the engine tells the service above it about every record it writes.
// The engine sits below workflow, the sales services and analytics: it
// names none of them, only this interface, which the workflow runner
// (src/workflow/runner.hpp) implements and plugs in (workflow_service.hpp).
//
// Every call runs inside the write's transaction, on the writing thread, so
// what the hook writes commits or rolls back with the change, and what it
// throws fails the change (nothing is written). The engine calls it for
// every record type it writes, whether or not the hook cares (pipelines fire
// no rules): which types are watched is the hook's business.

#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/model/task.hpp"
#include "crm/time.hpp"

namespace crm::detail {

class ChangeHook {
 public:
  virtual ~ChangeHook() = default;

  // Before an update is written, with the stored record and the new one:
  // throw (Errc::conflict) to refuse it, e.g. a field an approval locks.
  virtual void before_update(const Customer& before, const Customer& after) const = 0;
  virtual void before_update(const Interaction& before, const Interaction& after) const = 0;
  virtual void before_update(const Lead& before, const Lead& after) const = 0;
  virtual void before_update(const Opportunity& before, const Opportunity& after) const = 0;
  virtual void before_update(const Pipeline& before, const Pipeline& after) const = 0;
  virtual void before_update(const Task& before, const Task& after) const = 0;

  // Before a record is erased: throw (Errc::conflict) to refuse it, e.g.
  // while an approval of it is pending.
  virtual void before_erase(const Customer& record) const = 0;
  virtual void before_erase(const Interaction& record) const = 0;
  virtual void before_erase(const Lead& record) const = 0;
  virtual void before_erase(const Opportunity& record) const = 0;
  virtual void before_erase(const Pipeline& record) const = 0;
  virtual void before_erase(const Task& record) const = 0;

  // After a record was created (before is null), updated, or erased (after
  // is null), and after everything the engine writes with it (stage
  // history, purchase statistics, lead tallies). Returns true when the hook
  // changed records meanwhile: the written record may no longer be as
  // stored, so the engine reads it back before returning it.
  virtual bool after_write(const Customer* before, const Customer* after, Timestamp now) = 0;
  virtual bool after_write(const Interaction* before, const Interaction* after, Timestamp now) = 0;
  virtual bool after_write(const Lead* before, const Lead* after, Timestamp now) = 0;
  virtual bool after_write(const Opportunity* before, const Opportunity* after, Timestamp now) = 0;
  virtual bool after_write(const Pipeline* before, const Pipeline* after, Timestamp now) = 0;
  virtual bool after_write(const Task* before, const Task* after, Timestamp now) = 0;
};

}  // namespace crm::detail
