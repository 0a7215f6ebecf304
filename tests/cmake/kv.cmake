# opsroom::kv on a real RocksDB in a temp dir (the hub's store and the node's
# outbox have their own suites: hub_unit_tests, outbox_tests).
opsroom_add_test(kv_tests
  SOURCES unit/kv_db_test.cc
  LIBS opsroom::kv)
