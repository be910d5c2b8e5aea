// SPDX-License-Identifier: Apache-2.0
#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "model/validate.hpp"

namespace crm::detail {

namespace {

bool carries_money(InteractionKind kind) { return kind == InteractionKind::purchase || kind == InteractionKind::refund; }

void check_item(LineItem& item, const std::string& field) {
  check_required(item.sku, field + ".sku", limits::short_text);
  check_text(item.description, field + ".description", limits::medium_text);
  check_range(item.quantity, field + ".quantity", 1, 1'000'000'000);
  check_money(item.unit_price, field + ".unit_price", false);
}

Money items_total(const std::vector<LineItem>& items) {
  Money total{0, items.front().unit_price.currency};
  for (std::size_t i = 0; i < items.size(); ++i) {
    try {
      total = total + items[i].unit_price * items[i].quantity;
    } catch (const Error& e) {
      refuse(indexed("interaction.items", i), e.what());
    }
  }
  return total;
}

}  // namespace

void validate(Interaction& i, const WriteContext& context) {
  check_enum(i.channel, "interaction.channel");
  check_enum(i.direction, "interaction.direction");
  check_enum(i.kind, "interaction.kind");
  check_reference(i.customer_id, "interaction.customer_id");
  check_reference(i.lead_id, "interaction.lead_id");
  check_reference(i.opportunity_id, "interaction.opportunity_id");
  if (i.customer_id == 0 && i.lead_id == 0) refuse("interaction.customer_id", "required (or a lead_id)");

  check_text(i.subject, "interaction.subject", limits::medium_text);
  check_multiline(i.body, "interaction.body", limits::long_text);
  check_text(i.outcome, "interaction.outcome", limits::medium_text);
  check_attributes(i.attributes, "interaction.attributes");
  if (i.occurred_at == Timestamp{}) i.occurred_at = context.now;
  check_time(i.occurred_at, "interaction.occurred_at");
  check_time(i.created_at, "interaction.created_at");

  if (!carries_money(i.kind)) {
    if (i.amount || !i.items.empty())
      refuse("interaction.amount", "only a purchase or a refund carries an amount or line items");
    return;
  }
  if (i.items.size() > limits::line_items)
    refuse("interaction.items", "more than " + std::to_string(limits::line_items) + " line items");
  for (std::size_t n = 0; n < i.items.size(); ++n) check_item(i.items[n], indexed("interaction.items", n));
  if (!i.amount) {
    if (i.items.empty()) refuse("interaction.amount", std::string("required for a ") + std::string(to_string(i.kind)));
    i.amount = items_total(i.items);
  }
  check_money(*i.amount, "interaction.amount", false);
  for (std::size_t n = 0; n < i.items.size(); ++n)
    if (i.items[n].unit_price.currency != i.amount->currency)
      refuse(indexed("interaction.items", n) + ".unit_price",
             "currency " + std::string(i.items[n].unit_price.currency.code()) + " differs from the amount's " +
                 std::string(i.amount->currency.code()));
}

}  // namespace crm::detail
