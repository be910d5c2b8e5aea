// SPDX-License-Identifier: Apache-2.0
// crm/version.hpp: the headers' release and the compiled library's agree
// with each other and with the project's version as CMake spells it.
#include "crm/version.hpp"

#include <gtest/gtest.h>

#include <string>

namespace crm {
namespace {

TEST(VersionTest, HeaderConstantsSpellTheProjectVersion) {
  EXPECT_STREQ(version, CRM_TEST_PROJECT_VERSION);
  EXPECT_EQ(std::to_string(version_major) + "." + std::to_string(version_minor) + "." + std::to_string(version_patch),
            CRM_TEST_PROJECT_VERSION);
  EXPECT_EQ(version_number, CRM_TEST_PROJECT_VERSION_NUMBER);
}

TEST(VersionTest, LibraryReportsTheVersionItWasBuiltAs) {
  EXPECT_STREQ(library_version(), CRM_TEST_PROJECT_VERSION);
  EXPECT_EQ(library_version_number(), CRM_TEST_PROJECT_VERSION_NUMBER);
}

}  // namespace
}  // namespace crm
