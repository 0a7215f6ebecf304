// For the code that implements a store on RocksDB (kv/db.cc, the hub's
// rocks_store.cc) and nothing else: it includes RocksDB. Maps rocksdb::Status
// to kv::Status and string_view to Slice, and names the WAL recovery rule
// every opsroom store opens with.
#pragma once
#include <string_view>

#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/status.h>

#include "kv/status.h"

namespace opsroom::kv {

// Every acknowledged write was synced before its ack, so the only WAL record
// a crash or power cut can tear is the last one, a write nobody was told
// about. kTolerateCorruptedTailRecords accepts exactly that torn tail and
// REFUSES to open on any other corruption. The alternatives are worse:
// kPointInTimeRecovery stops replay at a corruption in the middle of the log
// and opens silently without every acknowledged write after it;
// kAbsoluteConsistency refuses to open after an ordinary kill -9 or power cut
// that tore an unacknowledged tail.
inline constexpr rocksdb::WALRecoveryMode kWalRecovery = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;

Status FromRocks(const rocksdb::Status& status);

inline rocksdb::Slice ToSlice(std::string_view text) { return {text.data(), text.size()}; }
inline std::string_view ToView(const rocksdb::Slice& slice) { return {slice.data(), slice.size()}; }

}  // namespace opsroom::kv
