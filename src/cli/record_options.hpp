// SPDX-License-Identifier: Apache-2.0
#pragma once
// Command-line options bound to the fields of a record.
//
// RecordOptions<T> declares options against a staged copy of the record and
// copies a field onto the real record only when its option was given, so the
// same declarations serve `add` (onto an empty record) and `update` (onto the
// stored one, changing only what was typed).

#include <crm/engine.hpp>
#include <crm/enum_names.hpp>
#include <crm/money.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "context.hpp"
#include "input.hpp"

namespace crm::cli {

// "prospect, new, active, at-risk, churned"
template <class E>
std::string spellings() {
  std::string out;
  for (const auto& [value, name] : EnumNames<E>::names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// A filter taking an enum by its library spelling; an unknown spelling is
// refused by crm::parse_enum (Errc::invalid_argument, listing the spellings).
template <class E>
CLI::Option* add_enum_option(CLI::App& cmd, const std::string& name, std::optional<E>& target, const std::string& what) {
  return cmd.add_option_function<std::string>(
      name, [&target](const std::string& text) { target = parse_enum<E>(text); }, what + ": " + spellings<E>());
}

// --limit and --cursor, bound to a query's fields.
template <class Query>
void add_paging_options(CLI::App& cmd, Query& query) {
  cmd.add_option("--limit", query.limit, "at most this many")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, max_page_size));
  cmd.add_option("--cursor", query.cursor, "where the previous page ended (printed under it)");
}

template <Record T>
class RecordOptions {
 public:
  explicit RecordOptions(CLI::App& cmd) : cmd_(&cmd) {}
  RecordOptions(const RecordOptions&) = delete;  // the options hold pointers into staged_
  RecordOptions& operator=(const RecordOptions&) = delete;

  // Text, numbers and lists: the option writes the field directly.
  template <class V>
  CLI::Option* field(const std::string& name, V T::*member, const std::string& description) {
    return track(cmd_->add_option(name, staged_.*member, description), member);
  }

  // A field read from text by `parse`, which throws crm::Error for bad input.
  template <class V, class Parse>
  CLI::Option* parsed(const std::string& name, V T::*member, Parse parse, const std::string& description) {
    auto* option = cmd_->add_option_function<std::string>(
        name, [this, member, parse](const std::string& text) { staged_.*member = parse(text); }, description);
    return track(option, member);
  }

  // An enum, by its spelling; `note` is added to the help (a default, say).
  template <class E>
    requires std::is_enum_v<E>
  CLI::Option* choice(const std::string& name, E T::*member, const std::string& what, const std::string& note = "") {
    return parsed(name, member, parse_enum<E>, what + ": " + spellings<E>() + (note.empty() ? "" : " (" + note + ")"));
  }

  // An option whose value needs more than a copy (money, dates): bound by the
  // caller, applied by a step.
  CLI::Option* other(CLI::Option* option) {
    options_.push_back(option);
    return option;
  }
  // Runs after the fields are copied, in the order added.
  void step(std::function<void(T&, const Context&)> run) { steps_.push_back(std::move(run)); }

  CLI::App& command() const { return *cmd_; }

  // The first option given on the command line, or null.
  const CLI::Option* first_given() const {
    for (const auto* option : options_)
      if (option->count() > 0) return option;
    return nullptr;
  }

  void apply(T& record, const Context& ctx) const {
    for (const auto& [option, copy] : copies_)
      if (option->count() > 0) copy(record);
    for (const auto& run : steps_) run(record, ctx);
  }

 private:
  template <class V>
  CLI::Option* track(CLI::Option* option, V T::*member) {
    copies_.emplace_back(option, [this, member](T& record) { record.*member = staged_.*member; });
    return other(option);
  }

  CLI::App* cmd_;
  T staged_{};
  std::vector<const CLI::Option*> options_;
  std::vector<std::pair<const CLI::Option*, std::function<void(T&)>>> copies_;
  std::vector<std::function<void(T&, const Context&)>> steps_;
};

// --amount in major units and --currency, read once the whole command line
// (and so --region) is known.
class AmountOptions {
 public:
  template <Record T>
  void declare(RecordOptions<T>& fields, const std::string& amount_help) {
    fields.other(fields.command().add_option("--amount", amount_, amount_help));
    fields.other(fields.command().add_option("--currency", currency_, "ISO 4217 code (default: the region's currency)"));
  }

  bool given() const { return amount_.has_value(); }

  // --currency, else the currency of the amount stored before (if any), else the region's.
  std::string currency(const Context& ctx, const Money* stored = nullptr) const {
    if (!currency_ && stored != nullptr) return std::string(stored->currency.code());
    return currency_or_default(currency_, ctx.options.region);
  }

  // Only when given().
  Money amount(const Context& ctx, const Money* stored = nullptr) const {
    return parse_money(*amount_, currency(ctx, stored));
  }

 private:
  std::optional<std::string> amount_, currency_;
};

}  // namespace crm::cli
