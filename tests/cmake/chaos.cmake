# Store-and-forward and failure tests (issue: never lose a report).
# The outbox and StoreAndForwardPublisher are in opsroom::nodes.

opsroom_add_test(outbox_tests
  SOURCES unit/outbox_test.cc unit/outbox_modes_test.cc
  LIBS opsroom::nodes)

# The chaos harness: real processes on loopback (tests/chaos/README.md).
add_library(opsroom_chaos STATIC
  chaos/cluster.cc
  chaos/hub_client.cc
  chaos/ledger.cc
  chaos/process.cc
  chaos/relay.cc
  chaos/scenario_steps.cc
  chaos/scenarios_network.cc
  chaos/scenarios_process.cc
  chaos/scenarios_storage.cc
  chaos/soak_total.cc
  chaos/traffic.cc)
target_include_directories(opsroom_chaos PUBLIC ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(opsroom_chaos PRIVATE
  OPSROOM_BINARY_DIR="${CMAKE_BINARY_DIR}"
  OPSROOM_CHAOS_NODE_BINARY="$<TARGET_FILE:chaos_node>"
  $<$<BOOL:${OPSROOM_LONG_TESTS}>:OPSROOM_LONG_TESTS>)
target_link_libraries(opsroom_chaos PUBLIC opsroom::nodes opsroom::state_mirror cppzmq Threads::Threads
  PRIVATE opsroom_warnings)

# The harness's node: a StoreAndForwardPublisher writing what it attempted and
# what was acknowledged; and the runner for any seed and the long runs.
add_executable(chaos_node chaos/chaos_node.cc chaos/traffic.cc)
target_include_directories(chaos_node PRIVATE ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(chaos_node PRIVATE opsroom::nodes opsroom::state_mirror opsroom_warnings)
add_executable(chaos_run chaos/chaos_run.cc)
target_link_libraries(chaos_run PRIVATE opsroom_chaos opsroom_warnings)
add_dependencies(opsroom_chaos chaos_node opsroom-hub)

# chaos_hub: opsroom-hub with its store on tests/chaos/fault_fs.h (through
# HubConfig::store_env), for power cuts (scenario 2) and a full disk (9).
add_executable(chaos_hub chaos/chaos_hub.cc chaos/fault_fs.cc)
target_include_directories(chaos_hub PRIVATE ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(chaos_hub PRIVATE opsroom::hub_tools RocksDB::rocksdb-shared Threads::Threads opsroom_warnings)
target_compile_definitions(opsroom_chaos PRIVATE OPSROOM_CHAOS_HUB_BINARY="$<TARGET_FILE:chaos_hub>")
add_dependencies(opsroom_chaos chaos_hub)

opsroom_add_test(chaos_unit_tests
  SOURCES chaos/ledger_test.cc chaos/soak_total_test.cc chaos/relay_test.cc chaos/fault_fs_test.cc chaos/fault_fs.cc
  LIBS opsroom_chaos RocksDB::rocksdb-shared)

# StoreAndForwardPublisher against a real in-process hub and a black-hole hub.
opsroom_add_test(store_forward_tests
  SOURCES unit/store_forward_test.cc unit/store_forward_hub_loss_test.cc
  LIBS opsroom::nodes opsroom_chaos opsroom::hub_fixture)

# The scenarios: real processes, run one at a time (they measure time and
# share two cores). Short by default, long with OPSROOM_LONG_TESTS=ON.
add_executable(chaos_scenario_tests chaos/scenarios_test.cc)
target_link_libraries(chaos_scenario_tests PRIVATE opsroom_chaos GTest::gtest GTest::gtest_main opsroom_warnings)
if(OPSROOM_LONG_TESTS)
  set(chaos_timeout 3600)
else()
  set(chaos_timeout 300)
endif()
gtest_discover_tests(chaos_scenario_tests DISCOVERY_TIMEOUT 60
  PROPERTIES RUN_SERIAL TRUE TIMEOUT ${chaos_timeout} LABELS chaos)
