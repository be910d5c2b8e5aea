// SPDX-License-Identifier: Apache-2.0
#pragma once
// The one reader of JSON input. Every document the engine reads from outside
// (records, rules, assignment rules, RFM segment tables, the C API's queries
// and options, the crm tool's files) is parsed here, and refused with
// Errc::invalid_argument, starting with `what`, when it is:
// - longer than limits::json_document bytes;
// - malformed JSON or not UTF-8 ("<what>: not valid JSON (or not valid
//   UTF-8): <where and why>");
// - nested deeper than limits::json_depth arrays and objects ("<what>:
//   nested deeper than 64 levels"), found while reading, so no deep tree is
//   ever built and nothing walks one recursively (dump, copy, compare, the
//   readers above: each would overflow the stack on ~65,000 levels);
// - holding a key twice in one object ("<what>: addresses[1]: key 'city'
//   appears twice in one object"), where nlohmann would keep the last.
// It builds the document in the single pass nlohmann's own parser makes,
// with the same allocations: the checks add no pass over the text.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace crm::detail {

nlohmann::json read_json(std::string_view text, std::string_view what);

// A JSON value for a message, as JSON: 2.5, "5", [1,2,3]. Escaped and cut
// after 64 bytes ("…") as quoted values are (text/quote.hpp).
std::string shown(const nlohmann::json& value);

}  // namespace crm::detail
