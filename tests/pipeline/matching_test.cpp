// SPDX-License-Identifier: Apache-2.0
#include "crm/pipeline/matching.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/errors.hpp"

namespace crm {
namespace {

using test::error_of;

MatchSubject person(std::string given, std::string family, std::string company = "") {
  MatchSubject s;
  s.given_name = std::move(given);
  s.family_name = std::move(family);
  s.company = std::move(company);
  return s;
}

MatchSubject named(std::string display_name, std::string company = "") {
  MatchSubject s;
  s.display_name = std::move(display_name);
  s.company = std::move(company);
  return s;
}

MatchResult compare_defaults(const MatchSubject& a, const MatchSubject& b) {
  return compare(a, b, MatchRules::defaults());
}

// ---- jaro_winkler ----

TEST(JaroWinklerTest, GivesTheKnownReferenceValues) {
  EXPECT_NEAR(jaro_winkler("MARTHA", "MARHTA"), 0.961, 0.0005);
  EXPECT_NEAR(jaro_winkler("DWAYNE", "DUANE"), 0.840, 0.0005);
  EXPECT_NEAR(jaro_winkler("DIXON", "DICKSONX"), 0.813, 0.0005);
}

TEST(JaroWinklerTest, IsSymmetric) {
  EXPECT_DOUBLE_EQ(jaro_winkler("DIXON", "DICKSONX"), jaro_winkler("DICKSONX", "DIXON"));
  EXPECT_DOUBLE_EQ(jaro_winkler("王小明", "王晓明"), jaro_winkler("王晓明", "王小明"));
}

TEST(JaroWinklerTest, IdenticalStringsScoreOne) {
  EXPECT_DOUBLE_EQ(jaro_winkler("Smith", "Smith"), 1.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("王小明", "王小明"), 1.0);
}

TEST(JaroWinklerTest, TwoEmptyStringsScoreOneAndOneEmptyScoresZero) {
  EXPECT_DOUBLE_EQ(jaro_winkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("", "Smith"), 0.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("Smith", ""), 0.0);
}

TEST(JaroWinklerTest, NothingInCommonScoresZero) { EXPECT_DOUBLE_EQ(jaro_winkler("abc", "xyz"), 0.0); }

TEST(JaroWinklerTest, CountsCodePointsNotBytes) {
  // Over 6 code points: 5 matches, prefix 1 → 0.9. Over the 7 bytes of "Müller" it would be 0.864.
  EXPECT_NEAR(jaro_winkler("Müller", "Muller"), 0.9, 1e-12);
}

TEST(JaroWinklerTest, ComparesChineseCharacterByCharacter) {
  EXPECT_NEAR(jaro_winkler("王小明", "王晓明"), 0.8, 1e-12);        // 2 of 3 match, same family name
  EXPECT_NEAR(jaro_winkler("王小明", "李小明"), 7.0 / 9.0, 1e-12);  // 2 of 3 match, no common prefix
}

TEST(JaroWinklerTest, ReadsInvalidBytesAsReplacementCharacters) {
  EXPECT_DOUBLE_EQ(jaro_winkler("ab\xff", "ab\xfe"), 1.0);  // both read "ab\uFFFD"
  EXPECT_LT(jaro_winkler("ab\xff", "abc"), 1.0);
}

// ---- match_key and block_key ----

TEST(MatchKeyTest, FoldsCaseIncludingSharpS) { EXPECT_EQ(match_key("STRASSE"), match_key("straße")); }

TEST(MatchKeyTest, ComposesDecomposedAccents) {
  EXPECT_EQ(match_key("Ame\u0301lie"), "am\u00e9lie");
  EXPECT_EQ(match_key("Ame\u0301lie"), match_key("AM\u00c9LIE"));
}

TEST(MatchKeyTest, FoldsGreekFinalSigma) { EXPECT_EQ(match_key("ΠΑΠΑΔΌΠΟΥΛΟΣ"), match_key("Παπαδόπουλος")); }

TEST(MatchKeyTest, RemovesApostrophesAndFullStops) {
  EXPECT_EQ(match_key("O'Brien"), "obrien");
  EXPECT_EQ(match_key("O\u2019Brien"), "obrien");
  EXPECT_EQ(match_key("A.B.C. Ltd."), "abc ltd");
  EXPECT_EQ(match_key("J. Smith"), "j smith");
}

TEST(MatchKeyTest, ReadsOtherPunctuationAsASpace) {
  EXPECT_EQ(match_key("Jean-Pierre"), "jean pierre");
  EXPECT_EQ(match_key("Smith, John"), "smith john");
  EXPECT_EQ(match_key("ジョン・スミス"), "ジョン スミス");
}

TEST(MatchKeyTest, CollapsesAndTrimsWhiteSpace) {
  EXPECT_EQ(match_key("  John \t\n Smith  "), "john smith");
  EXPECT_EQ(match_key("\u3000山田\u3000太郎\u3000"), "山田 太郎");  // ideographic spaces
}

TEST(MatchKeyTest, KeepsCjkIntact) {
  EXPECT_EQ(match_key("王小明"), "王小明");
  EXPECT_EQ(match_key("株式会社 山田"), "株式会社 山田");
}

TEST(MatchKeyTest, ReplacesInvalidUtf8InsteadOfThrowing) { EXPECT_EQ(match_key("AB\xff"), "ab\uFFFD"); }

TEST(MatchKeyTest, PunctuationOnlyTextHasAnEmptyKey) { EXPECT_EQ(match_key(" -- . , "), ""); }

TEST(BlockKeyTest, IsTheFirstCodePointOfTheKey) {
  EXPECT_EQ(block_key("Émile Zola"), "é");
  EXPECT_EQ(block_key("  王小明"), "王");
  EXPECT_EQ(block_key("'.J Smith"), "j");
}

TEST(BlockKeyTest, IsEmptyForAnEmptyKey) {
  EXPECT_EQ(block_key(""), "");
  EXPECT_EQ(block_key(" . "), "");
}

// ---- person names (initials) ----

TEST(MatchingTest, InitialMatchesFullGivenName) {
  EXPECT_TRUE(compare_defaults(person("J.", "Smith"), person("John", "Smith")).duplicate);
  EXPECT_TRUE(compare_defaults(person("J", "Smith"), person("Jonathan", "Smith")).duplicate);
  EXPECT_DOUBLE_EQ(compare_defaults(person("J.", "Smith"), person("John", "Smith")).score, 1.0);
}

TEST(MatchingTest, CaseDoesNotMatter) {
  EXPECT_TRUE(compare_defaults(person("JOHN", "SMITH"), person("john", "smith")).duplicate);
}

TEST(MatchingTest, InitialOfAnotherLetterDoesNotMatch) {
  EXPECT_FALSE(compare_defaults(person("K.", "Smith"), person("John", "Smith")).duplicate);
}

TEST(MatchingTest, DifferentGivenNamesDoNotMatch) {
  const MatchResult r = compare_defaults(person("John", "Smith"), person("Jane", "Smith"));
  EXPECT_FALSE(r.duplicate);
  EXPECT_NEAR(r.score, 0.7, 1e-12);  // the weakest word pair, john/jane
}

TEST(MatchingTest, SwappedWordOrderMatches) {
  EXPECT_TRUE(compare_defaults(named("Smith John"), person("John", "Smith")).duplicate);
  EXPECT_TRUE(compare_defaults(named("Smith, J."), person("John", "Smith")).duplicate);
}

TEST(MatchingTest, SmallTypoPassesTheThreshold) {
  const MatchResult r = compare_defaults(person("Jon", "Smith"), person("John", "Smith"));
  EXPECT_TRUE(r.duplicate);
  EXPECT_NEAR(r.score, 0.9333, 0.0001);
}

TEST(MatchingTest, SimilarityEqualToTheThresholdPasses) {
  // müller/muller computes to 0.9 give or take a rounding error.
  EXPECT_TRUE(compare_defaults(person("Hans", "Müller"), person("Hans", "Muller")).duplicate);
}

TEST(MatchingTest, InitialsAloneAreNotEnough) {
  const MatchResult r = compare_defaults(named("J. S."), person("John", "Smith"));
  EXPECT_FALSE(r.duplicate);
  EXPECT_DOUBLE_EQ(r.score, 0.0);
  EXPECT_FALSE(compare_defaults(named("J"), named("John")).duplicate);
}

TEST(MatchingTest, MiddleNameIsSkipped) {
  EXPECT_TRUE(compare_defaults(named("John Paul Smith"), person("John", "Smith")).duplicate);
}

TEST(MatchingTest, NamesOfMoreThanSixWordsArePairedInWrittenOrder) {
  const MatchSubject long_name = named("María de los Ángeles García y López");
  EXPECT_TRUE(compare_defaults(long_name, named("MARIA DE LOS ÁNGELES GARCÍA Y LÓPEZ")).duplicate);
  EXPECT_FALSE(compare_defaults(long_name, named("García y López María de los Ángeles")).duplicate);
}

TEST(MatchingTest, FamilyNameAloneDoesNotMatchAFullName) {
  EXPECT_FALSE(compare_defaults(named("Smith"), person("John", "Smith")).duplicate);
}

TEST(MatchingTest, ChineseIdenticalNamesMatch) {
  const MatchResult r = compare_defaults(named("王小明"), named("王小明"));
  EXPECT_TRUE(r.duplicate);
  EXPECT_DOUBLE_EQ(r.score, 1.0);
}

TEST(MatchingTest, ChineseDifferentFamilyNamesDoNotMatch) {
  EXPECT_FALSE(compare_defaults(named("王小明"), named("李小明")).duplicate);
}

TEST(MatchingTest, ChineseSimilarGivenNameFallsBelowTheThreshold) {
  const MatchResult r = compare_defaults(named("王小明"), named("王晓明"));
  EXPECT_FALSE(r.duplicate);
  EXPECT_NEAR(r.score, 0.8, 1e-12);
}

TEST(MatchingTest, ChineseGivenAndFamilyNamesMatchTheWrittenName) {
  // given + " " + family reads "小明 王": the one-word name equals its words joined in reverse.
  EXPECT_TRUE(compare_defaults(person("小明", "王"), named("王小明")).duplicate);
  EXPECT_FALSE(compare_defaults(person("晓明", "王"), named("王小明")).duplicate);
}

TEST(MatchingTest, NameWrittenWithoutASpaceMatchesTheSameWords) {
  EXPECT_TRUE(compare_defaults(named("JohnSmith"), person("John", "Smith")).duplicate);
}

TEST(MatchingTest, LoneCjkCharacterIsAWholeNameNotAnInitial) {
  // 明 against 明华 is compared in full (0.85), not as an initial (which would pass).
  EXPECT_FALSE(compare_defaults(person("明", "李"), person("明华", "李")).duplicate);
}

TEST(MatchingTest, GreekNamesMatchAcrossCaseAndInitials) {
  EXPECT_TRUE(compare_defaults(named("ΓΙΏΡΓΟΣ ΠΑΠΑΔΌΠΟΥΛΟΣ"), person("Γιώργος", "Παπαδόπουλος")).duplicate);
  EXPECT_TRUE(compare_defaults(named("Γ. Παπαδόπουλος"), person("Γιώργος", "Παπαδόπουλος")).duplicate);
  EXPECT_FALSE(compare_defaults(named("Νίκος Παπαδόπουλος"), person("Γιώργος", "Παπαδόπουλος")).duplicate);
}

TEST(MatchingTest, CyrillicNamesMatchAcrossCaseAndInitials) {
  EXPECT_TRUE(compare_defaults(named("ИВАН ПЕТРОВ"), person("Иван", "Петров")).duplicate);
  EXPECT_TRUE(compare_defaults(named("И. Петров"), person("Иван", "Петров")).duplicate);
  EXPECT_FALSE(compare_defaults(named("Иван Сидоров"), person("Иван", "Петров")).duplicate);
}

// ---- exact fields ----

TEST(MatchingTest, SameEmailIsACertainDuplicate) {
  MatchSubject a = person("John", "Smith"), b = person("Jane", "Doe");
  a.email = b.email = "j@example.com";
  const MatchResult r = compare_defaults(a, b);
  EXPECT_TRUE(r.duplicate);
  EXPECT_DOUBLE_EQ(r.score, 1.0);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons[0].field, MatchField::email);
  EXPECT_EQ(r.reasons[0].method, MatchMethod::exact);
}

TEST(MatchingTest, SamePhoneIsACertainDuplicate) {
  MatchSubject a = named("A"), b = named("B");
  a.phone = b.phone = "+442079460018";
  EXPECT_TRUE(compare_defaults(a, b).duplicate);
  b.phone = "+442079460019";
  EXPECT_FALSE(compare_defaults(a, b).duplicate);
}

TEST(MatchingTest, SameExternalIdIsACertainDuplicate) {
  MatchSubject a, b;
  a.external_id = b.external_id = "crm-42";
  EXPECT_TRUE(compare_defaults(a, b).duplicate);
}

TEST(MatchingTest, ExternalIdsCompareExactlyNotFolded) {
  MatchSubject a, b;
  a.external_id = "ABC-1";
  b.external_id = "abc 1";
  EXPECT_FALSE(compare_defaults(a, b).duplicate);
}

TEST(MatchingTest, EmptyFieldsNeverMatchEachOther) {
  const MatchResult r = compare_defaults(MatchSubject{}, MatchSubject{});
  EXPECT_FALSE(r.duplicate);
  EXPECT_DOUBLE_EQ(r.score, 0.0);
  EXPECT_TRUE(r.reasons.empty());
}

// ---- how the score decides ----

TEST(MatchingTest, SameNameAtDifferentCompaniesIsNotADuplicate) {
  const MatchResult r = compare_defaults(person("John", "Smith", "Acme"), person("John", "Smith", "Globex"));
  EXPECT_FALSE(r.duplicate);
  EXPECT_LT(r.score, 0.85);
  ASSERT_EQ(r.reasons.size(), 1u);  // only the name passed
  EXPECT_EQ(r.reasons[0].field, MatchField::person_name);
}

TEST(MatchingTest, SimilarCompanyKeepsTheScoreHigh) {
  const MatchResult r = compare_defaults(person("J.", "Smith", "Acme"), person("John", "Smith", "ACME Inc."));
  EXPECT_TRUE(r.duplicate);
  EXPECT_NEAR(r.score, 0.95, 1e-12);  // mean of name 1.0 and company acme/acme inc 0.9
  ASSERT_EQ(r.reasons.size(), 2u);
  EXPECT_EQ(r.reasons[1].field, MatchField::company);
}

TEST(MatchingTest, MinScoreDecidesOnTheWeightedMean) {
  const MatchSubject a = person("J.", "Smith", "Acme"), b = person("John", "Smith", "ACME Inc.");
  MatchRules rules = MatchRules::defaults();
  rules.min_score = 0.96;
  EXPECT_FALSE(compare(a, b, rules).duplicate);
  rules.rules[4].weight = 0.2;  // company counts less: (1.0 + 0.2 * 0.9) / 1.2 = 0.983
  EXPECT_NEAR(compare(a, b, rules).score, 1.18 / 1.2, 1e-12);
  EXPECT_TRUE(compare(a, b, rules).duplicate);
}

TEST(MatchingTest, NameBelowItsThresholdVetoesAHighScore) {
  MatchRules rules = MatchRules::defaults();
  rules.rules[3].threshold = 0.95;  // jon/john is 0.933
  rules.rules[4].weight = 10;
  const MatchResult r = compare(person("Jon", "Smith", "Acme"), person("John", "Smith", "Acme"), rules);
  EXPECT_GT(r.score, 0.99);
  EXPECT_FALSE(r.duplicate);
}

TEST(MatchingTest, CompanyIsTheAnchorWhenNeitherHasAName) {
  EXPECT_TRUE(compare_defaults(named("", "Acme Corp"), named("", "ACME Corp.")).duplicate);
  EXPECT_FALSE(compare_defaults(named("", "Acme"), named("", "Globex")).duplicate);
}

TEST(MatchingTest, NamedSubjectDoesNotMatchAnUnnamedOne) {
  EXPECT_FALSE(compare_defaults(person("John", "Smith", "Acme"), named("", "Acme")).duplicate);
}

TEST(MatchingTest, ExactOnlyRulesIgnoreNames) {
  const MatchRules rules{{{MatchField::email, MatchMethod::exact, 1.0, 1.0}}, 0.85};
  MatchSubject a = person("John", "Smith"), b = person("John", "Smith");
  a.email = "john@a.example";
  b.email = "john@b.example";
  const MatchResult different = compare(a, b, rules);
  EXPECT_FALSE(different.duplicate);
  EXPECT_DOUBLE_EQ(different.score, 0.0);
  b.email = a.email;
  EXPECT_TRUE(compare(a, b, rules).duplicate);
}

TEST(MatchingTest, ExactRuleOnANameComparesMatchKeys) {
  const MatchRules rules{{{MatchField::person_name, MatchMethod::exact, 1.0, 1.0}}, 0.85};
  EXPECT_TRUE(compare(named("JOHN  O'BRIEN"), person("John", "OBrien"), rules).duplicate);
  EXPECT_FALSE(compare(named("J. OBrien"), person("John", "OBrien"), rules).duplicate);
}

// ---- the rules as data ----

TEST(MatchRulesTest, DefaultsAreValid) { EXPECT_NO_THROW(validate(MatchRules::defaults())); }

TEST(MatchRulesTest, RefusesAThresholdOutsideZeroToOne) {
  MatchRules rules = MatchRules::defaults();
  rules.rules[3].threshold = 1.5;
  const auto failure = error_of([&] { validate(rules); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "match rule 4 (person-name) threshold 1.5: must be between 0 and 1");
}

TEST(MatchRulesTest, RefusesAWeightThatIsNotPositive) {
  MatchRules rules = MatchRules::defaults();
  rules.rules[4].weight = 0;
  EXPECT_EQ(error_of([&] { validate(rules); }).message, "match rule 5 (company) weight 0: must be a positive number");
}

TEST(MatchRulesTest, RefusesAMinScoreOutsideZeroToOne) {
  MatchRules rules = MatchRules::defaults();
  rules.min_score = -0.1;
  EXPECT_EQ(error_of([&] { validate(rules); }).message, "match min_score -0.1: must be between 0 and 1");
}

TEST(MatchRulesTest, RefusesAnUnknownMethod) {
  MatchRules rules = MatchRules::defaults();
  rules.rules[0].method = static_cast<MatchMethod>(9);
  EXPECT_EQ(error_of([&] { validate(rules); }).message, "match rule 1: unknown method");
}

TEST(MatchRulesTest, FieldsAndMethodsAreSpelledForConfiguration) {
  EXPECT_EQ(parse_enum<MatchField>("person-name"), MatchField::person_name);
  EXPECT_EQ(parse_enum<MatchMethod>("jaro-winkler"), MatchMethod::jaro_winkler);
  EXPECT_EQ(to_string(MatchField::external_id), "external-id");
  EXPECT_EQ(error_of([] { parse_enum<MatchMethod>("soundex"); }).message,
            "unknown match method 'soundex' (expected one of: exact, jaro-winkler, initials)");
}

}  // namespace
}  // namespace crm
