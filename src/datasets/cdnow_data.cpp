// SPDX-License-Identifier: Apache-2.0
#include "cdnow_data.hpp"

#include <crm/error.hpp>

#include "fccp.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "fields.hpp"
#include "text/quote.hpp"

namespace crm::datasets::cdnow {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 4> header{"customer_id", "date", "number_of_cds", "dollar_value"};
constexpr std::size_t max_columns = 5;

// The whitespace-separated fields of a line; count is one more than
// max_columns when the line has more.
struct Fields {
  std::array<std::string_view, max_columns + 1> at{};
  std::size_t count = 0;
};

Fields split(std::string_view line) {
  Fields f;
  std::size_t pos = 0;
  while (f.count < f.at.size()) {
    pos = line.find_first_not_of(" \t", pos);
    if (pos == std::string_view::npos) break;
    const auto end = std::min(line.find_first_of(" \t", pos), line.size());
    f.at[f.count++] = line.substr(pos, end - pos);
    pos = end;
  }
  return f;
}

// "19970101": midnight UTC at the start of the day.
std::optional<Timestamp> day(std::string_view text) {
  if (text.size() != 8 || !all_digits(text)) return std::nullopt;
  try {
    return parse_date(std::string(text.substr(0, 4)) + '-' + std::string(text.substr(4, 2)) + '-' +
                      std::string(text.substr(6, 2)));
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::optional<std::int64_t> count(std::string_view text) {
  const auto value = whole_number<std::int64_t>(text);
  if (!value || *value < 0) return std::nullopt;
  return value;
}

std::optional<Money> dollars(std::string_view text) {
  try {
    const Money amount = parse_money(text, "USD");
    if (amount.minor < 0) return std::nullopt;
    return amount;
  } catch (const Error&) {
    return std::nullopt;
  }
}

// A line of the file in a message: escaped and cut as every quoted value.
std::string quoted(std::string_view text) { return detail::quote(text); }

class Reader {
 public:
  explicit Reader(PurchaseLog& log) : log_(log) {}

  // The layout, from the first non-blank line; false when that line is the
  // header (and so holds no purchase).
  bool detect(const Fields& f, std::size_t line, std::string_view text) {
    if (!all_digits(f.at[0])) {
      const bool is_header = f.count == header.size() && std::equal(header.begin(), header.end(), f.at.begin());
      if (!is_header)
        refuse(line, "not a CDNOW file: the first line " + quoted(text) +
                         " is neither the header 'customer_id date number_of_cds dollar_value' (CDNOW_master.txt) "
                         "nor a row of customer id, date, CDs and dollars");
      sample_ = false;
      log_.format = "CDNOW master";
      return true;
    }
    if (f.count != 4 && f.count != 5)
      refuse(line, "not a CDNOW file: the first line has " + std::to_string(f.count) +
                       " columns; CDNOW_master.txt has 4 (customer id, date, CDs, dollars), CDNOW_sample.txt 5 "
                       "(master id, sample id, date, CDs, dollars)");
    sample_ = f.count == 5;
    log_.format = sample_ ? "CDNOW sample" : "CDNOW master";
    return false;
  }

  void row(const Fields& f, std::size_t line) {
    ++log_.rows;
    const std::size_t columns = sample_ ? 5 : 4;
    if (f.count != columns) return skip("columns", "not " + std::to_string(columns) + " columns", line);
    const std::size_t at = sample_ ? 1 : 0;  // the sample has its own id after the master id
    const auto id = f.at[0];
    if (!all_digits(id)) return skip("bad_customer", "customer id not a number", line);
    if (sample_ && !all_digits(f.at[1])) return skip("bad_sample_id", "sample id not a number", line);
    const auto when = day(f.at[at + 1]);
    if (!when) return skip("bad_date", "date not a day as YYYYMMDD", line);
    const auto cds = count(f.at[at + 2]);
    if (!cds) return skip("bad_cds", "number of CDs not a whole number of 0 or more", line);
    const auto amount = dollars(f.at[at + 3]);
    if (!amount) return skip("bad_dollars", "dollar value not an amount of 0.00 or more with at most 2 decimals", line);

    auto [known, added] = customers_.try_emplace(std::string(id), log_.customers.size());
    if (added) {
      LogCustomer c;
      c.external_id = std::string(external_id_prefix) + known->first;
      c.display_name = "CDNOW customer " + known->first;
      if (sample_) c.attributes.emplace("sample_id", std::string(f.at[1]));
      c.line = line;
      log_.customers.push_back(std::move(c));
    } else if (sample_) {
      const auto& first = std::get<std::string>(log_.customers[known->second].attributes.at("sample_id"));
      if (first != f.at[1]) return skip("sample_id_conflict", "sample id differs from the customer's first row", line);
    }

    LogPurchase p;
    p.customer = known->second;
    p.line = line;
    p.occurred_at = *when;
    p.amount = amount;
    p.subject = std::to_string(*cds) + (*cds == 1 ? " CD" : " CDs");
    p.attributes.emplace("cds", *cds);
    log_.purchases.push_back(std::move(p));
  }

 private:
  [[noreturn]] void refuse(std::size_t line, const std::string& problem) const {
    throw Error(Errc::invalid_argument, log_.file.string() + ":" + std::to_string(line) + ": " + problem);
  }

  void skip(std::string_view code, const std::string& text, std::size_t line) { log_.skipped.add(code, text, line); }

  PurchaseLog& log_;
  bool sample_ = false;
  std::unordered_map<std::string, std::size_t> customers_;  // index in log_.customers by id
};

}  // namespace

PurchaseLog read_purchase_log(const fs::path& file) {
  if (!fs::is_regular_file(file)) throw Error(Errc::not_found, file.string() + ": no such file");
  PurchaseLog log;
  log.file = file;
  log.external_id_prefix = external_id_prefix;
  Reader reader(log);
  try {
    io::LineReader lines(file.string());
    bool first = true;
    while (const char* text = lines.next_line()) {
      const Fields fields = split(text);
      if (fields.count == 0) continue;  // blank lines, such as a trailing one
      const std::size_t line = lines.get_file_line();
      if (std::exchange(first, false) && reader.detect(fields, line, text)) continue;
      reader.row(fields, line);
    }
    if (first) throw Error(Errc::invalid_argument, file.string() + ": empty: no CDNOW header or rows");
  } catch (const io::error::base& e) {
    // The library's message names the file, and the line where there is one.
    throw Error(Errc::invalid_argument, e.what());
  }
  return log;
}

}  // namespace crm::datasets::cdnow
