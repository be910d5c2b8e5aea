// SPDX-License-Identifier: Apache-2.0
// Allocation-free teardown of JSON documents (json_release.hpp), and a parse
// that uses it. The parse drives nlohmann's own DOM builders through its
// public SAX entry point, as json::parse does, but keeps the document in a
// variable of ours so that a failure can release it first.
#include "json/json_release.hpp"

#include <utility>

namespace crm::detail {

namespace {

using nlohmann::json;

// Deeper than any document crm reads or writes; keeps the recursion's stack
// use small (a few kB) on any thread.
constexpr int max_depth = 256;

void release_at(json& node, int depth) noexcept {
  if (depth < max_depth) {
    if (node.is_array()) {
      for (json& child : node.get_ref<json::array_t&>()) release_at(child, depth + 1);
      node.get_ref<json::array_t&>().clear();  // children are null now: nothing to allocate
    } else if (node.is_object()) {
      for (auto& entry : node.get_ref<json::object_t&>()) release_at(entry.second, depth + 1);
      node.get_ref<json::object_t&>().clear();
    }
  }
  node = nullptr;  // an empty container (or a string) is destroyed without allocating
}

}  // namespace

void release(json& document) noexcept { release_at(document, 0); }

std::string dump_and_release(json& document) {
  const ReleaseOnExit released(document);
  return document.dump();
}

json parse_json(std::string_view text) {
  json result;
  try {
    nlohmann::detail::json_sax_dom_parser<json> sax(result, /*allow_exceptions=*/true);
    json::sax_parse(text, &sax, json::input_format_t::json, /*strict=*/true);
  } catch (...) {
    release(result);
    throw;
  }
  return result;
}

}  // namespace crm::detail
