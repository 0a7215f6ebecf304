# Protocol hardening: the frame fuzz target (libFuzzer build in tests/fuzz/,
# replayed here with any compiler), one test per malformed-frame class, and a
# node written in Python from docs/protocol.md and the schemas alone.

# libFuzzer target, when asked for and not already added by the top level.
get_property(opsroom_fuzz_added GLOBAL PROPERTY OPSROOM_FUZZ_ADDED)
if(OPSROOM_BUILD_FUZZ AND NOT opsroom_fuzz_added)
  add_subdirectory(${CMAKE_CURRENT_SOURCE_DIR}/fuzz ${CMAKE_BINARY_DIR}/tests/fuzz)
endif()

# The fuzz target's function over the committed seeds plus seeded mutations.
add_executable(frame_fuzz_replay fuzz/frame_fuzz.cc fuzz/replay_main.cc)
target_include_directories(frame_fuzz_replay PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(frame_fuzz_replay PRIVATE opsroom::wire opsroom_warnings)
add_test(NAME frame_fuzz_replay
         COMMAND frame_fuzz_replay --mutations 200000 --seed 1 --max-seconds 120 --min-reasons 12
                 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/frame_fuzz)
set_tests_properties(frame_fuzz_replay PROPERTIES TIMEOUT 300)

# The seed generator; the test keeps the committed seeds equal to its output.
add_executable(frame_fuzz_make_corpus fuzz/make_corpus.cc unit/wire_sample_envelopes.cc)
target_include_directories(frame_fuzz_make_corpus PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(frame_fuzz_make_corpus PRIVATE opsroom::wire opsroom_warnings)
add_test(NAME frame_fuzz_corpus_fresh
         COMMAND frame_fuzz_make_corpus --check ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/frame_fuzz)

# The parser fuzz targets over their committed seeds and regress-* inputs
# (tests/fuzz/corpus/<target>/), once each, with any compiler.
foreach(target json_fuzz key_files_fuzz places_fuzz control_fuzz match_fuzz csv_fuzz)
  add_executable(${target}_replay fuzz/${target}.cc fuzz/corpus_replay_main.cc)
  target_include_directories(${target}_replay PRIVATE ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${target}_replay PRIVATE opsroom::hub_core opsroom::hub_tools opsroom::node_cli opsroom_warnings)
  add_test(NAME ${target}_replay COMMAND ${target}_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${target})
  set_tests_properties(${target}_replay PROPERTIES TIMEOUT 120)
endforeach()

# The stateful target (one hub core, the simulator's store and clients) over
# its committed scripts and regress-* inputs.
add_executable(hub_core_fuzz_replay fuzz/hub_core_fuzz.cc fuzz/corpus_replay_main.cc
  sim/sim_console.cc sim/sim_hub.cc sim/sim_log.cc sim/sim_node.cc sim/sim_registry.cc sim/sim_store.cc)
target_include_directories(hub_core_fuzz_replay PRIVATE ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(hub_core_fuzz_replay PRIVATE opsroom::hub_core opsroom_warnings)
add_test(NAME hub_core_fuzz_replay COMMAND hub_core_fuzz_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/hub_core_fuzz)
set_tests_properties(hub_core_fuzz_replay PROPERTIES TIMEOUT 120)

# One test per malformed-frame class, each with its own reason code.
opsroom_add_test(wire_malformed_test
  SOURCES unit/wire_malformed_structure_test.cc unit/wire_malformed_content_test.cc
          unit/wire_malformed_required_test.cc unit/wire_malformed_support.cc unit/wire_sample_envelopes.cc
  LIBS opsroom::wire)

# A node written in Python from docs/protocol.md and the schemas alone, run
# against a real hub. Debian's interpreter sees python3-zmq and python3-flatbuffers.
file(GLOB opsroom_schema_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/schemas/*.fbs)
set(opsroom_python_gen ${CMAKE_BINARY_DIR}/gen/python)
add_custom_command(
  OUTPUT ${opsroom_python_gen}/opsroom/wire/Frame.py
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${opsroom_python_gen}/opsroom
  COMMAND flatbuffers::flatc --python -o ${opsroom_python_gen} ${opsroom_schema_files}
  DEPENDS ${opsroom_schema_files} flatbuffers::flatc
  COMMENT "flatc: generating Python for schemas/"
  VERBATIM)
add_custom_target(opsroom_python_wire ALL DEPENDS ${opsroom_python_gen}/opsroom/wire/Frame.py)
find_program(OPSROOM_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(TARGET opsroom-hub AND OPSROOM_SYSTEM_PYTHON)
  add_test(NAME python_node
           COMMAND ${OPSROOM_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/python/run_with_hub.py
                   --hub-binary $<TARGET_FILE:opsroom-hub> --pythonpath ${opsroom_python_gen}
                   -- ${OPSROOM_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/python/python_node.py)
  set_tests_properties(python_node PROPERTIES TIMEOUT 180 SKIP_RETURN_CODE 77)
endif()

# Need-to-know: the entitlement rule as a table, and the named case.
opsroom_add_test(security_entitlement_test
  SOURCES unit/security_entitlement_test.cc unit/wire_sample_envelopes.cc
  LIBS opsroom::wire)

# Authentication: the key registry, key files, the ZAP handler with real CURVE
# sockets, opsroom-keys, and the hash-chained audit log over a real store.
opsroom_add_test(security_unit_tests
  SOURCES unit/security_registry_test.cc unit/security_zap_test.cc unit/security_keys_tool_test.cc
          unit/security_audit_test.cc unit/security_audience_test.cc unit/security_identity_test.cc
          unit/security_remark_record_test.cc unit/wire_sample_envelopes.cc
          unit/security_audit_heads_test.cc unit/audit_tamper.cc
  LIBS opsroom::hub_tools)

# The hub with CURVE and a key registry, against raw CURVE clients: identities
# from keys, revocation, need-to-know on every path (random markings against a
# model; the named ME/AL/RS case), a handshake flood, the audit chain.
opsroom_add_test(security_hub_test
  SOURCES integration/security_hub_test.cc integration/security_gaps_test.cc integration/security_key_dir.cc
          integration/ops_sitrep_country_test.cc integration/ops_scope_test.cc integration/security_as_of_test.cc
          integration/security_link_log_test.cc
  LIBS opsroom::hub_fixture opsroom::hub_tools opsroom::state_mirror)
add_dependencies(security_hub_test opsroom-hub)

# Need-to-know at its edges: identities of every allowed (participant, role)
# pair, forbidden pairs refused at load and audited, items re-marked both ways
# (replay and snapshot give the same state, exactly the latest markings');
# pages judged by the latest durable marking while a re-marking is in flight.
opsroom_add_test(security_remark_test
  SOURCES integration/security_remark_test.cc integration/security_pending_remark_test.cc
          integration/security_key_dir.cc chaos/fault_fs.cc
  LIBS opsroom::hub_fixture opsroom::nodes opsroom::state_mirror RocksDB::rocksdb-shared)

# The clients over CURVE: Publisher, Subscriber and StoreAndForwardPublisher
# with keys against an in-process hub with a registry (identity from the key,
# unregistered keys get nothing, need-to-know through the library).
opsroom_add_test(security_clients_test
  SOURCES integration/security_clients_test.cc integration/security_key_dir.cc
  LIBS opsroom::hub_fixture opsroom::nodes)

# The binaries over CURVE: a bare opsroom-hub's first start in an empty
# directory, opsroom-keys, opsroom-node alert/tail/simulate, stats, key mistakes.
if(TARGET opsroom-node)
  opsroom_add_test(security_cli_test
    SOURCES integration/security_cli_test.cc chaos/process.cc
    LIBS opsroom::nodes opsroom::node_sim)
  add_dependencies(security_cli_test opsroom-hub opsroom-keys opsroom-node)
endif()

# The console's network layer over CURVE (no window): what a console role sees.
if(TARGET opsroom::console_net)
  opsroom_add_test(security_console_test
    SOURCES integration/security_console_test.cc integration/security_key_dir.cc
    LIBS opsroom::console_net opsroom::hub_fixture)
endif()

# Signed audit heads end to end: clients of every role receive and check them
# over the real fan-out; history rewritten on a copy of the store is caught by
# `opsroom-hub audit --verify` through the heads the hub kept and a client saved.
opsroom_add_test(security_audit_heads_test
  SOURCES integration/security_audit_heads_test.cc integration/security_key_dir.cc unit/audit_tamper.cc
  LIBS opsroom::hub_fixture opsroom::nodes)
add_dependencies(security_audit_heads_test opsroom-hub)

# Ids without a node prefix are namespaced by the hub (issue 10.1): the hub,
# a node's state mirror and the console's model key every item alike.
if(TARGET opsroom::console_net)
  opsroom_add_test(security_id_namespace_test
    SOURCES integration/security_id_namespace_test.cc integration/security_key_dir.cc
    LIBS opsroom::hub_fixture opsroom::nodes opsroom::state_mirror opsroom::console_net)
endif()
