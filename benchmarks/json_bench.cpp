// SPDX-License-Identifier: Apache-2.0
// Reading JSON input next to nlohmann's own parser, in one run. Every record
// the C API, Python and the tool pass goes through crm::from_json, which
// parses with the engine's one JSON reader (src/json/read_json.hpp: depth and
// repeated keys refused while reading) and then decodes the fields:
//   BM_ParseJson_Reader     detail::read_json: the reader alone
//   BM_ParseJson_Nlohmann   nlohmann::json::parse: the same text, no checks (the baseline)
//   BM_CustomerFromJson     crm::from_json<Customer>: reader and decoding
// Args: 0 a small customer (a name and a phone), 1 a full one (addresses,
// tags, attributes, consents: ~1.5 KB).
//
//   ./build/benchmarks/json_bench

#include <benchmark/benchmark.h>

#include <crm/json.hpp>

#include <nlohmann/json.hpp>

#include <string>

#include "json/read_json.hpp"

namespace {

std::string customer_text(std::int64_t which) {
  if (which == 0) return R"({"display_name": "Ada Lovelace", "phones": ["020 7946 0018"]})";
  nlohmann::json c = {
      {"display_name", "Ada Lovelace"},
      {"given_name", "Ada"},
      {"family_name", "Lovelace"},
      {"phones", {"020 7946 0018", "+44 7700 900123"}},
      {"emails", {"ada@example.com", "countess@example.org"}},
      {"external_id", "ERP-100234"},
      {"tier", "gold"},
      {"owner", "alice"},
      {"tags", {"vip", "newsletter", "b2b", "london"}},
      {"attributes", {{"shoe_size", 38}, {"vip_since", {{"timestamp", 1700000000000}}}, {"notes", "prefers e-mail"}}},
      {"consents", {{"email", {{"granted", true}, {"at", 1700000000000}, {"source", "pos"}}}}},
  };
  nlohmann::json addresses = nlohmann::json::array();
  for (int i = 0; i < 3; ++i)
    addresses.push_back({{"label", "home"},
                         {"line1", "12 St James's Square"},
                         {"city", "London"},
                         {"postal_code", "SW1Y 4JH"},
                         {"country", "GB"}});
  c["addresses"] = addresses;
  return c.dump();
}

void BM_ParseJson_Reader(benchmark::State& state) {
  const std::string text = customer_text(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(crm::detail::read_json(text, "customer JSON"));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseJson_Reader)->Arg(0)->Arg(1);

void BM_ParseJson_Nlohmann(benchmark::State& state) {
  const std::string text = customer_text(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseJson_Nlohmann)->Arg(0)->Arg(1);

void BM_CustomerFromJson(benchmark::State& state) {
  const std::string text = customer_text(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(crm::from_json<crm::Customer>(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CustomerFromJson)->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
