// SPDX-License-Identifier: Apache-2.0
#pragma once
// Size limits the engine enforces on write. Longer input is refused with
// Errc::invalid_argument naming the field; nothing is truncated silently
// (error messages excepted: see error_message).

#include <cstddef>

namespace crm::limits {

inline constexpr std::size_t short_text = 256;        // names, owner, tier, sku, source…
inline constexpr std::size_t medium_text = 4096;      // subject, outcome, address lines, reasons
inline constexpr std::size_t long_text = 65536;       // interaction body, notes
inline constexpr std::size_t attribute_key = 64;
inline constexpr std::size_t attribute_string = 4096;
inline constexpr std::size_t attributes = 100;        // per record
inline constexpr std::size_t tags = 100;              // per record
inline constexpr std::size_t contacts = 20;           // e-mails or phones per customer
inline constexpr std::size_t addresses = 20;
inline constexpr std::size_t line_items = 1000;       // per purchase
inline constexpr std::size_t pipeline_stages = 50;    // per pipeline
inline constexpr std::size_t email = 254;             // RFC 5321 path limit
inline constexpr std::size_t phone_input = 64;
inline constexpr std::size_t json_document = 8 << 20;  // one JSON document (a record, a query, a file)

// Arrays and objects open at once in any JSON the engine reads (records,
// rules, queries, options, rule and segment files). A deeper document is
// refused while it is read, before anything walks it recursively (which
// could overflow the stack). Real documents need far less: the example
// rules 3 or 4 levels, a rule with conditions nested five deep about 12.
// crm.h: CRM_JSON_MAX_DEPTH; Python: crm.JSON_MAX_DEPTH.
inline constexpr std::size_t json_depth = 64;

// Bytes of a crm::Error message; a longer one is cut, ending in "…". The
// values a message quotes are cut at 64 bytes already (docs/ARCHITECTURE.md,
// "Errors"): this is the safety net. crm.h: CRM_ERROR_MESSAGE_MAX.
inline constexpr std::size_t error_message = 4096;

}  // namespace crm::limits
