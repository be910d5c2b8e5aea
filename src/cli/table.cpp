// SPDX-License-Identifier: Apache-2.0
#include "table.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <ostream>
#include <stdexcept>

namespace crm::cli {

namespace {

std::size_t code_point_width(UChar32 c) {
  if (c < 0) return 1;  // an invalid byte is shown as one replacement character
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:
      return 0;
    default:
      break;
  }
  const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

// Calls visit(start, end, width) for each code point of the text.
template <class Visit>
void for_each_code_point(std::string_view utf8, Visit visit) {
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(utf8.size(), INT32_MAX));
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t start = i;
    UChar32 c = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"  // inside ICU's macro
    U8_NEXT(utf8.data(), i, length, c);
#pragma GCC diagnostic pop
    if (!visit(static_cast<std::size_t>(start), static_cast<std::size_t>(i), code_point_width(c))) return;
  }
}

void pad(std::ostream& out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out << ' ';
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for_each_code_point(utf8, [&](std::size_t, std::size_t, std::size_t w) {
    width += w;
    return true;
  });
  return width;
}

std::string fit(std::string_view utf8, std::size_t width) {
  if (display_width(utf8) <= width) return std::string(utf8);
  if (width == 0) return {};
  std::size_t used = 0;
  std::size_t end = 0;
  for_each_code_point(utf8, [&](std::size_t, std::size_t stop, std::size_t w) {
    if (used + w > width - 1) return false;  // keep a column for the ellipsis
    used += w;
    end = stop;
    return true;
  });
  return std::string(utf8.substr(0, end)) + "…";
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::add(std::vector<std::string> cells) {
  if (cells.size() != columns_.size()) throw std::logic_error("table row with the wrong number of cells");
  for (std::size_t i = 0; i < cells.size(); ++i) cells[i] = fit(cells[i], columns_[i].max_width);
  rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const {
  const bool header = std::any_of(columns_.begin(), columns_.end(), [](const Column& c) { return !c.header.empty(); });
  std::vector<std::size_t> widths(columns_.size(), 0);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (header) widths[i] = display_width(columns_[i].header);
    for (const auto& row : rows_) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  const auto print_row = [&](const std::vector<std::string>& cells) {
    // Trailing empty cells print nothing, so lines carry no trailing spaces.
    std::size_t last = cells.size();
    while (last > 0 && cells[last - 1].empty()) --last;
    for (std::size_t i = 0; i < last; ++i) {
      const std::size_t gap = widths[i] - display_width(cells[i]);
      if (i > 0) out << "  ";
      if (columns_[i].right_aligned) pad(out, gap);
      out << cells[i];
      if (!columns_[i].right_aligned && i + 1 < last) pad(out, gap);
    }
    out << '\n';
  };
  if (header) {
    std::vector<std::string> headers;
    for (const auto& c : columns_) headers.push_back(c.header);
    print_row(headers);
  }
  for (const auto& row : rows_) print_row(row);
}

}  // namespace crm::cli
