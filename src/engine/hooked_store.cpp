// SPDX-License-Identifier: Apache-2.0
#include "engine/hooked_store.hpp"

namespace crm::detail {

HookedStore::~HookedStore() {
  listener_ = nullptr;  // the engine's state goes before its store
  if (const OwnerId owner = owner_.load(); owner != 0) {
    ScopedOwner as(owner);
    while (in_transaction()) rollback();
  }
}

void HookedStore::begin() {
  inner().begin();  // waits while another owner holds the transaction
  if (depth_ == 0) {
    const OwnerId me = current_owner();
    try {
      roll_back_at_exit(me, this);
    } catch (...) {
      inner().rollback();
      throw;
    }
    owner_.store(me);
  }
  ++depth_;
}

void HookedStore::owner_thread_ended() noexcept {
  while (in_transaction()) rollback();
}

void HookedStore::commit() {
  if (!in_transaction() || depth_ > 1) {
    // Nested: hands its writes to the enclosing level, or fails and leaves it
    // all the same. Without a transaction the store refuses the call.
    const bool nested = in_transaction();
    try {
      inner().commit();
    } catch (...) {
      if (nested) --depth_;
      throw;
    }
    if (nested) --depth_;
    return;
  }
  if (listener_ != nullptr) {
    try {
      listener_->before_commit();
    } catch (...) {
      rollback();
      throw;
    }
  }
  // The next writer may begin as soon as the store lets go: the depth must
  // be reset before that.
  leave();
  try {
    inner().commit();
  } catch (...) {
    if (listener_ != nullptr) listener_->after_commit(false);
    throw;
  }
  if (listener_ != nullptr) listener_->after_commit(true);
}

void HookedStore::rollback() noexcept {
  if (!in_transaction()) return inner().rollback();
  if (depth_ > 1) {
    inner().rollback();
    --depth_;
    return;
  }
  if (listener_ != nullptr) listener_->before_rollback();
  leave();
  inner().rollback();
}

void HookedStore::leave() noexcept {
  depth_ = 0;
  forget_at_exit(owner_.load(), this);
  owner_.store(0);
}

}  // namespace crm::detail
