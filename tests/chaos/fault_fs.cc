#include "chaos/fault_fs.h"

#include <filesystem>
#include <functional>

namespace opsroom::chaos {

namespace {

using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;
using rocksdb::Slice;

std::string Normal(const std::string& path) { return std::filesystem::path(path).lexically_normal().string(); }

std::string Parent(const std::string& path) { return std::filesystem::path(path).parent_path().string(); }

bool IsWal(const std::string& path) { return std::filesystem::path(path).extension() == ".log"; }

uint64_t NextRandom(uint64_t& state) {  // splitmix64
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Every write and sync goes through the file system's guard: after the cut
// nothing reaches the disk, and a file object destroyed after the cut is
// leaked rather than closed (closing a POSIX writable file truncates it to the
// size it believes it has, which would bring dropped bytes back as zeros).
class FaultWritableFile : public rocksdb::FSWritableFileWrapper {
 public:
  FaultWritableFile(std::unique_ptr<rocksdb::FSWritableFile> target, std::string fname, FaultFileSystem* fs,
                    uint64_t position)
      : FSWritableFileWrapper(target.get()),
        owned_(std::move(target)),
        fname_(std::move(fname)),
        fs_(fs),
        position_(position) {}
  ~FaultWritableFile() override {
    if (fs_->cut()) static_cast<void>(owned_.release());
  }

  IOStatus Append(const Slice& data, const IOOptions& options, IODebugContext* dbg) override {
    return Write([&] { return target()->Append(data, options, dbg); }, position_ + data.size());
  }
  IOStatus Append(const Slice& data, const IOOptions& options, const rocksdb::DataVerificationInfo& info,
                  IODebugContext* dbg) override {
    return Write([&] { return target()->Append(data, options, info, dbg); }, position_ + data.size());
  }
  IOStatus PositionedAppend(const Slice& data, uint64_t offset, const IOOptions& options,
                            IODebugContext* dbg) override {
    return Write([&] { return target()->PositionedAppend(data, offset, options, dbg); }, offset + data.size());
  }
  IOStatus PositionedAppend(const Slice& data, uint64_t offset, const IOOptions& options,
                            const rocksdb::DataVerificationInfo& info, IODebugContext* dbg) override {
    return Write([&] { return target()->PositionedAppend(data, offset, options, info, dbg); }, offset + data.size());
  }
  IOStatus Truncate(uint64_t size, const IOOptions& options, IODebugContext* dbg) override {
    return fs_->Guarded([&] {
      IOStatus s = target()->Truncate(size, options, dbg);
      if (s.ok()) {
        position_ = size;
        fs_->OnTruncate(fname_, size);
      }
      return s;
    });
  }
  IOStatus Sync(const IOOptions& options, IODebugContext* dbg) override {
    return Durable([&] { return target()->Sync(options, dbg); });
  }
  IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) override {
    return Durable([&] { return target()->Fsync(options, dbg); });
  }
  IOStatus Flush(const IOOptions& options, IODebugContext* dbg) override {
    return fs_->Writing([&] { return target()->Flush(options, dbg); });
  }
  IOStatus Close(const IOOptions& options, IODebugContext* dbg) override {
    return fs_->Guarded([&] { return target()->Close(options, dbg); });
  }
  IOStatus RangeSync(uint64_t offset, uint64_t nbytes, const IOOptions& options, IODebugContext* dbg) override {
    // A hint to start writeback, not a promise of durability.
    return fs_->Guarded([&] { return target()->RangeSync(offset, nbytes, options, dbg); });
  }
  IOStatus Allocate(uint64_t offset, uint64_t len, const IOOptions& options, IODebugContext* dbg) override {
    return fs_->Writing([&] { return target()->Allocate(offset, len, options, dbg); });
  }

 private:
  IOStatus Write(const std::function<IOStatus()>& io, uint64_t end) {
    return fs_->Writing([&] {
      IOStatus s = io();
      if (s.ok()) {
        position_ = std::max(position_, end);
        fs_->OnWrite(fname_, position_);
      }
      return s;
    });
  }
  IOStatus Durable(const std::function<IOStatus()>& io) {
    fs_->WaitWhileSyncsHeld();
    return fs_->Writing([&] {
      IOStatus s = io();
      if (s.ok()) fs_->OnSync(fname_);
      return s;
    });
  }

  std::unique_ptr<rocksdb::FSWritableFile> owned_;
  std::string fname_;
  FaultFileSystem* fs_;
  uint64_t position_;
};

class FaultDirectory : public rocksdb::FSDirectoryWrapper {
 public:
  FaultDirectory(std::unique_ptr<rocksdb::FSDirectory> target, std::string name, FaultFileSystem* fs)
      : FSDirectoryWrapper(std::move(target)), name_(std::move(name)), fs_(fs) {}

  IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) override {
    return Synced([&] { return FSDirectoryWrapper::Fsync(options, dbg); });
  }
  IOStatus FsyncWithDirOptions(const IOOptions& options, IODebugContext* dbg,
                               const rocksdb::DirFsyncOptions& dir_options) override {
    return Synced([&] { return FSDirectoryWrapper::FsyncWithDirOptions(options, dbg, dir_options); });
  }

 private:
  IOStatus Synced(const std::function<IOStatus()>& io) {
    return fs_->Guarded([&] {
      IOStatus s = io();
      if (s.ok()) fs_->OnDirectorySync(name_);
      return s;
    });
  }

  std::string name_;
  FaultFileSystem* fs_;
};

}  // namespace

FaultFileSystem::FaultFileSystem(std::shared_ptr<rocksdb::FileSystem> target) : FileSystemWrapper(std::move(target)) {}

IOStatus FaultFileSystem::Guarded(const std::function<IOStatus()>& io) {
  std::shared_lock lock(io_mutex_);
  if (cut_) return IOStatus::IOError("power lost (FaultFileSystem)");
  return io();
}

IOStatus FaultFileSystem::Writing(const std::function<IOStatus()>& io) {
  if (disk_full_.load()) return IOStatus::NoSpace("disk full (FaultFileSystem)");
  return Guarded(io);
}

void FaultFileSystem::HoldSyncs() {
  std::lock_guard lock(hold_mutex_);
  syncs_on_hold_ = true;
}

void FaultFileSystem::ReleaseSyncs() {
  {
    std::lock_guard lock(hold_mutex_);
    syncs_on_hold_ = false;
  }
  hold_released_.notify_all();
}

int FaultFileSystem::syncs_held() const {
  std::lock_guard lock(hold_mutex_);
  return syncs_held_;
}

void FaultFileSystem::WaitWhileSyncsHeld() {
  std::unique_lock lock(hold_mutex_);
  if (!syncs_on_hold_) return;
  ++syncs_held_;
  hold_released_.wait_for(lock, kMaxSyncHold, [&] { return !syncs_on_hold_; });
  --syncs_held_;
}

bool FaultFileSystem::cut() const {
  std::shared_lock lock(io_mutex_);
  return cut_;
}

void FaultFileSystem::Track(const std::string& fname, uint64_t existing_size, bool durable_entry) {
  std::lock_guard lock(state_mutex_);
  files_[Normal(fname)] = {existing_size, existing_size, durable_entry};
}

void FaultFileSystem::OnWrite(const std::string& fname, uint64_t end) {
  std::lock_guard lock(state_mutex_);
  FileState& state = files_[Normal(fname)];
  state.written = std::max(state.written, end);
}

void FaultFileSystem::OnSync(const std::string& fname) {
  std::lock_guard lock(state_mutex_);
  FileState& state = files_[Normal(fname)];
  state.synced = state.written;
}

void FaultFileSystem::OnTruncate(const std::string& fname, uint64_t size) {
  std::lock_guard lock(state_mutex_);
  FileState& state = files_[Normal(fname)];
  state.written = size;
  state.synced = std::min(state.synced, size);
}

void FaultFileSystem::OnDirectorySync(const std::string& dir) {
  std::string normal = Normal(dir);
  std::lock_guard lock(state_mutex_);
  for (auto& [name, state] : files_) {
    if (Parent(name) == normal) state.durable_entry = true;
  }
}

IOStatus FaultFileSystem::NewWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                          std::unique_ptr<rocksdb::FSWritableFile>* result, IODebugContext* dbg) {
  return Writing([&] {
    std::unique_ptr<rocksdb::FSWritableFile> file;
    IOStatus s = target()->NewWritableFile(fname, options, &file, dbg);
    if (!s.ok()) return s;
    Track(fname, 0, false);
    *result = std::make_unique<FaultWritableFile>(std::move(file), Normal(fname), this, 0);
    return s;
  });
}

IOStatus FaultFileSystem::ReopenWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                             std::unique_ptr<rocksdb::FSWritableFile>* result, IODebugContext* dbg) {
  return Guarded([&] {
    uint64_t size = 0;
    bool existed = target()->GetFileSize(fname, IOOptions(), &size, dbg).ok();
    std::unique_ptr<rocksdb::FSWritableFile> file;
    IOStatus s = target()->ReopenWritableFile(fname, options, &file, dbg);
    if (!s.ok()) return s;
    Track(fname, size, existed);
    *result = std::make_unique<FaultWritableFile>(std::move(file), Normal(fname), this, size);
    return s;
  });
}

IOStatus FaultFileSystem::ReuseWritableFile(const std::string& fname, const std::string& old_fname,
                                            const rocksdb::FileOptions& options,
                                            std::unique_ptr<rocksdb::FSWritableFile>* result, IODebugContext* dbg) {
  return Guarded([&] {
    std::unique_ptr<rocksdb::FSWritableFile> file;
    IOStatus s = target()->ReuseWritableFile(fname, old_fname, options, &file, dbg);
    if (!s.ok()) return s;
    {
      std::lock_guard lock(state_mutex_);
      files_.erase(Normal(old_fname));
    }
    Track(fname, 0, false);
    *result = std::make_unique<FaultWritableFile>(std::move(file), Normal(fname), this, 0);
    return s;
  });
}

IOStatus FaultFileSystem::NewDirectory(const std::string& name, const IOOptions& options,
                                       std::unique_ptr<rocksdb::FSDirectory>* result, IODebugContext* dbg) {
  return Guarded([&] {
    std::unique_ptr<rocksdb::FSDirectory> dir;
    IOStatus s = target()->NewDirectory(name, options, &dir, dbg);
    if (s.ok()) *result = std::make_unique<FaultDirectory>(std::move(dir), Normal(name), this);
    return s;
  });
}

IOStatus FaultFileSystem::RenameFile(const std::string& src, const std::string& target_name, const IOOptions& options,
                                     IODebugContext* dbg) {
  return Guarded([&] {
    IOStatus s = target()->RenameFile(src, target_name, options, dbg);
    if (!s.ok()) return s;
    std::lock_guard lock(state_mutex_);
    auto it = files_.find(Normal(src));
    if (it != files_.end()) {
      FileState state = it->second;
      state.durable_entry = true;  // simplification: see the header
      files_.erase(it);
      files_[Normal(target_name)] = state;
    }
    return s;
  });
}

IOStatus FaultFileSystem::DeleteFile(const std::string& fname, const IOOptions& options, IODebugContext* dbg) {
  return Guarded([&] {
    IOStatus s = target()->DeleteFile(fname, options, dbg);
    std::lock_guard lock(state_mutex_);
    if (s.ok()) files_.erase(Normal(fname));
    return s;
  });
}

FaultFileSystem::CutReport FaultFileSystem::PowerCut(uint64_t tear_seed) {
  std::unique_lock io_lock(io_mutex_);
  cut_ = true;
  std::lock_guard lock(state_mutex_);
  CutReport report;
  uint64_t random = tear_seed;
  for (const auto& [name, state] : files_) {
    std::error_code ignored;
    if (!state.durable_entry) {
      if (std::filesystem::remove(name, ignored)) ++report.files_removed;
      report.bytes_dropped += state.written;
      continue;
    }
    uint64_t keep = state.synced;
    if (tear_seed != 0 && IsWal(name) && state.written > state.synced) {
      keep += NextRandom(random) % (state.written - state.synced + 1);
      report.torn_bytes_kept += keep - state.synced;
    }
    if (keep < state.written) {
      std::filesystem::resize_file(name, keep, ignored);
      ++report.files_truncated;
      report.bytes_dropped += state.written - keep;
    }
  }
  return report;
}

}  // namespace opsroom::chaos
