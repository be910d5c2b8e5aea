// SPDX-License-Identifier: Apache-2.0
#pragma once
// The record a store test writes: a body and, optionally, its index keys.

#include <string>
#include <utility>
#include <vector>

#include "crm/store/store.hpp"

namespace crm::test {

inline RecordWrite record(std::string body, std::vector<IndexKey> unique = {}, std::vector<IndexKey> sorted = {}) {
  return RecordWrite{std::move(body), std::move(unique), std::move(sorted)};
}

}  // namespace crm::test
