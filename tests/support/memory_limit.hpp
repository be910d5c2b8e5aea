// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs a piece of a test in a forked child whose address space is limited
// (setrlimit RLIMIT_AS), so a test can make allocation fail for real and
// check what the library does then: return a status, or die by a signal.
//
// The child first runs `prepare` unlimited (building data, opening an
// engine), then allows itself only `headroom` bytes more than it has mapped
// at that moment, runs `call` and exits with the int it returns (124 if an
// exception left either, 125 if the limit could not be set). The parent
// reports how the child ended.
//
// AddressSanitizer and ThreadSanitizer map terabytes of shadow memory, so
// an address-space limit cannot work under them: tests skip there
// (memory_limit_unsupported() says why).

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace crm::test {

// Why an address-space limit cannot be tested in this build, or nullptr.
inline const char* memory_limit_unsupported() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return "AddressSanitizer and ThreadSanitizer reserve terabytes of address space; RLIMIT_AS cannot be tested";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
  return "this sanitizer reserves terabytes of address space; RLIMIT_AS cannot be tested";
#else
  return nullptr;
#endif
#else
  return nullptr;
#endif
}

// Bytes of address space this process has mapped now (/proc/self/statm).
inline long mapped_bytes() {
  long pages = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  return pages * sysconf(_SC_PAGESIZE);
}

// How a child ended: its exit code, or the signal that killed it.
struct ChildEnd {
  bool exited = false;
  int code = -1;    // when exited
  int signal = 0;   // when killed

  std::string describe() const {
    return exited ? "exited with " + std::to_string(code) : "killed by signal " + std::to_string(signal);
  }
};

// The child's part: prepare, limit, call, exit with what call returned.
template <class Prepare, class Call>
[[noreturn]] void run_child(long headroom, Prepare& prepare, Call& call) {
  auto state = prepare();
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0) _exit(125);
  const auto wanted = static_cast<rlim_t>(mapped_bytes() + headroom);
  if (limit.rlim_max == RLIM_INFINITY || wanted < limit.rlim_max) limit.rlim_cur = wanted;  // a hard limit stays
  if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(125);
  _exit(call(state));  // no destructors, no GoogleTest teardown in the child
}

template <class Prepare, class Call>
ChildEnd run_with_memory_limit(long headroom, Prepare&& prepare, Call&& call) {
  std::fflush(nullptr);  // nothing buffered is written twice
  const pid_t child = fork();
  if (child < 0) {
    ADD_FAILURE() << "fork failed";
    return {};
  }
  if (child == 0) {
    // The child must end here, whatever happens: an exception reaching
    // GoogleTest would run the rest of the suite in the child.
    try {
      run_child(headroom, prepare, call);
    } catch (...) {
    }
    _exit(124);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) {
    ADD_FAILURE() << "waitpid failed";
    return {};
  }
  ChildEnd end;
  if (WIFEXITED(status)) {
    end.exited = true;
    end.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    end.signal = WTERMSIG(status);
  }
  return end;
}

}  // namespace crm::test
