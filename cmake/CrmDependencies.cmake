# SPDX-License-Identifier: Apache-2.0
# Every dependency is a Debian package (scripts/install-deps.sh); nothing is
# downloaded at configure time.
find_package(SQLiteCpp REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS serialization)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(PhoneNumber REQUIRED)
find_package(msgpack REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(NLopt REQUIRED)  # analytics: maximum-likelihood fits
find_package(Threads REQUIRED)
if(CRM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CRM_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
if(CRM_BUILD_TOOLS)
  find_package(CLI11 CONFIG REQUIRED)
endif()
