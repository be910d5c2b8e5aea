#include "engine/hooked_store.hpp"

namespace crm::detail {

void HookedStore::begin() {
  inner().begin();  // waits while another thread holds the transaction
  if (depth_++ == 0) owner_.store(std::this_thread::get_id());
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
  owner_.store(std::thread::id{});
}

}  // namespace crm::detail
