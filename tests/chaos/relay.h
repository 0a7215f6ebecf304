// A small TCP relay on loopback between nodes and the hub that loses or delays
// hub->node ZeroMQ messages (acks) at random, whole messages at a time: it reads
// the ZMTP 3 framing, so the stream stays valid and only what it chose to drop
// is missing. Commands (READY, PING, PONG) always pass, in order. node->hub
// bytes pass untouched. Runs on its own thread; bounded in connections and
// buffered bytes (a full buffer stops reading from that side).
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace opsroom::chaos {

struct RelayConfig {
  uint16_t target_port = 0;  // the hub's ROUTER on 127.0.0.1
  uint64_t seed = 1;
  double drop_probability = 0.0;            // per hub->node message
  int max_delay_ms = 0;                     // each hub->node message waits 0..max (order kept)
  std::size_t max_connections = 64;         // more are refused (closed at once)
  std::size_t max_buffer_bytes = 4u << 20;  // per direction and connection
};

struct RelayCounters {
  uint64_t connections = 0;
  uint64_t messages_forwarded = 0;
  uint64_t messages_dropped = 0;
  uint64_t messages_delayed = 0;
  uint64_t commands_forwarded = 0;
};

// Splits the hub->node byte stream into ZMTP units: the 64-byte greeting,
// then frames (flags, 1- or 8-byte size, body). Pure, for unit tests.
class ZmtpSplitter {
 public:
  struct Unit {
    std::vector<uint8_t> bytes;
    bool is_greeting = false;
    bool is_command = false;
    bool more = false;  // another frame of the same message follows
  };
  // Appends bytes; complete units come out of Next() in order.
  void Feed(const uint8_t* data, std::size_t size);
  bool Next(Unit* unit);
  std::size_t buffered() const { return buffer_.size() - offset_; }

 private:
  std::vector<uint8_t> buffer_;
  std::size_t offset_ = 0;
  std::size_t greeting_seen_ = 0;
  bool greeting_done_ = false;
};

class Relay {
 public:
  explicit Relay(RelayConfig config);
  ~Relay();  // stops and joins
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  // Binds 127.0.0.1 on an ephemeral port and starts the thread; false + error.
  bool Start(std::string* error);
  void Stop();
  uint16_t port() const { return port_; }
  std::string endpoint() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

  // Changeable while running (e.g. drop only during one phase of a scenario).
  void SetDropProbability(double p) { drop_millionths_.store(static_cast<uint32_t>(p * 1e6)); }
  void SetMaxDelayMs(int ms) { max_delay_ms_.store(ms); }
  // Closes every open connection now (both sides), losing what is buffered.
  void CutAll() { cut_all_.store(true); }
  RelayCounters counters() const;

 private:
  struct Connection;
  void Loop();
  void Accept();
  void Pump(Connection& c, bool node_readable, bool hub_readable, int64_t now_ms);
  void Split(Connection& c, int64_t now_ms);

  RelayConfig config_;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> cut_all_{false};
  std::atomic<uint32_t> drop_millionths_{0};
  std::atomic<int> max_delay_ms_{0};
  std::vector<std::unique_ptr<Connection>> connections_;
  uint64_t rng_state_;
  std::atomic<uint64_t> c_connections_{0}, c_forwarded_{0}, c_dropped_{0}, c_delayed_{0}, c_commands_{0};
};

}  // namespace opsroom::chaos
