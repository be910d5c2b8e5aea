// SPDX-License-Identifier: Apache-2.0
#pragma once
// The C boundary: every crm_* function runs its body through guarded(), which
// turns every exception into a status and a thread-local message, so no C++
// exception ever reaches a C caller.

#include <crm/crm.h>

#include <crm/error.hpp>

#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "handles.hpp"

namespace crm::c_api {

// Records "function: prefix message" for crm_last_error_message() on this
// thread. Building it needs memory: when there is none, a fixed message
// ("function: out of memory …") is recorded instead, so the caller still
// gets its status. Everything that allocates happens inside, under a catch:
// guarded() is noexcept and must not build strings itself.
void set_last_error(const char* function, std::string_view message, std::string_view prefix = {}) noexcept;
void clear_last_error() noexcept;
const char* last_error_message() noexcept;

// Out-parameters are set to NULL first, so a failed call never leaves a
// stale pointer behind.
template <class P>
void reset_out(P** out) noexcept {
  if (out != nullptr) *out = nullptr;
}

// crm.h's statuses carry Errc's numbers, so a code crosses the boundary
// unchanged. Pinned here: a code renumbered or missing on either side stops
// the build (status_table_test then checks the names and the Python table).
static_assert(CRM_INVALID_ARGUMENT == static_cast<int>(Errc::invalid_argument));
static_assert(CRM_NOT_FOUND == static_cast<int>(Errc::not_found));
static_assert(CRM_ALREADY_EXISTS == static_cast<int>(Errc::already_exists));
static_assert(CRM_CONFLICT == static_cast<int>(Errc::conflict));
static_assert(CRM_PERMISSION_DENIED == static_cast<int>(Errc::permission_denied));
static_assert(CRM_STORAGE == static_cast<int>(Errc::storage));
static_assert(CRM_CORRUPT == static_cast<int>(Errc::corrupt));
static_assert(CRM_UNSUPPORTED == static_cast<int>(Errc::unsupported));
static_assert(CRM_INTERNAL == static_cast<int>(Errc::internal));
static_assert(CRM_BUSY == static_cast<int>(Errc::busy));

inline crm_status status_of(Errc code) noexcept { return static_cast<crm_status>(code); }

// Runs body(); maps crm::Error to its status, std::bad_alloc to
// CRM_OUT_OF_MEMORY, a closed engine to CRM_CLOSED and anything else to
// CRM_INTERNAL. `function` prefixes the message ("crm_customer_get: …").
template <class Body>
crm_status guarded(const char* function, Body&& body) noexcept {
  clear_last_error();
  try {
    body();
    return CRM_OK;
  } catch (const Error& e) {
    set_last_error(function, e.what());
    return status_of(e.code());
  } catch (const ClosedEngine&) {
    set_last_error(function, "the engine is closed");
    return CRM_CLOSED;
  } catch (const std::bad_alloc&) {
    set_last_error(function, "out of memory");
    return CRM_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    set_last_error(function, e.what(), "internal error: ");
    return CRM_INTERNAL;
  } catch (...) {
    set_last_error(function, "internal error: unknown exception");
    return CRM_INTERNAL;
  }
}

}  // namespace crm::c_api
