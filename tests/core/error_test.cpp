// SPDX-License-Identifier: Apache-2.0
#include "crm/error.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crm/limits.hpp"

namespace crm {
namespace {

// Every message is short whatever built it: the values a message quotes are
// cut at 64 bytes already, and this is the safety net for the rest.
TEST(ErrorTest, AMessageIsCutAtTheDocumentedLength) {
  EXPECT_EQ(limits::error_message, 4096U);
  const Error error(Errc::invalid_argument, "field: " + std::string(2'000'000, 'x'));
  const std::string message = error.what();
  EXPECT_EQ(message.size(), limits::error_message);
  EXPECT_EQ(message.substr(0, 8), "field: x");
  EXPECT_EQ(message.substr(message.size() - 3), "…");
  EXPECT_EQ(error.code(), Errc::invalid_argument);
}

TEST(ErrorTest, AShortMessageIsKeptAsItIs) {
  const std::string text(limits::error_message, 'y');
  EXPECT_EQ(Error(Errc::conflict, text).what(), text);
}

TEST(ErrorTest, AMessageIsNeverCutInsideACharacter) {
  // 4093 bytes, then a 3-byte character over the cut: the character goes whole.
  const std::string message = Error(Errc::invalid_argument, std::string(4093, 'a') + "张" + std::string(10, 'b')).what();
  EXPECT_EQ(message, std::string(4093, 'a') + "…");
}

}  // namespace
}  // namespace crm
