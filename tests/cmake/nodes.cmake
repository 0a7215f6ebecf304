# Node library unit tests (no hub needed).
opsroom_add_test(nodes_tests
  SOURCES unit/nodes_envelope_builder_test.cc unit/nodes_state_mirror_test.cc unit/nodes_fsm_test.cc unit/nodes_simulator_test.cc unit/nodes_sim_alert_life_test.cc unit/nodes_cli_test.cc unit/nodes_send_board_test.cc unit/nodes_csv_import_test.cc unit/nodes_sample_specs.cc unit/nodes_hub_list_test.cc
  LIBS opsroom::nodes opsroom::node_sim opsroom::node_cli opsroom::state_mirror)
