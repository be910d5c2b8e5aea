// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs a call that must fail with crm::Error and returns what it said, so a
// test can check both the code and the message.

#include <gtest/gtest.h>

#include <string>

#include "crm/error.hpp"

namespace crm::test {

struct Failure {
  Errc code{};
  std::string message;
};

template <class F>
Failure error_of(F&& call) {
  try {
    call();
  } catch (const Error& e) {
    return {e.code(), e.what()};
  }
  ADD_FAILURE() << "expected a crm::Error, but the call succeeded";
  return {};
}

}  // namespace crm::test
