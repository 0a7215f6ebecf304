// A rocksdb::FileSystemWrapper for failure tests: a power cut and a full disk.
// It records, for every file RocksDB writes through it, how many bytes were
// synced and whether the file's creation reached its directory (a directory
// fsync). PowerCut() then leaves the files as a machine that lost power would
// find them: each file cut back to its last synced length (a WAL may keep a
// torn part of its unsynced tail, as a partly written back page cache would),
// files created since their directory's last fsync removed; every later write
// fails. A kill -9 cannot show this: the page cache survives a killed process.
// SetDiskFull(true) fails every write, sync and file creation with NoSpace
// until SetDiskFull(false). HoldSyncs() makes every file sync wait until
// ReleaseSyncs() (at most kMaxSyncHold): a write in flight, not yet durable.
// Simplifications: a rename counts as durable at once (RocksDB fsyncs the
// directory right after its renames); reads are not checked.
// Thread-safe: RocksDB's threads write while another thread may cut.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include <rocksdb/file_system.h>

namespace opsroom::chaos {

class FaultFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultFileSystem(std::shared_ptr<rocksdb::FileSystem> target);
  static const char* kClassName() { return "opsroom.FaultFileSystem"; }
  const char* Name() const override { return kClassName(); }

  rocksdb::IOStatus NewWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(const std::string& fname, const std::string& old_fname,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* result, rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& src, const std::string& target, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteFile(const std::string& fname, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;

  struct CutReport {
    uint64_t files_truncated = 0;
    uint64_t files_removed = 0;
    uint64_t bytes_dropped = 0;
    uint64_t torn_bytes_kept = 0;  // unsynced WAL bytes left behind as a torn tail
  };
  // The power goes off. tear_seed != 0: each WAL keeps a random part of its
  // unsynced tail (cut at an arbitrary byte). Call once; then exit the process.
  CutReport PowerCut(uint64_t tear_seed);
  bool cut() const;
  void SetDiskFull(bool full) { disk_full_.store(full); }
  bool disk_full() const { return disk_full_.load(); }
  // While held, a sync waits: a test can see what the hub does while a batch
  // is written but not yet durable. Released at the latest after kMaxSyncHold,
  // so a test that never releases cannot hang the hub.
  static constexpr std::chrono::seconds kMaxSyncHold{20};
  void HoldSyncs();
  void ReleaseSyncs();
  // Syncs waiting for ReleaseSyncs now.
  int syncs_held() const;
  // Called by a file before it syncs.
  void WaitWhileSyncsHeld();

  // Bookkeeping, used by the wrapped files and directories.
  struct FileState {
    uint64_t written = 0;
    uint64_t synced = 0;
    bool durable_entry = false;  // its directory was fsynced after it was created
  };
  rocksdb::IOStatus Guarded(const std::function<rocksdb::IOStatus()>& io);
  // Guarded, and refused with NoSpace while the disk is full.
  rocksdb::IOStatus Writing(const std::function<rocksdb::IOStatus()>& io);
  void OnWrite(const std::string& fname, uint64_t end);
  void OnSync(const std::string& fname);
  void OnTruncate(const std::string& fname, uint64_t size);
  void OnDirectorySync(const std::string& dir);

 private:
  void Track(const std::string& fname, uint64_t existing_size, bool durable_entry);

  mutable std::shared_mutex io_mutex_;  // shared: any file operation; exclusive: the cut
  mutable std::mutex state_mutex_;      // files_
  std::map<std::string, FileState> files_;
  bool cut_ = false;  // guarded by io_mutex_
  std::atomic<bool> disk_full_{false};
  mutable std::mutex hold_mutex_;
  std::condition_variable hold_released_;
  bool syncs_on_hold_ = false;  // guarded by hold_mutex_
  int syncs_held_ = 0;          // guarded by hold_mutex_
};

}  // namespace opsroom::chaos
