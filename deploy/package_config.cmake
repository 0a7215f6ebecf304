# What a national system needs to embed the node library: the static
# libraries behind opsroom::nodes, their headers, a CMake package config
# (find_package(opsroom) giving opsroom::nodes, its dependencies found) and a
# pkg-config file (opsroom-nodes.pc). Installed by `cmake --install` and the .deb.
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

# opsroom::nodes and what it links, under the names consumers see (opsroom::wire ...).
set(opsroom_exported opsroom_nodes opsroom_wire opsroom_schemas opsroom_kv opsroom_match opsroom_warnings)
set_target_properties(opsroom_nodes PROPERTIES EXPORT_NAME nodes)
set_target_properties(opsroom_wire PROPERTIES EXPORT_NAME wire)
set_target_properties(opsroom_schemas PROPERTIES EXPORT_NAME schemas)
set_target_properties(opsroom_kv PROPERTIES EXPORT_NAME kv)
set_target_properties(opsroom_match PROPERTIES EXPORT_NAME match)
set_target_properties(opsroom_warnings PROPERTIES EXPORT_NAME warnings)
set(opsroom_include_dir ${CMAKE_INSTALL_INCLUDEDIR}/opsroom)
install(TARGETS ${opsroom_exported} EXPORT opsroom-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT opsroom_dev
        INCLUDES DESTINATION ${opsroom_include_dir})
install(EXPORT opsroom-targets NAMESPACE opsroom:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/opsroom
        COMPONENT opsroom_dev)

# The headers, at the paths the sources include them by ("nodes/client/publisher.h").
foreach(dir nodes/client wire kv match)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION ${opsroom_include_dir}/${dir}
          COMPONENT opsroom_dev FILES_MATCHING PATTERN "*.h")
endforeach()
install(DIRECTORY ${PROJECT_BINARY_DIR}/gen/ DESTINATION ${opsroom_include_dir}
        COMPONENT opsroom_dev FILES_MATCHING PATTERN "*_generated.h")
install(FILES ${PROJECT_BINARY_DIR}/nodes/client/gen/nodes/client/software_version.h
        DESTINATION ${opsroom_include_dir}/nodes/client COMPONENT opsroom_dev)

configure_package_config_file(${PROJECT_SOURCE_DIR}/deploy/opsroom-config.cmake.in
                              ${PROJECT_BINARY_DIR}/deploy/opsroom-config.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/opsroom)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/deploy/opsroom-config-version.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/deploy/opsroom-config.cmake
              ${PROJECT_BINARY_DIR}/deploy/opsroom-config-version.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/opsroom COMPONENT opsroom_dev)

# pkg-config: paths relative to the .pc file, so the same file works under any --prefix.
string(REGEX REPLACE "[^/]+" ".." OPSROOM_PC_TO_PREFIX "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
configure_file(${PROJECT_SOURCE_DIR}/deploy/opsroom-nodes.pc.in ${PROJECT_BINARY_DIR}/deploy/opsroom-nodes.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/deploy/opsroom-nodes.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT opsroom_dev)
