# The .deb built by CPack from this tree, unpacked in a throwaway root, and
# the hub started from its unit's ExecStart line (tests/packaging/deb_test.sh).
find_program(OPSROOM_DPKG_DEB dpkg-deb)
if(OPSROOM_DPKG_DEB AND TARGET opsroom-hub AND TARGET opsroom-node AND TARGET opsroom-keys)
  add_test(NAME package_deb COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/packaging/deb_test.sh ${PROJECT_BINARY_DIR})
  set_tests_properties(package_deb PROPERTIES TIMEOUT 900 LABELS packaging)
endif()

# The node library installed (cmake --install, component opsroom_dev) and
# built against by a tiny consumer with find_package(opsroom) and with
# pkg-config (tests/packaging/consumer_test.sh).
find_program(OPSROOM_PKG_CONFIG pkg-config)
if(OPSROOM_PKG_CONFIG AND TARGET opsroom_nodes)
  add_test(NAME package_consumer COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/packaging/consumer_test.sh ${PROJECT_BINARY_DIR})
  set_tests_properties(package_consumer PROPERTIES TIMEOUT 900 LABELS packaging)
endif()
