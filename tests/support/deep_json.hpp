// SPDX-License-Identifier: Apache-2.0
#pragma once
// JSON nested far deeper than crm reads (limits::json_depth): the inputs that
// crashed hosts by stack overflow before the reader bounded depth.

#include <cstddef>
#include <string>
#include <vector>

namespace crm::test {

// [[[...1...]]]: `levels` arrays.
inline std::string deep_arrays(std::size_t levels) {
  return std::string(levels, '[') + "1" + std::string(levels, ']');
}

// {"a": {"a": ... 1 ...}}: `levels` objects.
inline std::string deep_objects(std::size_t levels) {
  std::string text;
  text.reserve(levels * 6 + 1);
  for (std::size_t i = 0; i < levels; ++i) text += R"({"a":)";
  return text + "1" + std::string(levels, '}');
}

// 100 and 100,000 levels, of arrays and of objects.
inline std::vector<std::string> too_deep() {
  return {deep_arrays(100), deep_objects(100), deep_arrays(100'000), deep_objects(100'000)};
}

}  // namespace crm::test
