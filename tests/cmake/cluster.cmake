# opsroom::cluster (docs/cluster.md): three raft members on loopback TCP with
# real raft data directories in a temp dir; in threads (replicated_log_test)
# and as child processes killed with SIGKILL (member_kill_test, through
# cluster_test_member).
opsroom_add_test(cluster_tests
  SOURCES cluster/replicated_log_test.cc
  LIBS opsroom::cluster)
