// The RocksDB options of the hub's store: per column family (memtables,
// tables, filters) and for the database (WAL recovery, WAL size, jobs).
#include "hub/rocks_options.h"

#include <algorithm>
#include <memory>

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include "kv/rocks.h"

namespace opsroom::hub {

namespace {

constexpr std::size_t kBlockCacheBytes = std::size_t{256} << 20;

// "<name>\0<be64>" -> "<name>\0" (a log key -> ""): keys that grow in order
// under one prefix, so a memtable insert can start from the previous one.
class SequencePrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "opsroom.SequencePrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override { return {key.data(), key.size() - 8}; }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() >= 8; }
};

// Alert keys "<alert_id>\0<be64>": ids are usually "<node>...<counter>", so the
// id without its trailing digits (at most 24 bytes) groups one origin's keys,
// which then arrive in order. Random ids still work, only without the gain.
class AlertIdPrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "opsroom.AlertIdPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    std::size_t end = key.size() - 9;
    while (end > 0 && key[end - 1] >= '0' && key[end - 1] <= '9') --end;
    return {key.data(), std::min<std::size_t>(end, 24)};
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > 9; }
};

// One block cache for every family of every store the process opens.
// Without it each family's table factory makes its own 8 MB cache, and a
// snapshot, an as-of snapshot or a query over a large store reads and evicts
// a block for almost every point lookup. Filled only as tables are read, so a
// hub's memory grows by at most this much. Measured (opsroom-bench-restart
// --as-of 3, 300,000 events, 0.35 GB): a snapshot of now 2.7 -> 1.4 s, the
// state at a past sequence 1.5-2.2 -> 1.2 s; at 1,000,000 events (1.2 GB,
// beyond the cache) no change either way.
std::shared_ptr<rocksdb::Cache> SharedBlockCache() {
  static const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  return cache;
}

}  // namespace

rocksdb::ColumnFamilyOptions FamilyOptions(Family family) {
  rocksdb::ColumnFamilyOptions options;
  // The log takes ~585 of the ~690 WAL bytes of a message. Its 128 MB is a
  // ceiling it no longer reaches: the WAL bound (DatabaseOptions) flushes it at
  // about 27 MB. Keys arrive in order, so its compactions are trivial moves.
  options.write_buffer_size = family == Family::kLog ? 128 << 20 : 32 << 20;
  options.compression = rocksdb::kNoCompression;
  rocksdb::BlockBasedTableOptions table;
  // Point lookups (dedupe on resend, owner checks) mostly miss: bloom filters
  // in tables and in the memtable, so that a miss costs no skiplist search.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Debian's RocksDB computes CRC32c in software (~1 GB/s); XXH3 block
  // checksums cost the flush thread a fraction of that. (The WAL keeps CRC32c.)
  table.checksum = rocksdb::kXXH3;
  table.block_cache = SharedBlockCache();
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  if (family != Family::kLog) {
    options.memtable_prefix_bloom_size_ratio = 0.05;
    options.memtable_whole_key_filtering = true;
  }
  // Log, audit and dedupe keys grow in order (globally / per origin): insert with hints.
  if (family == Family::kLog || family == Family::kAudit || family == Family::kDedupe) {
    options.memtable_insert_with_hint_prefix_extractor = std::make_shared<SequencePrefix>();
  }
  if (family == Family::kAlerts) options.memtable_insert_with_hint_prefix_extractor = std::make_shared<AlertIdPrefix>();
  return options;
}

rocksdb::DBOptions DatabaseOptions() {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  // Accepts a torn last WAL record and nothing else (kv/rocks.h says why).
  options.wal_recovery_mode = kv::kWalRecovery;
  options.paranoid_checks = true;
  options.max_background_jobs = 2;
  // What a start replays (after kill -9 or a power cut; a clean stop flushes
  // nothing either) is the WAL some family has not flushed yet, all of it
  // read, inserted into memtables and flushed before the hub serves. Past
  // this bound RocksDB flushes every family that holds the oldest WAL file:
  // the rarely written ones (nodes, dedupe, audit, meta, alerts) hold every
  // file until then, as the log does until its flush. So a start replays at
  // most about this much, plus a file whose flush was still running. 512 MB
  // made a start after kill -9 take 4-14 s at 10 M events; 32 MB about 1 s,
  // for 9-24% more CPU per ingested message and a peak 3-45% lower (more, smaller
  // flushes; the spread is the shared machine's load); 16 MB piled up level-0 files of the small families until writes
  // slowed (docs/operations.md, "Restart time": the figures, the trade).
  options.max_total_wal_size = 32 << 20;
  // Tables open when first read (RocksDB opens 16 at the open), not all at
  // the open: a start reads a few (the last log key, the node table, the
  // audit head); -1 opened every one (hundreds at 10 M events) before the hub
  // could serve. 4,096 open tables hold a store of ~250 GB before any closes.
  options.max_open_files = 4096;
  // Nor does an open read table properties for compaction statistics.
  options.skip_stats_update_on_db_open = true;
  options.keep_log_file_num = 4;
  return options;
}

}  // namespace opsroom::hub
