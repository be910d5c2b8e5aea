// SPDX-License-Identifier: Apache-2.0
#pragma once
// Aligned text tables for a terminal. Widths are measured in terminal
// columns, not bytes: CJK characters take two, combining marks none.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace crm::cli {

// Terminal columns the UTF-8 text takes (East Asian wide and full-width
// characters count two; combining marks and format characters zero).
std::size_t display_width(std::string_view utf8);

// The text cut to at most `width` columns, ending in "…" when cut.
std::string fit(std::string_view utf8, std::size_t width);

struct Column {
  std::string header;
  bool right_aligned = false;
  std::size_t max_width = 40;  // longer cells are cut with "…"
};

class Table {
 public:
  explicit Table(std::vector<Column> columns);

  // One row; it must have a cell for each column.
  void add(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }

  // Columns two spaces apart, no trailing spaces. The header line is left
  // out when every header is empty (a key/value listing).
  void print(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace crm::cli
