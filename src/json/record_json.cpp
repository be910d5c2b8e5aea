// SPDX-License-Identifier: Apache-2.0
// Records to and from JSON, and reports to JSON, with nlohmann-json. The
// field names come from Layout<T> (src/engine/layout.hpp, and
// report_layout.hpp for reports), so a field added to a record is in its
// JSON too, with no second list to keep in step.
#include "crm/json.hpp"

#include <nlohmann/json.hpp>

#include <limits>
#include <tuple>
#include <type_traits>

#include "crm/limits.hpp"
#include "engine/layout.hpp"
#include "json/json_release.hpp"
#include "json/read_json.hpp"
#include "json/record_value.hpp"
#include "json/report_layout.hpp"
#include "text/quote.hpp"

namespace crm {

namespace {

using nlohmann::json;
using detail::Layout;

using detail::HasLayout;
template <class T>
constexpr bool is_optional = false;
template <class T>
constexpr bool is_optional<std::optional<T>> = true;
template <class T>
constexpr bool is_vector = false;
template <class T>
constexpr bool is_vector<std::vector<T>> = true;

using Consents = std::map<ConsentChannel, Consent>;

// --- writing ----------------------------------------------------------------
//
// Built for a memory that may run out (json_release.hpp): each value goes
// into a slot made first (detail::put), containers being built are released
// if an exception leaves, and no initializer list makes temporaries for
// nlohmann to take apart.

using detail::make_object;
using detail::put;
using detail::ReleaseOnThrow;

template <class T>
json out(const T& value);

template <class T>
json object_of(const T& record) {
  json object = json::object();
  const ReleaseOnThrow release(object);
  std::size_t i = 0;
  std::apply([&](const auto&... field) { (put(object, std::string(Layout<T>::names[i++]), out(field)), ...); },
             Layout<T>::fields(record));
  return object;
}

json out_attribute(const AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) return nullptr;
        else if constexpr (std::is_same_v<V, Timestamp>) return make_object("timestamp", to_millis(v));
        else return v;
      },
      value);
}

template <class T>
json out(const T& value) {
  if constexpr (std::is_same_v<T, Timestamp>) {
    return to_millis(value);
  } else if constexpr (std::is_enum_v<T>) {
    return std::string(to_string(value));
  } else if constexpr (std::is_same_v<T, Money>) {
    return make_object("minor", value.minor, "currency", std::string(value.currency.code()));
  } else if constexpr (is_optional<T>) {
    return value ? out(*value) : json(nullptr);
  } else if constexpr (is_vector<T> || std::is_same_v<T, Tags>) {
    json array = json::array();
    const ReleaseOnThrow release(array);
    for (const auto& item : value) {
      json element = out(item);
      const ReleaseOnThrow release_element(element);
      array.push_back(std::move(element));
    }
    return array;
  } else if constexpr (std::is_same_v<T, Attributes>) {
    json object = json::object();
    const ReleaseOnThrow release(object);
    for (const auto& [key, v] : value) put(object, key, out_attribute(v));
    return object;
  } else if constexpr (std::is_same_v<T, Consents>) {
    json object = json::object();
    const ReleaseOnThrow release(object);
    for (const auto& [channel, consent] : value) put(object, std::string(to_string(channel)), object_of(consent));
    return object;
  } else if constexpr (HasLayout<T>) {
    return object_of(value);
  } else {
    static_assert(std::is_same_v<T, std::string> || std::is_arithmetic_v<T>);
    return value;
  }
}

// Takes the document and releases it (json_release.hpp), even when dump() fails.
std::string dump(json document, std::string_view what) {
  try {
    return detail::dump_and_release(document);
  } catch (const json::exception&) {  // only invalid UTF-8 in a string can fail
    throw Error(Errc::invalid_argument, std::string(what) + " JSON: a text field is not valid UTF-8");
  }
}

// --- reading ----------------------------------------------------------------

// Where a value sits in the document, for messages: "addresses[1].city".
// Built as the reader goes (it is short); escaped only when shown.
class Path {
  static constexpr std::size_t max_path_bytes = 256;

 public:
  Path(std::string_view record, std::string path) : record_(record), path_(std::move(path)) {}
  Path field(std::string_view name) const { return {record_, path_.empty() ? std::string(name) : path_ + "." + std::string(name)}; }
  Path item(std::size_t index) const { return {record_, path_ + "[" + std::to_string(index) + "]"}; }

  [[noreturn]] void refuse(const std::string& why) const {
    // The path holds the caller's keys: escaped, and cut should one be long.
    const std::string where = path_.empty() ? "" : "field '" + detail::escape(path_, max_path_bytes) + "': ";
    throw Error(Errc::invalid_argument, std::string(record_) + " JSON: " + where + why);
  }
  // "customer JSON: field 'x'", the prefix refuse() gives a message.
  std::string where() const { return std::string(record_) + " JSON: field '" + path_ + "'"; }

 private:
  std::string_view record_;
  std::string path_;
};

template <class I>
I integer(const json& j, const Path& path) {
  constexpr auto low = std::numeric_limits<I>::min();
  constexpr auto high = std::numeric_limits<I>::max();
  const std::string range = "expected an integer from " + std::to_string(low) + " to " + std::to_string(high);
  if (!j.is_number_integer()) path.refuse(range);
  if (j.is_number_unsigned()) {
    const auto v = j.get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(high)) path.refuse(range);
    return static_cast<I>(v);
  }
  const auto v = j.get<std::int64_t>();
  if (v < low || v > high) path.refuse(range);
  return static_cast<I>(v);
}

// Milliseconds since the epoch, in the supported range of a Timestamp.
Timestamp timestamp_in(const json& j, const Path& path) {
  const Timestamp t = from_millis(integer<std::int64_t>(j, path));
  if (!is_supported(t)) check_timestamp(t, path.where());  // throws, naming the field
  return t;
}

template <class T>
void in(const json& j, T& value, const Path& path);

template <class T>
void read_object(const json& j, T& record, const Path& path) {
  if (!j.is_object()) path.refuse("expected an object");
  for (const auto& item : j.items()) {
    const auto& key = item.key();
    const auto& value = item.value();
    bool known = false;
    std::size_t i = 0;
    std::apply(
        [&](auto&... field) {
          ((Layout<T>::names[i++] == key ? (in(value, field, path.field(key)), known = true) : false), ...);
        },
        Layout<T>::fields(record));
    if (!known) path.field(key).refuse("unknown field");
  }
}

AttributeValue in_attribute(const json& j, const Path& path) {
  if (j.is_null()) return std::monostate{};
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return integer<std::int64_t>(j, path);
  if (j.is_number_float()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object() && j.size() == 1 && j.contains("timestamp"))
    return timestamp_in(j["timestamp"], path.field("timestamp"));
  path.refuse("expected null, a boolean, a number, a string or {\"timestamp\": milliseconds}");
}

template <class T>
void in(const json& j, T& value, const Path& path) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) path.refuse("expected a string");
    value = j.get<std::string>();
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) path.refuse("expected true or false");
    value = j.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    value = integer<T>(j, path);
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    value = timestamp_in(j, path);
  } else if constexpr (std::is_enum_v<T>) {
    if (!j.is_string()) path.refuse("expected a string");
    try {
      value = parse_enum<T>(j.get<std::string>());
    } catch (const Error& e) {
      path.refuse(e.what());
    }
  } else if constexpr (std::is_same_v<T, Money>) {
    if (!j.is_object() || j.size() != 2 || !j.contains("minor") || !j.contains("currency"))
      path.refuse("expected {\"minor\": integer, \"currency\": \"ISO 4217 code\"}");
    const auto minor = integer<std::int64_t>(j["minor"], path.field("minor"));
    std::string code;
    in(j["currency"], code, path.field("currency"));
    try {
      value = Money{minor, Currency::of(code)};
    } catch (const Error& e) {
      path.field("currency").refuse(e.what());
    }
  } else if constexpr (is_optional<T>) {
    if (j.is_null()) {
      value.reset();
    } else {
      typename T::value_type inner{};
      in(j, inner, path);
      value = std::move(inner);
    }
  } else if constexpr (is_vector<T> || std::is_same_v<T, Tags>) {
    if (!j.is_array()) path.refuse("expected an array");
    value.clear();
    for (std::size_t i = 0; i < j.size(); ++i) {
      typename T::value_type item{};
      in(j[i], item, path.item(i));
      value.insert(value.end(), std::move(item));
    }
  } else if constexpr (std::is_same_v<T, Attributes>) {
    if (!j.is_object()) path.refuse("expected an object");
    value.clear();
    for (const auto& [key, v] : j.items()) value[key] = in_attribute(v, path.field(key));
  } else if constexpr (std::is_same_v<T, Consents>) {
    if (!j.is_object()) path.refuse("expected an object keyed by channel");
    value.clear();
    for (const auto& [key, v] : j.items()) {
      ConsentChannel channel{};
      in(json(key), channel, path.field(key));
      read_object(v, value[channel], path.field(key));
    }
  } else {
    static_assert(HasLayout<T>);
    read_object(j, value, path);
  }
}

}  // namespace

namespace detail {

template <Record T>
json record_value(const T& record) {
  json document = object_of(record);
  const ReleaseOnThrow release(document);
  document["id"] = record.id;
  document["version"] = record.version;
  return document;
}

template <Record T>
T record_from_value(json document) {
  const ReleaseOnExit release(document);  // up to 8 MiB of host input (json_release.hpp)
  const Path top(Layout<T>::collection, "");
  if (!document.is_object()) top.refuse("expected an object");
  T record{};
  for (auto [key, field] : {std::pair{"id", &record.id}, std::pair{"version", &record.version}}) {
    if (auto it = document.find(key); it != document.end()) {
      *field = integer<std::int64_t>(*it, top.field(key));
      document.erase(it);
    }
  }
  read_object(document, record, top);
  return record;
}

}  // namespace detail

template <Record T>
std::string to_json(const T& record) {
  return dump(detail::record_value(record), Layout<T>::collection);
}

template <Record T>
T from_json(std::string_view text) {
  static const std::string what = std::string(Layout<T>::collection) + " JSON";
  return detail::record_from_value<T>(detail::read_json(text, what));
}

template <Record T>
std::string to_json(const Page<T>& page) {
  json document = make_object("items", json::array(), "next_cursor", page.next_cursor, "damaged", page.damaged);
  const ReleaseOnThrow release(document);  // dump() releases it on the normal path
  json& items = document["items"];
  for (const auto& record : page.items) {
    json item = detail::record_value(record);
    const ReleaseOnThrow release_item(item);
    items.push_back(std::move(item));
  }
  return dump(std::move(document), Layout<T>::collection);
}

#define CRM_INSTANTIATE_JSON(T)                               \
  template json detail::record_value<T>(const T&);            \
  template T detail::record_from_value<T>(json);              \
  template std::string to_json<T>(const T&);       \
  template T from_json<T>(std::string_view);       \
  template std::string to_json<T>(const Page<T>&);
CRM_FOR_EACH_RECORD(CRM_INSTANTIATE_JSON)
#undef CRM_INSTANTIATE_JSON

std::string to_json(const StageChange& entry) {
  json document = object_of(entry);
  const ReleaseOnThrow release(document);
  document["id"] = entry.id;  // entries are never updated: no version to show
  return dump(std::move(document), Layout<StageChange>::collection);
}

std::string to_json(const Funnel& report) { return dump(object_of(report), "funnel"); }
std::string to_json(const Forecast& report) { return dump(object_of(report), "forecast"); }
std::string to_json(const SalesCycle& report) { return dump(object_of(report), "sales cycle"); }
std::string to_json(const PipelineSnapshot& report) { return dump(object_of(report), "snapshot"); }

// --- workflow -------------------------------------------------------------------

namespace {

// JSON the library wrote itself (a rule's canonical definition, the record a
// notification carries) is spelt as that JSON, not as a string in a string.
json embedded(const std::string& text, const std::string& what) {
  if (text.empty()) return nullptr;
  try {
    return detail::read_json(text, what);  // bounded, should the file be damaged
  } catch (const Error&) {
    throw Error(Errc::corrupt, what + ": the stored JSON is not valid");
  }
}

json workflow_value(const WorkflowRule& rule) {
  json document = object_of(rule);
  const ReleaseOnThrow release(document);
  put(document, "definition", embedded(rule.definition, "workflow rule '" + rule.name + "'"));
  document["id"] = rule.id;
  document["version"] = rule.version;  // saving a rule again replaces it
  return document;
}

json workflow_value(const Notification& note) {
  json document = object_of(note);
  const ReleaseOnThrow release(document);
  put(document, "payload", embedded(note.payload, "notification " + std::to_string(note.id)));
  document["id"] = note.id;
  return document;
}

// Firings and timed actions: the host never updates them, so no version.
template <class T>
json workflow_value(const T& entry) {
  json document = object_of(entry);
  const ReleaseOnThrow release(document);
  document["id"] = entry.id;
  return document;
}

template <class T>
std::string workflow_page(const Page<T>& page) {
  json document = make_object("items", json::array(), "next_cursor", page.next_cursor, "damaged", page.damaged);
  const ReleaseOnThrow release(document);  // dump() releases it on the normal path
  json& items = document["items"];
  for (const auto& entry : page.items) {
    json item = workflow_value(entry);
    const ReleaseOnThrow release_item(item);
    items.push_back(std::move(item));
  }
  return dump(std::move(document), Layout<T>::collection);
}

}  // namespace

std::string to_json(const WorkflowRule& rule) { return dump(workflow_value(rule), Layout<WorkflowRule>::collection); }
std::string to_json(const RuleFiring& firing) { return dump(workflow_value(firing), Layout<RuleFiring>::collection); }
std::string to_json(const TimedAction& action) { return dump(workflow_value(action), Layout<TimedAction>::collection); }
std::string to_json(const Notification& note) { return dump(workflow_value(note), Layout<Notification>::collection); }
std::string to_json(const RunDueReport& report) { return dump(object_of(report), "run_due report"); }
std::string to_json(const Page<WorkflowRule>& page) { return workflow_page(page); }
std::string to_json(const Page<RuleFiring>& page) { return workflow_page(page); }
std::string to_json(const Page<TimedAction>& page) { return workflow_page(page); }
std::string to_json(const Page<Notification>& page) { return workflow_page(page); }

}  // namespace crm
