#include "store/owner.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace crm::detail {

namespace {

std::atomic<OwnerId> next_serial{1};
thread_local OwnerId thread_serial = 0;
thread_local OwnerId acting_for = 0;  // set by a ScopedOwner

// One thread's registrations. Locked by its own thread on the fast path and
// by a ScopedOwner acting for it.
struct ThreadHooks {
  std::mutex mutex;
  std::vector<HeldTransaction*> held;
};

// Every live thread's hooks by owner, for ScopedOwner's use.
struct Registry {
  std::mutex mutex;
  std::unordered_map<OwnerId, std::shared_ptr<ThreadHooks>> threads;
};

Registry& registry() {
  static auto* instance = new Registry;  // never destroyed: threads may end after static destruction
  return *instance;
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
  }

  ~ThisThread() {
    for (;;) {
      HeldTransaction* held = nullptr;
      {
        std::lock_guard lock(hooks->mutex);
        if (hooks->held.empty()) break;
        held = hooks->held.back();
        hooks->held.pop_back();
      }
      held->owner_thread_ended();  // may call forget_at_exit: no lock is held
    }
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.threads.erase(owner);
  }
};

std::shared_ptr<ThreadHooks> hooks_of(OwnerId owner) {
  if (acting_for == 0 && owner == thread_serial) {
    thread_local ThisThread me(owner);
    return me.hooks;
  }
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.threads.find(owner);
  return it == r.threads.end() ? nullptr : it->second;
}

}  // namespace

OwnerId current_owner() noexcept {
  if (acting_for != 0) return acting_for;
  if (thread_serial == 0) thread_serial = next_serial.fetch_add(1, std::memory_order_relaxed);
  return thread_serial;
}

ScopedOwner::ScopedOwner(OwnerId owner) noexcept : previous_(std::exchange(acting_for, owner)) {}
ScopedOwner::~ScopedOwner() { acting_for = previous_; }

void roll_back_at_exit(OwnerId owner, HeldTransaction* held) {
  auto hooks = hooks_of(owner);
  if (!hooks) return;  // that thread has ended: nothing is left to roll back at its exit
  std::lock_guard lock(hooks->mutex);
  hooks->held.push_back(held);
}

void forget_at_exit(OwnerId owner, HeldTransaction* held) noexcept {
  std::shared_ptr<ThreadHooks> hooks;
  try {
    hooks = hooks_of(owner);
  } catch (...) {
    return;  // hooks_of allocates only on a thread's first registration, which came before
  }
  if (!hooks) return;
  std::lock_guard lock(hooks->mutex);
  auto& list = hooks->held;
  if (auto it = std::find(list.rbegin(), list.rend(), held); it != list.rend()) list.erase(std::next(it).base());
}

}  // namespace crm::detail
