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
  EXPECT_EQ(quote("\x7f"), "'\\x7f'");
  EXPECT_EQ(quote("ok\xc3"), "'ok\\xc3'");  // a truncated two-byte sequence
  EXPECT_EQ(quote("\xff\xfe"), "'\\xff\\xfe'");
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
