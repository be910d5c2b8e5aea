// SPDX-License-Identifier: Apache-2.0
#include "retail_data.hpp"

#include <crm/error.hpp>

#include <zlib.h>

#include "fccp.hpp"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fields.hpp"

namespace crm::datasets::retail {

namespace {

namespace fs = std::filesystem;

constexpr const char* header_text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

// The file's bytes through zlib, for the CSV reader: gzip data is inflated,
// anything else passed through as it is. The reader takes a short read for
// the end of the file, so gzip data that stops early is an error here.
class GzipSource final : public io::ByteSourceBase {
 public:
  explicit GzipSource(const fs::path& file) : file_(file), gz_(gzopen(file.c_str(), "rb")) {
    if (gz_ == nullptr) throw Error(Errc::not_found, file_.string() + ": cannot open: " + std::strerror(errno));
    gzbuffer(gz_, 256 * 1024);  // fewer, larger reads of the compressed file
  }
  ~GzipSource() override { gzclose(gz_); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  int read(char* buffer, int size) override {
    const int n = gzread(gz_, buffer, static_cast<unsigned>(size));
    int code = Z_OK;
    const char* message = gzerror(gz_, &code);
    if (code == Z_BUF_ERROR)
      throw Error(Errc::invalid_argument, file_.string() + ": the gzip data ends early: the file is truncated");
    if (n < 0 || code != Z_OK) {
      // zlib's message starts with the path it was opened with.
      std::string_view why = message;
      if (const std::string prefix = file_.string() + ": "; why.starts_with(prefix)) why.remove_prefix(prefix.size());
      throw Error(Errc::invalid_argument, file_.string() + ": unreadable gzip data: " + std::string(why));
    }
    return n;
  }

 private:
  fs::path file_;
  gzFile gz_;
};

// Fields trimmed of spaces, quoted as RFC 4180 does ("a ""b"", c"); blank
// lines are skipped but still counted.
using CsvReader = io::CSVReader<8, io::trim_chars<' '>, io::double_quote_escape<',', '"'>, io::throw_on_overflow,
                                io::empty_line_comment>;

bool has_non_zero(std::string_view digits) { return digits.find_first_not_of('0') != std::string_view::npos; }

// "17850.0" (as the data set writes it) or "17850": the id without the
// decimals, which must be zero.
std::optional<std::string_view> customer_id(std::string_view text) {
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  if (!all_digits(whole)) return std::nullopt;
  if (dot != std::string_view::npos) {
    const auto fraction = text.substr(dot + 1);
    if (!all_digits(fraction) || has_non_zero(fraction)) return std::nullopt;
  }
  return whole;
}

// What a UnitPrice is, before it becomes Money: "-1.5", "0", "0.001".
struct Price {
  bool positive = false;
  bool below_penny = false;  // a non-zero digit after the pence
};

std::optional<Price> price_of(std::string_view text) {
  const bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (!all_digits(whole) || (dot != std::string_view::npos && !all_digits(fraction))) return std::nullopt;
  return Price{!negative && (has_non_zero(whole) || has_non_zero(fraction)),
               fraction.size() > 2 && has_non_zero(fraction.substr(2))};
}

// "2010-12-01 08:26:00" or "2010-12-01 08:26" (a 'T' for the space too), as UTC.
std::optional<Timestamp> time_of(std::string_view text) {
  try {
    return parse_time(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

class Reader {
 public:
  explicit Reader(PurchaseLog& log) : log_(log), gbp_(Currency::of("GBP")) {}

  void row(std::size_t line, std::string_view invoice, std::string_view sku, std::string_view description,
           std::string_view quantity_text, std::string_view date, std::string_view price_text,
           std::string_view customer_text, std::string_view country) {
    ++log_.rows;
    if (customer_text.empty()) return skip("no_customer", "no CustomerID", line);
    if (invoice.starts_with('C') || invoice.starts_with('c'))
      return skip("cancelled", "cancellation (InvoiceNo starting with C)", line);
    if (invoice.empty()) return skip("bad_invoice", "no InvoiceNo", line);
    const auto id = customer_id(customer_text);
    if (!id) return skip("bad_customer", "CustomerID not a whole number", line);
    const auto quantity = whole_number<std::int64_t>(quantity_text);
    if (!quantity) return skip("bad_quantity", "Quantity not a whole number", line);
    const auto price = price_of(price_text);
    if (!price) return skip("bad_price", "UnitPrice not a decimal number", line);
    const auto when = time_of(date);
    if (!when) return skip("bad_date", "InvoiceDate not a time as YYYY-MM-DD HH:MM:SS", line);
    if (*quantity <= 0) return skip("quantity_not_positive", "Quantity 0 or less", line);
    if (!price->positive) return skip("price_not_positive", "UnitPrice 0 or less", line);
    if (price->below_penny) return skip("price_below_penny", "UnitPrice in fractions of a penny", line);
    const auto unit_price = pounds(price_text);
    if (!unit_price) return skip("bad_price", "UnitPrice not a decimal number", line);

    const std::size_t customer = customer_of(*id, country, line);
    const auto [known, added] = invoices_.try_emplace(std::string(invoice), log_.purchases.size());
    if (added) {
      LogPurchase p;
      p.customer = customer;
      p.line = line;
      p.rows = 0;
      p.occurred_at = *when;
      p.subject = "Invoice " + known->first;
      p.attributes.emplace("invoice", known->first);
      log_.purchases.push_back(std::move(p));
      flags_.emplace_back();
    }
    auto& p = log_.purchases[known->second];
    auto& flags = flags_[known->second];
    if (p.customer != customer) flags.mixed_customers = true;
    if (p.occurred_at != *when) {
      flags.mixed_times = true;
      p.occurred_at = std::min(p.occurred_at, *when);
    }
    p.items.push_back(LineItem{std::string(sku), std::string(description), *quantity, *unit_price});
    ++p.rows;
  }

  // Drops the invoices of several customers, and notes what was read one of two ways.
  void finish() {
    ReadNote times{"invoice_times", "invoices with rows at more than one time (dated by the earliest)"};
    bool dropped = false;
    for (std::size_t i = 0; i < flags_.size(); ++i) {
      const auto& p = log_.purchases[i];
      if (flags_[i].mixed_customers) {
        log_.skipped.add("mixed_customers", "invoice naming more than one customer", p.line, p.rows);
        dropped = true;
      } else if (flags_[i].mixed_times) {
        note(times, p.line);
      }
    }
    if (times.count > 0) log_.notes.push_back(std::move(times));
    if (countries_.count > 0) log_.notes.push_back(std::move(countries_));
    if (dropped) drop_mixed_invoices();
  }

 private:
  struct InvoiceFlags {
    bool mixed_customers = false;
    bool mixed_times = false;
  };

  static void note(ReadNote& n, std::size_t line) {
    if (n.count++ < max_example_lines) n.lines.push_back(line);
  }

  void skip(std::string_view code, std::string_view text, std::size_t line) { log_.skipped.add(code, text, line); }

  // Distinct prices are few: each is read by parse_money once.
  std::optional<Money> pounds(std::string_view text) {
    auto [known, added] = prices_.try_emplace(std::string(text));
    if (added) {
      try {
        known->second = parse_money(text, gbp_.code());
      } catch (const Error&) {  // too large for 64-bit pence
      }
    }
    return known->second;
  }

  std::size_t customer_of(std::string_view id, std::string_view country, std::size_t line) {
    const auto [known, added] = customers_.try_emplace(std::string(id), log_.customers.size());
    if (added) {
      LogCustomer c;
      c.external_id = std::string(external_id_prefix) + known->first;
      c.display_name = "Online Retail customer " + known->first;
      if (!country.empty()) c.attributes.emplace("country", std::string(country));
      c.line = line;
      log_.customers.push_back(std::move(c));
      other_country_.push_back(false);
      return known->second;
    }
    const auto& attributes = log_.customers[known->second].attributes;
    const auto first = attributes.find("country");
    const bool same = first == attributes.end() ? country.empty() : std::get<std::string>(first->second) == country;
    if (!same && !other_country_[known->second]) {
      other_country_[known->second] = true;
      note(countries_, line);
    }
    return known->second;
  }

  // Removes the purchases flagged mixed_customers, and the customers left without one.
  void drop_mixed_invoices() {
    std::vector<LogPurchase> purchases;
    std::vector<LogCustomer> customers;
    std::vector<std::size_t> renumbered(log_.customers.size(), std::numeric_limits<std::size_t>::max());
    for (std::size_t i = 0; i < log_.purchases.size(); ++i) {
      if (flags_[i].mixed_customers) continue;
      auto& p = log_.purchases[i];
      auto& to = renumbered[p.customer];
      if (to == std::numeric_limits<std::size_t>::max()) {
        to = customers.size();
        customers.push_back(std::move(log_.customers[p.customer]));
      }
      p.customer = to;
      purchases.push_back(std::move(p));
    }
    log_.purchases = std::move(purchases);
    log_.customers = std::move(customers);
  }

  PurchaseLog& log_;
  const Currency gbp_;
  std::unordered_map<std::string, std::size_t> invoices_;   // purchase index by InvoiceNo
  std::vector<InvoiceFlags> flags_;                          // by purchase index
  std::unordered_map<std::string, std::size_t> customers_;  // customer index by id
  std::vector<bool> other_country_;                          // by customer index
  std::unordered_map<std::string, std::optional<Money>> prices_;
  ReadNote countries_{"customer_countries", "customers named with more than one Country (kept with their first)"};
};

}  // namespace

PurchaseLog read_purchase_log(const fs::path& file) {
  if (!fs::is_regular_file(file)) throw Error(Errc::not_found, file.string() + ": no such file");
  PurchaseLog log;
  log.file = file;
  log.format = "Online Retail";
  log.external_id_prefix = external_id_prefix;
  Reader reader(log);
  try {
    CsvReader csv(file.string(), std::make_unique<GzipSource>(file));
    try {
      csv.read_header(io::ignore_extra_column, "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                      "UnitPrice", "CustomerID", "Country");
    } catch (const io::error::base& e) {
      throw Error(Errc::invalid_argument, std::string(e.what()) + " The Online Retail data set's header is " +
                                              header_text + ".");
    }
    char *invoice = nullptr, *sku = nullptr, *description = nullptr, *quantity = nullptr, *date = nullptr,
         *price = nullptr, *customer = nullptr, *country = nullptr;
    while (csv.read_row(invoice, sku, description, quantity, date, price, customer, country))
      reader.row(csv.get_file_line(), invoice, sku, description, quantity, date, price, customer, country);
  } catch (const io::error::base& e) {
    // The library's message names the file, and the line where there is one.
    throw Error(Errc::invalid_argument, e.what());
  }
  reader.finish();
  return log;
}

}  // namespace crm::datasets::retail
