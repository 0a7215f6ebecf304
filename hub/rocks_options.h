// The RocksDB options the hub's store opens with (hub/rocks_store.cc, their
// only user; like kv/rocks.h this header includes RocksDB). Built on the
// opening thread, once per open.
#pragma once
#include <rocksdb/options.h>

#include "hub/store.h"

namespace opsroom::hub {

// One column family's options: memtable size, table format, filters, insert hints.
rocksdb::ColumnFamilyOptions FamilyOptions(Family family);

// The database's: WAL recovery rule, WAL size bound, background jobs.
rocksdb::DBOptions DatabaseOptions();

}  // namespace opsroom::hub
