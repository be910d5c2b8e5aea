// SPDX-License-Identifier: Apache-2.0
#include "engine/record_codec.hpp"

#define MSGPACK_NO_BOOST 1
#include <msgpack.hpp>

#include <new>
#include <stdexcept>

#include "crm/error.hpp"
#include "engine/layout.hpp"

// msgpack adaptors for crm's value types. Timestamps are int64 milliseconds,
// money is [minor, "CCY"], an attribute value is [alternative index, value],
// enums are their stored numbers, and every type with a Layout is an array
// of its fields.
namespace msgpack {
MSGPACK_API_VERSION_NAMESPACE(MSGPACK_DEFAULT_API_NS) {
namespace adaptor {

template <class E>
concept crm_enum = std::is_enum_v<E> && requires(E e) { crm::EnumNames<E>::names; };

template <crm::detail::HasLayout T>
struct pack<T> {
  template <class Stream>
  msgpack::packer<Stream>& operator()(msgpack::packer<Stream>& out, const T& value) const {
    std::apply(
        [&](const auto&... field) {
          out.pack_array(sizeof...(field));
          (out.pack(field), ...);
        },
        crm::detail::Layout<T>::fields(value));
    return out;
  }
};

template <crm::detail::HasLayout T>
struct convert<T> {
  const msgpack::object& operator()(const msgpack::object& in, T& value) const {
    if (in.type != msgpack::type::ARRAY) throw msgpack::type_error();
    const auto& array = in.via.array;
    std::apply(
        [&](auto&... field) {
          std::uint32_t i = 0;
          // Fields missing from an older body keep their defaults; fields a
          // newer body added beyond ours are ignored.
          ((i < array.size ? (void)array.ptr[i].convert(field) : (void)0, ++i), ...);
        },
        crm::detail::Layout<T>::fields(value));
    return in;
  }
};

template <crm_enum E>
struct pack<E> {
  template <class Stream>
  msgpack::packer<Stream>& operator()(msgpack::packer<Stream>& out, E value) const {
    return out.pack(static_cast<std::underlying_type_t<E>>(value));
  }
};

template <crm_enum E>
struct convert<E> {
  const msgpack::object& operator()(const msgpack::object& in, E& value) const {
    value = static_cast<E>(in.as<std::underlying_type_t<E>>());
    return in;
  }
};

template <>
struct pack<crm::Timestamp> {
  template <class Stream>
  msgpack::packer<Stream>& operator()(msgpack::packer<Stream>& out, crm::Timestamp value) const {
    return out.pack(crm::to_millis(value));
  }
};

template <>
struct convert<crm::Timestamp> {
  const msgpack::object& operator()(const msgpack::object& in, crm::Timestamp& value) const {
    value = crm::from_millis(in.as<std::int64_t>());
    return in;
  }
};

template <>
struct pack<crm::Money> {
  template <class Stream>
  msgpack::packer<Stream>& operator()(msgpack::packer<Stream>& out, const crm::Money& value) const {
    out.pack_array(2);
    out.pack(value.minor);
    return out.pack(value.currency.code());
  }
};

template <>
struct convert<crm::Money> {
  const msgpack::object& operator()(const msgpack::object& in, crm::Money& value) const {
    if (in.type != msgpack::type::ARRAY || in.via.array.size != 2) throw msgpack::type_error();
    value.minor = in.via.array.ptr[0].as<std::int64_t>();
    const auto code = in.via.array.ptr[1].as<std::string>();
    value.currency = code.empty() ? crm::Currency() : crm::Currency::of(code);
    return in;
  }
};

template <>
struct pack<crm::Currency> {
  template <class Stream>
  msgpack::packer<Stream>& operator()(msgpack::packer<Stream>& out, const crm::Currency& value) const {
    return out.pack(value.code());
  }
};

template <>
struct convert<crm::Currency> {
  const msgpack::object& operator()(const msgpack::object& in, crm::Currency& value) const {
    const auto code = in.as<std::string>();
    value = code.empty() ? crm::Currency() : crm::Currency::of(code);
    return in;
  }
};

template <>
struct pack<crm::AttributeValue> {
  template <class Stream>
  msgpack::packer<Stream>& operator()(msgpack::packer<Stream>& out, const crm::AttributeValue& value) const {
    out.pack_array(2);
    out.pack(static_cast<std::uint32_t>(value.index()));
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
            out.pack_nil();
          else
            out.pack(v);
        },
        value);
    return out;
  }
};

template <>
struct convert<crm::AttributeValue> {
  const msgpack::object& operator()(const msgpack::object& in, crm::AttributeValue& value) const {
    if (in.type != msgpack::type::ARRAY || in.via.array.size != 2) throw msgpack::type_error();
    const auto& item = in.via.array.ptr[1];
    switch (in.via.array.ptr[0].as<std::uint32_t>()) {
      case 0: value = std::monostate{}; break;
      case 1: value = item.as<bool>(); break;
      case 2: value = item.as<std::int64_t>(); break;
      case 3: value = item.as<double>(); break;
      case 4: value = item.as<std::string>(); break;
      case 5: value = item.as<crm::Timestamp>(); break;
      default: throw msgpack::type_error();
    }
    return in;
  }
};

}  // namespace adaptor
}  // MSGPACK_API_VERSION_NAMESPACE
}  // namespace msgpack

namespace crm::detail {

template <class T>
std::string encode(const T& record) {
  msgpack::sbuffer buffer(256);
  msgpack::pack(buffer, record);
  return {buffer.data(), buffer.size()};
}

template <class T>
T decode(const StoredRecord& stored) {
  T record;
  try {
    // A body is exactly one array: bytes after it mean the body is not what
    // encode() wrote (msgpack::unpack alone would ignore them).
    std::size_t used = 0;
    const auto handle = msgpack::unpack(stored.body.data(), stored.body.size(), used);
    if (used != stored.body.size())
      throw std::runtime_error(std::to_string(stored.body.size() - used) + " bytes after the record");
    handle.get().convert(record);
  } catch (const std::bad_alloc&) {
    throw;  // out of memory is not damage: the caller gets CRM_OUT_OF_MEMORY
  } catch (const std::exception& e) {
    throw Error(Errc::corrupt, std::string(Layout<T>::collection) + " " + std::to_string(stored.id) +
                                   ": stored body is unreadable (" + e.what() + ")");
  }
  record.id = stored.id;
  record.version = stored.version;
  return record;
}

#define CRM_INSTANTIATE_CODEC(T)           \
  template std::string encode(const T&); \
  template T decode(const StoredRecord&);
// The host's records, then what the engine keeps beside them.
CRM_FOR_EACH_RECORD(CRM_INSTANTIATE_CODEC)
CRM_INSTANTIATE_CODEC(StageChange)
CRM_INSTANTIATE_CODEC(FieldOutcomes)
CRM_INSTANTIATE_CODEC(WorkflowRule)
CRM_INSTANTIATE_CODEC(RuleSetStamp)
CRM_INSTANTIATE_CODEC(RuleFiring)
CRM_INSTANTIATE_CODEC(TimedAction)
CRM_INSTANTIATE_CODEC(Notification)
CRM_INSTANTIATE_CODEC(PurchaseStatsRecord)
CRM_INSTANTIATE_CODEC(PurchaseStatsMarker)
#undef CRM_INSTANTIATE_CODEC

}  // namespace crm::detail
