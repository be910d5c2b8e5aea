// SPDX-License-Identifier: Apache-2.0
#pragma once
// Field-level checks shared by the per-type validators. Each cleans a field
// in place (trim, NFC, canonical form) or throws Errc::invalid_argument with
// a message that starts with the field's name ("customer.phones[1]: …").

#include <optional>
#include <string>
#include <string_view>

#include "crm/attribute.hpp"
#include "crm/enum_names.hpp"
#include "crm/id.hpp"
#include "crm/money.hpp"
#include "crm/normalize.hpp"
#include "crm/time.hpp"

namespace crm::detail {

// What a validator needs to know about the engine it writes through.
struct WriteContext {
  std::string region;  // default region for phone numbers
  PhoneCheck phone_check = PhoneCheck::valid;
  Timestamp now{};
};

void check_text(std::string& value, std::string_view field, std::size_t max_bytes);
void check_multiline(std::string& value, std::string_view field, std::size_t max_bytes);
void check_required(std::string& value, std::string_view field, std::size_t max_bytes);
void check_phone(std::string& value, std::string_view field, const WriteContext& context);
void check_email(std::string& value, std::string_view field);
void check_country(std::string& value, std::string_view field);
void check_tags(Tags& tags, std::string_view field);
void check_attributes(Attributes& attributes, std::string_view field);
// Money must carry a currency; `allow_negative` is false for limits and prices.
void check_money(const Money& value, std::string_view field, bool allow_negative);
void check_reference(Id id, std::string_view field);
void check_range(std::int64_t value, std::string_view field, std::int64_t min, std::int64_t max);
// A time in the supported range of a Timestamp (time.hpp); unset optionals pass.
void check_time(Timestamp value, std::string_view field);
void check_time(const std::optional<Timestamp>& value, std::string_view field);

[[noreturn]] void refuse(std::string_view field, const std::string& problem);

// "customer.phones" + 1 -> "customer.phones[1]"
std::string indexed(std::string_view field, std::size_t index);

template <class E>
void check_enum(E value, std::string_view field) {
  if (!is_known(value))
    refuse(field, "unknown " + std::string(EnumNames<E>::what) + " value " +
                      std::to_string(static_cast<long long>(value)));
}

}  // namespace crm::detail
