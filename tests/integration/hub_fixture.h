// A real hub for tests: an in-process HubServer on its own thread, bound to
// ephemeral tcp://127.0.0.1 ports, over a temporary RocksDB directory that
// survives Stop/Restart and is removed at the end. Plus raw-protocol helpers
// (a DEALER with Send/Expect, a SUB) and makers of minimal valid envelopes.
// Every wait is bounded by a timeout; nothing here asserts on timing.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>

#include "envelope_generated.h"
#include "frame_generated.h"
#include "hub/config.h"
#include "hub/hub_server.h"
#include "tests/support/test_clock.h"
#include "wire/frame_builder.h"

namespace opsroom::testing {

inline constexpr int kDefaultTimeoutMs = 5000;

class HubFixture {
 public:
  // `adjust` may change the config (sync, batch sizes, expiry...) before start.
  // The hub starts at once; check started() or use ASSERT_TRUE(hub.started()).
  explicit HubFixture(const std::function<void(hub::HubConfig&)>& adjust = nullptr);
  ~HubFixture();
  HubFixture(const HubFixture&) = delete;
  HubFixture& operator=(const HubFixture&) = delete;

  bool started() const { return server_ != nullptr; }
  // Stops like SIGTERM: the batch in hand is synced and acked, every thread joins.
  void Stop();
  // Starts again on the same data directory and the same endpoints.
  bool Restart();
  // Restart after the data directory was put back from a copy (a restore): the
  // audit chain went back behind the last head the hub signed, so this start
  // accepts it, as the operator does with --accept-audit-history.
  bool RestartAfterRestore();
  // SIGHUP with `adjust` applied to the config: the hub takes what may change
  // live (hub/config_reload.h) at its next tick, on its loop thread. Returns
  // once the hub has read the new settings (at most 15 s); later restarts keep
  // them. A hub on a test clock ticks only when that moves: `move_clock` is
  // called once, after the request, to move it by a heartbeat or more.
  bool ReloadSettings(const std::function<void(hub::HubConfig&)>& adjust,
                      const std::function<void()>& move_clock = nullptr);

  const std::string& router_endpoint() const { return router_endpoint_; }
  const std::string& pub_endpoint() const { return pub_endpoint_; }
  const std::string& data_dir() const { return config_.data_dir; }
  const hub::HubConfig& config() const { return config_; }
  // The running server's counters (started() must be true).
  const hub::Stats& stats() const { return server_->stats(); }
  int metrics_port() const { return server_->metrics_port(); }
  zmq::context_t& context() { return context_; }

 private:
  bool Launch();

  // What the hub's config source hands over at the next SIGHUP (ReloadSettings).
  struct PendingSettings {
    std::mutex mutex;
    std::optional<hub::HubConfig> config;
    std::atomic<int> taken{0};
  };

  hub::HubConfig config_;
  std::shared_ptr<PendingSettings> pending_settings_ = std::make_shared<PendingSettings>();
  std::string router_endpoint_;
  std::string pub_endpoint_;
  std::unique_ptr<hub::HubServer> server_;
  std::thread thread_;
  zmq::context_t context_{1};  // for clients made by tests
};

// One client talking the raw protocol over a DEALER.
class RawClient {
 public:
  RawClient(zmq::context_t& context, const std::string& endpoint);
  ~RawClient();

  void Send(const wire::Bytes& frame);
  void SendRaw(const std::string& bytes);  // garbage, truncated frames...
  // The next frame within timeout_ms; nullopt on timeout.
  std::optional<wire::Bytes> Receive(int timeout_ms = kDefaultTimeoutMs);
  // The next frame must be of body `type` (a test failure otherwise, naming what came).
  std::optional<wire::Bytes> Expect(wire::Body type, int timeout_ms = kDefaultTimeoutMs);
  // Hello and the Welcome that must answer it.
  std::optional<wire::Bytes> Hello(const std::string& node_id, const std::string& country,
                                   wire::ClientRole role = wire::ClientRole::NationalNode);
  void Publish(const wire::Bytes& envelope) { Send(wire::BuildPublish(envelope)); }

  // Acks and NACKs gathered until `count` results arrived or timeout_ms passed.
  struct Outcome {
    uint64_t node_seq = 0;
    uint64_t hub_seq = 0;  // 0 for a NACK
    bool duplicate = false;
    wire::RejectReason code = wire::RejectReason::None;
  };
  std::vector<Outcome> CollectOutcomes(std::size_t count, int timeout_ms = kDefaultTimeoutMs);

  zmq::socket_t& socket() { return socket_; }

 private:
  zmq::socket_t socket_;
};

// A SUB socket on the hub's fan-out.
class RawSubscriber {
 public:
  RawSubscriber(zmq::context_t& context, const std::string& endpoint, const std::string& topic = "");
  struct Message {
    std::string topic;
    wire::Bytes bytes;
  };
  std::optional<Message> Receive(int timeout_ms = kDefaultTimeoutMs);
  // The next event (skipping status messages); nullopt on timeout.
  std::optional<Message> ReceiveEvent(int timeout_ms = kDefaultTimeoutMs);

 private:
  zmq::socket_t socket_;
};

// Reads a frame the hub sent (verified); nullptr when it is not a valid Frame.
const wire::Frame* AsFrame(const wire::Bytes& bytes);
// The hub_seq of a stored Frame{Event}, or 0.
uint64_t EventSeq(const wire::Bytes& event_frame);

// Minimal valid envelopes (object API so tests can spoil one field).
wire::EnvelopeT BaseEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq);
wire::EnvelopeT AlertEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                              const std::string& alert_id, wire::AlertStatus status = wire::AlertStatus::Open);
wire::EnvelopeT ActionEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                               const std::string& alert_id, wire::ActionKind kind);
wire::EnvelopeT WatchEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                              const std::string& entry_id, uint32_t revision, bool removed = false);
wire::EnvelopeT OperationEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                                  const std::string& code);
wire::EnvelopeT SitRepEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                               const std::string& code);
// Serializes (no validation: tests send invalid ones on purpose).
wire::Bytes Pack(const wire::EnvelopeT& envelope);

// Says Hello as `node` and publishes `envelopes`, each of which the hub must
// accept (a gtest failure names the refusal otherwise).
void PublishAccepted(HubFixture& hub, const std::string& node, const std::string& country,
                     const std::vector<wire::Bytes>& envelopes);

}  // namespace opsroom::testing
