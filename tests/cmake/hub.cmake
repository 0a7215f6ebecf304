# Hub tests. The fixture is a library so that other areas' integration tests
# (nodes, chaos, security) can start a real hub with it.
add_library(opsroom_hub_fixture STATIC ${CMAKE_CURRENT_SOURCE_DIR}/integration/hub_fixture.cc)
target_include_directories(opsroom_hub_fixture PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(opsroom_hub_fixture PUBLIC opsroom::hub_core GTest::gtest PRIVATE opsroom_warnings)
add_library(opsroom::hub_fixture ALIAS opsroom_hub_fixture)

opsroom_add_test(hub_integration_tests
  SOURCES integration/hub_ingest_test.cc integration/hub_refusal_test.cc integration/hub_query_test.cc
          integration/hub_cli_test.cc integration/hub_held_copy_test.cc integration/hub_start_test.cc
          integration/hub_export_test.cc integration/hub_metrics_test.cc integration/hub_audit_writes_test.cc
          integration/hub_config_cli_test.cc integration/hub_report_test.cc integration/hub_link_log_test.cc
  LIBS opsroom::hub_fixture opsroom::hub_tools opsroom::state_mirror PkgConfig::HTTPLIB nlohmann_json::nlohmann_json)
add_dependencies(hub_integration_tests opsroom-hub)

opsroom_add_test(hub_unit_tests
  SOURCES unit/store_test.cc unit/hub_state_merge_test.cc unit/hub_ingest_test.cc unit/hub_config_test.cc unit/hub_config_file_test.cc
          unit/hub_sender_claims_test.cc unit/hub_status_audience_test.cc
          unit/hub_config_reload_test.cc unit/hub_item_versions_test.cc unit/hub_deadline_index_test.cc
          unit/hub_batch_entry_test.cc unit/hub_members_file_test.cc
  LIBS opsroom::hub_fixture opsroom::hub_tools)

# Log retention (--retain-days) through a real hub: sweep, snapshot, replay over the gap, audit.
opsroom_add_test(hub_retention_tests
  SOURCES integration/hub_retention_test.cc
  LIBS opsroom::hub_fixture opsroom::hub_tools)

# The store's defences on a real RocksDB: a WAL that lost synced records, a
# full disk (on the chaos harness's fault file system).
opsroom_add_test(hub_store_durability_tests
  SOURCES unit/store_durability_test.cc chaos/fault_fs.cc
  LIBS opsroom::hub_core RocksDB::rocksdb-shared)

# A hub whose disk fills and frees again (on the chaos harness's fault file
# system): the recovery's audit record, the retry's reason in HubStatus.
opsroom_add_test(hub_store_failure_tests
  SOURCES integration/hub_store_failure_test.cc chaos/fault_fs.cc
  LIBS opsroom::hub_fixture RocksDB::rocksdb-shared)

# Backup under load, restore, and a hub on the restored copy; what --force
# may move, file modes, the audit record, a control socket nobody answers.
opsroom_add_test(hub_backup_tests
  SOURCES integration/hub_backup_test.cc integration/hub_backup_safety_test.cc
  LIBS opsroom::hub_fixture opsroom::hub_tools)
add_dependencies(hub_backup_tests opsroom-hub)

# SIGHUP to a real opsroom-hub process after its hub.toml was edited.
opsroom_add_test(hub_reload_tests
  SOURCES integration/hub_reload_test.cc chaos/process.cc)
add_dependencies(hub_reload_tests opsroom-hub)
