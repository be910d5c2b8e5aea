# cmake --install: headers, the library, and CMake package files so that
# find_package(crm CONFIG) + target_link_libraries(app PRIVATE crm::crm) works.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS crm EXPORT crmTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/crm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT crmTargets NAMESPACE crm:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crm)

configure_package_config_file(cmake/crmConfig.cmake.in ${PROJECT_BINARY_DIR}/crmConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crm)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/crmConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/crmConfig.cmake
  ${PROJECT_BINARY_DIR}/crmConfigVersion.cmake
  cmake/FindPhoneNumber.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crm)
