# Store-and-forward and failure tests (issue: never lose a report).
#
# TEMPORARY: the outbox and the store-and-forward publisher build here as
# opsroom::store_forward until nodes/CMakeLists.txt adds nodes/outbox.cc and
# nodes/store_forward.cc (and RocksDB) to opsroom::nodes; then this block goes.
if(NOT TARGET opsroom_store_forward)
  add_library(opsroom_store_forward STATIC
    ${PROJECT_SOURCE_DIR}/nodes/outbox.cc
    ${PROJECT_SOURCE_DIR}/nodes/store_forward.cc)
  target_include_directories(opsroom_store_forward PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(opsroom_store_forward PUBLIC opsroom::nodes PRIVATE RocksDB::rocksdb-shared opsroom_warnings)
  add_library(opsroom::store_forward ALIAS opsroom_store_forward)
endif()

opsroom_add_test(outbox_tests
  SOURCES unit/outbox_test.cc
  LIBS opsroom::store_forward)

# The chaos harness: real processes on loopback (tests/chaos/README.md).
add_library(opsroom_chaos STATIC
  chaos/hub_client.cc
  chaos/ledger.cc
  chaos/process.cc
  chaos/relay.cc
  chaos/traffic.cc)
target_include_directories(opsroom_chaos PUBLIC ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(opsroom_chaos PRIVATE OPSROOM_BINARY_DIR="${CMAKE_BINARY_DIR}")
target_link_libraries(opsroom_chaos PUBLIC opsroom::store_forward opsroom::nodes cppzmq Threads::Threads
  PRIVATE opsroom_warnings)

opsroom_add_test(chaos_unit_tests
  SOURCES chaos/ledger_test.cc chaos/relay_test.cc
  LIBS opsroom_chaos)

# StoreAndForwardPublisher against a real in-process hub and a black-hole hub.
opsroom_add_test(store_forward_tests
  SOURCES unit/store_forward_test.cc
  LIBS opsroom::store_forward opsroom_chaos opsroom::hub_fixture)
