// SPDX-License-Identifier: Apache-2.0
#include "cli_runner.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <fstream>
#include <sstream>

extern char** environ;

namespace crm::test {

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

pid_t start_crm(const std::vector<std::string>& args, const std::filesystem::path& dir, const std::string& input) {
  const auto in_path = dir / "stdin";
  std::ofstream(in_path, std::ios::binary) << input;

  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, 1, (dir / "stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&files, 2, (dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);

  std::vector<std::string> argv_text{CRM_CLI_PATH};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, CRM_CLI_PATH, &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) ADD_FAILURE() << "could not start " << CRM_CLI_PATH;
  return spawned == 0 ? pid : -1;
}

CliResult wait_crm(pid_t pid, const std::filesystem::path& dir) {
  CliResult result;
  if (pid <= 0) return result;
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(dir / "stdout");
  result.err = read_file(dir / "stderr");
  return result;
}

CliResult run_crm(const std::vector<std::string>& args, const std::filesystem::path& dir, const std::string& input) {
  return wait_crm(start_crm(args, dir, input), dir);
}

CliResult CliTest::crm(std::vector<std::string> args, const std::string& input) const {
  const bool names_region = std::any_of(args.begin(), args.end(), [](const std::string& a) {
    return a == "--region" || a.rfind("--region=", 0) == 0;
  });
  if (!names_region) args.insert(args.begin(), {"--region", region_});
  args.insert(args.begin(), {"--db", db_.string()});
  return run_crm(args, dir_.path(), input);
}

std::string CliTest::crm_ok(std::vector<std::string> args, const std::string& input) const {
  const auto result = crm(args, input);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  return result.out;
}

std::string CliTest::snapshot() const {
  // Read in this process rather than through crm listings: one open instead
  // of four crm processes (each slow to start under the sanitizers), and it
  // sees every table, the change log and statistics included.
  if (!std::filesystem::exists(db_)) return "no database";
  SQLite::Database db(db_.string(), SQLite::OPEN_READONLY);
  std::string all;
  SQLite::Statement objects(db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
  while (objects.executeStep()) {
    const auto type = objects.getColumn(0).getString();
    const auto name = objects.getColumn(1).getString();
    all += objects.getColumn(2).getString() + ";\n";
    if (type != "table") continue;
    // A full scan reads a table in key order, so equal contents print equally.
    SQLite::Statement rows(db, "SELECT * FROM \"" + name + "\"");
    while (rows.executeStep()) {
      for (int i = 0; i < rows.getColumnCount(); ++i) all += rows.getColumn(i).getString() + "\x1f";
      all += "\n";
    }
  }
  return all;
}

void CliTest::expect_refused(std::vector<std::string> args, const std::string& error_line) const {
  const auto before = snapshot();
  const auto result = crm(std::move(args));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, error_line);
  EXPECT_EQ(snapshot(), before) << "a refused command must write nothing";
}

long long CliTest::id_of(const std::string& record_json) {
  return nlohmann::json::parse(record_json).at("id").get<long long>();
}

}  // namespace crm::test
