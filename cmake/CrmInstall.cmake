# SPDX-License-Identifier: Apache-2.0
# cmake --install: headers, libcrmcxx (the C++ library, crm::crm) with
# libcrmcxx_analytics (crm::analytics) and libcrmcxx_snapshot (crm::snapshot), libcrm.so
# (the C API, crm::c), CMake package files for find_package(crm CONFIG) and a
# pkg-config file crm.pc for C hosts.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS crm crm_analytics crm_snapshot crm_c EXPORT crmTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/crm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/crm/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/crm)
install(EXPORT crmTargets NAMESPACE crm:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crm)

configure_package_config_file(cmake/crmConfig.cmake.in ${PROJECT_BINARY_DIR}/crmConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crm)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/crmConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/crmConfig.cmake
  ${PROJECT_BINARY_DIR}/crmConfigVersion.cmake
  cmake/FindPhoneNumber.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crm)

file(RELATIVE_PATH CRM_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(cmake/crm.pc.in ${PROJECT_BINARY_DIR}/crm.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/crm.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
