# opsroom::cluster (docs/cluster.md): three raft members on loopback TCP with
# real raft data directories in a temp dir; in threads (replicated_log_test)
# and as child processes killed with SIGKILL (member_kill_test, through
# cluster_test_member); and deterministically in raft's fixture.
opsroom_add_test(cluster_tests
  SOURCES cluster/replicated_log_test.cc
  LIBS opsroom::cluster)

# Deterministic, in raft's own fixture (raft/fixture.h, in Debian's libraft-dev).
opsroom_add_test(cluster_fixture_tests
  SOURCES cluster/raft_fixture_test.cc
  LIBS opsroom::cluster PkgConfig::RAFT)

add_executable(cluster_test_member cluster/cluster_test_member.cc)
target_include_directories(cluster_test_member PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(cluster_test_member PRIVATE opsroom::cluster opsroom_warnings)

opsroom_add_test(cluster_process_tests
  SOURCES cluster/member_kill_test.cc
  LIBS opsroom::cluster)
target_compile_definitions(cluster_process_tests PRIVATE CLUSTER_TEST_MEMBER="$<TARGET_FILE:cluster_test_member>")
add_dependencies(cluster_process_tests cluster_test_member)

# Three real hubs as one cluster (hub/cluster/replicated_commit.h): acks from
# the leader, identical logs, fan-out on a follower, a new leader; secure mode.
if(TARGET opsroom::hub_fixture)
  opsroom_add_test(hub_cluster_tests
    SOURCES cluster/hub_cluster_test.cc cluster/hub_cluster_secure_test.cc integration/security_key_dir.cc
    LIBS opsroom::hub_fixture)
endif()
