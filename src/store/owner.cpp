// SPDX-License-Identifier: Apache-2.0
#include "store/owner.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace crm::detail {

namespace owner_detail {
constinit thread_local OwnerId thread_serial = 0;
constinit thread_local OwnerId acting_for = 0;
}  // namespace owner_detail

// One thread's registrations. `mutex` guards `held`; `acting` is held by the
// thread while it rolls back at its end, and by a ScopedOwner acting for it,
// so the two never roll back the same transaction at once.
struct ThreadHooks {
  std::mutex mutex;
  std::vector<HeldTransaction*> held;
  std::mutex acting;
};

namespace {

using owner_detail::acting_for;
using owner_detail::thread_serial;

std::atomic<OwnerId> next_serial{1};
thread_local ThreadHooks* my_hooks = nullptr;  // this thread's, once it registered; valid until it has ended

// Every live thread's hooks by owner, for ScopedOwner's use.
struct Registry {
  std::mutex mutex;
  std::unordered_map<OwnerId, std::shared_ptr<ThreadHooks>> threads;
};

Registry& registry() {
  static auto* instance = new Registry;  // never destroyed: threads may end after static destruction
  return *instance;
}

std::shared_ptr<ThreadHooks> registered(OwnerId owner) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  const auto it = r.threads.find(owner);
  return it == r.threads.end() ? nullptr : it->second;
}

// Lives as long as its thread; its destructor rolls back what the thread
// still holds. Made on the thread's first registration only.
struct ThisThread {
  OwnerId owner;
  std::shared_ptr<ThreadHooks> hooks = std::make_shared<ThreadHooks>();

  explicit ThisThread(OwnerId id) : owner(id) {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.threads.emplace(owner, hooks);
    my_hooks = hooks.get();
  }

  ~ThisThread() {
    {
      std::lock_guard acting(hooks->acting);
      for (;;) {
        HeldTransaction* held = nullptr;
        {
          std::lock_guard lock(hooks->mutex);
          if (hooks->held.empty()) break;
          held = hooks->held.back();
          hooks->held.pop_back();
        }
        held->owner_thread_ended();  // may call forget_at_exit: `mutex` is not held
      }
    }
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.threads.erase(owner);
  }
};

bool on_own_thread(OwnerId owner) { return acting_for == 0 && owner == thread_serial; }

// Runs f on the hooks of `owner`, under their lock; not at all once that
// thread has ended.
template <class F>
void with_hooks(OwnerId owner, F&& f) {
  if (on_own_thread(owner)) {
    if (my_hooks == nullptr) {
      thread_local ThisThread me(owner);
    }
    std::lock_guard lock(my_hooks->mutex);
    f(*my_hooks);
    return;
  }
  const auto hooks = registered(owner);
  if (!hooks) return;
  std::lock_guard lock(hooks->mutex);
  f(*hooks);
}

}  // namespace

OwnerId owner_detail::assign_serial() noexcept {
  return thread_serial = next_serial.fetch_add(1, std::memory_order_relaxed);
}

ScopedOwner::ScopedOwner(OwnerId owner) noexcept {
  if (on_own_thread(owner) || owner == 0) return;  // nothing to act for
  hooks_ = registered(owner);
  if (hooks_) acting_ = std::unique_lock(hooks_->acting);
  previous_ = std::exchange(acting_for, owner);
  active_ = true;
}

ScopedOwner::~ScopedOwner() {
  if (active_) acting_for = previous_;
}

void roll_back_at_exit(OwnerId owner, HeldTransaction* held) {
  with_hooks(owner, [&](ThreadHooks& hooks) { hooks.held.push_back(held); });
}

void forget_at_exit(OwnerId owner, HeldTransaction* held) noexcept {
  with_hooks(owner, [&](ThreadHooks& hooks) {
    auto& list = hooks.held;
    if (const auto it = std::find(list.rbegin(), list.rend(), held); it != list.rend()) list.erase(std::next(it).base());
  });
}

}  // namespace crm::detail
