// SPDX-License-Identifier: Apache-2.0
#include "demo_data.hpp"

#include <crm/error.hpp>

#include <phonenumbers/phonenumberutil.h>

#include <array>
#include <chrono>
#include <span>
#include <string_view>

namespace crm::cli::demo {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using namespace std::chrono_literals;

struct Name {
  std::string_view native;
  std::string_view latin{};  // for e-mail addresses; empty when the native spelling is ASCII
  std::string_view ascii() const { return latin.empty() ? native : latin; }
};

struct Culture {
  std::string_view language;
  std::string_view region;  // of its phone numbers
  std::string_view currency;
  std::string_view domain;
  bool family_first;  // 张伟, 佐藤翔太: family name first, no space
  std::span<const Name> given;
  std::span<const Name> family;
  std::string_view company_prefix;  // around a family name: "株式会社" + 佐藤 + "商事"
  std::string_view company_suffix;
  int weight;
};

constexpr Name english_given[] = {{"Oliver"}, {"Amelia"}, {"George"}, {"Isla"},      {"Harry"},
                                  {"Olivia"}, {"Jack"},   {"Emily"},  {"Charlotte"}, {"Thomas"}};
constexpr Name english_family[] = {{"Smith"},  {"Jones"}, {"Taylor"}, {"Brown"},           {"Williams"},
                                   {"Wilson"}, {"Evans"}, {"Davies"}, {"O'Brien", "obrien"}, {"Thompson"}};
constexpr Name american_given[] = {{"Liam"}, {"Noah"}, {"Emma"},  {"Ava"},    {"Ethan"},
                                   {"Mia"},  {"Mason"}, {"Harper"}, {"Logan"}, {"Ella"}};
constexpr Name american_family[] = {{"Johnson"}, {"Miller"},  {"Davis"}, {"Anderson"}, {"Moore"},
                                    {"Jackson"}, {"White"},   {"Harris"}, {"Clark"},   {"Lewis"}};
constexpr Name spanish_given[] = {{"José", "jose"},   {"María", "maria"},  {"Lucía", "lucia"}, {"Andrés", "andres"},
                                  {"Sofía", "sofia"}, {"Martín", "martin"}, {"Inés", "ines"},   {"Raúl", "raul"},
                                  {"Ángel", "angel"}, {"Valentina"}};
constexpr Name spanish_family[] = {{"García", "garcia"},   {"Núñez", "nunez"},   {"Peña", "pena"},
                                   {"Rodríguez", "rodriguez"}, {"López", "lopez"}, {"Martínez", "martinez"},
                                   {"Hernández", "hernandez"}, {"Muñoz", "munoz"}, {"Jiménez", "jimenez"},
                                   {"Álvarez", "alvarez"}};
constexpr Name chinese_given[] = {{"伟", "wei"},   {"娜", "na"},    {"芳", "fang"},    {"敏", "min"},
                                  {"静", "jing"},  {"秀英", "xiuying"}, {"丽", "li"},     {"强", "qiang"},
                                  {"磊", "lei"},   {"洋", "yang"},  {"艳", "yan"},     {"杰", "jie"},
                                  {"涛", "tao"},   {"明", "ming"},  {"秀兰", "xiulan"}, {"霞", "xia"}};
constexpr Name chinese_family[] = {{"王", "wang"}, {"李", "li"},    {"张", "zhang"}, {"刘", "liu"},  {"陈", "chen"},
                                   {"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"},  {"吴", "wu"},   {"周", "zhou"}};
constexpr Name german_given[] = {{"Jürgen", "juergen"}, {"Björn", "bjoern"}, {"Lukas"},  {"Sophie"},
                                 {"Jörg", "joerg"},     {"Ursula"},          {"Maximilian"}, {"Hannah"},
                                 {"Günther", "guenther"}, {"Lena"}};
constexpr Name german_family[] = {{"Müller", "mueller"}, {"Schmidt"}, {"Schäfer", "schaefer"}, {"Weiß", "weiss"},
                                  {"Köhler", "koehler"}, {"Groß", "gross"}, {"Becker"}, {"Hoffmann"},
                                  {"Krüger", "krueger"}, {"Wagner"}};
constexpr Name french_given[] = {{"François", "francois"}, {"Hélène", "helene"}, {"Chloé", "chloe"},
                                 {"Jérôme", "jerome"},     {"Amélie", "amelie"}, {"Léa", "lea"},
                                 {"Noël", "noel"},         {"Camille"},          {"Émile", "emile"},
                                 {"Inès", "ines"}};
constexpr Name french_family[] = {{"Dubois"}, {"Lefèvre", "lefevre"}, {"Martin"},   {"Bernard"},  {"Moreau"},
                                  {"Girard"}, {"Rousseau"},           {"Lambert"}, {"Fontaine"}, {"Mercier"}};
constexpr Name arabic_given[] = {{"محمد", "mohammed"}, {"فاطمة", "fatima"}, {"أحمد", "ahmed"}, {"مريم", "maryam"},
                                 {"علي", "ali"},       {"نور", "nour"},     {"يوسف", "youssef"}, {"ليلى", "layla"},
                                 {"عمر", "omar"},      {"سارة", "sara"}};
constexpr Name arabic_family[] = {{"حسن", "hassan"},   {"العلي", "alali"}, {"خليل", "khalil"}, {"منصور", "mansour"},
                                  {"سعيد", "saeed"},   {"حداد", "haddad"}, {"ناصر", "nasser"}, {"الأحمد", "alahmad"},
                                  {"إبراهيم", "ibrahim"}, {"عباس", "abbas"}};
constexpr Name hindi_given[] = {{"आरव", "aarav"},  {"प्रिया", "priya"},  {"राहुल", "rahul"}, {"अनन्या", "ananya"},
                                {"विवेक", "vivek"}, {"दीपिका", "deepika"}, {"अर्जुन", "arjun"}, {"पूजा", "pooja"},
                                {"रोहन", "rohan"},  {"कविता", "kavita"}};
constexpr Name hindi_family[] = {{"शर्मा", "sharma"}, {"वर्मा", "verma"}, {"पटेल", "patel"}, {"गुप्ता", "gupta"},
                                 {"सिंह", "singh"},   {"कुमार", "kumar"}, {"जोशी", "joshi"}, {"मेहता", "mehta"},
                                 {"रेड्डी", "reddy"},  {"अग्रवाल", "agarwal"}};
constexpr Name japanese_given[] = {{"翔太", "shota"}, {"陽菜", "hina"},   {"結衣", "yui"},     {"大翔", "hiroto"},
                                   {"蓮", "ren"},     {"さくら", "sakura"}, {"健太", "kenta"}, {"美咲", "misaki"},
                                   {"拓海", "takumi"}, {"葵", "aoi"}};
constexpr Name japanese_family[] = {{"佐藤", "sato"},   {"鈴木", "suzuki"},   {"高橋", "takahashi"}, {"田中", "tanaka"},
                                    {"伊藤", "ito"},    {"渡辺", "watanabe"}, {"山本", "yamamoto"},  {"中村", "nakamura"},
                                    {"小林", "kobayashi"}, {"加藤", "kato"}};

// Weighted like a shop in London with customers and suppliers abroad.
constexpr std::array<Culture, 9> cultures{{
    {"en", "GB", "GBP", "example.co.uk", false, english_given, english_family, "", " & Co Ltd", 30},
    {"en", "US", "USD", "example.com", false, american_given, american_family, "", " Supply Inc.", 12},
    {"es", "US", "USD", "example.com", false, spanish_given, spanish_family, "Distribuciones ", " S.L.", 6},
    {"zh", "CN", "CNY", "example.cn", true, chinese_given, chinese_family, "", "氏贸易有限公司", 12},
    {"de", "DE", "EUR", "example.de", false, german_given, german_family, "", " & Söhne GmbH", 10},
    {"fr", "FR", "EUR", "example.fr", false, french_given, french_family, "Maison ", " SARL", 8},
    {"ar", "GB", "GBP", "example.co.uk", false, arabic_given, arabic_family, "مؤسسة ", " التجارية", 5},
    {"hi", "IN", "INR", "example.in", false, hindi_given, hindi_family, "", " ट्रेडर्स प्राइवेट लिमिटेड", 9},
    {"ja", "JP", "JPY", "example.jp", true, japanese_given, japanese_family, "株式会社", "商事", 8},
}};

// Pence per pound in each currency, times 100 (so 127 is 1.27 USD per GBP).
struct Rate {
  std::string_view currency;
  std::int64_t per_pound_x100;
};
constexpr Rate rates[] = {{"GBP", 100}, {"USD", 127}, {"EUR", 117}, {"CNY", 920}, {"INR", 10600}, {"JPY", 19000}};

struct Product {
  std::string_view sku, description;
  std::int64_t pence;
};
constexpr Product catalogue[] = {
    {"TEA-EARLGREY", "Earl Grey tea 250g", 450}, {"MUG-BLUE", "Blue mug", 899},
    {"COF-BEANS-1K", "Coffee beans 1kg", 1899},  {"CHOC-DARK", "Dark chocolate 100g", 275},
    {"BAG-TOTE", "Canvas tote bag", 1200},       {"NOTEBOOK-A5", "A5 notebook", 650},
    {"PEN-FOUNTAIN", "Fountain pen", 3450},      {"CANDLE-SOY", "Soy candle", 1599},
    {"HONEY-500", "Wildflower honey 500g", 799}, {"TEAPOT-CAST", "Cast-iron teapot", 4200},
};

struct Touch {
  InteractionKind kind;
  Channel channel;
  Direction direction;
  std::string_view subject;
};
constexpr Touch touches[] = {
    {InteractionKind::call, Channel::phone, Direction::inbound, "Asked about opening hours"},
    {InteractionKind::call, Channel::phone, Direction::outbound, "Called back about a delivery"},
    {InteractionKind::message, Channel::email, Direction::outbound, "Sent the spring catalogue"},
    {InteractionKind::message, Channel::chat, Direction::inbound, "Asked whether an item is in stock"},
    {InteractionKind::meeting, Channel::in_person, Direction::outbound, "Tea tasting evening"},
    {InteractionKind::visit, Channel::in_person, Direction::inbound, "Browsed the new range"},
    {InteractionKind::complaint, Channel::email, Direction::inbound, "Parcel arrived damaged"},
    {InteractionKind::note, Channel::other, Direction::internal, "Prefers to be contacted by e-mail"},
};

constexpr std::string_view tiers[] = {"bronze", "bronze", "bronze", "bronze", "bronze",
                                      "silver", "silver", "silver", "gold",   "platinum"};
constexpr LifecycleStage stages[] = {LifecycleStage::prospect, LifecycleStage::new_customer, LifecycleStage::new_customer,
                                     LifecycleStage::active,   LifecycleStage::active,       LifecycleStage::active,
                                     LifecycleStage::active,   LifecycleStage::active,       LifecycleStage::at_risk,
                                     LifecycleStage::churned};
constexpr std::string_view tags[] = {"newsletter", "vip", "online", "in-store", "wholesale", "birthday-club", "eco"};
constexpr std::string_view owners[] = {"alice", "bilal", "chen", "dolores", "erik"};
constexpr std::string_view lead_sources[] = {"web form", "trade show", "referral", "cold call", "partner"};
constexpr std::string_view industries[] = {"hospitality", "retail", "office services", "events", "education"};
constexpr std::string_view job_titles[] = {"Buyer", "Office manager", "Owner", "Head of purchasing", "Events lead"};
constexpr std::string_view deals[] = {"annual tea supply", "gift hampers", "office coffee", "event catering"};

// The history runs over the year before this day, so the data does not depend on today.
constexpr Timestamp history_end = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};

template <class T, std::size_t N>
const T& pick(Rng& rng, const T (&items)[N]) {
  return items[rng.below(N)];
}
template <class T>
const T& pick(Rng& rng, std::span<const T> items) {
  return items[rng.below(items.size())];
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::uint64_t Rng::next() {
  // splitmix64
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

DemoData::DemoData(std::uint64_t seed) : rng_(seed) {}

std::vector<std::pair<Customer, std::size_t>> DemoData::regulars() {
  Customer a;
  a.given_name = "Ada";
  a.family_name = "Lovelace";
  a.phones = {ada.phone};
  a.emails = {"ada.lovelace@example.co.uk"};
  a.tier = "gold";
  a.stage = LifecycleStage::active;
  a.tags = {"vip", "newsletter"};
  a.owner = "alice";
  a.loyalty_points = 1250;
  a.external_id = next_external_id();
  a.consents[ConsentChannel::email] = {.granted = true, .source = "pos"};
  a.attributes["preferred_language"] = std::string("en");

  Customer w;
  w.display_name = "张伟";
  w.given_name = "伟";
  w.family_name = "张";
  w.phones = {wei.phone};
  w.emails = {"zhang.wei@example.cn"};
  w.tier = "silver";
  w.stage = LifecycleStage::active;
  w.owner = "chen";
  w.external_id = next_external_id();
  w.attributes["preferred_language"] = std::string("zh");

  for (const auto& c : {a, w}) {
    phones_.insert(c.phones.front());
    emails_.insert(c.emails.front());
  }
  return {{a, 0}, {w, 3}};  // cultures[0] is English in GB, cultures[3] Chinese
}

std::size_t DemoData::pick_culture() {
  int total = 0;
  for (const auto& c : cultures) total += c.weight;
  auto roll = static_cast<int>(rng_.below(static_cast<std::size_t>(total)));
  for (std::size_t i = 0; i < cultures.size(); ++i) {
    if (roll < cultures[i].weight) return i;
    roll -= cultures[i].weight;
  }
  return 0;
}

std::string DemoData::next_external_id() {
  std::string digits = std::to_string(++serial_);
  return "DEMO-" + std::string(6 - std::min<std::size_t>(6, digits.size()), '0') + digits;
}

// Valid numbers near libphonenumber's example for the region, checked one by one.
std::string DemoData::phone(std::size_t culture, bool mobile) {
  const auto* util = PhoneNumberUtil::GetInstance();
  const std::string region(cultures[culture].region);
  PhoneNumber number;
  util->GetExampleNumberForType(region, mobile ? PhoneNumberUtil::MOBILE : PhoneNumberUtil::FIXED_LINE, &number);
  const std::uint64_t base = number.national_number() - number.national_number() % 1000000;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    number.set_national_number(base + rng_.below(1000000));
    if (!util->IsValidNumber(number)) continue;
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    if (!phones_.insert(e164).second) continue;
    // Hand it over spelled for people; the engine stores E.164.
    std::string international;
    util->Format(number, PhoneNumberUtil::INTERNATIONAL, &international);
    return international;
  }
  throw Error(Errc::internal, "demo: no unused phone number left near the example for region " + region);
}

std::string DemoData::email(std::string local, std::size_t culture) {
  const std::string domain(cultures[culture].domain);
  for (std::size_t n = 1;; ++n) {
    std::string address = local + (n == 1 ? "" : std::to_string(n)) + "@" + domain;
    if (emails_.insert(address).second) return address;
  }
}

Money DemoData::price(std::int64_t pence, std::size_t culture) const {
  const Currency currency = Currency::of(cultures[culture].currency);
  std::int64_t rate = 100;
  for (const auto& r : rates)
    if (r.currency == currency.code()) rate = r.per_pound_x100;
  std::int64_t minor = pence * rate;  // in 1/10000 of a unit: scale to the currency's minor unit
  for (int d = currency.minor_digits(); d < 4; ++d) minor /= 10;
  return Money{minor, currency};
}

Customer DemoData::organisation(std::size_t culture) {
  const Culture& c = cultures[culture];
  const Name& family = pick(rng_, c.family);
  Customer org;
  org.kind = PartyKind::organisation;
  org.display_name = std::string(c.company_prefix) + std::string(family.native) + std::string(c.company_suffix);
  org.phones = {phone(culture, false)};
  org.emails = {email("orders." + lower_ascii(family.ascii()), culture)};
  org.tier = rng_.chance(50) ? "gold" : "silver";
  org.stage = LifecycleStage::active;
  org.tags = {"wholesale"};
  org.owner = std::string(pick(rng_, owners));
  org.external_id = next_external_id();
  org.attributes["preferred_language"] = std::string(c.language);
  return org;
}

Customer DemoData::person(std::size_t culture, const std::vector<Id>& organisations) {
  const Culture& c = cultures[culture];
  const Name& given = pick(rng_, c.given);
  const Name& family = pick(rng_, c.family);
  Customer p;
  p.given_name = std::string(given.native);
  p.family_name = std::string(family.native);
  if (c.family_first) p.display_name = p.family_name + p.given_name;
  if (!organisations.empty() && rng_.chance(30)) p.organisation_id = organisations[rng_.below(organisations.size())];
  p.phones = {phone(culture, true)};
  if (rng_.chance(15)) p.phones.push_back(phone(culture, false));
  if (rng_.chance(85)) p.emails = {email(lower_ascii(given.ascii()) + "." + lower_ascii(family.ascii()), culture)};
  p.tier = std::string(pick(rng_, tiers));
  p.stage = pick(rng_, stages);
  for (std::size_t n = rng_.below(4); n > 0; --n) p.tags.insert(std::string(pick(rng_, tags)));
  p.owner = std::string(pick(rng_, owners));
  p.loyalty_points = static_cast<std::int64_t>(rng_.below(5000));
  p.external_id = next_external_id();
  if (rng_.chance(60)) p.consents[ConsentChannel::email] = {.granted = true, .source = rng_.chance(50) ? "pos" : "web form"};
  p.attributes["preferred_language"] = std::string(c.language);
  return p;
}

std::vector<Interaction> DemoData::history(const Customer& customer, std::size_t culture) {
  std::vector<Interaction> out(rng_.below(6));
  for (auto& i : out) {
    i.customer_id = customer.id;
    i.occurred_at = history_end - std::chrono::minutes(rng_.below(365 * 24 * 60));
    if (rng_.chance(55)) {
      i.kind = InteractionKind::purchase;
      i.channel = rng_.chance(70) ? Channel::pos : rng_.chance(80) ? Channel::web : Channel::kiosk;
      i.subject = i.channel == Channel::pos ? "Till " + std::to_string(1 + rng_.below(4))
                  : i.channel == Channel::web ? "Web order" : "Kiosk";
      for (std::size_t n = 1 + rng_.below(3); n > 0; --n) {
        const Product& p = pick(rng_, catalogue);
        i.items.push_back({.sku = std::string(p.sku), .description = std::string(p.description),
                           .quantity = static_cast<std::int64_t>(1 + rng_.below(3)), .unit_price = price(p.pence, culture)});
      }
    } else {
      const Touch& t = pick(rng_, touches);
      i.kind = t.kind;
      i.channel = t.channel;
      i.direction = t.direction;
      i.subject = std::string(t.subject);
    }
  }
  return out;
}

Lead DemoData::lead(std::size_t culture) {
  const Culture& c = cultures[culture];
  const Name& given = pick(rng_, c.given);
  const Name& family = pick(rng_, c.family);
  Lead l;
  l.given_name = std::string(given.native);
  l.family_name = std::string(family.native);
  if (c.family_first) l.display_name = l.family_name + l.given_name;
  l.company = std::string(c.company_prefix) + std::string(pick(rng_, c.family).native) + std::string(c.company_suffix);
  l.job_title = std::string(pick(rng_, job_titles));
  l.email = lower_ascii(given.ascii()) + "." + lower_ascii(family.ascii()) + "@" + std::string(c.domain);
  l.phone = phone(culture, true);
  l.source = std::string(pick(rng_, lead_sources));
  l.industry = std::string(pick(rng_, industries));
  l.territory = std::string(c.region);
  l.status = static_cast<LeadStatus>(rng_.below(4));  // new, working, qualified, disqualified
  if (l.status == LeadStatus::disqualified) l.status_reason = "no budget this year";
  l.score = static_cast<std::int32_t>(rng_.below(101));
  l.owner = std::string(pick(rng_, owners));
  l.external_id = next_external_id();
  return l;
}

Opportunity DemoData::opportunity(const Customer& organisation, std::size_t culture) {
  // Stages of the default pipeline; a quarter of the deals closed in the last one.
  constexpr std::string_view stage_names[] = {"Qualification", "Proposal", "Negotiation"};
  Opportunity o;
  o.customer_id = organisation.id;
  o.name = organisation.display_name + " — " + std::string(pick(rng_, deals));
  const std::size_t stage = rng_.below(4);
  o.stage = std::string(stage_names[std::min<std::size_t>(stage, 2)]);
  if (stage == 3) {
    o.status = rng_.chance(60) ? DealStatus::won : DealStatus::lost;
    if (o.status == DealStatus::lost) o.lost_reason = "went with a cheaper supplier";
  }
  o.amount = price(static_cast<std::int64_t>(100000 + rng_.below(4900000)), culture);
  o.expected_close = history_end + std::chrono::days(rng_.below(180));
  o.owner = organisation.owner;
  o.external_id = next_external_id();
  return o;
}

}  // namespace crm::cli::demo
