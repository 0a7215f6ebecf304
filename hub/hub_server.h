// The hub: owns the ZeroMQ sockets (ROUTER for ingest and queries, XPUB for
// fan-out), the store and the loop that drains frames, validates them, commits
// one synced WriteBatch per drain (group commit), then acks and publishes.
// Start() and Run() are called by one thread (the loop thread); RequestStop()
// from any thread or a signal handler.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
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
#include "kv/status.h"
#include "wire/curve_keys.h"
#include "wire/status.h"

namespace opsroom::hub {

class Committer;
class ControlServer;
class LeadershipSource;
class ReplicatedCommit;
class Fanout;
class HubCore;
class Query;
class Retention;
class AuditSigner;
class Store;
using StoreStatus = kv::Status;  // as hub/store.h names it
struct Batch;

class HubServer {
 public:
  explicit HubServer(HubConfig config);
  ~HubServer();
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  // Opens the store (continuing its sequence) and binds both sockets.
  wire::Status Start();
  // Serves until RequestStop(): then stops taking frames, finishes and syncs
  // the batch in hand, sends its acks and closes (queued replies get linger_ms).
  void Run();
  void RequestStop() { stop_.store(true, std::memory_order_relaxed); }
  // SIGHUP: at the next tick, re-read the key registry (also done on a changed
  // mtime) and the settings from the config source, if one is set.
  void RequestReload() {
    reload_requested_.store(true, std::memory_order_relaxed);
    settings_reload_requested_.store(true, std::memory_order_relaxed);
  }
  // Where SIGHUP's settings come from (opsroom-hub: hub.toml, then the flags,
  // which win); nullopt when they do not load, and the running ones stay.
  // Called on the loop thread. Set before Run().
  using ConfigSource = std::function<std::optional<HubConfig>()>;
  void SetConfigSource(ConfigSource source) { config_source_ = std::move(source); }

  // The endpoints actually bound (ephemeral ports resolved).
  const std::string& router_endpoint() const { return router_endpoint_; }
  const std::string& pub_endpoint() const { return pub_endpoint_; }
  const HubConfig& config() const { return config_; }
  const Stats& stats() const { return stats_; }
  // A cluster member's commit path and leadership (hub/cluster/replicated_commit.h);
  // null for a single hub, which always leads. Valid after Start().
  const ReplicatedCommit* cluster() const { return cluster_.get(); }
  const LeadershipSource* leadership() const;
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
  // Either commit path (hub_server_cluster.cc): the Committer of a single
  // hub, or a cluster member's ReplicatedCommit.
  wire::Status StartCluster();
  bool CommitBusy() const;
  int CommitWakeFd() const;
  void TakeFinishedCommits();
  // The hub's own writes (deadlines, retention, signed heads) are the leader's.
  bool MayWrite() const;
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
  wire::Status CheckAuditHistory(int64_t now_ms);
  void Shutdown();
  // Security: keys, registry and the ZAP handler, before any socket binds.
  wire::Status StartSecurity();
  void StartMetrics();
  void SecureSocket(zmq::socket_t& socket);
  wire::Status BindPub(const std::string& endpoint);
  void OnRegistryTick();
  // SIGHUP's settings: the live ones applied, the rest named (hub_server_reload.cc).
  void ReloadSettings(int64_t now_ms);
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
  std::atomic<bool> settings_reload_requested_{false};
  ConfigSource config_source_;
  zmq::socket_t router_;
  zmq::socket_t pub_;
  std::string router_endpoint_;
  std::string pub_endpoint_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<HubCore> core_;  // sessions, audience, audit trail, the batch in hand
  std::unique_ptr<Query> query_;
  std::unique_ptr<Fanout> fanout_;
  std::unique_ptr<Committer> committer_;       // a single hub
  std::unique_ptr<ReplicatedCommit> cluster_;  // a cluster member
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
