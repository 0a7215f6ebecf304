// The hub's local control socket, ipc://DATA/control, its server half: for the
// operator's tools on the same machine (file permissions 0600, never on the
// network; the client half is hub/tools/control_client.h). Requests:
// "ping", answered "pong" at once; "backup DIR", answered "ok HUB_SEQ" or
// "error TEXT". Runs on its own thread with its own socket, so a backup never
// stalls ingest; what it did goes to the hub's loop thread for the audit trail.
#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <zmq.hpp>

namespace opsroom::hub {

class Store;

std::string ControlEndpoint(const std::string& data_dir);

// The two requests, shared with the client half.
inline constexpr std::string_view kControlPing = "ping";
inline constexpr std::string_view kControlBackup = "backup ";  // followed by the target directory

// One backup the control thread ran, for the audit record the loop appends.
struct BackupTaken {
  int64_t at_ms = 0;
  std::string target;
  uint64_t hub_seq = 0;
  std::string error;               // empty: the backup was taken
  uint64_t unrecorded_before = 0;  // backups before this one that overflowed the queue
};

class ControlServer {
 public:
  // Backups waiting for the loop thread; more are counted, not queued
  // (discard_new: a backup is one per request, so only a stalled loop fills it).
  static constexpr std::size_t kMaxPendingRecords = 64;

  ControlServer(zmq::context_t& context, const std::string& data_dir, Store& store);
  ~ControlServer();  // stops and joins the thread
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Binds and starts the thread; the error text when it cannot bind.
  std::string Start();
  // Called by the loop thread: the backups since the last call, oldest first.
  std::vector<BackupTaken> TakeBackupsTaken();

 private:
  void ThreadMain();
  std::string Handle(const std::string& request);

  zmq::context_t& context_;
  std::string data_dir_;
  Store& store_;
  zmq::socket_t socket_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex taken_mutex_;
  std::vector<BackupTaken> taken_;  // guarded by taken_mutex_
  uint64_t unrecorded_ = 0;         // guarded by taken_mutex_
};

}  // namespace opsroom::hub
