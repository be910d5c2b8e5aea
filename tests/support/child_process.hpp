// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs part of a test in a forked child, for what a test process cannot undo
// in itself: dropping root (so file permissions apply), or a mount namespace
// with a read-only file system. The child reports through its exit code.

#include <sys/mount.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>

namespace crm::test {

// Exit code of a child that could not set up what the test needs (not root,
// no mount namespaces here): the test skips.
inline constexpr int child_cannot_set_up = 77;

// Runs body() in a child and returns its exit code (0: passed); 128+signal
// when it died. Throwing in the child is exit code 70, after printing why.
inline int run_in_child(const std::function<int()>& body) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    int code = 70;
    try {
      code = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child: %s\n", e.what());
    }
    std::fflush(nullptr);
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// In the child: act as an unprivileged user, so that permissions apply even
// when the suite runs as root (CI does). Returns false when it cannot.
inline bool drop_root() {
  if (::geteuid() != 0) return true;
  constexpr uid_t nobody = 65534;
  return ::setresgid(nobody, nobody, nobody) == 0 && ::setresuid(nobody, nobody, nobody) == 0;
}

// In the child: makes `dir` read-only for this process by bind-mounting it
// read-only in a mount namespace of its own. Needs root.
inline bool mount_read_only(const std::filesystem::path& dir) {
  const char* where = dir.c_str();
  return ::unshare(CLONE_NEWNS) == 0 && ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
         ::mount(where, where, nullptr, MS_BIND, nullptr) == 0 &&
         ::mount(nullptr, where, nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) == 0;
}

}  // namespace crm::test
