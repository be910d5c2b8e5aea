// SPDX-License-Identifier: Apache-2.0
// crm import online-retail: the fixture in tests/cli/data/online-retail (a
// row per skip reason, an invoice at two times, a customer in two countries),
// gzip-compressed and plain, malformed files, and the real data set in full.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "datasets/fccp.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cli_runner.hpp"
#include "purchase_log_test.hpp"
#include "support/units.hpp"

namespace crm::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path retail_fixture = fs::path(CRM_CLI_TEST_DATA) / "online-retail" / "retail.csv";
const fs::path real_retail = fs::path(CRM_SHARED_DATA) / "online-retail" / "online_retail.csv.gz";

json gbp(std::int64_t pence) { return json{{"minor", pence}, {"currency", "GBP"}}; }

json item(const char* sku, const char* description, int quantity, std::int64_t pence) {
  return json{{"sku", sku}, {"description", description}, {"quantity", quantity}, {"unit_price", gbp(pence)}};
}

// gzip -c from > to
void gzip(const fs::path& from, const fs::path& to) {
  const std::string command = "gzip -c '" + from.string() + "' > '" + to.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

// What the import of the fixture reports, line by line of retail.csv.
json fixture_skipped() {
  const auto reason = [](const char* code, const char* text, int rows, std::vector<int> lines) {
    return json{{"reason", code}, {"text", text}, {"rows", rows}, {"lines", lines}};
  };
  return json{reason("no_customer", "no CustomerID", 1, {8}),
              reason("cancelled", "cancellation (InvoiceNo starting with C)", 1, {9}),
              reason("quantity_not_positive", "Quantity 0 or less", 2, {10, 11}),
              reason("price_not_positive", "UnitPrice 0 or less", 2, {12, 13}),
              reason("price_below_penny", "UnitPrice in fractions of a penny", 1, {14}),
              reason("bad_date", "InvoiceDate not a time as YYYY-MM-DD HH:MM:SS", 1, {16}),
              reason("bad_quantity", "Quantity not a whole number", 1, {17}),
              reason("bad_price", "UnitPrice not a decimal number", 1, {18}),
              reason("bad_customer", "CustomerID not a whole number", 1, {19}),
              reason("bad_invoice", "no InvoiceNo", 1, {25}),
              reason("mixed_customers", "invoice naming more than one customer", 2, {20}),
              reason("refused", "refused by the engine: interaction.items[0].sku: required", 2, {22})};
}

class ImportRetailCliTest : public PurchaseLogCliTest {
 protected:
  ImportRetailCliTest() : PurchaseLogCliTest("online-retail") {}

  void expect_fixture_summary(const json& s) const {
    EXPECT_EQ(s["format"], "Online Retail");
    EXPECT_EQ(s["rows_read"], 24);  // the header and the blank last line are not rows
    EXPECT_EQ(s["rows_imported"], 8);
    EXPECT_EQ(s["rows_skipped"], 16);
    EXPECT_EQ(s["purchases_imported"], 5);
    EXPECT_EQ(s["customers_created"], 3);
    // 536365: 6 x 2.55 + 6 x 3.39 + 48 x 2.10; 536366: 6 x 1.85; 536367: 32 x 1.69 + 6 x 2.10;
    // 536370: 24 x 3.75; 536374: 3 x 0.85.
    EXPECT_EQ(s["amount"], gbp(13644 + 1110 + 6668 + 9000 + 255));
    EXPECT_EQ(s["skipped"], fixture_skipped());
    EXPECT_EQ(s["notes"],
              (json{{{"note", "invoice_times"},
                     {"text", "invoices with rows at more than one time (dated by the earliest)"},
                     {"count", 1},
                     {"lines", {6}}},
                    {{"note", "customer_countries"},
                     {"text", "customers named with more than one Country (kept with their first)"},
                     {"count", 1},
                     {"lines", {24}}}}));
  }
};

TEST_F(ImportRetailCliTest, SummaryCountsEveryRowAndEverySkipReason) { expect_fixture_summary(import(retail_fixture)); }

TEST_F(ImportRetailCliTest, StoresOnePurchasePerInvoiceWithALineItemPerRow) {
  import(retail_fixture);
  EXPECT_EQ(counts()["customers"], 3);
  EXPECT_EQ(counts()["interactions"], 5);

  const auto c = customer("retail:17850");
  EXPECT_EQ(c["display_name"], "Online Retail customer 17850");
  EXPECT_EQ(c["attributes"], (json{{"country", "United Kingdom"}}));
  const auto bought = history(c);
  ASSERT_EQ(bought.size(), 2U) << bought;
  const auto& first = bought[1];  // newest first
  EXPECT_EQ(first["kind"], "purchase");
  EXPECT_EQ(first["channel"], "web");
  EXPECT_EQ(first["occurred_at"], ms(2010, 12, 1, 8, 26));
  EXPECT_EQ(first["subject"], "Invoice 536365");
  EXPECT_EQ(first["attributes"], (json{{"invoice", "536365"}}));
  EXPECT_EQ(first["amount"], gbp(13644));
  EXPECT_EQ(first["items"], (json{item("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, 255),
                                  item("71053", "WHITE METAL LANTERN", 6, 339),
                                  // quoted, with a doubled quote; the engine trims the trailing space
                                  item("22041", "RECORD FRAME 7\" SINGLE SIZE", 48, 210)}));
  EXPECT_EQ(bought[0]["attributes"], (json{{"invoice", "536366"}}));
  EXPECT_EQ(bought[0]["occurred_at"], ms(2010, 12, 1, 8, 28));
}

TEST_F(ImportRetailCliTest, AnInvoiceKeepsOnlyItsGoodRows) {
  import(retail_fixture);
  const auto bought = history(customer("retail:12583"));
  ASSERT_EQ(bought.size(), 1U) << bought;  // invoice 536371 has no good row
  EXPECT_EQ(bought[0]["attributes"], (json{{"invoice", "536370"}}));
  EXPECT_EQ(bought[0]["items"], json::array({item("22724", "ALARM CLOCK BAKELIKE IVORY", 24, 375)}));
}

TEST_F(ImportRetailCliTest, AnInvoiceAtTwoTimesIsDatedByTheEarliestAndACustomerKeepsTheirFirstCountry) {
  import(retail_fixture);
  const auto c = customer("retail:13047");
  EXPECT_EQ(c["attributes"], (json{{"country", "France"}}));
  const auto bought = history(c);
  ASSERT_EQ(bought.size(), 2U) << bought;
  EXPECT_EQ(bought[1]["attributes"], (json{{"invoice", "536367"}}));
  EXPECT_EQ(bought[1]["occurred_at"], ms(2010, 12, 1, 8, 34));
  EXPECT_EQ(bought[1]["items"].size(), 2U);
  EXPECT_EQ(bought[0]["attributes"], (json{{"invoice", "536374"}}));
}

TEST_F(ImportRetailCliTest, CustomersOfSkippedInvoicesAreNotCreated) {
  import(retail_fixture);
  // 12347: its invoice was refused by the engine; 12680 and 12681 share one invoice.
  for (const char* id : {"retail:12347", "retail:12680", "retail:12681", "retail:14527"}) {
    const auto result = crm({"customer", "find", "--external-id", id});
    EXPECT_EQ(result.exit_code, 1) << id;
    EXPECT_EQ(result.err, std::string("crm: error: no customer with external id '") + id + "'\n");
  }
}

TEST_F(ImportRetailCliTest, SummaryTableAndProgressBars) {
  const auto result = crm({"import", "online-retail", retail_fixture.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "imported   " + retail_fixture.string() + " (Online Retail) in ")) << result.out;
  EXPECT_TRUE(contains(result.out, "rows       24 read: 8 imported, 16 skipped\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "purchases  5 imported, 306.77 GBP in all\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "customers  3 created\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "skipped    2 rows: Quantity 0 or less (first at lines 10, 11)\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "skipped    2 rows: refused by the engine: interaction.items[0].sku: required "
                                   "(first at line 22)\n"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "note       invoices with rows at more than one time (dated by the earliest): 1 "
                                   "(first at line 6)\n"))
      << result.out;
  // 12347 is created, then dropped with its refused invoice.
  EXPECT_EQ(result.err,
            "importing customers    [##############################] 4/4\n"
            "importing purchases    [##############################] 6/6\n");
}

TEST_F(ImportRetailCliTest, ReadsTheGzipCompressedFile) {
  const auto gz = dir_ / "retail.csv.gz";
  gzip(retail_fixture, gz);
  expect_fixture_summary(import(gz));
  EXPECT_EQ(history(customer("retail:17850")).size(), 2U);
}

TEST_F(ImportRetailCliTest, ATruncatedGzipFileIsRefused) {
  const auto gz = dir_ / "retail.csv.gz";
  gzip(retail_fixture, gz);
  fs::resize_file(gz, fs::file_size(gz) / 2);
  expect_refused({"import", "online-retail", gz.string()},
                 "crm: error: " + gz.string() + ": the gzip data ends early: the file is truncated\n");
}

TEST_F(ImportRetailCliTest, CorruptGzipDataIsRefused) {
  const auto gz = dir_ / "corrupt.csv.gz";
  std::ofstream(gz, std::ios::binary) << std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10) << "not deflate data";
  const auto before = snapshot();
  const auto result = crm({"import", "online-retail", gz.string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: " + gz.string() + ": unreadable gzip data: ")) << result.err;
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ImportRetailCliTest, AWrongHeaderIsRefused) {
  const auto file = fs::path(CRM_CLI_TEST_DATA) / "online-retail" / "bad_header.csv";
  expect_refused({"import", "online-retail", file.string()},
                 "crm: error: Missing column \"Quantity\" in header of file \"" + file.string() +
                     "\". The Online Retail data set's header is "
                     "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country.\n");
}

TEST_F(ImportRetailCliTest, AMissingFileIsRefused) {
  const auto file = (dir_ / "online_retail.csv.gz").string();
  expect_refused({"import", "online-retail", file}, "crm: error: " + file + ": no such file\n");
}

TEST_F(ImportRetailCliTest, ImportingTwiceIsRefusedAndChangesNothing) {
  import(retail_fixture);
  const auto before = counts();
  expect_refused({"import", "online-retail", retail_fixture.string()},
                 "crm: error: " + retail_fixture.string() +
                     ": Online Retail is in the database already: a customer with external id 'retail:17850' "
                     "exists (nothing imported)\n");
  EXPECT_EQ(counts(), before);
  EXPECT_EQ(history(customer("retail:17850")).size(), 2U);
}

// The decompressed bytes of a gzip file, from `gzip -dc`, for the CSV reader.
class GunzipPipe final : public io::ByteSourceBase {
 public:
  explicit GunzipPipe(const fs::path& file) : pipe_(popen(("gzip -dc '" + file.string() + "'").c_str(), "r")) {}
  ~GunzipPipe() override {
    if (pipe_ != nullptr) pclose(pipe_);
  }
  GunzipPipe(const GunzipPipe&) = delete;
  GunzipPipe& operator=(const GunzipPipe&) = delete;

  int read(char* buffer, int size) override {
    return pipe_ == nullptr ? 0 : static_cast<int>(std::fread(buffer, 1, static_cast<std::size_t>(size), pipe_));
  }

 private:
  std::FILE* pipe_;
};

struct Reason {
  std::size_t rows = 0;
  std::vector<std::size_t> lines;
  void add(std::size_t line) {
    if (rows++ < 3) lines.push_back(line);
  }
};

// What the real file holds, counted without any of the import's code: the
// skip rules applied in the order the import documents, with std::stoll and
// std::stod in place of its parsers.
struct RetailRows {
  std::size_t rows = 0;
  std::size_t kept = 0;
  std::map<std::string, Reason> skipped;
  std::map<std::string, std::set<std::string>> invoice_customers, invoice_times;
  std::map<std::string, std::size_t> invoice_first_line;
  std::map<std::string, std::string> first_country;
  Reason customer_countries;  // customers seen with a second country, at the row that showed it
  std::set<std::string> customers_in_two_countries;
  std::map<std::string, std::set<std::string>> customer_invoices;
  std::map<std::string, std::int64_t> customer_pence;
  std::map<std::string, std::set<std::string>> invoice_skus;
  std::int64_t pence = 0;
};

RetailRows retail_rows(const fs::path& file) {
  RetailRows out;
  io::CSVReader<8, io::trim_chars<' '>, io::double_quote_escape<',', '"'>> reader(
      file.string(), std::make_unique<GunzipPipe>(file));
  reader.read_header(io::ignore_no_column, "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                     "UnitPrice", "CustomerID", "Country");
  std::string invoice, sku, description, quantity, date, price, customer, country;
  while (reader.read_row(invoice, sku, description, quantity, date, price, customer, country)) {
    const std::size_t line = reader.get_file_line();
    ++out.rows;
    if (customer.empty()) {
      out.skipped["no_customer"].add(line);
      continue;
    }
    if (invoice[0] == 'C') {
      out.skipped["cancelled"].add(line);
      continue;
    }
    const auto id = customer.substr(0, customer.find('.'));
    const long long qty = std::stoll(quantity);
    const double unit = std::stod(price);
    if (qty <= 0) {
      out.skipped["quantity_not_positive"].add(line);
      continue;
    }
    if (unit <= 0) {
      out.skipped["price_not_positive"].add(line);
      continue;
    }
    const auto pence = std::llround(unit * 100);
    if (std::abs(unit * 100 - static_cast<double>(pence)) > 1e-6) {
      out.skipped["price_below_penny"].add(line);
      continue;
    }
    ++out.kept;
    out.invoice_customers[invoice].insert(id);
    out.invoice_times[invoice].insert(date);
    out.invoice_skus[invoice].insert(sku);
    out.invoice_first_line.try_emplace(invoice, line);
    if (const auto [first, added] = out.first_country.try_emplace(id, country);
        !added && first->second != country && out.customers_in_two_countries.insert(id).second)
      out.customer_countries.add(line);
    out.customer_invoices[id].insert(invoice);
    out.customer_pence[id] += qty * pence;
    out.pence += qty * pence;
  }
  return out;
}

TEST_F(ImportRetailCliTest, TheRealDataSetInFullAndItsReports) {
  if (!fs::exists(real_retail)) GTEST_SKIP() << "no data set at " << real_retail;
  const auto started = std::chrono::steady_clock::now();
  const auto expected = retail_rows(real_retail);
  const double counted = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(expected.rows, 541909U);

  const auto s = import(real_retail);
  std::cout << "[ info     ] imported " << real_retail.filename() << " in " << s["seconds"]
            << " s; counted it independently in " << counted << " s\n";
  EXPECT_EQ(s["rows_read"], expected.rows);
  EXPECT_EQ(s["rows_imported"], expected.kept);
  EXPECT_EQ(s["rows_read"], s["rows_imported"].get<std::size_t>() + s["rows_skipped"].get<std::size_t>());

  std::map<std::string, Reason> skipped;
  for (const auto& r : s["skipped"]) {
    auto& reason = skipped[r["reason"].get<std::string>()];
    reason.rows = r["rows"].get<std::size_t>();
    reason.lines = r["lines"].get<std::vector<std::size_t>>();
  }
  ASSERT_EQ(skipped.size(), expected.skipped.size()) << s["skipped"];
  for (const auto& [code, reason] : expected.skipped) {
    ASSERT_TRUE(skipped.contains(code)) << code;
    EXPECT_EQ(skipped.at(code).rows, reason.rows) << code;
    EXPECT_EQ(skipped.at(code).lines, reason.lines) << code;
  }

  // Every kept invoice names one customer, so each is one purchase.
  std::vector<std::pair<std::size_t, std::string>> invoices_at_two_times;  // by first line
  for (const auto& [invoice, customers] : expected.invoice_customers) {
    EXPECT_EQ(customers.size(), 1U) << invoice;
    if (expected.invoice_times.at(invoice).size() > 1)
      invoices_at_two_times.emplace_back(expected.invoice_first_line.at(invoice), invoice);
  }
  std::sort(invoices_at_two_times.begin(), invoices_at_two_times.end());
  std::vector<std::size_t> first_lines;
  for (std::size_t i = 0; i < invoices_at_two_times.size() && i < 3; ++i)
    first_lines.push_back(invoices_at_two_times[i].first);
  EXPECT_EQ(s["purchases_imported"], expected.invoice_customers.size());
  EXPECT_EQ(s["customers_created"], expected.first_country.size());
  EXPECT_EQ(s["amount"], gbp(expected.pence));
  EXPECT_EQ(s["notes"], (json{{{"note", "invoice_times"},
                               {"text", "invoices with rows at more than one time (dated by the earliest)"},
                               {"count", invoices_at_two_times.size()},
                               {"lines", first_lines}},
                              {{"note", "customer_countries"},
                               {"text", "customers named with more than one Country (kept with their first)"},
                               {"count", expected.customer_countries.rows},
                               {"lines", expected.customer_countries.lines}}}));

  // What the database holds.
  EXPECT_EQ(counts()["customers"], expected.first_country.size());
  EXPECT_EQ(counts()["interactions"], expected.invoice_customers.size());
  for (const std::string id : {"17850", "12346", "12748"}) {
    const auto c = customer("retail:" + id);
    EXPECT_EQ(c["attributes"]["country"], expected.first_country.at(id)) << id;
    const auto bought = history(c);
    std::set<std::string> invoices;
    std::int64_t pence = 0;
    for (const auto& p : bought) {
      invoices.insert(p["attributes"]["invoice"].get<std::string>());
      pence += p["amount"]["minor"].get<std::int64_t>();
    }
    EXPECT_EQ(invoices, expected.customer_invoices.at(id)) << id;
    EXPECT_EQ(pence, expected.customer_pence.at(id)) << id;
  }
  // The reports on it, against the same independent count: RFM cuts are the
  // customers' values at ceil(n k / 5) - 1 in sorted order, the value matrix
  // splits at the medians, a basket rule's support counts the invoices that
  // hold all its SKUs.
  std::vector<std::int64_t> frequencies, spends;
  std::vector<double> averages;
  for (const auto& [id, invoices] : expected.customer_invoices) {
    frequencies.push_back(static_cast<std::int64_t>(invoices.size()));
    spends.push_back(expected.customer_pence.at(id));
    averages.push_back(static_cast<double>(spends.back()) / static_cast<double>(frequencies.back()));
  }
  const auto cuts = [](std::vector<std::int64_t> values) {
    std::sort(values.begin(), values.end());
    std::vector<std::int64_t> out;
    for (std::size_t k = 1; k < 5; ++k) out.push_back(values[(values.size() * k + 4) / 5 - 1]);
    return out;
  };
  const auto median = [](std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  };
  const std::size_t n = frequencies.size();

  const auto rfm = json::parse(crm_ok({"--json", "report", "rfm"}));
  EXPECT_EQ(rfm["customers"], n);
  EXPECT_EQ(rfm["cuts"]["frequency"], json(cuts(frequencies)));
  EXPECT_EQ(rfm["cuts"]["monetary_minor"], json(cuts(spends)));
  std::size_t segmented = 0;
  for (const auto& segment : rfm["segments"]) segmented += segment["customers"].get<std::size_t>();
  EXPECT_EQ(segmented, n);

  const auto value = json::parse(crm_ok({"--json", "report", "value"}));
  const double frequency_split = median(std::vector<double>(frequencies.begin(), frequencies.end()));
  const double spend_split = median(averages);
  EXPECT_EQ(value["thresholds"]["frequency"], frequency_split);
  EXPECT_DOUBLE_EQ(value["thresholds"]["average_spend_minor"].get<double>(), spend_split);
  std::map<std::string, std::size_t> quadrants;
  for (std::size_t i = 0; i < n; ++i) {
    const bool frequent = static_cast<double>(frequencies[i]) > frequency_split, spends_more = averages[i] > spend_split;
    ++quadrants[frequent ? (spends_more ? "best" : "frequent") : (spends_more ? "spender" : "uncertain")];
  }
  for (const auto& q : value["quadrants"])
    EXPECT_EQ(q["customers"], quadrants[q["quadrant"].get<std::string>()]) << q["quadrant"];

  const auto basket = json::parse(crm_ok({"--json", "report", "basket", "--min-support", "0.02", "--max-rules", "1"}));
  EXPECT_EQ(basket["baskets"], expected.invoice_skus.size());
  ASSERT_EQ(basket["rules"].size(), 1U);
  const auto& best = basket["rules"][0];
  std::set<std::string> antecedent, all;
  for (const auto& sku : best["antecedent"]) antecedent.insert(sku.get<std::string>());
  all = antecedent;
  for (const auto& sku : best["consequent"]) all.insert(sku.get<std::string>());
  const auto holding = [&](const std::set<std::string>& skus) {
    std::size_t count = 0;
    for (const auto& [invoice, bought] : expected.invoice_skus)
      count += std::includes(bought.begin(), bought.end(), skus.begin(), skus.end()) ? 1 : 0;
    return count;
  };
  const std::size_t together = holding(all);
  EXPECT_EQ(best["baskets"], together);
  EXPECT_DOUBLE_EQ(best["support"].get<double>(),
                   static_cast<double>(together) / static_cast<double>(expected.invoice_skus.size()));
  EXPECT_DOUBLE_EQ(best["confidence"].get<double>(),
                   static_cast<double>(together) / static_cast<double>(holding(antecedent)));
}

}  // namespace
}  // namespace crm::test
