# End-to-end tests of the node library and opsroom-node against a real hub
# (tests/integration/hub_fixture.h: in-process hub, loopback, temp RocksDB).
if(TARGET opsroom::hub_fixture AND TARGET opsroom::nodes)
  opsroom_add_test(e2e_tests
    SOURCES integration/e2e_traffic_test.cc integration/e2e_restart_test.cc integration/e2e_gap_test.cc
            integration/e2e_rewind_test.cc integration/e2e_sim_outbox_test.cc
    LIBS opsroom::nodes opsroom::node_sim opsroom::state_mirror opsroom::hub_fixture)

  # Clients of a cluster of hubs (docs/protocol.md section 17): NotLeader from a
  # hub told it does not lead, a node following it or passing a dead hub over,
  # a subscriber moving to the next hub.
  opsroom_add_test(cluster_client_tests
    SOURCES integration/cluster_publish_test.cc integration/cluster_subscribe_test.cc
    LIBS opsroom::nodes opsroom::hub_fixture opsroom::hub_tools)

  # Runs the real binary (OPSROOM_BINARY_DIR/nodes/opsroom-node).
  opsroom_add_test(cli_tests
    SOURCES integration/cli_node_test.cc integration/cli_send_test.cc integration/cli_operation_test.cc
            integration/cli_places_test.cc integration/cli_cluster_test.cc
    LIBS opsroom::nodes opsroom::hub_fixture opsroom::hub_tools)
  add_dependencies(cli_tests opsroom-node)
endif()

# Checks and hits through a secure hub: cross-script delivery (owner full,
# checker redacted, nobody else), every reason a hit is or is not raised,
# decisions and rejected pairs across a restart, determinism of the log, the
# window's Checks across a restart (the Checks index).
if(TARGET opsroom::hub_fixture)
  opsroom_add_test(match_hub_test
    SOURCES integration/match_hub_test.cc integration/match_determinism_test.cc integration/match_restart_test.cc
            integration/match_fixture.cc integration/security_key_dir.cc
    LIBS opsroom::hub_fixture)
endif()

# The room's deadlines (docs/protocol.md section 15) through a secure hub whose
# clock the test moves: escalation, expiry, restart and replay identity.
if(TARGET opsroom::hub_fixture)
  opsroom_add_test(desk_hub_test
    SOURCES integration/desk_deadline_test.cc integration/desk_hit_deadline_test.cc integration/match_fixture.cc integration/security_key_dir.cc
    LIBS opsroom::hub_fixture)
endif()
