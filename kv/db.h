// One RocksDB database as an ordered map of byte strings: atomic batches
// (synced or not), point reads and scans by key prefix. The node's outbox
// keeps its messages in one; the hub's column-family store (hub/store.h) is
// built on the same status mapping and recovery rule (kv/rocks.h).
// RocksDB's headers stay in kv/db.cc: users of this header never see them.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kv/status.h"

namespace opsroom::kv {

// Puts and deletes written together as one atomic write, in order.
class Batch {
 public:
  void Put(std::string_view key, std::string_view value) {
    ops_.push_back({false, std::string(key), std::string(value)});
  }
  void Delete(std::string_view key) { ops_.push_back({true, std::string(key), {}}); }
  bool empty() const { return ops_.empty(); }

  struct Op {
    bool is_delete;
    std::string key;
    std::string value;
  };
  const std::vector<Op>& ops() const { return ops_; }

 private:
  std::vector<Op> ops_;
};

// kYes: on disk (fsynced) when Write returns; kNo: survives a crash of the
// process but not a power loss.
enum class Sync { kNo, kYes };

struct OpenOptions {
  std::string path;               // created when missing
  bool owner_only_files = false;  // every file RocksDB creates is made 0600 as it is created
};

// Return false to stop a scan early.
using Visitor = std::function<bool(std::string_view key, std::string_view value)>;

class Db;
struct [[nodiscard]] Opened {
  Status status = Status::Ok();
  std::unique_ptr<Db> db;  // null unless status.ok()
};

class Db {
 public:
  static Opened Open(const OpenOptions& options);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Lookup Get(std::string_view key) const;
  Status Write(const Batch& batch, Sync sync);
  // Visits the keys that start with `prefix`, in order, from the first one
  // >= `from` (empty: the first one of the prefix), until `visit` returns
  // false. The iterator's status is checked and returned.
  Status ScanPrefix(std::string_view prefix, std::string_view from, const Visitor& visit) const;

 private:
  struct Impl;
  explicit Db(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace opsroom::kv
