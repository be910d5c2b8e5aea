// SPDX-License-Identifier: Apache-2.0
#pragma once
// The shared data sets (CDNOW, UCI Online Retail) live outside the repository,
// in the folder CMake's CRM_SHARED_DATA names (by default ../shared/data
// beside the source tree). Tests that read them skip, saying where they
// looked, when a checkout has no such folder.

#include <gtest/gtest.h>

#include <filesystem>
#include <string_view>

namespace crm::test {

inline std::filesystem::path shared_data(std::string_view relative) {
  return std::filesystem::path(CRM_SHARED_DATA) / relative;
}

// A fixture whose tests need one file of the shared data.
template <const char* Relative>
class SharedDataTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(shared_data(Relative)))
      GTEST_SKIP() << "data set not found: " << shared_data(Relative) << " (set CRM_SHARED_DATA)";
  }
};

}  // namespace crm::test
