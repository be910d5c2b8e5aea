// SPDX-License-Identifier: Apache-2.0
// The C boundary itself: whatever a body throws, guarded() returns a status
// and a message and lets nothing escape. Compiled against bindings/c's
// sources directly, since libcrm.so hides them.
#include "guard.hpp"

#include <gtest/gtest.h>

#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "support/memory_limit.hpp"

namespace crm::c_api {
namespace {

template <class Body>
std::pair<crm_status, std::string> run(Body body) {
  const crm_status status = guarded("crm_test", body);
  return {status, crm_last_error_message()};
}

TEST(GuardTest, MapsEveryErrcToItsStatus) {
  for (int value = 1; value < 256; ++value) {
    const auto code = static_cast<Errc>(value);
    if (to_string(code) == "unknown") continue;
    const auto [got, message] = run([code] { throw Error(code, "boom"); });
    EXPECT_EQ(got, value) << to_string(code);
    EXPECT_EQ(message, "crm_test: boom");
  }
}

TEST(GuardTest, OutOfMemoryIsItsOwnStatus) {
  const auto [status, message] = run([] { throw std::bad_alloc(); });
  EXPECT_EQ(status, CRM_OUT_OF_MEMORY);
  EXPECT_EQ(message, "crm_test: out of memory");
}

TEST(GuardTest, AnyOtherExceptionIsInternal) {
  auto [status, message] = run([] { throw std::runtime_error("vector::at"); });
  EXPECT_EQ(status, CRM_INTERNAL);
  EXPECT_EQ(message, "crm_test: internal error: vector::at");
  std::tie(status, message) = run([] { throw 42; });
  EXPECT_EQ(status, CRM_INTERNAL);
  EXPECT_EQ(message, "crm_test: internal error: unknown exception");
}

TEST(GuardTest, AClosedEngineIsClosed) {
  EXPECT_EQ(run([] { throw ClosedEngine{}; }).first, CRM_CLOSED);
}

TEST(GuardTest, SuccessClearsTheMessage) {
  run([] { throw std::bad_alloc(); });
  const auto [status, message] = run([] {});
  EXPECT_EQ(status, CRM_OK);
  EXPECT_EQ(message, "");
}

// Recording the message needs memory too. guarded() is noexcept, so an
// allocation that fails while it builds the message must not escape it
// (that is std::terminate): the status still comes back, with a message
// that needed no memory.
TEST(GuardTest, StatusComesBackWhenTheMessageCannotBeRecorded) {
  if (const char* why = test::memory_limit_unsupported()) GTEST_SKIP() << why;
  constexpr long MiB = 1 << 20;
  const auto long_error = [](auto thrown) {
    return test::run_with_memory_limit(
        16 * MiB, [thrown] { return new auto(thrown); },  // 64 MiB of message, made before the limit
        [](auto* error) {
          const crm_status status = guarded("crm_test", [error] { throw *error; });
          const std::string_view message = crm_last_error_message();
          return message.find("out of memory") == std::string_view::npos ? 100 + status : status;
        });
  };
  // A crm::Error cuts its own message (limits::error_message), so only
  // another exception's text can be too long to record.
  const std::string huge(64 * MiB, 'x');
  const auto other = long_error(std::runtime_error(huge));
  EXPECT_TRUE(other.exited && other.code == CRM_INTERNAL) << other.describe();
}

}  // namespace
}  // namespace crm::c_api
