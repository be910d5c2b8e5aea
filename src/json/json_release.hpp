// SPDX-License-Identifier: Apache-2.0
#pragma once
// Taking nlohmann::json documents apart without allocating, so that running
// out of memory near a JSON document is std::bad_alloc (CRM_OUT_OF_MEMORY
// through the C API), never std::terminate.
//
// Why this is needed: nlohmann::json's destructor is not allocation-free. To
// avoid deep recursion, json_value::destroy() moves the children of an array
// or object into a std::vector as long as the container (nlohmann/json#4653
// and #5135, open upstream; 3.11.2 as Debian ships it). A destructor cannot
// report failure, so when memory has run out (typically while unwinding from
// the bad_alloc a growing document threw), that vector's allocation throws
// inside a noexcept destructor and the process dies by SIGABRT, past every
// catch (issue 21, defect 4). So:
//
// - a document that can be large (built from many records, read from a
//   host) is released before it is destroyed: ReleaseOnExit;
// - text is parsed with read_json() (host input) or parse_json() (the
//   library's own output), which release the half-built document when
//   parsing fails, where json::parse leaves it to the destructor.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace crm::detail {

// Empties `document` bottom-up, each container only once its children are
// scalars or empty (which nlohmann destroys without allocating); afterwards
// it is null. O(size). Recurses as deep as the document, to 256 levels;
// containers deeper than that are left to nlohmann's destructor.
void release(nlohmann::json& document) noexcept;

// Releases a document when the scope ends, normally or by an exception.
// Declare it after the document, so that it runs first:
//   json rules = json::array();
//   const ReleaseOnExit release_rules(rules);
// Not for a document the scope returns: with copy elision the returned value
// is the local itself (use ReleaseOnThrow).
class ReleaseOnExit {
 public:
  explicit ReleaseOnExit(nlohmann::json& document) noexcept : document_(document) {}
  ReleaseOnExit(const ReleaseOnExit&) = delete;
  ReleaseOnExit& operator=(const ReleaseOnExit&) = delete;
  ~ReleaseOnExit() { release(document_); }

 private:
  nlohmann::json& document_;
};

// Releases a document only when the scope is left by an exception: for a
// document being built to be returned.
class ReleaseOnThrow {
 public:
  explicit ReleaseOnThrow(nlohmann::json& document) noexcept
      : document_(document), exceptions_(std::uncaught_exceptions()) {}
  ReleaseOnThrow(const ReleaseOnThrow&) = delete;
  ReleaseOnThrow& operator=(const ReleaseOnThrow&) = delete;
  ~ReleaseOnThrow() {
    if (std::uncaught_exceptions() > exceptions_) release(document_);
  }

 private:
  nlohmann::json& document_;
  int exceptions_;
};

// The document's text; the document is released afterwards, whether dump()
// succeeded or ran out of memory.
std::string dump_and_release(nlohmann::json& document);

// object[key] = value, in the order that is safe when memory runs out: the
// key's slot first, then the value into it. (Written as one assignment, the
// value is built first, and if making the slot then fails, a value that is
// an array or an object is left for nlohmann's destructor, which allocates.)
// A json value comes as an rvalue (a copy could fail half-way the same way)
// and is released if the slot cannot be made. Arguments are built before a
// call, so give one call at most one json argument that is a container.
template <class Key, class Value>
nlohmann::json& put(nlohmann::json& object, Key&& key, Value&& value) {
  static_assert(!std::is_same_v<std::remove_cvref_t<Value>, nlohmann::json>, "pass a json value as an rvalue");
  nlohmann::json& slot = object[std::forward<Key>(key)];
  slot = std::forward<Value>(value);
  return slot;
}

template <class Key>
nlohmann::json& put(nlohmann::json& object, Key&& key, nlohmann::json&& value) {
  const ReleaseOnThrow release_value(value);
  nlohmann::json& slot = object[std::forward<Key>(key)];
  slot = std::move(value);
  return slot;
}

namespace make_object_detail {
template <class Tuple, std::size_t... Pair>
void set_pairs(nlohmann::json& object, Tuple&& items, std::index_sequence<Pair...>) {
  (put(object, std::get<2 * Pair>(items), std::get<2 * Pair + 1>(std::forward<Tuple>(items))), ...);
}
}  // namespace make_object_detail

// An object made of key, value, key, value, … set one at a time (put). Use
// it in place of an initializer list ({{"key", value}, …}) where memory may
// run out: nlohmann builds each pair of a list as a temporary two-element
// array and destroys it afterwards, and that destruction allocates. Values
// are best plain (numbers, text, vectors of them); see put() for json ones.

template <class... KeysAndValues>
nlohmann::json make_object(KeysAndValues&&... keys_and_values) {
  static_assert(sizeof...(KeysAndValues) % 2 == 0, "make_object takes key, value pairs");
  nlohmann::json object = nlohmann::json::object();
  const ReleaseOnThrow release(object);
  make_object_detail::set_pairs(object, std::forward_as_tuple(std::forward<KeysAndValues>(keys_and_values)...),
                                std::make_index_sequence<sizeof...(KeysAndValues) / 2>{});
  return object;
}

// nlohmann::json::parse(text), strict (nothing may follow the value), except
// that when parsing fails (a syntax error, std::bad_alloc) the document built
// so far is released before the exception leaves. For JSON the library wrote
// itself; JSON from a host goes through read_json() (read_json.hpp).
nlohmann::json parse_json(std::string_view text);

}  // namespace crm::detail
