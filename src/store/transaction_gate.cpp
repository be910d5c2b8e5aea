// SPDX-License-Identifier: Apache-2.0
#include "store/transaction_gate.hpp"

#include <string>

namespace crm::detail {

namespace {
// A day: any longer wait is a hang by another name.
constexpr std::chrono::milliseconds max_busy_timeout{24LL * 60 * 60 * 1000};
}  // namespace

void throw_busy(std::string_view waiting_for, std::chrono::milliseconds timeout) {
  throw Error(Errc::busy, std::string("busy: ") + std::string(waiting_for) + " stayed locked for the busy timeout (" +
                              std::to_string(timeout.count()) + " ms); try again later");
}

void check_busy_timeout(std::chrono::milliseconds timeout, std::string_view option) {
  if (timeout < std::chrono::milliseconds::zero() || timeout > max_busy_timeout)
    throw Error(Errc::invalid_argument, std::string(option) + " " + std::to_string(timeout.count()) +
                                            " ms is not between 0 and " + std::to_string(max_busy_timeout.count()));
}

}  // namespace crm::detail
