// SPDX-License-Identifier: Apache-2.0
#include "text/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crm/normalize.hpp"
#include "support/errors.hpp"

namespace crm::detail {
namespace {

using test::error_of;

TEST(Utf8Test, FindsTheFirstInvalidByte) {
  EXPECT_FALSE(find_invalid_utf8("").has_value());
  EXPECT_FALSE(find_invalid_utf8("Zoë 张伟 🎉").has_value());
  EXPECT_EQ(find_invalid_utf8("ab\xff"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xc3\x28"), 0u);            // bad continuation byte
  EXPECT_EQ(find_invalid_utf8("a\xc0\xaf"), 1u);           // overlong encoding of '/'
  EXPECT_EQ(find_invalid_utf8("\xed\xa0\x80"), 0u);        // a UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xf4\x90\x80\x80"), 0u);    // beyond U+10FFFF
  EXPECT_EQ(find_invalid_utf8("ok\xe5\xbc"), 2u);          // truncated at the end
}

TEST(Utf8Test, ToNfcComposesAndLeavesAsciiAlone) {
  EXPECT_EQ(to_nfc("e\u0301"), "\u00e9");
  EXPECT_EQ(to_nfc("plain ascii"), "plain ascii");
  EXPECT_EQ(to_nfc("\u00e9"), "\u00e9");
}

TEST(Utf8Test, TrimRemovesAsciiAndUnicodeWhiteSpace) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim("\u00a0\u3000张伟\u2003"), "张伟");  // no-break, ideographic, em space
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\xff "), "\xff");  // stops at an invalid byte rather than reading through it
}

TEST(Utf8Test, CleanTextTrimsAndNormalisesSingleLineText) {
  EXPECT_EQ(clean_text("name", "  Zoe\u0308 ", {.max_bytes = 100}), "Zo\u00eb");
}

TEST(Utf8Test, CleanTextKeepsLineBreaksOnlyInMultilineText) {
  EXPECT_EQ(clean_text("body", " line 1\n\tline 2\r\n", {.max_bytes = 100, .multiline = true}),
            " line 1\n\tline 2\r\n");
  const auto failure = error_of([] { (void)clean_text("name", "a\nb", {.max_bytes = 100}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "name 'a\\x0ab': control character at byte 1");
}

TEST(Utf8Test, CleanTextRefusesNulDelAndEscapeEvenInMultilineText) {
  const TextRule rule{.max_bytes = 100, .multiline = true};
  EXPECT_EQ(error_of([&] { (void)clean_text("body", std::string("a\0b", 3), rule); }).message,
            "body 'a\\x00b': control character at byte 1");
  EXPECT_EQ(error_of([&] { (void)clean_text("body", "a\x7f", rule); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { (void)clean_text("body", "\x1b[2J", rule); }).code, Errc::invalid_argument);
}

// C1 controls (U+0080-U+009F, two bytes in UTF-8) are controls as C0 ones
// are: U+009B is CSI to a terminal, U+0085 a line break. U+00A0 is not one.
TEST(Utf8Test, CleanTextRefusesC1ControlsEvenInMultilineText) {
  for (const bool multiline : {false, true}) {
    const TextRule rule{.max_bytes = 100, .multiline = multiline};
    EXPECT_EQ(error_of([&] { (void)clean_text("name", "Ada\xc2\x9b" "31m", rule); }).message,
              "name 'Ada\\u009b31m': control character at byte 3");
    EXPECT_EQ(error_of([&] { (void)clean_text("name", "a\xc2\x85", rule); }).code, Errc::invalid_argument);
    EXPECT_EQ(error_of([&] { (void)clean_text("name", "\xc2\x80", rule); }).code, Errc::invalid_argument);
    EXPECT_EQ(error_of([&] { (void)clean_text("name", "\xc2\x9f", rule); }).code, Errc::invalid_argument);
  }
  EXPECT_EQ(clean_text("name", "a\xc2\xa0" "b", {.max_bytes = 100}), "a\xc2\xa0" "b");
}

TEST(Utf8Test, CleanTextRefusesInvalidUtf8NamingTheByte) {
  const auto failure = error_of([] { (void)clean_text("display_name", "Ad\xe9le", {.max_bytes = 100}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "display_name: invalid UTF-8 at byte 2");
}

TEST(Utf8Test, CleanTextMeasuresTheLimitInBytesAfterTrimming) {
  EXPECT_EQ(clean_text("tag", "  abcd  ", {.max_bytes = 4}), "abcd");
  EXPECT_EQ(error_of([] { (void)clean_text("tag", "abcde", {.max_bytes = 4}); }).message,
            "tag: 5 bytes, longer than the 4-byte limit");
  // Two characters of three bytes each are six bytes, over a four-byte limit.
  EXPECT_EQ(error_of([] { (void)clean_text("tag", "张伟", {.max_bytes = 4}); }).message,
            "tag: 6 bytes, longer than the 4-byte limit");
}

TEST(Utf8Test, CleanTextRefusesAHugeValueBeforeScanningIt) {
  const std::string huge(1 << 20, 'a');
  EXPECT_EQ(error_of([&] { (void)clean_text("note", huge, {.max_bytes = 100}); }).message,
            "note: 1048576 bytes, longer than the 100-byte limit");
}

TEST(FoldCaseTest, FoldsCaseAndSharpS) {
  EXPECT_EQ(fold_case("Straße"), fold_case("STRASSE"));
  EXPECT_EQ(fold_case("Ada LOVELACE"), "ada lovelace");
  EXPECT_EQ(fold_case("ΣΊΣΥΦΟΣ"), fold_case("σίσυφος"));
}

TEST(FoldCaseTest, MatchesComposedAndDecomposedSpellings) {
  EXPECT_EQ(fold_case("Zoe\u0308"), fold_case("ZO\u00cb"));
}

TEST(FoldCaseTest, RefusesInvalidUtf8) {
  const auto failure = error_of([] { (void)fold_case("ab\xff"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "text: invalid UTF-8 at byte 2");
}

}  // namespace
}  // namespace crm::detail
