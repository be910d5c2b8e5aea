// SPDX-License-Identifier: Apache-2.0
// crm::Transaction: the RAII handle of a store transaction, bound to the
// owner (thread serial) that began it.
#include "crm/error.hpp"
#include "crm/store/store.hpp"
#include "store/owner.hpp"

namespace crm {

Transaction::Transaction(Store& store) : store_(&store), owner_(detail::current_owner()) { store.begin(); }

Transaction::Transaction(Transaction&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)), owner_(other.owner_) {}

Transaction::~Transaction() { rollback(); }

void Transaction::commit() {
  if (store_ == nullptr) return;
  if (owner_ != detail::current_owner())
    throw Error(Errc::invalid_argument, "commit: the transaction belongs to another thread; commit it there");
  std::exchange(store_, nullptr)->commit();
}

void Transaction::rollback() noexcept {
  if (store_ == nullptr) return;
  // On another thread, act for the owner: its store calls must see the
  // owner's transaction, not none.
  detail::ScopedOwner as(owner_);
  std::exchange(store_, nullptr)->rollback();
}

}  // namespace crm
