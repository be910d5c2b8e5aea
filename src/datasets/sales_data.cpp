// SPDX-License-Identifier: Apache-2.0
#include "sales_data.hpp"

#include <crm/error.hpp>
#include <crm/money.hpp>
#include <crm/normalize.hpp>

#include "fccp.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <limits>
#include <tuple>
#include <utility>

#include "fields.hpp"

namespace crm::datasets::sales {

namespace {

namespace fs = std::filesystem;

// Fields trimmed of spaces, quoted as RFC 4180 does ("a ""b"", c"); blank
// lines (a file's trailing one, say) are skipped but still counted.
template <unsigned Columns>
using CsvReader = io::CSVReader<Columns, io::trim_chars<' '>, io::double_quote_escape<',', '"'>,
                                io::throw_on_overflow, io::empty_line_comment>;

// Where a value came from, for messages: "DIR/accounts.csv:12: revenue: …".
struct Where {
  const fs::path& file;
  std::size_t line;

  [[noreturn]] void refuse(std::string_view field, const std::string& problem) const {
    throw Error(Errc::invalid_argument,
                file.string() + ":" + std::to_string(line) + ": " + std::string(field) + ": " + problem);
  }
};


// What read() returns, or the field refused with the crm::Error it threw.
template <class Read>
auto checked(const Where& at, std::string_view field, Read read) {
  try {
    return read();
  } catch (const Error& e) {
    at.refuse(field, e.what());
  }
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Calls row(where, fields) for every row of `file`, the fields in the order
// of `columns`; columns the file has beyond these are ignored.
template <std::size_t Columns, class Row>
void for_each_row(const fs::path& file, const std::array<const char*, Columns>& columns, Row row) {
  if (!fs::is_regular_file(file))
    throw Error(Errc::not_found, file.string() +
                                     ": no such file (the data set is accounts.csv, products.csv, sales_teams.csv "
                                     "and sales_pipeline.csv in one directory)");
  try {
    CsvReader<static_cast<unsigned>(Columns)> reader(file.string());
    std::apply([&](auto... names) { reader.read_header(io::ignore_extra_column, names...); }, columns);
    std::array<std::string, Columns> fields;
    while (std::apply([&](auto&... field) { return reader.read_row(field...); }, fields))
      row(Where{file, reader.get_file_line()}, std::as_const(fields));
  } catch (const io::error::base& e) {
    // The library's message names the file, and the line where there is one.
    throw Error(Errc::invalid_argument, e.what());
  }
}

void require(const Where& at, std::string_view field, const std::string& value) {
  if (value.empty()) at.refuse(field, "empty (required)");
}

std::optional<std::int64_t> whole_number(const Where& at, std::string_view field, const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size())
    at.refuse(field, in_quotes(text) + ": not a whole number");
  if (value < 0) at.refuse(field, in_quotes(text) + ": negative");
  return value;
}

// US dollars as typed ("4821", "1100.04") in cents; never negative.
std::optional<std::int64_t> dollars(const Where& at, std::string_view field, const std::string& text) {
  if (text.empty()) return std::nullopt;
  const std::int64_t cents = checked(at, field, [&] { return parse_money(text, "USD").minor; });
  if (cents < 0) at.refuse(field, in_quotes(text) + ": negative");
  return cents;
}

std::optional<Timestamp> date(const Where& at, std::string_view field, const std::string& text) {
  if (text.empty()) return std::nullopt;
  return checked(at, field, [&] { return parse_date(text); });
}

constexpr std::array<DealStage, 4> all_stages{DealStage::prospecting, DealStage::engaging, DealStage::won,
                                              DealStage::lost};

DealStage deal_stage(const Where& at, const std::string& text) {
  const auto folded = checked(at, "deal_stage", [&] { return fold_case(text); });
  for (const auto stage : all_stages)
    if (folded == fold_case(to_string(stage))) return stage;
  at.refuse("deal_stage", in_quotes(text) + ": not one of Prospecting, Engaging, Won, Lost");
}

void read_products(DataSet& data) {
  for_each_row(data.dir / "products.csv", std::array{"product", "series", "sales_price"},
               [&](const Where& at, const auto& f) {
                 require(at, "product", f[0]);
                 const auto key = checked(at, "product", [&] { return product_key(f[0]); });
                 if (const auto taken = data.products.find(key); taken != data.products.end())
                   at.refuse("product", in_quotes(f[0]) + ": the same product as " + in_quotes(taken->second.name));
                 require(at, "sales_price", f[2]);
                 data.products[key] = Product{f[0], f[1], *dollars(at, "sales_price", f[2])};
               });
}

void read_agents(DataSet& data) {
  for_each_row(data.dir / "sales_teams.csv", std::array{"sales_agent", "manager", "regional_office"},
               [&](const Where& at, const auto& f) {
                 require(at, "sales_agent", f[0]);
                 if (!data.agents.emplace(f[0], Agent{f[1], f[2]}).second)
                   at.refuse("sales_agent", in_quotes(f[0]) + ": listed twice");
               });
}

void read_accounts(DataSet& data) {
  std::map<std::string, std::size_t> lines;  // of each account, for duplicates
  for_each_row(
      data.dir / "accounts.csv",
      std::array{"account", "sector", "year_established", "revenue", "employees", "office_location", "subsidiary_of"},
      [&](const Where& at, const auto& f) {
        require(at, "account", f[0]);
        if (const auto [it, added] = lines.emplace(f[0], at.line); !added)
          at.refuse("account", in_quotes(f[0]) + ": also on line " + std::to_string(it->second));
        Account a;
        a.line = at.line;
        a.name = f[0];
        const auto typed = checked(at, "sector", [&] { return fold_case(trimmed(f[1])); });
        a.sector = clean_sector(f[1]);
        if (a.sector != typed) ++data.sector_corrections[in_quotes(typed) + " as " + in_quotes(a.sector)];
        a.year_established = whole_number(at, "year_established", f[2]);
        // Millions of dollars with two decimals: one cent of a million is 10,000 dollars.
        if (const auto cents = dollars(at, "revenue", f[3])) {
          constexpr std::int64_t dollars_per_cent = 10'000;
          if (*cents > std::numeric_limits<std::int64_t>::max() / dollars_per_cent)
            at.refuse("revenue", in_quotes(f[3]) + ": too large");
          a.revenue = *cents * dollars_per_cent;
        }
        a.employees = whole_number(at, "employees", f[4]);
        a.office_location = f[5];
        a.subsidiary_of = f[6];
        data.accounts.push_back(std::move(a));
      });
}

void read_deals(DataSet& data) {
  std::map<std::string, std::size_t> lines;  // of each opportunity id, for duplicates
  for_each_row(data.dir / "sales_pipeline.csv",
               std::array{"opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date",
                          "close_date", "close_value"},
               [&](const Where& at, const auto& f) {
                 Deal d;
                 d.line = at.line;
                 d.id = f[0];
                 require(at, "opportunity_id", d.id);
                 if (const auto [it, added] = lines.emplace(d.id, at.line); !added)
                   at.refuse("opportunity_id", in_quotes(d.id) + ": also on line " + std::to_string(it->second));
                 d.agent = f[1];
                 require(at, "sales_agent", d.agent);
                 d.product = f[2];
                 require(at, "product", d.product);
                 d.product_key = checked(at, "product", [&] { return product_key(d.product); });
                 d.account = f[3];
                 d.stage = deal_stage(at, f[4]);
                 d.engaged = date(at, "engage_date", f[5]);
                 d.closed = date(at, "close_date", f[6]);
                 d.close_value = dollars(at, "close_value", f[7]);

                 const bool closed = d.stage == DealStage::won || d.stage == DealStage::lost;
                 const std::string stage(to_string(d.stage));
                 if (d.stage != DealStage::prospecting && !d.engaged)
                   at.refuse("engage_date", "empty, but a deal in " + stage + " was engaged");
                 if (closed && !d.closed) at.refuse("close_date", "empty, but the deal is " + stage);
                 if (!closed && d.closed) at.refuse("close_date", in_quotes(f[6]) + ": given for an open deal (" + stage + ")");
                 if (!closed && d.close_value)
                   at.refuse("close_value", in_quotes(f[7]) + ": given for an open deal (" + stage + ")");
                 if (d.stage == DealStage::won && !d.close_value) at.refuse("close_value", "empty, but the deal is Won");
                 if (d.engaged && d.closed && *d.closed < *d.engaged)
                   at.refuse("close_date", in_quotes(f[6]) + ": before the engage_date " + in_quotes(f[5]));

                 for (const auto& day : {d.engaged, d.closed})
                   if (day && (!data.latest || *day > *data.latest)) data.latest = day;
                 data.deals.push_back(std::move(d));
               });
}

}  // namespace

std::string_view to_string(DealStage stage) {
  switch (stage) {
    case DealStage::prospecting: return "Prospecting";
    case DealStage::engaging: return "Engaging";
    case DealStage::won: return "Won";
    case DealStage::lost: return "Lost";
  }
  return "?";
}

std::string product_key(std::string_view name) {
  std::string key = fold_case(name);
  // Bytes of multi-byte UTF-8 characters (>= 0x80) are kept: only ASCII
  // spaces and punctuation go.
  std::erase_if(key, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x80 && std::isalnum(byte) == 0;
  });
  return key;
}

std::string clean_sector(std::string_view sector) {
  constexpr std::pair<std::string_view, std::string_view> misspellings[] = {{"technolgy", "technology"}};
  std::string clean = fold_case(trimmed(sector));
  for (const auto& [wrong, right] : misspellings)
    if (clean == wrong) clean = right;
  return clean;
}

DataSet read_data_set(const std::filesystem::path& dir) {
  if (!fs::is_directory(dir)) throw Error(Errc::not_found, dir.string() + ": no such directory");
  DataSet data;
  data.dir = dir;
  read_products(data);
  read_agents(data);
  read_accounts(data);
  read_deals(data);
  return data;
}

}  // namespace crm::datasets::sales
