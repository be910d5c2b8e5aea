// Interactions: logging a purchase in one call, typed accessors, and the
// currency digits that turn an amount's minor units into a decimal.
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
    purchase.channel = channel == nullptr ? crm::Channel::pos : crm::parse_enum<crm::Channel>(channel);
    purchase.amount = crm::Money::of(amount_minor, require(currency, "currency"));
    if (note != nullptr) purchase.subject = note;
    auto stored = with_engine(engine, [&](crm::Engine& e) { return e.create(std::move(purchase)); });
    if (out_interaction != nullptr) emit(out_interaction, std::move(stored));
  });
}

int64_t crm_interaction_customer_id(const crm_interaction* interaction) {
  return interaction == nullptr ? 0 : interaction->value.customer_id;
}
// Enum spellings are string literals, so their data() is NUL-terminated.
const char* crm_interaction_kind(const crm_interaction* interaction) {
  return interaction == nullptr ? "" : crm::to_string(interaction->value.kind).data();
}
const char* crm_interaction_channel(const crm_interaction* interaction) {
  return interaction == nullptr ? "" : crm::to_string(interaction->value.channel).data();
}
const char* crm_interaction_subject(const crm_interaction* interaction) {
  return interaction == nullptr ? "" : interaction->value.subject.c_str();
}
int64_t crm_interaction_occurred_at(const crm_interaction* interaction) {
  return interaction == nullptr ? 0 : crm::to_millis(interaction->value.occurred_at);
}

crm_status crm_interaction_amount(const crm_interaction* interaction, int64_t* out_minor, const char** out_currency) {
  return guarded(__func__, [&] {
    require(interaction, "interaction");
    require(out_minor, "out_minor");
    require(out_currency, "out_currency");
    const auto& amount = interaction->value.amount;
    if (!amount) throw crm::Error(crm::Errc::not_found, "the interaction has no amount");
    *out_minor = amount->minor;
    *out_currency = amount->currency.c_str();
  });
}

crm_status crm_currency_minor_digits(const char* currency, int* out_digits) {
  return guarded(__func__, [&] {
    require(out_digits, "out_digits");
    *out_digits = crm::Currency::of(require(currency, "currency")).minor_digits();
  });
}

}  // extern "C"
