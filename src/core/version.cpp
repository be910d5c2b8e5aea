// SPDX-License-Identifier: Apache-2.0
// The library's own version, compiled in: what crm::library_version()
// reports to a program that may have been compiled against other headers.
#include <crm/version.hpp>

namespace crm {

const char* library_version() noexcept { return version; }
int library_version_number() noexcept { return version_number; }

}  // namespace crm
