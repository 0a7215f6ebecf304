// The hub: owns the ZeroMQ sockets (ROUTER for ingest and queries, XPUB for
// fan-out), the store and the loop that drains frames, validates them, commits
// one synced WriteBatch per drain (group commit), then acks and publishes.
// Start() and Run() are called by one thread (the loop thread); RequestStop()
// from any thread or a signal handler.
#pragma once
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "hub/config.h"
#include "hub/handshake_monitor.h"
#include "hub/key_registry.h"
#include "hub/metrics_server.h"
#include "hub/reply.h"
#include "hub/stats.h"
#include "hub/zap_handler.h"
#include "wire/curve_keys.h"

namespace opsroom::hub {

class Committer;
class ControlServer;
class Fanout;
class HubCore;
class Query;
class Retention;
class AuditSigner;
class Store;
class StoreStatus;
struct Batch;

struct [[nodiscard]] StartResult {
  bool ok = true;
  std::string error;
};

class HubServer {
 public:
  explicit HubServer(HubConfig config);
  ~HubServer();
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  // Opens the store (continuing its sequence) and binds both sockets.
  StartResult Start();
  // Serves until RequestStop(): then stops taking frames, finishes and syncs
  // the batch in hand, sends its acks and closes (queued replies get linger_ms).
  void Run();
  void RequestStop() { stop_.store(true, std::memory_order_relaxed); }
  // Re-read the key registry at the next tick (SIGHUP; also done on a changed mtime).
  void RequestRegistryReload() { reload_requested_.store(true, std::memory_order_relaxed); }

  // The endpoints actually bound (ephemeral ports resolved).
  const std::string& router_endpoint() const { return router_endpoint_; }
  const std::string& pub_endpoint() const { return pub_endpoint_; }
  const HubConfig& config() const { return config_; }
  const Stats& stats() const { return stats_; }
  // The metrics endpoint's port; 0 when there is none.
  int metrics_port() const { return metrics_ != nullptr ? metrics_->port() : 0; }

 private:
  // The hub's time: config().clock when set (tests), else the system clock.
  int64_t NowMs() const;
  void Iterate();
  std::size_t DrainRouter(int64_t now_ms);
  void HandleFrame(const zmq::message_t& identity, const zmq::message_t& body, int64_t now_ms);
  void StartCommitIfReady();
  void CommitBatchInHand();  // commits what the core holds and waits for it (stopping)
  void FinishCommit(std::unique_ptr<Batch> batch, const StoreStatus& status);
  void SendReplies();
  void OnTick(int64_t now_ms);
  // A failed store: say so once, retry it while idle, say when it writes again.
  void WatchStore(const StoreStatus& status, int64_t now_ms);
  void RetryFailedStore(int64_t now_ms);
  void NoteRetry(const StoreStatus& status);
  void AuditBackups();
  // Signed audit heads: sign the committed head if it moved, publish the latest.
  void SignAuditHead(int64_t now_ms);
  void PublishAuditHead(int64_t now_ms);
  // At start: the chain must extend the last head this hub signed (audit.last).
  StartResult CheckAuditHistory(int64_t now_ms);
  void Shutdown();
  // Security: keys, registry and the ZAP handler, before any socket binds.
  StartResult StartSecurity();
  void StartMetrics();
  void SecureSocket(zmq::socket_t& socket);
  StartResult BindPub(const std::string& endpoint);
  void OnRegistryTick();
  // Failed non-CURVE handshakes since the last call, as audit denials.
  void AuditHandshakeFailures(int64_t now_ms);
  // Registry lines refused for their (participant, role) pair: on stderr and in the audit trail.
  void ReportRefusedKeys(const std::vector<std::string>& refused, int64_t now_ms);

  HubConfig config_;
  Stats stats_;
  zmq::context_t context_{1};
  // Declared after the context so that they close before it does.
  wire::CurveKeyPair hub_keys_;
  std::unique_ptr<KeyRegistry> registry_;  // null: --insecure
  std::unique_ptr<ZapHandler> zap_;
  std::unique_ptr<HandshakeMonitor> handshakes_;  // secure mode: plain-text attempts, for the audit
  std::atomic<bool> reload_requested_{false};
  zmq::socket_t router_;
  zmq::socket_t pub_;
  std::string router_endpoint_;
  std::string pub_endpoint_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<HubCore> core_;  // sessions, audience, audit trail, the batch in hand
  std::unique_ptr<Query> query_;
  std::unique_ptr<Fanout> fanout_;
  std::unique_ptr<Committer> committer_;
  std::unique_ptr<Retention> retention_;  // its sweep thread reads the store: reset before it
  std::unique_ptr<AuditSigner> audit_signer_;
  std::unique_ptr<ControlServer> control_;
  std::unique_ptr<MetricsServer> metrics_;  // GET /metrics; null when off or it could not bind  // ipc://DATA/control (backups); null if it could not bind
  std::vector<Reply> replies_;
  std::vector<uint64_t> aligned_scratch_;  // frames libzmq delivered at an odd address
  int64_t next_tick_ms_ = 0;
  int64_t next_audit_head_ms_ = 0;
  int64_t store_failing_since_ms_ = 0;  // 0: the last commit succeeded
  std::string store_retry_error_;       // why the last retry of a failing store failed; "" if none
  bool store_resume_audited_ = false;   // RetryFailedStore already wrote this recovery's "store" record
  std::atomic<bool> stop_{false};
};

}  // namespace opsroom::hub
