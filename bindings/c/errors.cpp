// SPDX-License-Identifier: Apache-2.0
// Status names and the thread-local error message.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "guard.hpp"

namespace crm::c_api {

namespace {
thread_local std::string last_error;
// Written without allocating when last_error cannot be; used while `fallback_used`.
thread_local char fallback_message[192];
thread_local bool fallback_used = false;
}  // namespace

void set_last_error(const char* function, std::string_view message, std::string_view prefix) noexcept {
  fallback_used = false;
  try {
    last_error.clear();  // keeps its capacity: a short message often needs no allocation
    last_error.append(function).append(": ").append(prefix).append(message);
    // crm.h promises CRM_ERROR_MESSAGE_MAX for every message, the function's
    // name and the texts of exceptions other than crm::Error included.
    if (last_error.size() > CRM_ERROR_MESSAGE_MAX) last_error = detail::cut_message(last_error);
  } catch (...) {
    last_error.clear();
    std::snprintf(fallback_message, sizeof fallback_message,
                  "%s: out of memory (recording the error's message needed more)", function);
    fallback_used = true;
  }
}

void clear_last_error() noexcept {
  last_error.clear();
  fallback_used = false;
}

const char* last_error_message() noexcept { return fallback_used ? fallback_message : last_error.c_str(); }

char* copy_string(const std::string& text) {
  auto* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

}  // namespace crm::c_api

extern "C" {

const char* crm_last_error_message(void) { return crm::c_api::last_error_message(); }

const char* crm_status_name(crm_status status) {
  // A C host (or ctypes) may pass any int, which C++ may not read as a
  // crm_status outside the enum's range: the bytes are read as an int and
  // checked first. The test StatusTable.* fails if a new last status is not
  // added here.
  static_assert(sizeof(crm_status) == sizeof(int));
  int value = 0;
  std::memcpy(&value, &status, sizeof value);
  if (value < CRM_OK || value > CRM_BUSY) return "CRM_UNKNOWN_STATUS";
  switch (static_cast<crm_status>(value)) {
    case CRM_OK: return "CRM_OK";
    case CRM_INVALID_ARGUMENT: return "CRM_INVALID_ARGUMENT";
    case CRM_NOT_FOUND: return "CRM_NOT_FOUND";
    case CRM_ALREADY_EXISTS: return "CRM_ALREADY_EXISTS";
    case CRM_CONFLICT: return "CRM_CONFLICT";
    case CRM_PERMISSION_DENIED: return "CRM_PERMISSION_DENIED";
    case CRM_STORAGE: return "CRM_STORAGE";
    case CRM_CORRUPT: return "CRM_CORRUPT";
    case CRM_UNSUPPORTED: return "CRM_UNSUPPORTED";
    case CRM_INTERNAL: return "CRM_INTERNAL";
    case CRM_OUT_OF_MEMORY: return "CRM_OUT_OF_MEMORY";
    case CRM_CLOSED: return "CRM_CLOSED";
    case CRM_BUSY: return "CRM_BUSY";
  }
  return "CRM_UNKNOWN_STATUS";
}

void crm_string_free(char* string) { std::free(string); }

}  // extern "C"
