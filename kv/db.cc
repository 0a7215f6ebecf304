#include "kv/db.h"

#include <sys/stat.h>

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <rocksdb/write_batch.h>

#include "kv/rocks.h"

namespace opsroom::kv {

namespace {

// RocksDB creates its files 0644 whatever the directory's mode: this file
// system makes each one 0600 as it is created (WAL, tables, MANIFEST, LOG,
// LOCK...), so no file of the database is ever readable by another user.
class OwnerOnlyFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit OwnerOnlyFileSystem(const std::shared_ptr<rocksdb::FileSystem>& target) : FileSystemWrapper(target) {}
  static const char* kClassName() { return "opsroom.OwnerOnlyFileSystem"; }
  const char* Name() const override { return kClassName(); }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->NewWritableFile(name, options, file, dbg));
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* file,
                                       rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->ReopenWritableFile(name, options, file, dbg));
  }
  rocksdb::IOStatus ReuseWritableFile(const std::string& name, const std::string& old_name,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* file,
                                      rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->ReuseWritableFile(name, old_name, options, file, dbg));
  }
  rocksdb::IOStatus NewRandomRWFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->NewRandomRWFile(name, options, file, dbg));
  }
  rocksdb::IOStatus NewLogger(const std::string& name, const rocksdb::IOOptions& options,
                              std::shared_ptr<rocksdb::Logger>* logger, rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->NewLogger(name, options, logger, dbg));
  }
  rocksdb::IOStatus LockFile(const std::string& name, const rocksdb::IOOptions& options, rocksdb::FileLock** lock,
                             rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->LockFile(name, options, lock, dbg));
  }

 private:
  static rocksdb::IOStatus OwnerOnly(const std::string& name, rocksdb::IOStatus created) {
    if (created.ok() && ::chmod(name.c_str(), 0600) != 0) {
      return rocksdb::IOStatus::IOError("cannot make " + name + " owner-only (chmod 600)");
    }
    return created;
  }
};

// One for the process: databases open and close, the Env stays.
rocksdb::Env& OwnerOnlyEnv() {
  static const std::unique_ptr<rocksdb::Env> env =
      rocksdb::NewCompositeEnv(std::make_shared<OwnerOnlyFileSystem>(rocksdb::FileSystem::Default()));
  return *env;
}

}  // namespace

struct Db::Impl {
  std::unique_ptr<rocksdb::DB> db;
};

Db::Db(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Db::~Db() = default;

Opened Db::Open(const OpenOptions& options) {
  rocksdb::Options rocks_options;
  rocks_options.create_if_missing = true;
  if (options.owner_only_files) rocks_options.env = &OwnerOnlyEnv();
  rocks_options.wal_recovery_mode = kWalRecovery;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status opened = rocksdb::DB::Open(rocks_options, options.path, &raw);
  if (!opened.ok()) return {FromRocks(opened), nullptr};
  auto impl = std::make_unique<Impl>();
  impl->db.reset(raw);
  return {Status::Ok(), std::unique_ptr<Db>(new Db(std::move(impl)))};
}

Lookup Db::Get(std::string_view key) const {
  std::string value;
  rocksdb::Status s = impl_->db->Get(rocksdb::ReadOptions(), ToSlice(key), &value);
  if (s.IsNotFound()) return {};
  if (!s.ok()) return {FromRocks(s), std::nullopt};
  return {Status::Ok(), std::move(value)};
}

Status Db::Write(const Batch& batch, Sync sync) {
  rocksdb::WriteBatch rocks_batch;
  for (const Batch::Op& op : batch.ops()) {
    rocksdb::Status s =
        op.is_delete ? rocks_batch.Delete(ToSlice(op.key)) : rocks_batch.Put(ToSlice(op.key), ToSlice(op.value));
    if (!s.ok()) return FromRocks(s);
  }
  rocksdb::WriteOptions options;
  options.sync = sync == Sync::kYes;
  return FromRocks(impl_->db->Write(options, &rocks_batch));
}

Status Db::ScanPrefix(std::string_view prefix, std::string_view from, const Visitor& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions()));
  std::string_view start = from.empty() ? prefix : from;
  for (it->Seek(ToSlice(start)); it->Valid(); it->Next()) {
    std::string_view key = ToView(it->key());
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!visit(key, ToView(it->value()))) break;
  }
  return FromRocks(it->status());
}

}  // namespace opsroom::kv
