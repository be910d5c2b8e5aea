// SPDX-License-Identifier: Apache-2.0
// The helper behind every "a refused command writes nothing" check: it must
// see writes, and only writes.
#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

class SnapshotTest : public CliTest {};

TEST_F(SnapshotTest, SeesTheDatabaseAppearAndEveryWriteButNotAReadOrARefusal) {
  const auto empty = snapshot();
  EXPECT_EQ(empty, "no database");

  crm_ok({"init"});
  const auto initialised = snapshot();
  EXPECT_NE(initialised, empty);

  crm_ok({"customer", "list"});
  EXPECT_EQ(snapshot(), initialised) << "a read changes nothing";

  EXPECT_EQ(crm({"customer", "add", "--given", "Ada", "--phone", "12ab"}).exit_code, 1);
  EXPECT_EQ(snapshot(), initialised) << "a refused add changes nothing";

  crm_ok({"customer", "add", "--given", "Ada"});
  const auto one_customer = snapshot();
  EXPECT_NE(one_customer, initialised);
  EXPECT_NE(one_customer.find("Ada"), std::string::npos) << "the rows are in it, not only the schema";
}

}  // namespace
}  // namespace crm::test
