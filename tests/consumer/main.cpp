// SPDX-License-Identifier: Apache-2.0
// Built against an installed crm with find_package(crm) and crm::crm.
#include <crm/crm.hpp>
#include <crm/version.hpp>

#include <iostream>

int main() {
  // The headers and the library come from one install: one release.
  if (crm::library_version_number() != crm::version_number) {
    std::cerr << "libcrmcxx " << crm::library_version() << " is not the headers' release " << crm::version << "\n";
    return 1;
  }
  crm::Engine engine(std::make_unique<crm::MemoryStore>(), {.default_region = "GB"});
  crm::Customer ada;
  ada.display_name = "Ada";
  ada.phones = {"020 7946 0018"};
  engine.create(ada);
  const auto found = engine.find_customer_by_phone("+44 20 7946 0018");
  std::cout << "C++ consumer of crm " << crm::version << ": " << (found ? found->phones.front() : "not found") << "\n";
  return found ? 0 : 1;
}
