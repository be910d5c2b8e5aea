// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Fast C++ CSV Parser (libfccp), for every reader of CSV here. GCC may
// warn (-Wstringop-truncation) inside its error path once it is inlined;
// Clang has no such warning.

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop
#else
#include <libfccp/csv.h>
#endif
