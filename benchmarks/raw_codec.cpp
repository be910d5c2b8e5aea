// SPDX-License-Identifier: Apache-2.0
#include "raw_codec.hpp"

#include <msgpack.hpp>

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace crm::bench::raw {

namespace {

using Packer = msgpack::packer<msgpack::sbuffer>;

template <class E>
void put_enum(Packer& out, E value) {
  out.pack(static_cast<std::uint8_t>(value));
}

void put_time(Packer& out, Timestamp t) { out.pack(to_millis(t)); }

void put_money(Packer& out, const Money& m) {
  out.pack_array(2);
  out.pack(m.minor);
  out.pack(std::string(m.currency.code()));
}

void put_strings(Packer& out, const auto& list) {
  out.pack_array(static_cast<std::uint32_t>(list.size()));
  for (const auto& s : list) out.pack(s);
}

// An attribute is [alternative index, value].
void put_attributes(Packer& out, const Attributes& attributes) {
  out.pack_map(static_cast<std::uint32_t>(attributes.size()));
  for (const auto& [name, value] : attributes) {
    out.pack(name);
    out.pack_array(2);
    out.pack(static_cast<std::uint32_t>(value.index()));
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::monostate>) out.pack_nil();
          else if constexpr (std::is_same_v<V, Timestamp>) put_time(out, v);
          else out.pack(v);
        },
        value);
  }
}

std::string done(const msgpack::sbuffer& buffer) { return {buffer.data(), buffer.size()}; }

// --- reading ------------------------------------------------------------------

const msgpack::object_array& array_of(const msgpack::object& o, std::uint32_t at_least) {
  if (o.type != msgpack::type::ARRAY || o.via.array.size < at_least) throw std::runtime_error("raw body: bad array");
  return o.via.array;
}

std::string text(const msgpack::object& o) { return o.as<std::string>(); }
std::int64_t number(const msgpack::object& o) { return o.as<std::int64_t>(); }
Timestamp time_of(const msgpack::object& o) { return from_millis(number(o)); }

Money money_of(const msgpack::object& o) {
  const auto& a = array_of(o, 2);
  return Money{number(a.ptr[0]), Currency::of(text(a.ptr[1]))};
}

std::optional<Money> optional_money(const msgpack::object& o) {
  if (o.type == msgpack::type::NIL) return std::nullopt;
  return money_of(o);
}

template <class Out>
void read_strings(const msgpack::object& o, Out& out) {
  const auto& a = array_of(o, 0);
  for (std::uint32_t i = 0; i < a.size; ++i) out.insert(out.end(), text(a.ptr[i]));
}

Attributes attributes_of(const msgpack::object& o) {
  if (o.type != msgpack::type::MAP) throw std::runtime_error("raw body: bad attributes");
  Attributes out;
  for (std::uint32_t i = 0; i < o.via.map.size; ++i) {
    const auto& kv = o.via.map.ptr[i];
    const auto& pair = array_of(kv.val, 2);
    const auto& v = pair.ptr[1];
    AttributeValue value;
    switch (pair.ptr[0].as<std::uint32_t>()) {
      case 1: value = v.as<bool>(); break;
      case 2: value = number(v); break;
      case 3: value = v.as<double>(); break;
      case 4: value = text(v); break;
      case 5: value = time_of(v); break;
      default: break;
    }
    out.emplace(text(kv.key), std::move(value));
  }
  return out;
}

msgpack::object_handle unpacked(std::string_view body) { return msgpack::unpack(body.data(), body.size()); }

void put_key_list(Packer& out, const std::vector<Key>& keys) {
  out.pack_array(static_cast<std::uint32_t>(keys.size()));
  for (const auto& k : keys) {
    out.pack_array(2);
    out.pack(k.index);
    out.pack_bin(static_cast<std::uint32_t>(k.key.size()));
    out.pack_bin_body(k.key.data(), static_cast<std::uint32_t>(k.key.size()));
  }
}

}  // namespace

std::string encode(const Customer& c) {
  msgpack::sbuffer buffer(256);
  Packer out(buffer);
  out.pack_array(19);
  put_enum(out, c.kind);
  out.pack(c.organisation_id);
  out.pack(c.display_name);
  out.pack(c.given_name);
  out.pack(c.family_name);
  put_strings(out, c.emails);
  put_strings(out, c.phones);
  out.pack_array(static_cast<std::uint32_t>(c.addresses.size()));
  for (const auto& a : c.addresses) {
    out.pack_array(7);
    for (const auto* field : {&a.label, &a.line1, &a.line2, &a.city, &a.region, &a.postal_code, &a.country})
      out.pack(*field);
  }
  put_strings(out, c.tags);
  put_attributes(out, c.attributes);
  put_enum(out, c.stage);
  out.pack(c.tier);
  out.pack(c.owner);
  if (c.credit_limit) put_money(out, *c.credit_limit); else out.pack_nil();
  out.pack(c.loyalty_points);
  out.pack_map(static_cast<std::uint32_t>(c.consents.size()));
  for (const auto& [channel, consent] : c.consents) {
    put_enum(out, channel);
    out.pack_array(3);
    out.pack(consent.granted);
    put_time(out, consent.at);
    out.pack(consent.source);
  }
  out.pack(c.external_id);
  put_time(out, c.created_at);
  put_time(out, c.updated_at);
  return done(buffer);
}

Customer decode_customer(std::string_view body, Id id, Version version) {
  const auto handle = unpacked(body);
  const auto& f = array_of(handle.get(), 19).ptr;
  Customer c;
  c.id = id;
  c.version = version;
  c.kind = static_cast<PartyKind>(number(f[0]));
  c.organisation_id = number(f[1]);
  c.display_name = text(f[2]);
  c.given_name = text(f[3]);
  c.family_name = text(f[4]);
  read_strings(f[5], c.emails);
  read_strings(f[6], c.phones);
  const auto& addresses = array_of(f[7], 0);
  for (std::uint32_t i = 0; i < addresses.size; ++i) {
    const auto& a = array_of(addresses.ptr[i], 7).ptr;
    c.addresses.push_back({text(a[0]), text(a[1]), text(a[2]), text(a[3]), text(a[4]), text(a[5]), text(a[6])});
  }
  read_strings(f[8], c.tags);
  c.attributes = attributes_of(f[9]);
  c.stage = static_cast<LifecycleStage>(number(f[10]));
  c.tier = text(f[11]);
  c.owner = text(f[12]);
  c.credit_limit = optional_money(f[13]);
  c.loyalty_points = number(f[14]);
  if (f[15].type != msgpack::type::MAP) throw std::runtime_error("raw body: bad consents");
  for (std::uint32_t i = 0; i < f[15].via.map.size; ++i) {
    const auto& kv = f[15].via.map.ptr[i];
    const auto& v = array_of(kv.val, 3).ptr;
    c.consents[static_cast<ConsentChannel>(number(kv.key))] = {v[0].as<bool>(), time_of(v[1]), text(v[2])};
  }
  c.external_id = text(f[16]);
  c.created_at = time_of(f[17]);
  c.updated_at = time_of(f[18]);
  return c;
}

std::string encode(const Interaction& i) {
  msgpack::sbuffer buffer(256);
  Packer out(buffer);
  out.pack_array(14);
  out.pack(i.customer_id);
  out.pack(i.lead_id);
  out.pack(i.opportunity_id);
  put_enum(out, i.channel);
  put_enum(out, i.direction);
  put_enum(out, i.kind);
  out.pack(i.subject);
  out.pack(i.body);
  out.pack(i.outcome);
  put_time(out, i.occurred_at);
  if (i.amount) put_money(out, *i.amount); else out.pack_nil();
  out.pack_array(static_cast<std::uint32_t>(i.items.size()));
  for (const auto& item : i.items) {
    out.pack_array(4);
    out.pack(item.sku);
    out.pack(item.description);
    out.pack(item.quantity);
    put_money(out, item.unit_price);
  }
  put_attributes(out, i.attributes);
  put_time(out, i.created_at);
  return done(buffer);
}

Interaction decode_interaction(std::string_view body, Id id, Version version) {
  const auto handle = unpacked(body);
  const auto& f = array_of(handle.get(), 14).ptr;
  Interaction i;
  i.id = id;
  i.version = version;
  i.customer_id = number(f[0]);
  i.lead_id = number(f[1]);
  i.opportunity_id = number(f[2]);
  i.channel = static_cast<Channel>(number(f[3]));
  i.direction = static_cast<Direction>(number(f[4]));
  i.kind = static_cast<InteractionKind>(number(f[5]));
  i.subject = text(f[6]);
  i.body = text(f[7]);
  i.outcome = text(f[8]);
  i.occurred_at = time_of(f[9]);
  i.amount = optional_money(f[10]);
  const auto& items = array_of(f[11], 0);
  for (std::uint32_t n = 0; n < items.size; ++n) {
    const auto& it = array_of(items.ptr[n], 4).ptr;
    i.items.push_back({text(it[0]), text(it[1]), number(it[2]), money_of(it[3])});
  }
  i.attributes = attributes_of(f[12]);
  i.created_at = time_of(f[13]);
  return i;
}

std::string encode(const PurchaseStats& s) {
  msgpack::sbuffer buffer(64);
  Packer out(buffer);
  out.pack_array(8);
  out.pack(s.customer_id);
  out.pack(std::string(s.currency.code()));
  out.pack(s.purchases);
  out.pack(s.purchase_days);
  out.pack(s.total_minor);
  out.pack(s.first_day_minor);
  put_time(out, s.first_at);
  put_time(out, s.last_at);
  return done(buffer);
}

PurchaseStats decode_stats(std::string_view body) {
  const auto handle = unpacked(body);
  const auto& f = array_of(handle.get(), 8).ptr;
  return {.customer_id = number(f[0]),
          .currency = Currency::of(text(f[1])),
          .purchases = number(f[2]),
          .purchase_days = number(f[3]),
          .total_minor = number(f[4]),
          .first_day_minor = number(f[5]),
          .first_at = time_of(f[6]),
          .last_at = time_of(f[7])};
}

std::string text_key(std::string_view text) {
  std::string key(text);
  key.push_back('\0');
  return key;
}

std::string number_key(std::int64_t value) {
  auto bits = static_cast<std::uint64_t>(value) ^ (std::uint64_t{1} << 63);
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, bits >>= 8) key[static_cast<std::size_t>(i)] = static_cast<char>(bits & 0xff);
  return key;
}

std::string id_key(Id id) {
  auto bits = static_cast<std::uint64_t>(id);
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, bits >>= 8) key[static_cast<std::size_t>(i)] = static_cast<char>(bits & 0xff);
  return key;
}

std::string encode_keys(std::vector<Key>& unique, std::vector<Key>& sorted) {
  const auto by_name_and_key = [](const Key& a, const Key& b) { return std::tie(a.index, a.key) < std::tie(b.index, b.key); };
  std::sort(unique.begin(), unique.end(), by_name_and_key);
  std::sort(sorted.begin(), sorted.end(), by_name_and_key);
  msgpack::sbuffer buffer(128);
  Packer out(buffer);
  out.pack_array(2);
  put_key_list(out, unique);
  put_key_list(out, sorted);
  return done(buffer);
}

}  // namespace crm::bench::raw
