// The ZAP handler (ZeroMQ RFC 27) of the hub: a thread with a REP socket on
// inproc://zeromq.zap.01 in the hub's context. libzmq asks it about every
// CURVE handshake; it admits only public keys in the key registry and sets the
// connection's User-Id to the key's node id (and the property "X-Key" to the
// key itself), which libzmq then attaches to every message of that connection.
// Without this thread libzmq would admit ANY client that knows the hub's
// public key, so the hub starts it before binding a socket and refuses to
// serve when it cannot. Start/Stop from the loop thread; the worker owns the socket.
#pragma once
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>

#include "hub/key_registry.h"

namespace opsroom::hub {

inline constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";
inline constexpr const char* kKeyProperty = "X-Key";

// One handshake decision, for the audit log.
struct ZapDecision {
  int64_t at_ms = 0;
  std::string address;     // the peer's IP address
  std::string mechanism;   // "CURVE", or "NULL"/"PLAIN" (always denied)
  std::string public_key;  // Z85, empty for other mechanisms
  std::string node_id;     // empty when denied
  bool admitted = false;
};

class ZapHandler {
 public:
  ZapHandler(zmq::context_t& context, const KeyRegistry& registry) : context_(context), registry_(registry) {}
  ~ZapHandler() { Stop(); }
  ZapHandler(const ZapHandler&) = delete;
  ZapHandler& operator=(const ZapHandler&) = delete;

  // Binds the ZAP endpoint and starts the thread; an error text when it cannot
  // (another handler already bound in this context, for one).
  std::string Start();
  void Stop();
  bool running() const { return running_.load(std::memory_order_acquire); }

  // Decisions since the last call (at most kMaxPending kept; the rest counted).
  std::vector<ZapDecision> TakeDecisions();
  uint64_t admitted() const { return admitted_.load(std::memory_order_relaxed); }
  uint64_t denied() const { return denied_.load(std::memory_order_relaxed); }
  uint64_t decisions_dropped() const { return dropped_.load(std::memory_order_relaxed); }

  static constexpr std::size_t kMaxPending = 4096;

 private:
  void Serve(zmq::socket_t socket);
  void Answer(zmq::socket_t& socket, std::vector<zmq::message_t>& request);
  void Record(ZapDecision decision);

  zmq::context_t& context_;
  const KeyRegistry& registry_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> running_{false};
  std::atomic<uint64_t> admitted_{0}, denied_{0}, dropped_{0};
  std::mutex mutex_;
  std::deque<ZapDecision> pending_;
};

}  // namespace opsroom::hub
