#pragma once
#include <string>
#include <string_view>

namespace crm::detail {

// A value quoted for an error message: 'abc'. Control characters and invalid
// UTF-8 bytes are escaped as \xNN and long values are cut, so a message is
// always short, printable UTF-8 whatever the input was.
std::string quote(std::string_view value);

}  // namespace crm::detail
