# Store-and-forward and failure tests (issue: never lose a report).
# TEMPORARY: outbox.cc compiled here until it joins the opsroom::nodes library.
opsroom_add_test(outbox_tests
  SOURCES unit/outbox_test.cc ${PROJECT_SOURCE_DIR}/nodes/outbox.cc
  LIBS opsroom::wire RocksDB::rocksdb-shared)
