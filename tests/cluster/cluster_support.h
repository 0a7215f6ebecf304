// What the cluster tests share: a state machine that records what it applied
// (and snapshots and restores that record), free loopback ports, and one
// bounded wait. Header-only; used by the tests' threads and by the member
// process the kill -9 tests start.
#pragma once
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cluster/replicated_log.h"

namespace opsroom::cluster::testing {

using Applied = std::vector<std::pair<uint64_t, std::string>>;

// The tests' state machine: the list of (raft index, entry) applied, in order.
// Thread-safe: raft's thread applies, the test thread reads.
class Recorder {
 public:
  LogCallbacks Callbacks() {
    return {[this](uint64_t index, std::string_view entry) { Apply(index, entry); },
            [this] { return Snapshot(); }, [this](std::string_view bytes) { return Install(bytes); }};
  }
  Applied applied() const {
    std::lock_guard lock(mutex_);
    return applied_;
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return applied_.size();
  }
  int installs() const {
    std::lock_guard lock(mutex_);
    return installs_;
  }
  // Snapshots raft took of this state machine.
  int snapshots() const {
    std::lock_guard lock(mutex_);
    return snapshots_;
  }
  // Entries applied out of order (an index not above the last one): must stay 0.
  int disorder() const {
    std::lock_guard lock(mutex_);
    return disorder_;
  }

 private:
  void Apply(uint64_t index, std::string_view entry) {
    std::lock_guard lock(mutex_);
    if (!applied_.empty() && index <= applied_.back().first) ++disorder_;
    applied_.emplace_back(index, std::string(entry));
  }
  // "index size\nbytes" per entry; entries here hold no newline by convention.
  std::string Snapshot() const {
    std::lock_guard lock(mutex_);
    ++snapshots_;
    std::string out;
    for (const auto& [index, entry] : applied_) out += std::to_string(index) + " " + entry + "\n";
    return out;
  }
  bool Install(std::string_view bytes) {
    Applied restored;
    std::istringstream in{std::string(bytes)};
    std::string line;
    while (std::getline(in, line)) {
      std::size_t space = line.find(' ');
      if (space == std::string::npos) return false;
      restored.emplace_back(std::stoull(line.substr(0, space)), line.substr(space + 1));
    }
    std::lock_guard lock(mutex_);
    applied_ = std::move(restored);
    ++installs_;
    return true;
  }

  mutable std::mutex mutex_;
  Applied applied_;
  int installs_ = 0;
  mutable int snapshots_ = 0;  // counted by the const Snapshot() raft calls
  int disorder_ = 0;
};

// A loopback TCP port nobody listens on right now (bound, read, closed).
inline int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

// Members 1..n on free loopback ports; empty when a port could not be found.
inline std::vector<Member> LoopbackMembers(int n) {
  std::vector<Member> members;
  for (int i = 0; i < n; ++i) {
    int port = FreeLoopbackPort();
    if (port == 0) return {};
    members.push_back({static_cast<uint64_t>(i + 1), "127.0.0.1:" + std::to_string(port)});
  }
  return members;
}

// The members as cluster_test_member takes them: "1=host:port,2=host:port".
inline std::string MembersArg(const std::vector<Member>& members) {
  std::string out;
  for (const Member& m : members) out += (out.empty() ? "" : ",") + std::to_string(m.id) + "=" + m.address;
  return out;
}

// Polls `done` every 10 ms for at most `limit`; true once it held.
inline bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  for (int turn = 0; turn < 100000; ++turn) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace opsroom::cluster::testing
