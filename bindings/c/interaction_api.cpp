// SPDX-License-Identifier: Apache-2.0
// Purchases: logging one in one call, and the currency digits that turn
// an amount's minor units into a decimal (the interaction accessors are in
// accessor_api.cpp).
#include "guard.hpp"

using namespace crm::c_api;

extern "C" {

crm_status crm_purchase_log(crm_engine* engine, int64_t customer_id, int64_t amount_minor, const char* currency,
                            const char* channel, const char* note, crm_interaction** out_interaction) {
  reset_out(out_interaction);
  return guarded(__func__, [&] {
    crm::Interaction purchase;
    purchase.customer_id = customer_id;
    purchase.kind = crm::InteractionKind::purchase;
    purchase.channel = channel == nullptr ? crm::default_purchase_channel : crm::parse_enum<crm::Channel>(channel);
    purchase.amount = crm::Money::of(amount_minor, require(currency, "currency"));
    if (note != nullptr) purchase.subject = note;
    auto stored = with_engine(engine, [&](crm::Engine& e) { return e.create(std::move(purchase)); });
    if (out_interaction != nullptr) emit(out_interaction, std::move(stored));
  });
}

crm_status crm_currency_minor_digits(const char* currency, int* out_digits) {
  return guarded(__func__, [&] {
    require(out_digits, "out_digits");
    *out_digits = crm::Currency::of(require(currency, "currency")).minor_digits();
  });
}

}  // extern "C"
