// SPDX-License-Identifier: Apache-2.0
#pragma once
// Record bodies: the msgpack encoding of a record's Layout.

#include <string>
#include <string_view>

#include "crm/store/store.hpp"

namespace crm::detail {

template <class T>
std::string encode(const T& record);

// Decodes a stored record into a T with its id and version. Throws
// Errc::corrupt naming the record when the body cannot be read.
template <class T>
T decode(const StoredRecord& stored);

}  // namespace crm::detail
