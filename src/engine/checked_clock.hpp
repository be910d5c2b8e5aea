// SPDX-License-Identifier: Apache-2.0
#pragma once
// The engine reads the host's clock through this wrapper, so a reading
// outside the supported range of a Timestamp (a clock set to garbage, a
// custom Clock gone wrong) is refused with Errc::invalid_argument ("clock:
// … is outside the supported range …") rather than stamped on records or
// used as "now" by the workflow. Everything that asks engine.options().clock
// (lead assignment, the C API's reports, the tool) gets the same check.

#include <memory>
#include <utility>

#include "crm/time.hpp"

namespace crm::detail {

class CheckedClock final : public Clock {
 public:
  explicit CheckedClock(std::shared_ptr<const Clock> inner) : inner_(std::move(inner)) {}
  Timestamp now() const override { return check_timestamp(inner_->now(), "clock"); }

 private:
  std::shared_ptr<const Clock> inner_;
};

}  // namespace crm::detail
