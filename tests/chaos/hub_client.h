// The harness's side of a hub: the real opsroom-hub binary as a child process
// (start, kill -9, pause, restart on the same data and port) and a small query
// client that reads the hub's whole log back by replay and fetches its
// counters. Owned by the test's thread.
#pragma once
#include <csignal>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <zmq.hpp>

#include "chaos/process.h"
#include "wire/frame_check.h"

namespace opsroom::chaos {

// Where the hub binary is: $OPSROOM_HUB_BINARY, else OPSROOM_BINARY_DIR/hub/opsroom-hub.
std::string HubBinaryPath();

// chaos_hub (opsroom-hub on a FaultFileSystem), when it was built:
// $OPSROOM_CHAOS_HUB_BINARY, else the path compiled in, else empty.
std::string ChaosHubBinaryPath();

struct HubOptions {
  std::string data_dir;
  uint16_t port = 0;  // ROUTER; PUB on port + 1
  bool sync = true;   // false: --sync=none
  std::string log_path;
  std::string binary;      // empty: HubBinaryPath()
  uint64_t tear_seed = 0;  // chaos_hub: torn WAL tails on a power cut (0: none)
};

class HubProcess {
 public:
  explicit HubProcess(HubOptions options) : options_(std::move(options)) {}
  // Starts the hub and waits until it answers Hello (at most timeout_ms).
  bool Start(int timeout_ms, std::string* error);
  void Kill9() { child_.Kill9(); }
  // SIGTERM, then waits (bounded) for a clean exit; kill -9 if it does not come.
  bool Stop(int timeout_ms);
  // chaos_hub only: the power goes off (SIGUSR1); waits until the process is gone.
  bool PowerCut();
  // chaos_hub only: the disk fills up (every write fails with NoSpace) or has space again.
  bool SetDiskFull(bool full);
  bool Pause() { return child_.Signal(SIGSTOP); }
  bool Resume() { return child_.Signal(SIGCONT); }
  bool running() const { return child_.running(); }
  std::string endpoint() const { return "tcp://127.0.0.1:" + std::to_string(options_.port); }
  std::string fanout_endpoint() const { return "tcp://127.0.0.1:" + std::to_string(options_.port + 1); }
  const HubOptions& options() const { return options_; }

 private:
  HubOptions options_;
  ChildProcess child_;
  bool disk_full_ = false;
};

// One Hello/Welcome session with a hub, for queries.
class QueryClient {
 public:
  QueryClient(zmq::context_t& context, std::string endpoint);
  // Hello -> Welcome within timeout_ms.
  bool Connect(int timeout_ms, std::string* error);
  // Every logged event from from_seq on, in order, until the hub's hub_seq at
  // the last page. False (with error) on timeout or a refusal.
  bool ReplayAll(uint64_t from_seq, const std::function<void(const wire::CheckedEvent&)>& visit, int timeout_ms,
                 std::string* error);
  std::optional<std::map<std::string, int64_t>> Counters(int timeout_ms, std::string* error);
  uint64_t welcome_hub_seq() const { return welcome_hub_seq_; }

 private:
  // Sends a frame and waits for the reply echoing request_id (or any Welcome/Nack for 0).
  std::optional<zmq::message_t> Ask(const std::vector<uint8_t>& frame, uint64_t request_id, int timeout_ms);

  zmq::socket_t socket_;
  std::string endpoint_;
  uint64_t next_request_id_ = 1;
  uint64_t welcome_hub_seq_ = 0;
};

}  // namespace opsroom::chaos
