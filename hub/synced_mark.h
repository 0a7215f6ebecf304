// SYNCED_SEQUENCE: the RocksDB sequence of the hub's last synced commit, kept
// in the data directory but outside the WAL. Owned by the store; written by the
// thread that commits, read once when the store opens.
//
// Why: kTolerateCorruptedTailRecords cannot tell a WAL cut short in the middle
// (or a WAL file gone) from the torn tail of a power cut; both reopen silently
// at an earlier sequence. This mark can: a store that reopens below it has
// lost acknowledged records and must not serve.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace opsroom::hub {

class SyncedMark {
 public:
  static constexpr const char* kFileName = "SYNCED_SEQUENCE";

  explicit SyncedMark(const std::string& data_dir);
  ~SyncedMark();
  SyncedMark(const SyncedMark&) = delete;
  SyncedMark& operator=(const SyncedMark&) = delete;

  const std::string& path() const { return path_; }
  // nullopt: no mark yet (a new store, or one restored from a backup).
  std::optional<uint64_t> Read() const;
  // Opens the file for Record(); false (errno set) when it cannot.
  bool OpenForWriting();
  // After a synced commit. Deliberately NOT synced itself (no second fsync per
  // batch): the WAL was synced first, so whatever of the mark reaches the disk
  // never runs ahead of the WAL (no false alarm after a power cut), and after
  // a crash of the process alone the page cache keeps it exact. A write that
  // fails leaves an older, lower mark: a weaker check, never a false one.
  void Record(uint64_t sequence);

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace opsroom::hub
