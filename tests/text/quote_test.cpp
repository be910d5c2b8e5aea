// SPDX-License-Identifier: Apache-2.0
#include "text/quote.hpp"

#include <gtest/gtest.h>

#include <string>

#include "text/utf8.hpp"

namespace crm::detail {
namespace {

TEST(QuoteTest, WrapsPrintableTextInQuotes) {
  EXPECT_EQ(quote("abc"), "'abc'");
  EXPECT_EQ(quote(""), "''");
  EXPECT_EQ(quote("张伟"), "'张伟'");
}

TEST(QuoteTest, EscapesControlCharactersAndInvalidBytes) {
  EXPECT_EQ(quote("a\nb"), "'a\\x0ab'");
  EXPECT_EQ(quote(std::string("a\0b", 3)), "'a\\x00b'");
  EXPECT_EQ(quote("\x1b[31m"), "'\\x1b[31m'");
  EXPECT_EQ(quote("ok\xc3"), "'ok\\xc3'");  // a truncated two-byte sequence
  EXPECT_EQ(quote("\xff\xfe"), "'\\xff\\xfe'");
}

// DEL and the C1 controls (U+0080-U+009F: U+009B is CSI to a terminal) are
// characters, spelt as JSON spells them, so the escape also reads inside a
// JSON string; C0 controls and bytes that are not UTF-8 are bytes: \xNN.
TEST(QuoteTest, EscapesDelAndC1ControlsAsCodePoints) {
  EXPECT_EQ(quote("\x7f"), "'\\u007f'");
  EXPECT_EQ(quote("a\xc2\x85z"), "'a\\u0085z'");
  EXPECT_EQ(quote("\xc2\x9b[31m"), "'\\u009b[31m'");
  EXPECT_EQ(quote("\xc2\x80\xc2\x9f\xc2\xa0"), "'\\u0080\\u009f\xc2\xa0'");  // U+00A0 is not a control
}

TEST(QuoteTest, CutsLongValuesAtSixtyFourBytesWithAnEllipsis) {
  const std::string long_value(1000, 'x');
  EXPECT_EQ(quote(long_value), "'" + std::string(64, 'x') + "…'");
  EXPECT_EQ(quote(std::string(64, 'x')), "'" + std::string(64, 'x') + "'");
}

TEST(QuoteTest, NeverCutsInsideAMultiByteCharacter) {
  // 63 ASCII bytes then a 3-byte character: the character is kept whole.
  const std::string value = std::string(63, 'x') + "张" + "tail";
  EXPECT_EQ(quote(value), "'" + std::string(63, 'x') + "张…'");
}

TEST(QuoteTest, AlwaysGivesValidUtf8WhateverTheInput) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  for (std::size_t start = 0; start < every_byte.size(); start += 7) {
    const auto quoted = quote(std::string_view(every_byte).substr(start));
    EXPECT_FALSE(find_invalid_utf8(quoted).has_value()) << "start " << start;
  }
}

}  // namespace
}  // namespace crm::detail
