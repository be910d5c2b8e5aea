// SPDX-License-Identifier: Apache-2.0
#pragma once
// A purchase log as a data set reader (cdnow_data.hpp, retail_data.hpp) read
// it from its file: plain values ready for purchase_import.hpp to load, and
// the rows left out with the reason why. Nothing here touches an engine.

#include <crm/attribute.hpp>
#include <crm/model/interaction.hpp>
#include <crm/money.hpp>
#include <crm/time.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::datasets {

// Rows of the file left out for one reason: how many, and where the first were.
struct SkipReason {
  std::string code{};  // stable, for scripts: "no_customer"
  std::string text{};  // for people: "no CustomerID"; one entry per text
  std::size_t rows = 0;
  std::vector<std::size_t> lines{};  // the first few (max_example_lines), 1 being the file's first line
};

// Something read in one of two ways, counted: "30 invoices have rows at two times".
struct ReadNote {
  std::string code{};
  std::string text{};
  std::size_t count = 0;
  std::vector<std::size_t> lines{};  // the first few
};

inline constexpr std::size_t max_example_lines = 3;

// The reasons in the order they first occurred.
class SkipReport {
 public:
  // Counts `rows` rows skipped because of `text`; `line` is the first of them.
  void add(std::string_view code, std::string_view text, std::size_t line, std::size_t rows = 1) {
    auto it = std::find_if(reasons_.begin(), reasons_.end(), [&](const SkipReason& r) { return r.text == text; });
    if (it == reasons_.end()) it = reasons_.insert(reasons_.end(), SkipReason{std::string(code), std::string(text)});
    it->rows += rows;
    if (it->lines.size() < max_example_lines) it->lines.push_back(line);
  }

  const std::vector<SkipReason>& reasons() const { return reasons_; }

  std::size_t rows() const {
    std::size_t n = 0;
    for (const auto& r : reasons_) n += r.rows;
    return n;
  }

 private:
  std::vector<SkipReason> reasons_;
};

struct LogCustomer {
  std::string external_id;  // "cdnow:00004": unique in the log
  std::string display_name;
  Attributes attributes;
  std::size_t line = 0;  // the first row naming the customer
};

struct LogPurchase {
  std::size_t customer = 0;  // index into PurchaseLog::customers
  std::size_t line = 0;      // its first row
  std::size_t rows = 1;      // rows of the file it holds: one per line item of an invoice
  Timestamp occurred_at{};
  std::optional<Money> amount;  // left empty with items: the engine sums them
  std::vector<LineItem> items;
  std::string subject;
  Attributes attributes;
};

struct PurchaseLog {
  std::filesystem::path file;
  std::string format;              // "CDNOW master", "CDNOW sample", "Online Retail"
  std::string external_id_prefix;  // every customer's external id starts with it: "cdnow:"
  std::size_t rows = 0;            // data rows read (not the header, not blank lines)
  std::vector<LogCustomer> customers;  // those with a purchase, by first appearance
  std::vector<LogPurchase> purchases;  // by first row; rows = their rows + skipped.rows()
  SkipReport skipped;
  std::vector<ReadNote> notes;
};

}  // namespace crm::datasets
