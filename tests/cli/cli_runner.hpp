// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs the real `crm` binary (CRM_CLI_PATH, set by CMake) as a child process
// against a database file in a fresh temporary directory.

#include <gtest/gtest.h>

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace crm::test {

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct CliResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Starts crm with these arguments and `input` on its standard input; its
// output goes to files in `dir`. Returns the process id, or -1.
pid_t start_crm(const std::vector<std::string>& args, const std::filesystem::path& dir, const std::string& input = "");
// Waits for a started crm to end and reads what it printed.
CliResult wait_crm(pid_t pid, const std::filesystem::path& dir);
// start_crm then wait_crm.
CliResult run_crm(const std::vector<std::string>& args, const std::filesystem::path& dir, const std::string& input = "");

class CliTest : public ::testing::Test {
 protected:
  // crm --db <temp>/crm.db --region <region_> args... (--region only when
  // args do not name one).
  CliResult crm(std::vector<std::string> args, const std::string& input = "") const;
  // The same, after checking that it succeeded.
  std::string crm_ok(std::vector<std::string> args, const std::string& input = "") const;
  // Everything the database file holds (schema and rows of every table), to
  // compare before and after a command; "no database" when there is no file.
  std::string snapshot() const;
  // Checks that the command fails with exit code 1, prints nothing on stdout,
  // exactly `error_line` on stderr, and leaves the database as it was.
  void expect_refused(std::vector<std::string> args, const std::string& error_line) const;
  // The id of the record that a `--json ... add` printed.
  static long long id_of(const std::string& record_json);

  TempDir dir_;
  std::filesystem::path db_ = dir_ / "crm.db";
  // The tests' data are a shop's in Great Britain (national phone numbers,
  // amounts in pounds), so every command reads them in region GB unless it
  // names its own; crm's default region is the library's (default_region_test).
  std::string region_ = "GB";
};

}  // namespace crm::test
