// SPDX-License-Identifier: Apache-2.0
// Phone and e-mail normalisation and case folding on any bytes: each either
// gives a result or refuses with Errc::invalid_argument, and a result
// normalises to itself (the engine stores it as a unique key).
#include <crm/error.hpp>
#include <crm/normalize.hpp>

#include <array>

#include "fuzz/fuzz_bytes.hpp"

using crm::fuzz::require;

namespace {

void refused_cleanly(const crm::Error& e) {
  require(e.code() == crm::Errc::invalid_argument, "an unexpected error code");
  crm::fuzz::require_clean_message(e.what());
}

// A stored key must normalise to itself, and must not be refused when
// typed back in.
template <class Normalise>
void require_fixed_point(const Normalise& normalise, const std::string& result, const char* broken) {
  try {
    require(normalise(result) == result, broken);
  } catch (const crm::Error&) {
    require(false, broken);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  crm::fuzz::Bytes in(data, size);
  static constexpr std::array<std::string_view, 8> regions{"US", "GB", "DE", "JP", "BR", "IN", "", "ZZ"};
  const auto region = regions[in.byte() % regions.size()];
  const auto text = in.rest();

  for (const auto check : {crm::PhoneCheck::valid, crm::PhoneCheck::possible}) {
    try {
      const auto e164 = crm::normalize_phone(text, region, check);
      require(e164.size() > 1 && e164[0] == '+', "a phone number not in E.164");
      require_fixed_point([&](const std::string& s) { return crm::normalize_phone(s, region, check); }, e164,
                          "a normalised phone number does not normalise to itself");
    } catch (const crm::Error& e) {
      refused_cleanly(e);
    }
  }
  try {
    const auto email = crm::normalize_email(text);
    require_fixed_point([](const std::string& s) { return crm::normalize_email(s); }, email,
                        "a normalised e-mail does not normalise to itself");
  } catch (const crm::Error& e) {
    refused_cleanly(e);
  }
  try {
    const auto folded = crm::fold_case(text);
    require_fixed_point([](const std::string& s) { return crm::fold_case(s); }, folded, "case folding is not idempotent");
  } catch (const crm::Error& e) {
    refused_cleanly(e);
  }
  return 0;
}
