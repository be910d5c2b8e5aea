// SPDX-License-Identifier: Apache-2.0
#include "workflow/rule.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "json/record_value.hpp"
#include "support/errors.hpp"
#include "workflow/field_schema.hpp"

namespace crm::detail::workflow {
namespace {

using nlohmann::json;
using test::error_of;

// --- records ------------------------------------------------------------------

Customer ada() {
  Customer c;
  c.id = 7;
  c.version = 3;
  c.display_name = "Ada Lovelace";
  c.family_name = "Lovelace";  // given_name stays empty
  c.emails = {"ada@example.com"};
  c.tags = {"newsletter", "vip"};
  c.attributes = {{"shoe_size", std::int64_t{42}},
                  {"ratio", 0.5},
                  {"nickname", std::string("ada")},
                  {"member", true},
                  {"vip_since", from_millis(1'700'000'000'000)}};
  c.stage = LifecycleStage::active;
  c.tier = "gold";
  c.owner = "ann";
  c.credit_limit = Money::of(500'000, "GBP");
  c.loyalty_points = 1200;
  c.created_at = from_millis(1'000);
  return c;
}

Opportunity big_deal() {
  Opportunity o;
  o.id = 11;
  o.version = 2;
  o.name = "Big deal";
  o.customer_id = 7;
  o.stage = "proposal";
  o.amount = Money::of(250'000, "GBP");
  o.expected_close = from_millis(2'000'000);
  o.probability = 60;
  o.owner = "ann";
  o.tags = {"q3"};
  return o;
}

Task call_back() {
  Task t;
  t.id = 21;
  t.subject = "Call back";
  t.priority = TaskPriority::high;
  t.due_at = from_millis(5'000);
  t.customer_id = 7;
  return t;
}

// --- helpers ------------------------------------------------------------------

json notify_action() { return json::array({{{"action", "notify"}, {"topic", "t"}}}); }

json rule_json(json trigger, std::optional<json> when = std::nullopt, json actions = notify_action()) {
  json rule{{"name", "r"}, {"trigger", std::move(trigger)}, {"actions", std::move(actions)}};
  if (when) rule["when"] = std::move(*when);
  return rule;
}

json saved(std::string_view entity) { return json{{"on", "saved"}, {"entity", entity}}; }

Rule parse(const json& rule) { return parse_rule(rule.dump()); }

Condition when_on(std::string_view entity, const json& when) { return parse(rule_json(saved(entity), when)).when; }

json leaf(std::string_view field, std::string_view op, json value) {
  return json{{"field", field}, {"op", op}, {"value", std::move(value)}};
}

// Evaluates one condition on a customer, with an optional previous version.
class CustomerCondition : public ::testing::Test {
 protected:
  bool check(const json& when) const {
    const Condition c = when_on("customer", when);
    return holds(c, Subject{&after, before.is_null() ? nullptr : &before, nullptr});
  }
  json after = record_value(ada());
  json before = nullptr;
};

// --- field schema ---------------------------------------------------------------

TEST(FieldSchemaTest, DerivesKindsFromTheRecordLayout) {
  const auto kind = [](Entity e, std::string_view name) { return find_field(e, name)->kind; };
  EXPECT_EQ(kind(Entity::customer, "id"), FieldKind::integer);
  EXPECT_EQ(kind(Entity::customer, "version"), FieldKind::integer);
  EXPECT_EQ(kind(Entity::customer, "display_name"), FieldKind::text);
  EXPECT_EQ(kind(Entity::customer, "loyalty_points"), FieldKind::integer);
  EXPECT_EQ(kind(Entity::customer, "created_at"), FieldKind::timestamp);
  EXPECT_EQ(kind(Entity::customer, "stage"), FieldKind::enumeration);
  EXPECT_EQ(kind(Entity::customer, "credit_limit"), FieldKind::money);
  EXPECT_TRUE(find_field(Entity::customer, "credit_limit")->optional);
  EXPECT_EQ(kind(Entity::customer, "emails"), FieldKind::text_list);
  EXPECT_EQ(kind(Entity::customer, "tags"), FieldKind::text_list);
  EXPECT_EQ(kind(Entity::customer, "attributes"), FieldKind::attributes);
  EXPECT_EQ(kind(Entity::customer, "addresses"), FieldKind::other);
  EXPECT_EQ(kind(Entity::customer, "consents"), FieldKind::other);
  EXPECT_EQ(kind(Entity::interaction, "items"), FieldKind::other);
  EXPECT_EQ(kind(Entity::task, "due_at"), FieldKind::timestamp);
  EXPECT_TRUE(find_field(Entity::task, "due_at")->optional);
  EXPECT_FALSE(find_field(Entity::task, "created_at")->optional);
  EXPECT_EQ(find_field(Entity::task, "tags"), nullptr);
}

TEST(FieldSchemaTest, EnumFieldsListTheirNames) {
  const Field* status = find_field(Entity::opportunity, "status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->enum_what, "deal status");
  EXPECT_EQ(status->enum_names, (std::vector<std::string_view>{"open", "won", "lost"}));
}

TEST(FieldSchemaTest, OnlyRecordsWithACustomerIdReachTheCustomer) {
  EXPECT_TRUE(has_customer(Entity::interaction));
  EXPECT_TRUE(has_customer(Entity::opportunity));
  EXPECT_TRUE(has_customer(Entity::task));
  EXPECT_FALSE(has_customer(Entity::lead));
  EXPECT_FALSE(has_customer(Entity::customer));
}

TEST(FieldSchemaTest, SplitsPathsIntoPartsOfTheRecordRead) {
  const auto [minor, minor_type] = check_path(Entity::opportunity, "customer.credit_limit.minor");
  EXPECT_TRUE(minor.on_customer);
  EXPECT_EQ(minor.parts, (std::vector<std::string>{"credit_limit", "minor"}));
  EXPECT_EQ(minor_type.kind, FieldKind::integer);
  EXPECT_TRUE(minor_type.nullable);
  EXPECT_FALSE(minor_type.whole);

  const auto [attribute, attribute_type] = check_path(Entity::lead, "attributes.ref.code");
  EXPECT_EQ(attribute.parts, (std::vector<std::string>{"attributes", "ref.code"}));
  EXPECT_EQ(attribute_type.kind, FieldKind::scalar);
}

// --- triggers -------------------------------------------------------------------

TEST(RuleParseTest, ReadsEveryPlainTriggerKind) {
  for (const auto& [name, kind] :
       {std::pair{"created", TriggerKind::created}, std::pair{"updated", TriggerKind::updated},
        std::pair{"deleted", TriggerKind::deleted}, std::pair{"saved", TriggerKind::saved}}) {
    const Rule rule = parse(rule_json({{"on", name}, {"entity", "lead"}}));
    EXPECT_EQ(rule.trigger.on, kind) << name;
    EXPECT_EQ(rule.trigger.entity, Entity::lead);
    EXPECT_FALSE(rule.trigger.field);
  }
}

TEST(RuleParseTest, ReadsAChangedTriggerWithToAndFrom) {
  const Rule rule = parse(
      rule_json({{"on", "changed"}, {"entity", "opportunity"}, {"field", "status"}, {"to", "won"}, {"from", "open"}}));
  EXPECT_EQ(rule.trigger.on, TriggerKind::changed);
  EXPECT_EQ(rule.trigger.entity, Entity::opportunity);
  ASSERT_TRUE(rule.trigger.field);
  EXPECT_EQ(rule.trigger.field->parts, std::vector<std::string>{"status"});
  EXPECT_EQ(rule.trigger.to, json("won"));
  EXPECT_EQ(rule.trigger.from, json("open"));
}

TEST(RuleParseTest, ReadsATimeTriggerWithAnOffset) {
  const Rule rule = parse(rule_json({{"on", "time"}, {"entity", "task"}, {"field", "due_at"}, {"offset", "-1d"}}));
  EXPECT_EQ(rule.trigger.on, TriggerKind::time);
  EXPECT_EQ(rule.trigger.field->text, "due_at");
  EXPECT_EQ(rule.trigger.offset_ms, -86'400'000);
  EXPECT_EQ(
      parse(rule_json({{"on", "time"}, {"entity", "opportunity"}, {"field", "expected_close"}})).trigger.offset_ms, 0);
}

TEST(RuleParseTest, NamesEveryEntity) {
  for (const auto entity : {Entity::customer, Entity::interaction, Entity::lead, Entity::opportunity, Entity::task})
    EXPECT_EQ(parse(rule_json(saved(to_string(entity)))).trigger.entity, entity);
  EXPECT_EQ(to_string(Entity::opportunity), "opportunity");
}

TEST(RuleParseTest, ReadsNameOrderAndEnabled) {
  json text = rule_json(saved("customer"));
  text["order"] = -5;
  text["enabled"] = false;
  const Rule rule = parse(text);
  EXPECT_EQ(rule.name, "r");
  EXPECT_EQ(rule.order, -5);
  EXPECT_FALSE(rule.enabled);
  EXPECT_EQ(rule.when.kind, Condition::Kind::always);
}

// --- durations -------------------------------------------------------------------

TEST(DurationTest, ReadsEveryUnitAndMilliseconds) {
  EXPECT_EQ(parse_duration("30s", "d"), 30'000);
  EXPECT_EQ(parse_duration("90m", "d"), 5'400'000);
  EXPECT_EQ(parse_duration("12h", "d"), 43'200'000);
  EXPECT_EQ(parse_duration("3d", "d"), 259'200'000);
  EXPECT_EQ(parse_duration("2w", "d"), 1'209'600'000);
  EXPECT_EQ(parse_duration("-1h", "d"), -3'600'000);
  EXPECT_EQ(parse_duration("0s", "d"), 0);
  EXPECT_EQ(parse_duration(1500, "d"), 1500);
  EXPECT_EQ(parse_duration(-3'600'000, "d"), -3'600'000);
}

TEST(DurationTest, RefusesAnythingElseNamingThePlace) {
  for (const json& bad : {json("3 d"), json("3"), json("d"), json("1.5h"), json(1.5), json("3D"), json("+3d"), json(""),
                          json(true), json("-"), json("99999999999w"), json::array()}) {
    const auto failure = error_of([&] { parse_duration(bad, "rule 'r': trigger.offset"); });
    EXPECT_EQ(failure.code, Errc::invalid_argument) << bad.dump();
    EXPECT_EQ(failure.message.rfind("rule 'r': trigger.offset: ", 0), 0U) << failure.message;
  }
}

// --- actions ---------------------------------------------------------------------

Action only_action(std::string_view entity, const json& action) {
  const Rule rule = parse(rule_json(saved(entity), std::nullopt, json::array({action})));
  EXPECT_EQ(rule.actions.size(), 1U);
  return rule.actions.at(0);
}

TEST(RuleParseTest, ReadsSetActions) {
  const Action tier = only_action("customer", {{"action", "set"}, {"field", "tier"}, {"value", "platinum"}});
  EXPECT_EQ(tier.kind, ActionKind::set);
  EXPECT_EQ(tier.field.parts, std::vector<std::string>{"tier"});
  EXPECT_EQ(tier.value, json("platinum"));

  const json amount{{"minor", 100}, {"currency", "EUR"}};
  EXPECT_EQ(only_action("opportunity", {{"action", "set"}, {"field", "amount"}, {"value", amount}}).value, amount);
  EXPECT_TRUE(only_action("task", {{"action", "set"}, {"field", "due_at"}, {"value", nullptr}}).value.is_null());
  EXPECT_EQ(only_action("customer", {{"action", "set"}, {"field", "stage"}, {"value", "at-risk"}}).value, "at-risk");
  EXPECT_EQ(only_action("lead", {{"action", "set"}, {"field", "tags"}, {"value", {"a", "b"}}}).value, json({"a", "b"}));

  const Action on_customer =
      only_action("opportunity", {{"action", "set"}, {"field", "customer.tier"}, {"value", "gold"}});
  EXPECT_TRUE(on_customer.field.on_customer);
  EXPECT_EQ(on_customer.field.parts, std::vector<std::string>{"tier"});

  const Action attribute = only_action("lead", {{"action", "set"}, {"field", "attributes.vip"}, {"value", true}});
  EXPECT_EQ(attribute.field.parts, (std::vector<std::string>{"attributes", "vip"}));
}

TEST(RuleParseTest, ReadsAddTagOnTheRecordOrItsCustomer) {
  const Action own = only_action("opportunity", {{"action", "add_tag"}, {"tag", "hot"}});
  EXPECT_EQ(own.kind, ActionKind::add_tag);
  EXPECT_EQ(own.tag, "hot");
  EXPECT_FALSE(own.on_customer);
  EXPECT_TRUE(only_action("task", {{"action", "add_tag"}, {"tag", "vip"}, {"on", "customer"}}).on_customer);
  // A customer's own tags are the record's: nothing further to reach.
  EXPECT_FALSE(only_action("customer", {{"action", "add_tag"}, {"tag", "vip"}, {"on", "customer"}}).on_customer);
}

TEST(RuleParseTest, ReadsSetStage) {
  const Action a = only_action("interaction", {{"action", "set_stage"}, {"stage", "at-risk"}});
  EXPECT_EQ(a.kind, ActionKind::set_stage);
  EXPECT_EQ(a.stage, "at-risk");
}

TEST(RuleParseTest, ReadsCreateTaskWithEveryOption) {
  const Action a = only_action("opportunity", {{"action", "create_task"},
                                               {"subject", "Thank them"},
                                               {"body", "Send a card"},
                                               {"owner", "bob"},
                                               {"priority", "urgent"},
                                               {"due_in", "2d"},
                                               {"remind_before", "1h"}});
  EXPECT_EQ(a.kind, ActionKind::create_task);
  EXPECT_EQ(a.subject, "Thank them");
  EXPECT_EQ(a.body, "Send a card");
  EXPECT_EQ(a.owner, "bob");
  EXPECT_EQ(a.priority, TaskPriority::urgent);
  EXPECT_EQ(a.due_in_ms, 172'800'000);
  EXPECT_FALSE(a.due_field);
  EXPECT_EQ(a.remind_before_ms, 3'600'000);

  const Action due_at_field = only_action(
      "opportunity",
      {{"action", "create_task"}, {"subject", "Chase"}, {"due_in", {{"field", "expected_close"}, {"offset", "-1d"}}}});
  ASSERT_TRUE(due_at_field.due_field);
  EXPECT_EQ(due_at_field.due_field->text, "expected_close");
  EXPECT_EQ(due_at_field.due_offset_ms, -86'400'000);
  EXPECT_FALSE(due_at_field.due_in_ms);
  EXPECT_EQ(due_at_field.priority, TaskPriority::normal);
  EXPECT_TRUE(due_at_field.owner.empty());
}

TEST(RuleParseTest, ReadsNotify) {
  const Action a = only_action("opportunity", {{"action", "notify"}, {"topic", "deal.won"}, {"to", "sales-manager"}});
  EXPECT_EQ(a.kind, ActionKind::notify);
  EXPECT_EQ(a.topic, "deal.won");
  EXPECT_EQ(a.to, "sales-manager");
}

// --- conditions: structure ------------------------------------------------------

TEST(RuleParseTest, ReadsNestedConditions) {
  const Condition c =
      when_on("opportunity",
              {{"all",
                {leaf("amount.minor", ">=", 100'000),
                 {{"any", {leaf("customer.tier", "in", {"gold", "silver"}), {{"not", leaf("owner", "=", "")}}}}},
                 {{"field", "status"}, {"op", "="}, {"value", "open"}, {"previous", true}},
                 {{"field", "amount.minor"}, {"op", "<="}, {"value", {{"field", "customer.credit_limit.minor"}}}}}}});
  ASSERT_EQ(c.kind, Condition::Kind::all);
  ASSERT_EQ(c.children.size(), 4U);
  EXPECT_EQ(c.children[0].op, Op::ge);
  EXPECT_EQ(c.children[0].value, json(100'000));
  const Condition& any = c.children[1];
  ASSERT_EQ(any.kind, Condition::Kind::any);
  EXPECT_TRUE(any.children[0].field.on_customer);
  EXPECT_EQ(any.children[0].op, Op::in);
  EXPECT_EQ(any.children[1].kind, Condition::Kind::negate);
  EXPECT_TRUE(c.children[2].previous);
  ASSERT_TRUE(c.children[3].other);
  EXPECT_EQ(c.children[3].other->text, "customer.credit_limit.minor");
  EXPECT_TRUE(c.children[3].other->on_customer);
}

// --- conditions: evaluation -----------------------------------------------------

TEST_F(CustomerCondition, EqualsComparesTextEnumsIntegersAndBooleans) {
  EXPECT_TRUE(check(leaf("tier", "=", "gold")));
  EXPECT_FALSE(check(leaf("tier", "=", "silver")));
  EXPECT_TRUE(check(leaf("stage", "=", "active")));
  EXPECT_FALSE(check(leaf("stage", "=", "churned")));
  EXPECT_TRUE(check(leaf("loyalty_points", "=", 1200)));
  EXPECT_FALSE(check(leaf("loyalty_points", "=", 1201)));
  EXPECT_TRUE(check(leaf("id", "=", 7)));
  EXPECT_TRUE(check(leaf("version", "=", 3)));
  EXPECT_TRUE(check(leaf("attributes.member", "=", true)));
  EXPECT_TRUE(check(leaf("credit_limit.currency", "=", "GBP")));
}

TEST_F(CustomerCondition, EqualsComparesNumbersNumerically) {
  EXPECT_TRUE(check(leaf("attributes.shoe_size", "=", 42.0)));
  EXPECT_TRUE(check(leaf("attributes.ratio", "=", 0.5)));
  EXPECT_FALSE(check(leaf("attributes.ratio", "=", 1)));
}

TEST_F(CustomerCondition, NotEqualsIsTheNegation) {
  EXPECT_FALSE(check(leaf("tier", "!=", "gold")));
  EXPECT_TRUE(check(leaf("tier", "!=", "silver")));
  EXPECT_TRUE(check(leaf("attributes.missing", "!=", "x")));  // absent differs from any value
  EXPECT_FALSE(check(leaf("attributes.missing", "!=", nullptr)));
}

TEST_F(CustomerCondition, NullMatchesUnsetOptionalsAndAbsentAttributes) {
  EXPECT_FALSE(check(leaf("credit_limit", "=", nullptr)));
  EXPECT_TRUE(check(leaf("credit_limit", "!=", nullptr)));
  EXPECT_TRUE(check(leaf("attributes.missing", "=", nullptr)));
  after["credit_limit"] = nullptr;
  EXPECT_TRUE(check(leaf("credit_limit", "=", nullptr)));
  EXPECT_TRUE(check(leaf("credit_limit.minor", "=", nullptr)));
}

TEST_F(CustomerCondition, OrderingComparesIntegersAtTheBoundary) {
  EXPECT_TRUE(check(leaf("loyalty_points", "<", 1201)));
  EXPECT_FALSE(check(leaf("loyalty_points", "<", 1200)));
  EXPECT_TRUE(check(leaf("loyalty_points", "<=", 1200)));
  EXPECT_FALSE(check(leaf("loyalty_points", "<=", 1199)));
  EXPECT_TRUE(check(leaf("loyalty_points", ">", 1199)));
  EXPECT_FALSE(check(leaf("loyalty_points", ">", 1200)));
  EXPECT_TRUE(check(leaf("loyalty_points", ">=", 1200)));
  EXPECT_FALSE(check(leaf("loyalty_points", ">=", 1201)));
  EXPECT_TRUE(check(leaf("credit_limit.minor", ">=", 500'000)));
}

TEST_F(CustomerCondition, OrderingComparesTimestampsAndTextLexicographically) {
  EXPECT_TRUE(check(leaf("created_at", ">", 999)));
  EXPECT_FALSE(check(leaf("created_at", ">", 1000)));
  EXPECT_TRUE(check(leaf("display_name", ">", "Ab")));
  EXPECT_TRUE(check(leaf("display_name", "<", "Ada M")));
  EXPECT_FALSE(check(leaf("display_name", "<", "Ada Lovelace")));
  EXPECT_TRUE(check(leaf("display_name", "<=", "Ada Lovelace")));
}

TEST_F(CustomerCondition, OrderingIsFalseOnAbsentOrNull) {
  for (const char* op : {"<", "<=", ">", ">="}) {
    EXPECT_FALSE(check(leaf("attributes.missing", op, 5))) << op;
    after["credit_limit"] = nullptr;
    EXPECT_FALSE(check(leaf("credit_limit.minor", op, 5))) << op;
  }
}

TEST_F(CustomerCondition, InMatchesAnyListedValue) {
  EXPECT_TRUE(check(leaf("stage", "in", {"active", "at-risk"})));
  EXPECT_FALSE(check(leaf("stage", "in", {"prospect", "churned"})));
  EXPECT_TRUE(check(leaf("tier", "in", {"silver", "gold"})));
  EXPECT_TRUE(check(leaf("loyalty_points", "in", {1, 1200})));
  EXPECT_TRUE(check(leaf("attributes.missing", "in", {"x", nullptr})));
}

TEST_F(CustomerCondition, ContainsFindsSubstringsAndListElements) {
  EXPECT_TRUE(check(leaf("display_name", "contains", "Love")));
  EXPECT_FALSE(check(leaf("display_name", "contains", "love")));  // case-sensitive
  EXPECT_TRUE(check(leaf("tags", "contains", "vip")));
  EXPECT_FALSE(check(leaf("tags", "contains", "vi")));  // whole elements only
  EXPECT_TRUE(check(leaf("emails", "contains", "ada@example.com")));
  EXPECT_TRUE(check(leaf("attributes.nickname", "contains", "d")));
  EXPECT_FALSE(check(leaf("attributes.missing", "contains", "d")));
}

TEST_F(CustomerCondition, EmptyHoldsForNullBlankEmptyAndAbsent) {
  const auto empty = [](std::string_view field) { return json{{"field", field}, {"op", "empty"}}; };
  EXPECT_TRUE(check(empty("given_name")));
  EXPECT_FALSE(check(empty("family_name")));
  EXPECT_FALSE(check(empty("tags")));
  EXPECT_TRUE(check(empty("phones")));
  EXPECT_TRUE(check(empty("addresses")));
  EXPECT_TRUE(check(empty("consents")));
  EXPECT_FALSE(check(empty("attributes")));
  EXPECT_TRUE(check(empty("attributes.missing")));
  EXPECT_FALSE(check(empty("credit_limit")));
  EXPECT_FALSE(check(empty("loyalty_points")));  // 0 is a value, not empty
  after["credit_limit"] = nullptr;
  EXPECT_TRUE(check(empty("credit_limit")));
}

TEST_F(CustomerCondition, ChangedComparesBeforeAndAfter) {
  const json changed{{"field", "tier"}, {"op", "changed"}};
  before = after;
  EXPECT_FALSE(check(changed));
  before["tier"] = "silver";
  EXPECT_TRUE(check(changed));
}

TEST_F(CustomerCondition, ChangedOnCreateMeansTheFieldHasAValue) {
  ASSERT_TRUE(before.is_null());
  EXPECT_TRUE(check({{"field", "tier"}, {"op", "changed"}}));
  EXPECT_FALSE(check({{"field", "given_name"}, {"op", "changed"}}));
}

TEST_F(CustomerCondition, PreviousReadsTheRecordBeforeTheChange) {
  before = after;
  before["tier"] = "silver";
  before["loyalty_points"] = 900;
  json was_silver = leaf("tier", "=", "silver");
  was_silver["previous"] = true;
  EXPECT_TRUE(check(was_silver));
  EXPECT_FALSE(check(leaf("tier", "=", "silver")));
  json grew{{"all",
             {{{"field", "loyalty_points"}, {"op", "<"}, {"value", 1000}, {"previous", true}},
              leaf("loyalty_points", ">=", 1000)}}};
  EXPECT_TRUE(check(grew));
}

TEST_F(CustomerCondition, PreviousOnCreateIsAbsent) {
  json was = leaf("tier", "=", nullptr);
  was["previous"] = true;
  EXPECT_TRUE(check(was));
  json lower = leaf("loyalty_points", "<", 5000);
  lower["previous"] = true;
  EXPECT_FALSE(check(lower));
}

TEST_F(CustomerCondition, AttributeTimestampsCompareAsMilliseconds) {
  EXPECT_TRUE(check(leaf("attributes.vip_since", "=", 1'700'000'000'000)));
  EXPECT_TRUE(check(leaf("attributes.vip_since", ">=", 1'600'000'000'000)));
  EXPECT_FALSE(check(leaf("attributes.vip_since", "<", 1'600'000'000'000)));
  EXPECT_TRUE(check(leaf("attributes.vip_since", "=", {{"timestamp", 1'700'000'000'000}})));
}

TEST_F(CustomerCondition, FieldReferencesCompareTwoFieldsOfTheRecord) {
  after["attributes"]["target"] = 1000;
  EXPECT_TRUE(check(leaf("loyalty_points", ">", {{"field", "attributes.target"}})));
  EXPECT_FALSE(check(leaf("loyalty_points", "<", {{"field", "attributes.target"}})));
  EXPECT_FALSE(check(leaf("display_name", "=", {{"field", "family_name"}})));
  EXPECT_TRUE(check(leaf("display_name", "contains", {{"field", "family_name"}})));
  EXPECT_FALSE(check(leaf("loyalty_points", ">", {{"field", "attributes.missing"}})));  // absent: false
}

TEST_F(CustomerCondition, AllAnyAndNotCombine) {
  const json yes = leaf("tier", "=", "gold");
  const json no = leaf("tier", "=", "silver");
  EXPECT_TRUE(check({{"all", {yes, yes}}}));
  EXPECT_FALSE(check({{"all", {yes, no}}}));
  EXPECT_TRUE(check({{"any", {no, yes}}}));
  EXPECT_FALSE(check({{"any", {no, no}}}));
  EXPECT_TRUE(check({{"not", no}}));
  EXPECT_FALSE(check({{"not", yes}}));
  EXPECT_TRUE(check({{"all", json::array()}}));
  EXPECT_FALSE(check({{"any", json::array()}}));
  EXPECT_TRUE(check({{"any", {no, {{"not", {{"all", {yes, no}}}}}}}}));
}

TEST(ConditionTest, OmittedWhenAlwaysHolds) {
  const Rule rule = parse(rule_json(saved("lead")));
  const json lead = record_value(Lead{});
  EXPECT_TRUE(holds(rule.when, Subject{&lead, nullptr, nullptr}));
}

TEST(ConditionTest, CustomerPathsReadTheRecordsCustomer) {
  const json deal = record_value(big_deal());
  const json customer = record_value(ada());
  const Condition c = when_on("opportunity", {{"all",
                                               {leaf("customer.tier", "in", {"gold", "silver"}),
                                                leaf("amount.minor", "<=", {{"field", "customer.credit_limit.minor"}}),
                                                leaf("customer.tags", "contains", "vip")}}});
  EXPECT_TRUE(holds(c, Subject{&deal, nullptr, &customer}));

  json poorer = customer;
  poorer["credit_limit"]["minor"] = 100'000;
  EXPECT_FALSE(holds(c, Subject{&deal, nullptr, &poorer}));
}

TEST(ConditionTest, CustomerPathsAreAbsentWithoutACustomer) {
  const json task = record_value(call_back());
  EXPECT_FALSE(holds(when_on("task", leaf("customer.tier", "=", "gold")), Subject{&task, nullptr, nullptr}));
  EXPECT_TRUE(holds(when_on("task", {{"field", "customer.tier"}, {"op", "empty"}}), Subject{&task, nullptr, nullptr}));
}

TEST(ConditionTest, ReadsTasksAndInteractions) {
  const json task = record_value(call_back());
  const Subject subject{&task, nullptr, nullptr};
  EXPECT_TRUE(holds(when_on("task", leaf("priority", "=", "high")), subject));
  EXPECT_TRUE(holds(when_on("task", leaf("due_at", "<", 6'000)), subject));
  EXPECT_TRUE(holds(when_on("task", leaf("status", "=", "open")), subject));
  EXPECT_TRUE(holds(when_on("task", {{"field", "completed_at"}, {"op", "empty"}}), subject));

  Interaction purchase;
  purchase.kind = InteractionKind::purchase;
  purchase.channel = Channel::in_person;
  purchase.amount = Money::of(1999, "EUR");
  const json doc = record_value(purchase);
  const Condition c =
      when_on("interaction", {{"all",
                               {leaf("kind", "=", "purchase"), leaf("channel", "=", "in-person"),
                                leaf("amount.currency", "=", "EUR"), leaf("amount.minor", ">", 1000)}}});
  EXPECT_TRUE(holds(c, Subject{&doc, nullptr, nullptr}));
}

TEST(ResolveTest, DistinguishesNullFromAbsent) {
  const json deal = record_value(Opportunity{});
  const Subject subject{&deal, nullptr, nullptr};
  const auto path = [](std::string_view text) { return check_path(Entity::opportunity, text).first; };
  const json* amount = resolve(path("amount"), subject);
  ASSERT_NE(amount, nullptr);
  EXPECT_TRUE(amount->is_null());
  EXPECT_EQ(resolve(path("amount.minor"), subject), nullptr);
  EXPECT_EQ(resolve(path("attributes.vip"), subject), nullptr);
  EXPECT_EQ(resolve(path("name"), subject, /*previous=*/true), nullptr);
  EXPECT_EQ(*resolve(path("pipeline"), subject), json("default"));
}

// --- trigger_matches ---------------------------------------------------------------

class ChangedTrigger : public ::testing::Test {
 protected:
  Trigger trigger(json extra = json::object()) const {
    json t{{"on", "changed"}, {"entity", "opportunity"}, {"field", "status"}};
    t.update(extra);
    return parse(rule_json(t)).trigger;
  }
  bool matches(const Trigger& t) const {
    return trigger_matches(t, Subject{&after, before.is_null() ? nullptr : &before, nullptr});
  }
  json before = record_value(big_deal());
  json after = before;
};

TEST_F(ChangedTrigger, NeedsTheFieldToDiffer) {
  EXPECT_FALSE(matches(trigger()));
  after["status"] = "won";
  EXPECT_TRUE(matches(trigger()));
}

TEST_F(ChangedTrigger, ToAndFromNarrowTheChange) {
  after["status"] = "won";
  EXPECT_TRUE(matches(trigger({{"to", "won"}})));
  EXPECT_TRUE(matches(trigger({{"to", "won"}, {"from", "open"}})));
  EXPECT_FALSE(matches(trigger({{"to", "lost"}})));
  EXPECT_FALSE(matches(trigger({{"from", "lost"}})));
}

TEST_F(ChangedTrigger, OnCreateAFieldWithAValueHasChanged) {
  before = nullptr;
  EXPECT_TRUE(matches(trigger()));
  EXPECT_TRUE(matches(trigger({{"to", "open"}})));
  EXPECT_FALSE(matches(trigger({{"from", "open"}})));  // nothing came before

  const Trigger lost_reason =
      parse(rule_json({{"on", "changed"}, {"entity", "opportunity"}, {"field", "lost_reason"}})).trigger;
  EXPECT_FALSE(matches(lost_reason));  // still empty
}

TEST(TriggerMatchesTest, OtherKindsAlwaysMatchTheFieldPart) {
  const json customer = record_value(ada());
  for (const char* on : {"created", "updated", "deleted", "saved"})
    EXPECT_TRUE(trigger_matches(parse(rule_json({{"on", on}, {"entity", "customer"}})).trigger,
                                Subject{&customer, &customer, nullptr}))
        << on;
  EXPECT_TRUE(
      trigger_matches(parse(rule_json({{"on", "time"}, {"entity", "customer"}, {"field", "created_at"}})).trigger,
                      Subject{&customer, &customer, nullptr}));
}

// --- round trip --------------------------------------------------------------------

TEST(RuleJsonTest, RoundTripsThroughToJson) {
  const json text{
      {"name", "won-deal-thanks"},
      {"order", 10},
      {"trigger", {{"on", "changed"}, {"entity", "opportunity"}, {"field", "status"}, {"to", "won"}, {"from", "open"}}},
      {"when",
       {{"all",
         {leaf("amount.minor", ">=", 100'000),
          leaf("customer.tier", "in", {"gold", "silver"}),
          {{"not", {{"field", "owner"}, {"op", "empty"}}}},
          {{"any", {leaf("attributes.region", "=", "north"), {{"field", "stage"}, {"op", "changed"}}}}},
          {{"field", "probability"}, {"op", "<"}, {"value", 50}, {"previous", true}},
          leaf("amount.minor", "<=", {{"field", "customer.credit_limit.minor"}})}}}},
      {"actions",
       {{{"action", "create_task"},
         {"subject", "Thank the customer"},
         {"owner", "ann"},
         {"due_in", "2d"},
         {"remind_before", "1h"}},
        {{"action", "create_task"}, {"subject", "Chase"}, {"due_in", {{"field", "expected_close"}, {"offset", "-1d"}}}},
        {{"action", "set"}, {"field", "amount"}, {"value", {{"minor", 5}, {"currency", "GBP"}}}},
        {{"action", "set"}, {"field", "customer.tier"}, {"value", "platinum"}},
        {{"action", "add_tag"}, {"tag", "won"}},
        {{"action", "add_tag"}, {"tag", "buyer"}, {"on", "customer"}},
        {{"action", "set_stage"}, {"stage", "active"}},
        {{"action", "notify"}, {"topic", "deal.won"}, {"to", "sales-manager"}}}}};
  const Rule rule = parse(text);
  const std::string written = to_json(rule);
  EXPECT_EQ(parse_rule(written), rule);
  EXPECT_EQ(to_json(parse_rule(written)), written);  // canonical: a fixed point
  EXPECT_EQ(json::parse(written)["trigger"]["from"], "open");
  EXPECT_EQ(json::parse(written)["actions"][0]["due_in"], 172'800'000);
}

TEST(RuleJsonTest, RoundTripsATimeRuleWithoutWhen) {
  const Rule rule = parse({{"name", "due-soon"},
                           {"enabled", false},
                           {"trigger", {{"on", "time"}, {"entity", "task"}, {"field", "due_at"}, {"offset", "-1h"}}},
                           {"actions", {{{"action", "notify"}, {"topic", "task.due"}}}}});
  EXPECT_EQ(parse_rule(to_json(rule)), rule);
  EXPECT_FALSE(json::parse(to_json(rule)).contains("when"));
}

// --- refusals ------------------------------------------------------------------------

struct BadRule {
  const char* what;
  std::string text;
  const char* message;  // a fragment the message must hold
};

std::string with_when(std::string_view entity, const json& when) { return rule_json(saved(entity), when).dump(); }
std::string with_trigger(const json& trigger) { return rule_json(trigger).dump(); }
std::string with_action(std::string_view entity, const json& action) {
  return rule_json(saved(entity), std::nullopt, json::array({action})).dump();
}

std::vector<BadRule> bad_rules() {
  const json ok_trigger = saved("customer");
  json unknown_top = rule_json(ok_trigger);
  unknown_top["tigger"] = 1;
  json no_name = rule_json(ok_trigger);
  no_name.erase("name");
  json long_name = rule_json(ok_trigger);
  long_name["name"] = std::string(257, 'n');
  json empty_name = rule_json(ok_trigger);
  empty_name["name"] = "";
  json big_order = rule_json(ok_trigger);
  big_order["order"] = 3'000'000'000LL;
  return {
      {"unknown field", with_when("customer", leaf("tire", "=", "gold")),
       "rule 'r': when.field: 'tire' is not a customer field (fields: id, version, kind,"},
      {"unknown customer field",
       with_when("opportunity", {{"all", {leaf("owner", "=", "a"), leaf("customer.tire", "=", "gold")}}}),
       "rule 'r': when.all[1].field: 'customer.tire' is not a customer field"},
      {"customer path on lead", with_when("lead", leaf("customer.tier", "=", "gold")),
       "rule 'r': when.field: 'customer.tier': lead records have no customer"},
      {"customer path on customer", with_when("customer", leaf("customer.tier", "=", "gold")),
       "customer rules name their own fields directly (write 'tier')"},
      {"unknown op", with_when("customer", leaf("tier", "==", "gold")),
       "rule 'r': when.op: \"==\" is not an operator (expected one of: =, !=, <, <=, >, >=, in, contains, empty, "
       "changed)"},
      {"integer given text", with_when("customer", leaf("loyalty_points", "=", "many")),
       "rule 'r': when.value: 'loyalty_points' is an integer: expected an integer, got \"many\""},
      {"text given number", with_when("customer", leaf("tier", "=", 1)),
       "when.value: 'tier' is text: expected a string"},
      {"timestamp given text", with_when("task", leaf("due_at", "<", "tomorrow")),
       "'due_at' is a timestamp: expected an integer of milliseconds"},
      {"bad enum name", with_when("opportunity", leaf("status", "=", "wonn")),
       "when.value: \"wonn\" is not a deal status (expected one of: open, won, lost)"},
      {"bad enum name in list", with_when("customer", leaf("stage", "in", {"active", "vip"})),
       "when.value[1]: \"vip\" is not a lifecycle stage"},
      {"null on a required field", with_when("customer", leaf("tier", "=", nullptr)), "'tier' is never null"},
      {"ordering an enumeration", with_when("customer", leaf("stage", ">", "active")),
       "when.op: '>' does not apply to 'stage' (an enumeration"},
      {"contains on a number", with_when("customer", leaf("loyalty_points", "contains", "1")),
       "'contains' does not apply to 'loyalty_points'"},
      {"money compared whole", with_when("opportunity", leaf("amount", ">", 5)),
       "money: compare amount.minor or amount.currency"},
      {"money equal to an object", with_when("opportunity", leaf("amount", "=", {{"minor", 1}, {"currency", "GBP"}})),
       "compare money through amount.minor or amount.currency"},
      {"list compared with =", with_when("customer", leaf("tags", "=", "vip")),
       "(a list; use contains, empty or changed)"},
      {"structured field compared", with_when("customer", leaf("addresses", "=", "x")),
       "a structured field; only empty and changed apply"},
      {"money has no such part", with_when("opportunity", leaf("amount.major", "=", 1)),
       "money field 'amount' has only the parts amount.minor and amount.currency"},
      {"text has no parts", with_when("customer", leaf("tier.name", "=", "x")),
       "'tier' is a text field and has no parts"},
      {"bad attribute key", with_when("customer", leaf("attributes.9lives", "=", 1)), "is not an attribute key"},
      {"empty path", with_when("customer", leaf("", "=", 1)), "'' is not a field path"},
      {"empty takes no value", with_when("customer", leaf("tier", "empty", "x")), "when.value: 'empty' takes no value"},
      {"changed with previous", with_when("customer", {{"field", "tier"}, {"op", "changed"}, {"previous", true}}),
       "when.previous: 'changed' already compares"},
      {"previous not boolean", with_when("customer", {{"field", "tier"}, {"op", "="}, {"value", "a"}, {"previous", 1}}),
       "when.previous: expected true or false"},
      {"missing value", with_when("customer", {{"field", "tier"}, {"op", "="}}), "rule 'r': when.value: required"},
      {"in with a scalar", with_when("customer", leaf("tier", "in", "gold")), "'in' takes a non-empty array"},
      {"in with nothing", with_when("customer", leaf("tier", "in", json::array())), "'in' takes a non-empty array"},
      {"ordering against true", with_when("customer", leaf("attributes.x", "<", true)),
       "'<' needs a number or a string"},
      {"reference of another type", with_when("customer", leaf("display_name", "=", {{"field", "loyalty_points"}})),
       "when.value: 'display_name' (text) cannot be compared by '=' with 'loyalty_points' (integer)"},
      {"reference to different enums", with_when("task", leaf("status", "=", {{"field", "priority"}})),
       "'status' (enumeration) cannot be compared by '=' with 'priority' (enumeration)"},
      {"reference to unknown field", with_when("customer", leaf("tier", "=", {{"field", "teir"}})),
       "when.value.field: 'teir' is not a customer field"},
      {"unknown key in a leaf", with_when("customer", {{"field", "tier"}, {"op", "empty"}, {"vaule", 1}}),
       "rule 'r': when: unknown key 'vaule' (expected: field, op, value, previous)"},
      {"all mixed with a leaf", with_when("customer", {{"all", json::array()}, {"field", "tier"}}),
       "when: 'all' must be the only key of its object"},
      {"all not an array", with_when("customer", {{"all", leaf("tier", "=", "a")}}),
       "when.all: expected an array of conditions"},
      {"condition not an object", with_when("customer", {{"not", "tier"}}), "when.not: expected a condition object"},
      {"unknown top-level key", unknown_top.dump(),
       "rule 'r': unknown key 'tigger' (expected: name, order, enabled, on_failure, trigger, when, actions)"},
      {"missing name", no_name.dump(), "rule: name: required"},
      {"empty name", empty_name.dump(), "rule: name: must not be empty"},
      {"long name", long_name.dump(), "rule: name: 257 bytes, longer than the 256-byte limit"},
      {"order out of range", big_order.dump(), "rule 'r': order: expected an integer from -2147483648 to 2147483647"},
      {"missing trigger", json{{"name", "r"}, {"actions", notify_action()}}.dump(), "rule 'r': trigger: required"},
      {"unknown trigger", with_trigger({{"on", "modified"}, {"entity", "customer"}}),
       "trigger.on: \"modified\" is not a trigger (expected one of: created, updated, deleted, saved, changed, time)"},
      {"unknown entity", with_trigger({{"on", "saved"}, {"entity", "account"}}),
       "trigger.entity: \"account\" is not an entity"},
      {"unknown key in trigger", with_trigger({{"on", "saved"}, {"entity", "lead"}, {"feild", "x"}}),
       "trigger: unknown key 'feild'"},
      {"changed without field", with_trigger({{"on", "changed"}, {"entity", "lead"}}),
       "trigger.field: required for a changed trigger"},
      {"field on a saved trigger", with_trigger({{"on", "saved"}, {"entity", "lead"}, {"field", "status"}}),
       "trigger.field: only changed and time triggers take a field"},
      {"to on a time trigger", with_trigger({{"on", "time"}, {"entity", "task"}, {"field", "due_at"}, {"to", 1}}),
       "trigger.to: only changed triggers take 'to'"},
      {"offset on a changed trigger",
       with_trigger({{"on", "changed"}, {"entity", "lead"}, {"field", "status"}, {"offset", "1d"}}),
       "trigger.offset: only time triggers take an offset"},
      {"to of the wrong type",
       with_trigger({{"on", "changed"}, {"entity", "lead"}, {"field", "status"}, {"to", "won"}}),
       "trigger.to: \"won\" is not a lead status"},
      {"time trigger on text", with_trigger({{"on", "time"}, {"entity", "task"}, {"field", "subject"}}),
       "trigger.field: 'subject' is a text field, not a timestamp (task timestamps: due_at, remind_at, completed_at, "
       "created_at, updated_at)"},
      {"trigger on a customer field",
       with_trigger({{"on", "changed"}, {"entity", "opportunity"}, {"field", "customer.tier"}}),
       "trigger.field: 'customer.tier': a changed trigger watches the opportunity itself"},
      {"bad duration", with_trigger({{"on", "time"}, {"entity", "task"}, {"field", "due_at"}, {"offset", "3 days"}}),
       "rule 'r': trigger.offset: \"3 days\" is not a duration"},
      {"empty actions", rule_json(ok_trigger, std::nullopt, json::array()).dump(),
       "rule 'r': actions: expected a non-empty array of actions"},
      {"missing actions", json{{"name", "r"}, {"trigger", ok_trigger}}.dump(), "rule 'r': actions: required"},
      {"unknown action", with_action("customer", {{"action", "email"}}),
       "actions[0].action: \"email\" is not an action (expected one of: set, add_tag, set_stage, create_task, notify, start_approval, assign)"},
      {"unknown key in action", with_action("customer", {{"action", "notify"}, {"topic", "t"}, {"colour", "red"}}),
       "actions[0]: unknown key 'colour' (expected: action, topic, to)"},
      {"set an engine field", with_action("customer", {{"action", "set"}, {"field", "created_at"}, {"value", 1}}),
       "actions[0].field: 'created_at' is kept by the engine"},
      {"set a structured field",
       with_action("customer", {{"action", "set"}, {"field", "addresses"}, {"value", json::array()}}),
       "'addresses' is a structured field; rules cannot set it"},
      {"set part of money", with_action("opportunity", {{"action", "set"}, {"field", "amount.minor"}, {"value", 1}}),
       "set the whole money field 'amount'"},
      {"set money with a number", with_action("opportunity", {{"action", "set"}, {"field", "amount"}, {"value", 5}}),
       "actions[0].value: 'amount' is money: expected {\"minor\": integer, \"currency\": \"GBP\"} or null"},
      {"set money in no currency",
       with_action("opportunity",
                   {{"action", "set"}, {"field", "amount"}, {"value", {{"minor", 1}, {"currency", "XYZ"}}}}),
       "actions[0].value.currency: "},
      {"set a list to numbers", with_action("lead", {{"action", "set"}, {"field", "tags"}, {"value", {1}}}),
       "actions[0].value[0]: expected a string"},
      {"set an enum to a bad name", with_action("lead", {{"action", "set"}, {"field", "status"}, {"value", "hot"}}),
       "actions[0].value: \"hot\" is not a lead status (expected one of: new, working, qualified, disqualified, "
       "converted)"},
      {"set without value", with_action("lead", {{"action", "set"}, {"field", "owner"}}), "actions[0].value: required"},
      {"add_tag on a task", with_action("task", {{"action", "add_tag"}, {"tag", "vip"}}),
       "actions[0]: task records have no tags (add \"on\": \"customer\" to tag its customer)"},
      {"add_tag on a lead's customer", with_action("lead", {{"action", "add_tag"}, {"tag", "vip"}, {"on", "customer"}}),
       "actions[0].on: \"on\": \"customer\" needs a customer; lead records have none"},
      {"add_tag with an empty tag", with_action("lead", {{"action", "add_tag"}, {"tag", ""}}),
       "actions[0].tag: must not be empty"},
      {"add_tag on something else", with_action("lead", {{"action", "add_tag"}, {"tag", "a"}, {"on", "owner"}}),
       "actions[0].on: \"owner\" is not a tag target (expected one of: record, customer)"},
      {"set_stage with a bad name", with_action("customer", {{"action", "set_stage"}, {"stage", "vip"}}),
       "actions[0].stage: unknown lifecycle stage 'vip' (expected one of: prospect, new, active, at-risk, churned)"},
      {"set_stage on a lead", with_action("lead", {{"action", "set_stage"}, {"stage", "active"}}),
       "set_stage needs a customer; lead records have none"},
      {"create_task without subject", with_action("task", {{"action", "create_task"}, {"owner", "ann"}}),
       "rule 'r': actions[0].subject: required"},
      {"create_task with a bad priority",
       with_action("task", {{"action", "create_task"}, {"subject", "s"}, {"priority", "asap"}}),
       "actions[0].priority: unknown task priority 'asap'"},
      {"create_task with a bad due_in",
       with_action("task", {{"action", "create_task"}, {"subject", "s"}, {"due_in", "soon"}}),
       "actions[0].due_in: \"soon\" is not a duration"},
      {"create_task due on a text field",
       with_action("task", {{"action", "create_task"}, {"subject", "s"}, {"due_in", {{"field", "owner"}}}}),
       "actions[0].due_in.field: 'owner' is a text field, not a timestamp"},
      {"reminder after the due time",
       with_action("task", {{"action", "create_task"}, {"subject", "s"}, {"due_in", "1d"}, {"remind_before", "-1h"}}),
       "actions[0].remind_before: must not be negative"},
      {"notify without topic", with_action("lead", {{"action", "notify"}, {"topic", ""}}),
       "actions[0].topic: must not be empty"},
      {"invalid JSON", "{\"name\": \"r\", ", "rule: not valid JSON"},
      {"invalid UTF-8", "{\"name\": \"r\xff\"}", "rule: not valid JSON (or not valid UTF-8)"},
      {"not an object", "[1, 2]", "rule: expected a JSON object"},
      {"duplicate key", R"({"name": "r", "name": "s"})", "rule: key 'name' appears twice in one object"},
      {"too deep", std::string(100, '[') + std::string(100, ']'), "rule: nested deeper than 64 levels"},
      {"too long", std::string((1 << 20) + 1, ' '), "rule: 1048577 bytes, longer than the 1048576-byte (1 MiB) limit"},
  };
}

TEST(RuleParseTest, RefusesBadRulesSayingWhereAndWhy) {
  for (const auto& bad : bad_rules()) {
    const auto failure = error_of([&] { parse_rule(bad.text); });
    EXPECT_EQ(failure.code, Errc::invalid_argument) << bad.what;
    EXPECT_NE(failure.message.find(bad.message), std::string::npos)
        << bad.what << "\n  message:  " << failure.message << "\n  expected: " << bad.message;
  }
}

}  // namespace
}  // namespace crm::detail::workflow
