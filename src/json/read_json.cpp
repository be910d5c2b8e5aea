// SPDX-License-Identifier: Apache-2.0
// The JSON reader (read_json.hpp): nlohmann's SAX parser driving a document
// builder that refuses depth and repeated keys as it goes. nlohmann's own
// parser is iterative; only the builder could go deep, and it stops at
// limits::json_depth.
#include "json/read_json.hpp"

#include <string>
#include <utility>
#include <vector>

#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "json/json_release.hpp"
#include "text/quote.hpp"

namespace crm::detail {

namespace {

using nlohmann::json;

constexpr std::size_t max_detail_bytes = 160;  // of nlohmann's description of a syntax error

// Builds the document as nlohmann's json_sax_dom_parser does: a stack of the
// arrays and objects being filled.
class Builder {
 public:
  explicit Builder(std::string_view what) : what_(what) { open_.reserve(16); }

  json take() { return std::move(root_); }
  // Takes apart what was built so far without allocating (json_release.hpp).
  void release() noexcept { detail::release(root_); }

  bool null() { return put(nullptr); }
  bool boolean(bool value) { return put(value); }
  bool number_integer(json::number_integer_t value) { return put(value); }
  bool number_unsigned(json::number_unsigned_t value) { return put(value); }
  bool number_float(json::number_float_t value, const json::string_t& /*spelling*/) { return put(value); }
  bool string(json::string_t& value) { return put(std::move(value)); }
  bool binary(json::binary_t& value) { return put(json::binary(std::move(value))); }  // not in JSON text

  bool start_object(std::size_t /*elements: unknown in text*/) { return open(json::value_t::object); }
  bool start_array(std::size_t /*elements*/) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  // try_emplace finds a repeated key in the one lookup the insertion makes.
  bool key(json::string_t& name) {
    auto& members = open_.back()->get_ref<json::object_t&>();
    const auto [at, inserted] = members.try_emplace(std::move(name));
    if (!inserted)
      refuse(where() + "key " + quote(at->first) + " appears twice in one object");
    member_ = &at->second;
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const nlohmann::detail::exception& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: …":
    // the line and column help; the tag does not. The last token read is in
    // it, and may be long or hold any byte: escaped and cut.
    std::string_view detail = e.what();
    if (const auto tag_end = detail.find("] "); detail.starts_with("[json.exception.") && tag_end != detail.npos)
      detail.remove_prefix(tag_end + 2);
    refuse("not valid JSON (or not valid UTF-8): " + escape(detail, max_detail_bytes));
  }

 private:
  template <class Value>
  bool put(Value&& value) {
    place(std::forward<Value>(value));
    return true;
  }

  // The new value's place: the root, the end of the open array, or the
  // member whose key was just read.
  template <class Value>
  json* place(Value&& value) {
    if (open_.empty()) {
      root_ = json(std::forward<Value>(value));
      return &root_;
    }
    json& parent = *open_.back();
    if (parent.is_array()) {
      auto& items = parent.get_ref<json::array_t&>();
      items.emplace_back(std::forward<Value>(value));
      return &items.back();
    }
    *member_ = json(std::forward<Value>(value));
    return member_;
  }

  bool open(json::value_t kind) {
    if (open_.size() >= limits::json_depth)
      refuse("nested deeper than " + std::to_string(limits::json_depth) + " levels");
    open_.push_back(place(kind));
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  // "addresses[1]: " for the innermost open object, found from the stack
  // (only when refusing, so reading pays nothing for it).
  std::string where() const {
    std::string path;
    for (std::size_t i = 0; i + 1 < open_.size(); ++i) {
      const json& parent = *open_[i];
      const json* child = open_[i + 1];
      if (parent.is_array()) {
        path += "[" + std::to_string(parent.size() - 1) + "]";  // the child is the last item so far
        continue;
      }
      for (const auto& [name, value] : parent.get_ref<const json::object_t&>())
        if (&value == child) path += (path.empty() ? "" : ".") + escape(name, 64);
    }
    return path.empty() ? path : path + ": ";
  }

  [[noreturn]] void refuse(const std::string& problem) const {
    throw Error(Errc::invalid_argument, std::string(what_) + ": " + problem);
  }

  std::string_view what_;
  json root_;
  std::vector<json*> open_;  // the arrays and objects being filled, outermost first
  json* member_ = nullptr;   // the object member whose key was read last
};

}  // namespace

json read_json(std::string_view text, std::string_view what) {
  if (text.size() > limits::json_document)
    throw Error(Errc::invalid_argument, std::string(what) + ": " + std::to_string(text.size()) +
                                            " bytes, longer than the " + std::to_string(limits::json_document) +
                                            "-byte limit");
  Builder builder(what);
  try {
    json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true, /*ignore_comments=*/false);
  } catch (...) {
    // Refused or out of memory half-way: nlohmann's destructor would
    // allocate to take the partial document apart (json_release.hpp).
    builder.release();
    throw;
  }
  return builder.take();
}

std::string shown(const json& value) {
  // dump() spells any string (its bytes were checked as UTF-8 on the way in);
  // escape() takes care of DEL and C1, which JSON leaves as they are.
  return escape(value.dump(), 64);
}

}  // namespace crm::detail
