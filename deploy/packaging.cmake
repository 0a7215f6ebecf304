# `cmake --build build --target package`: two .debs (CPack, one per install
# component). `opsroom` (component opsroom): the binaries, the hub's and a node
# sender's systemd units, the hub's settings (/etc/opsroom/hub.toml,
# /etc/default/opsroom-hub), the places and participants files, the docs, man
# pages (man_pages.cmake) and the Grafana dashboard. `opsroom-dev` (component
# opsroom_dev): the node library for embedding (package_config.cmake: static
# libraries, headers, find_package(opsroom), opsroom-nodes.pc). Installed paths
# follow Debian: /usr/bin, /usr/lib/systemd/system, /etc (conffiles: an
# operator's edits survive an upgrade), /usr/share/opsroom, /usr/share/doc/opsroom.
install(TARGETS opsroom-hub opsroom-keys opsroom-node opsroom-match RUNTIME DESTINATION bin)
if(TARGET opsroom-console)
  install(TARGETS opsroom-console RUNTIME DESTINATION bin)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/opsroom-hub.service
              ${PROJECT_SOURCE_DIR}/deploy/systemd/opsroom-node-sender@.service
              ${PROJECT_SOURCE_DIR}/deploy/systemd/opsroom-node-sender@.timer
        DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/sysusers.d/opsroom.conf DESTINATION lib/sysusers.d)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/opsroom-hub.default DESTINATION /etc/default RENAME opsroom-hub)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/hub.toml DESTINATION /etc/opsroom)
install(FILES ${PROJECT_SOURCE_DIR}/data/places.tsv ${PROJECT_SOURCE_DIR}/data/participants.tsv
              ${PROJECT_SOURCE_DIR}/data/PLACES.md
        DESTINATION share/opsroom)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/protocol.md
              ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/docs/exports.md
              ${PROJECT_SOURCE_DIR}/docs/import.md ${PROJECT_SOURCE_DIR}/docs/desk.md
        DESTINATION share/doc/opsroom)

install(FILES ${PROJECT_SOURCE_DIR}/deploy/grafana/opsroom-hub.json DESTINATION share/opsroom/grafana)
include(${PROJECT_SOURCE_DIR}/deploy/man_pages.cmake)
include(${PROJECT_SOURCE_DIR}/deploy/package_config.cmake)

file(WRITE ${PROJECT_BINARY_DIR}/deb/conffiles "/etc/default/opsroom-hub\n/etc/opsroom/hub.toml\n")
configure_file(${PROJECT_SOURCE_DIR}/deploy/postinst ${PROJECT_BINARY_DIR}/deb/postinst COPYONLY)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME opsroom)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "opsroom maintainers <opsroom@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # opsroom_<version>_amd64.deb, opsroom-dev_<version>_amd64.deb
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL opsroom opsroom_dev)

# The service and tools.
set(CPACK_DEBIAN_OPSROOM_PACKAGE_NAME opsroom)
set(CPACK_DEBIAN_OPSROOM_PACKAGE_SECTION net)
# Each description: its first line is the summary (CPACK_PACKAGE_DESCRIPTION_SUMMARY would be put before both).
set(CPACK_DEBIAN_OPSROOM_DESCRIPTION "operations-room hub, national node tools and console
The hub (a systemd service), opsroom-node, opsroom-keys, opsroom-match and the
operator console, with their settings, data files, man pages and docs.")
set(CPACK_DEBIAN_OPSROOM_PACKAGE_SHLIBDEPS ON)  # Depends: from the binaries' shared libraries
set(CPACK_DEBIAN_OPSROOM_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/deb/conffiles ${PROJECT_BINARY_DIR}/deb/postinst)

# The node library for a national system's own program (docs/embedding.md): static
# libraries and headers, so its Depends are the -dev packages its headers and
# link line name (opsroom-config.cmake, opsroom-nodes.pc).
set(CPACK_DEBIAN_OPSROOM_DEV_PACKAGE_NAME opsroom-dev)
set(CPACK_DEBIAN_OPSROOM_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_OPSROOM_DEV_DESCRIPTION "opsroom node library for a national system's own program
Publish with acknowledgement, subscribe with snapshot and replay, the durable
outbox and the envelope builders: static libraries, headers under
/usr/include/opsroom, find_package(opsroom) and opsroom-nodes.pc.")
set(CPACK_DEBIAN_OPSROOM_DEV_PACKAGE_DEPENDS
    "cppzmq-dev, libzmq3-dev, libflatbuffers-dev, librocksdb-dev, libsodium-dev, libicu-dev, pkg-config")

set(CPACK_STRIP_FILES ON)               # debug info stays in the build tree
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # fast on two cores; xz saves little on stripped binaries
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)
include(CPack)
