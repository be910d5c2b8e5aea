// SPDX-License-Identifier: Apache-2.0
#include "data_generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include <crm/model/pipeline.hpp>

#include "data_names.hpp"

namespace crm::bench {

namespace {

// SplitMix64: tiny, fast and fully specified, so the data do not depend on a
// standard library's distributions. Every record draws from a stream of its
// own, keyed by (seed, stream, index, ordinal).
std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

enum Stream : std::uint64_t { customer_stream = 1, interaction_stream = 2, lead_stream = 3, deal_stream = 4, new_stream = 5 };

class Draws {
 public:
  Draws(std::uint64_t seed, Stream stream, std::int64_t a, std::int64_t b = 0)
      : state_(splitmix(seed ^ splitmix(stream ^ splitmix(static_cast<std::uint64_t>(a) ^
                                                           splitmix(static_cast<std::uint64_t>(b)))))) {}

  std::uint64_t next() { return splitmix(state_++); }
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(int percent) { return uniform(0, 99) < percent; }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  template <class List>
  const auto& pick(const List& list) {
    return list[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(list.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

// A region's customers: their numbering plan, names, currency and addresses.
// Each prefix with its free digits is a mobile range libphonenumber 8.12
// holds valid in every number (checked over 10M numbers when the plans were
// chosen; the engine refuses an invalid one, so a bad plan fails the build).
struct RegionPlan {
  std::string_view region;        // ISO 3166-1
  std::string_view calling_code;  // without the +
  std::string_view prefix;        // start of the national significant number
  int free_digits;                // digits after the prefix
  int lowest_first_digit;         // of the free digits (US exchanges start at 2)
  std::array<int, 5> groups;      // how people group the NSN's digits when they type it (0 ends)
  Language language;
  std::string_view currency;
  std::int64_t price_num, price_den;  // minor units of the currency per US cent, roughly
  std::array<std::string_view, 3> cities;
  std::string_view street;
  bool number_first;           // "12 High Street" or "Hauptstraße 12"
  std::string_view postcode;   // 9: a digit, A: a letter
  int share;                   // percent of customers
};

using L = Language;
constexpr std::array<RegionPlan, 14> plans{{
    {"GB", "44", "74", 8, 0, {4, 6}, L::english, "GBP", 4, 5, {"London", "Manchester", "Bristol"}, "High Street", true, "A9 9AA", 28},
    {"US", "1", "212", 7, 2, {3, 3, 4}, L::english, "USD", 1, 1, {"New York", "San Francisco", "Boston"}, "Main Street", true, "99999", 10},
    {"DE", "49", "151", 8, 0, {3, 4, 4}, L::german, "EUR", 9, 10, {"Berlin", "München", "Köln"}, "Hauptstraße", false, "99999", 9},
    {"FR", "33", "61", 7, 0, {1, 2, 2, 2, 2}, L::french, "EUR", 9, 10, {"Paris", "Lyon", "Besançon"}, "rue de la Paix", true, "99999", 7},
    {"ES", "34", "6", 8, 0, {3, 2, 2, 2}, L::spanish, "EUR", 9, 10, {"Madrid", "Sevilla", "A Coruña"}, "Calle Mayor", false, "99999", 5},
    {"PL", "48", "50", 7, 0, {3, 3, 3}, L::polish, "PLN", 4, 1, {"Warszawa", "Kraków", "Łódź"}, "ul. Długa", false, "99-999", 4},
    {"RU", "7", "9", 9, 0, {3, 3, 2, 2}, L::russian, "RUB", 90, 1, {"Москва", "Санкт-Петербург", "Новосибирск"}, "ул. Ленина", false, "999999", 7},
    {"GR", "30", "69", 8, 0, {3, 3, 4}, L::greek, "EUR", 9, 10, {"Αθήνα", "Θεσσαλονίκη", "Πάτρα"}, "Οδός Ερμού", false, "999 99", 3},
    {"JP", "81", "80", 8, 0, {2, 4, 4}, L::japanese, "JPY", 3, 2, {"東京", "大阪", "京都"}, "中央通り", false, "999-9999", 7},
    {"CN", "86", "13", 9, 0, {3, 4, 4}, L::chinese, "CNY", 7, 1, {"北京", "上海", "广州"}, "人民路", false, "999999", 7},
    {"KR", "82", "102", 7, 0, {2, 4, 4}, L::korean, "KRW", 27, 2, {"서울", "부산", "인천"}, "세종대로", false, "99999", 4},
    {"AE", "971", "50", 7, 0, {2, 3, 4}, L::arabic, "AED", 11, 3, {"دبي", "أبوظبي", "الشارقة"}, "شارع الشيخ زايد", false, "", 3},
    {"EG", "20", "10", 8, 0, {2, 4, 4}, L::arabic, "EGP", 48, 1, {"القاهرة", "الإسكندرية", "الجيزة"}, "شارع التحرير", false, "99999", 3},
    {"IN", "91", "98", 8, 0, {5, 5}, L::hindi, "INR", 83, 1, {"मुंबई", "दिल्ली", "बेंगलुरु"}, "एम जी रोड", false, "999999", 3},
}};

constexpr std::array<std::string_view, 4> mail_providers{"mail", "post", "inbox", "web"};
constexpr std::array<std::string_view, 8> owners{"anna", "ben", "chen", "dara", "emeka", "farah", "gustav", "hana"};
constexpr std::array<std::string_view, 8> products{"Coffee beans 1 kg", "Green tea", "Espresso cups (2)", "Gift card",
                                                   "Oat milk", "Croissant", "Filter papers", "Travel mug"};
constexpr std::array<std::string_view, 5> call_subjects{"Order status", "Delivery time", "Opening hours",
                                                        "Loyalty points", "Callback request"};
constexpr std::array<std::string_view, 3> call_outcomes{"answered", "no answer", "left voicemail"};
constexpr std::array<std::string_view, 3> mail_subjects{"Newsletter", "Your order has shipped", "Birthday offer"};
constexpr std::array<std::string_view, 3> notes{"Prefers morning deliveries.", "Allergic to nuts.",
                                                "Asked to be called back after 5 pm."};
constexpr std::array<std::string_view, 4> lead_sources{"web form", "trade show", "referral", "cold call"};

// A bijection of 0..space-1 that scatters consecutive numbers, so numbers
// and cards are not handed out in order (the indexes see random inserts).
// `space` is 2^a 5^b (US: 8 * 10^6), so a multiplier prime to 10 makes it one.
std::int64_t scatter(std::int64_t k, std::int64_t space) {
  constexpr std::int64_t multiplier = 7'777'777, offset = 1'234'567;
  return (k % space * multiplier + offset) % space;  // < 2^63: space is at most 10^10
}

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::string padded(std::int64_t value, int digits) {
  std::string s = std::to_string(value);
  return std::string(static_cast<std::size_t>(std::max(0, digits - static_cast<int>(s.size()))), '0') + s;
}

std::int64_t number_space(const RegionPlan& p) {
  return (10 - p.lowest_first_digit) * pow10(p.free_digits - 1);
}

// The national significant number of the k-th number of a region's range.
std::string nsn(const RegionPlan& p, std::int64_t k) {
  const std::int64_t value = scatter(k, number_space(p)) + p.lowest_first_digit * pow10(p.free_digits - 1);
  return std::string(p.prefix) + padded(value, p.free_digits);
}

// The number as someone types it: style 0..3, each a different spelling of
// the same number (national with a trunk 0 only in the home region, where
// the engine reads numbers without a country code).
std::string spell_phone(const RegionPlan& p, const std::string& digits, int style) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  for (int g : p.groups) {
    if (g == 0) break;
    parts.push_back(digits.substr(at, static_cast<std::size_t>(g)));
    at += static_cast<std::size_t>(g);
  }
  const auto join = [&](std::string_view sep, std::size_t from = 0) {
    std::string out;
    for (std::size_t i = from; i < parts.size(); ++i) out += (i == from ? "" : std::string(sep)) + parts[i];
    return out;
  };
  const bool home = p.region == home_region;
  const std::string cc(p.calling_code);
  switch (style % 4) {
    case 0: return home ? "0" + join(" ") : "+" + cc + " " + join(" ");
    case 1: return home ? "0" + join("-") : "00" + cc + " " + join(" ");
    case 2: return home ? "+" + cc + " " + join(" ") : "+" + cc + " " + join("-");
    default:
      if (home) return "(0" + parts[0] + ") " + join(" ", 1);
      if (p.region == "US") return "+1 (" + parts[0] + ") " + parts[1] + "-" + parts[2];
      return "+" + cc + "-" + join("-");
  }
}

std::string fill_pattern(std::string_view pattern, Draws& d) {
  std::string out;
  for (char c : pattern) {
    if (c == '9')
      out.push_back(static_cast<char>('0' + d.uniform(0, 9)));
    else if (c == 'A')
      out.push_back(static_cast<char>('A' + d.uniform(0, 25)));
    else
      out.push_back(c);
  }
  return out;
}

Money money(const RegionPlan& p, std::int64_t us_cents) {
  return Money::of(std::max<std::int64_t>(1, us_cents * p.price_num / p.price_den), p.currency);
}

std::string display_name(const NameTable& t, const Name& given, const Name& family) {
  return t.family_first ? std::string(family.native) + std::string(t.separator) + std::string(given.native)
                        : std::string(given.native) + std::string(t.separator) + std::string(family.native);
}

}  // namespace

// What is drawn once per customer: everything their records depend on.
struct DataGenerator::Profile {
  std::size_t region = 0;
  std::int64_t k = 0;  // the customer's rank in their region: picks their numbers
  std::size_t given = 0, family = 0;
  int email_style = 0, phone_style = 0;
  std::int64_t purchases = 0, touches = 0;
  std::int64_t first_seen = 0, last_seen = 0;  // ms: their interactions fall in between
  std::uint64_t extras = 0;                    // draws for the optional fields
};

DataGenerator::DataGenerator(std::int64_t customers, std::uint64_t seed)
    : customers_(customers), seed_(seed), slot_region_(100), slot_rank_(100) {
  if (customers < 1) throw std::invalid_argument("data generator: at least one customer");
  // 100 slots, shuffled once, give the region mix; customer i takes slot i % 100.
  std::vector<std::uint8_t> slots;
  for (std::size_t r = 0; r < plans.size(); ++r) slots.insert(slots.end(), static_cast<std::size_t>(plans[r].share), static_cast<std::uint8_t>(r));
  if (slots.size() != 100) throw std::logic_error("data generator: region shares must add up to 100");
  Draws d(seed, customer_stream, -1);
  for (std::size_t i = slots.size() - 1; i > 0; --i)
    std::swap(slots[i], slots[static_cast<std::size_t>(d.uniform(0, static_cast<std::int64_t>(i)))]);
  std::array<std::uint32_t, plans.size()> seen{};
  for (std::size_t s = 0; s < 100; ++s) {
    slot_region_[s] = slots[s];
    slot_rank_[s] = seen[slots[s]]++;
  }
  // Second phones take rank k + space/2, leads' phones k + space/4: every rank must stay below space/4.
  for (const auto& p : plans)
    if ((customers / 100 + 1) * p.share >= number_space(p) / 4)
      throw std::invalid_argument("data generator: too many customers for region " + std::string(p.region) +
                                  "'s number range");
}

DataGenerator::Profile DataGenerator::profile(std::int64_t i) const {
  Profile p;
  const auto slot = static_cast<std::size_t>(i % 100);
  p.region = slot_region_[slot];
  p.k = (i / 100) * plans[p.region].share + slot_rank_[slot];
  Draws d(seed_, customer_stream, i);
  const NameTable& names = names_of(plans[p.region].language);
  p.given = static_cast<std::size_t>(d.uniform(0, static_cast<std::int64_t>(names.given.size()) - 1));
  p.family = static_cast<std::size_t>(d.uniform(0, static_cast<std::int64_t>(names.family.size()) - 1));
  p.email_style = static_cast<int>(d.uniform(0, 2));
  p.phone_style = static_cast<int>(d.uniform(0, 3));
  // Purchases as in a shop: a quarter never buy, 40% buy once, the rest
  // 2 + Lomax(shape 1.7, scale 6) capped at 2,000: a few buy hundreds of times.
  const std::int64_t kind = d.uniform(0, 99);
  if (kind < 25) {
    p.purchases = 0;
  } else if (kind < 65) {
    p.purchases = 1;
  } else {
    const double lomax = 6.0 * (std::pow(1.0 - d.unit(), -1.0 / 1.7) - 1.0);
    p.purchases = 2 + static_cast<std::int64_t>(std::min(lomax, 1998.0));
  }
  // Other touches: geometric with mean 6, so about 10 interactions per customer in all.
  p.touches = static_cast<std::int64_t>(std::floor(std::log(1.0 - d.unit()) / std::log(6.0 / 7.0)));
  const std::int64_t from = to_millis(data_start), to = to_millis(data_end) - 1;
  p.first_seen = d.uniform(from, to - 86'400'000);
  p.last_seen = d.uniform(p.first_seen, to);
  p.extras = d.next();
  return p;
}

Customer DataGenerator::customer(std::int64_t i) const {
  const Profile p = profile(i);
  const RegionPlan& plan = plans[p.region];
  const NameTable& names = names_of(plan.language);
  const Name& given = names.given[p.given];
  const Name& family = names.family[p.family];
  Draws d(p.extras, customer_stream, i, 1);

  Customer c;
  c.given_name = given.native;
  c.family_name = family.native;
  c.display_name = display_name(names, given, family);
  c.phones.push_back(spell_phone(plan, nsn(plan, p.k), p.phone_style));
  if (d.chance(15)) c.phones.push_back(spell_phone(plan, nsn(plan, p.k + number_space(plan) / 2), p.phone_style + 1));
  const std::string n = std::to_string(i);
  const std::string domain = "@" + std::string(d.pick(mail_providers)) + ".example";
  switch (p.email_style) {
    case 0: c.emails.push_back(std::string(given.ascii) + "." + std::string(family.ascii) + n + domain); break;
    case 1: c.emails.push_back(std::string(given.ascii) + n + domain); break;
    default: c.emails.push_back(std::string(given.ascii.substr(0, 1)) + std::string(family.ascii) + "." + n + domain);
  }
  c.external_id = external_id(i);

  c.stage = p.purchases == 0   ? LifecycleStage::prospect
            : p.purchases == 1 ? LifecycleStage::new_customer
            : d.chance(10)     ? LifecycleStage::at_risk
                               : LifecycleStage::active;
  c.tier = p.purchases >= 20 ? "gold" : p.purchases >= 5 ? "silver" : "";
  if (d.chance(20)) c.owner = d.pick(owners);
  c.loyalty_points = p.purchases * 10 + d.uniform(0, 9);
  if (d.chance(30)) c.tags.insert("newsletter");
  if (p.purchases >= 50) c.tags.insert("vip");
  if (d.chance(60))  // consent times are set, not left for the engine to stamp: the baselines store the same bytes
    c.consents[ConsentChannel::email] = {true, from_millis(p.first_seen), "pos"};
  if (d.chance(20)) c.consents[ConsentChannel::sms] = {false, from_millis(p.first_seen), "web form"};
  if (d.chance(50)) {
    Address a;
    a.label = "home";
    const std::string number = std::to_string(d.uniform(1, 180));
    a.line1 = plan.number_first ? number + " " + std::string(plan.street) : std::string(plan.street) + " " + number;
    a.city = d.pick(plan.cities);
    a.postal_code = fill_pattern(plan.postcode, d);
    a.country = plan.region;
    c.addresses.push_back(std::move(a));
  }
  if (d.chance(10)) c.attributes["shoe_size"] = std::int64_t{d.uniform(36, 46)};
  if (d.chance(5)) c.credit_limit = money(plan, 100'000);
  return c;
}

std::string DataGenerator::phone_as_typed(std::int64_t i) const {
  const Profile p = profile(i);
  const RegionPlan& plan = plans[p.region];
  return spell_phone(plan, nsn(plan, p.k), p.phone_style + 2);
}

std::string DataGenerator::email_as_typed(std::int64_t i) const {
  const std::string stored = customer(i).emails.front();
  // "Anna.Smith12@Mail.Example": capitals where people put them, and now and then a stray space.
  std::string typed;
  bool start = true;
  for (char ch : stored) {
    typed.push_back(start && ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
    start = ch == '.' || ch == '@';
  }
  return i % 4 == 0 ? " " + typed + " " : typed;
}

std::string DataGenerator::external_id(std::int64_t i) const {
  return "LC" + padded(scatter(i, pow10(10)), 10);  // a loyalty card number
}

std::int64_t DataGenerator::purchase_count(std::int64_t i) const { return profile(i).purchases; }

std::int64_t DataGenerator::interaction_count(std::int64_t i) const {
  const Profile p = profile(i);
  return p.purchases + p.touches;
}

std::int64_t DataGenerator::interaction_time(const Profile& p, std::int64_t i, std::int64_t ordinal) const {
  Draws d(seed_, interaction_stream, i, ordinal);
  return d.uniform(p.first_seen, p.last_seen);
}

std::vector<InteractionRef> DataGenerator::history_in_time_order() const {
  std::vector<InteractionRef> out;
  out.reserve(static_cast<std::size_t>(customers_ * 11));
  for (std::int64_t i = 0; i < customers_; ++i) {
    const Profile p = profile(i);
    for (std::int64_t j = 0; j < p.purchases + p.touches; ++j)
      out.push_back({interaction_time(p, i, j), static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
  }
  std::sort(out.begin(), out.end(), [](const InteractionRef& a, const InteractionRef& b) {
    return a.at != b.at ? a.at < b.at : a.customer != b.customer ? a.customer < b.customer : a.ordinal < b.ordinal;
  });
  return out;
}

namespace {

void fill_purchase(Interaction& x, const RegionPlan& plan, Draws& d) {
  x.kind = InteractionKind::purchase;
  x.channel = d.chance(70) ? Channel::pos : d.chance(80) ? Channel::web : Channel::kiosk;
  x.direction = Direction::inbound;
  x.subject = "Receipt R-" + padded(d.uniform(0, 9'999'999), 7);
  std::int64_t cents = d.uniform(500, 8'000);
  if (d.chance(10)) cents *= d.uniform(2, 10);
  const Money amount = money(plan, cents);
  x.amount = amount;
  if (d.chance(30)) {  // itemised: the items add up to the amount exactly
    const std::int64_t n = std::min<std::int64_t>(d.uniform(1, 3), amount.minor);
    std::int64_t left = amount.minor;
    for (std::int64_t k = 0; k < n; ++k) {
      LineItem item;
      item.sku = "SKU-" + padded(d.uniform(0, 99'999), 5);
      item.description = d.pick(products);
      const std::int64_t price = k + 1 == n ? left : left / (n - k);
      item.unit_price = Money{price, amount.currency};
      left -= price;
      x.items.push_back(std::move(item));
    }
  }
}

void fill_touch(Interaction& x, Draws& d) {
  switch (d.uniform(0, 4)) {
    case 0:
      x.kind = InteractionKind::call;
      x.channel = Channel::phone;
      x.direction = d.chance(50) ? Direction::inbound : Direction::outbound;
      x.subject = d.pick(call_subjects);
      x.outcome = d.pick(call_outcomes);
      break;
    case 1:
      x.kind = InteractionKind::message;
      x.channel = Channel::email;
      x.direction = Direction::outbound;
      x.subject = d.pick(mail_subjects);
      break;
    case 2:
      x.kind = InteractionKind::visit;
      x.channel = Channel::in_person;
      x.direction = Direction::inbound;
      x.subject = "Store visit";
      break;
    case 3:
      x.kind = InteractionKind::note;
      x.channel = Channel::other;
      x.direction = Direction::internal;
      x.body = d.pick(notes);
      break;
    default:
      x.kind = InteractionKind::complaint;
      x.channel = d.chance(50) ? Channel::phone : Channel::email;
      x.direction = Direction::inbound;
      x.subject = "Late delivery";
      x.body = "Parcel arrived three days late; offered a voucher.";
      x.outcome = "voucher";
  }
}

}  // namespace

Interaction DataGenerator::interaction(std::int64_t i, std::int64_t ordinal, Id customer_id) const {
  const Profile p = profile(i);
  Interaction x;
  x.customer_id = customer_id;
  x.occurred_at = from_millis(interaction_time(p, i, ordinal));
  Draws d(seed_, interaction_stream, i, ordinal);
  d.next();  // the time's draw
  if (ordinal < p.purchases)
    fill_purchase(x, plans[p.region], d);
  else
    fill_touch(x, d);
  return x;
}

Interaction DataGenerator::new_purchase(std::int64_t i, Id customer_id, std::int64_t n) const {
  Interaction x;
  x.customer_id = customer_id;
  x.occurred_at = data_end + std::chrono::seconds(n);
  Draws d(seed_, new_stream, i, n);
  fill_purchase(x, plans[profile(i).region], d);
  return x;
}

Lead DataGenerator::lead(std::int64_t n) const {
  const std::int64_t i = std::min(customers_ - 1, n * 20 + 7);  // borrows a customer's region and number rank
  const Profile p = profile(i);
  const RegionPlan& plan = plans[p.region];
  const NameTable& names = names_of(plan.language);
  Draws d(seed_, lead_stream, n);
  const Name& given = d.pick(names.given);
  const Name& family = d.pick(names.family);
  Lead l;
  l.given_name = given.native;
  l.family_name = family.native;
  l.display_name = display_name(names, given, family);
  l.email = std::string(given.ascii) + "." + std::string(family.ascii) + ".lead" + std::to_string(n) + "@" +
            std::string(d.pick(mail_providers)) + ".example";
  l.phone = spell_phone(plan, nsn(plan, p.k + number_space(plan) / 4), static_cast<int>(d.uniform(0, 3)));
  if (d.chance(40)) l.company = std::string(family.native) + " & Co";
  l.source = d.pick(lead_sources);
  l.territory = plan.region;
  const std::int64_t status = d.uniform(0, 9);
  l.status = status < 5 ? LeadStatus::new_lead : status < 8 ? LeadStatus::working
             : status < 9 ? LeadStatus::qualified : LeadStatus::disqualified;
  if (l.status == LeadStatus::disqualified) l.status_reason = "no budget";
  if (d.chance(50)) l.owner = d.pick(owners);
  l.external_id = "LEAD-" + padded(n, 8);
  return l;
}

Opportunity DataGenerator::opportunity(std::int64_t n, Id customer_id) const {
  const RegionPlan& plan = plans[profile(opportunity_customer(n)).region];
  Draws d(seed_, deal_stream, n);
  static const Pipeline pipeline = default_pipeline();
  Opportunity o;
  o.name = "Catering contract " + std::to_string(n);
  o.customer_id = customer_id;
  o.stage = d.pick(pipeline.stages).name;
  o.amount = money(plan, d.uniform(50'000, 5'000'000));
  o.expected_close = data_end + std::chrono::days(d.uniform(7, 180));
  if (d.chance(70)) o.owner = d.pick(owners);
  o.external_id = "OPP-" + padded(n, 8);
  return o;
}

}  // namespace crm::bench
