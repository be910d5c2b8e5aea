# SPDX-License-Identifier: Apache-2.0
# CRM_SANITIZE=address,undefined builds everything with those sanitizers;
# UBSan findings abort so ctest reports them as failures.
if(CRM_SANITIZE)
  add_compile_options(-fsanitize=${CRM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${CRM_SANITIZE})
  # Clang links a C program with UBSan's C runtime only, but libcrm's C++
  # checks (vptr, function type) need the C++ one, and it needs libstdc++.
  if(CMAKE_C_COMPILER_ID STREQUAL "Clang")
    add_link_options($<$<LINK_LANGUAGE:C>:-fsanitize-link-c++-runtime>)
    link_libraries($<$<LINK_LANGUAGE:C>:stdc++>)
  endif()
endif()
