// The hub's configuration (its command line is hub/command_line.h).
// Plain values; built once by main or a test, then read by the hub's loop.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hub/cluster/cluster_config.h"
#include "hub/deadlines.h"
#include "wire/protocol_constants.h"

namespace rocksdb {
class Env;
}

namespace opsroom::hub {

class LeadershipSource;

struct HubConfig {
  std::string data_dir = "./var/hub";
  std::string bind = "tcp://127.0.0.1:7700";  // ROUTER: ingest and queries
  std::string pub_bind;                       // PUB; empty: the ROUTER's port + 1
  // Prometheus endpoint (GET /metrics), "HOST:PORT"; empty: none. The
  // command line's default is 127.0.0.1:9464 (hub/metrics_server.h).
  std::string metrics_bind;
  bool sync = true;                           // false: --sync=none
  std::string hub_id = "opsroom-hub";

  // Group commit: at most this many frames are drained into one WriteBatch,
  // and at most this many bytes of events; the next batch starts at once.
  std::size_t max_batch_frames = 4096;
  std::size_t max_batch_bytes = 8 << 20;
  // true: a commit thread fsyncs batch k while the loop builds batch k+1.
  bool pipeline = true;

  std::size_t max_sessions = 1024;  // Hello beyond this: Nack Overloaded
  // libzmq HWMs count messages per peer, not bytes: the worst case is
  // peers x HWM x wire::kHardMaxMessageBytes, the usual one peers x HWM x ~700 B.
  int router_rcv_hwm = 10'000;  // frames queued from each client (then TCP pushes back)
  int router_snd_hwm = 10'000;  // replies queued per client (then dropped and counted)
  int pub_snd_hwm = 100'000;    // events queued per subscriber (then dropped; SUB repairs by replay)
  int linger_ms = 1000;         // on close, how long queued replies may still leave

  uint32_t heartbeat_interval_ms = wire::kHeartbeatIntervalMs;
  uint32_t peer_expiry_ms = wire::kPeerExpiryMs;
  uint32_t snapshot_ttl_ms = wire::kSnapshotTokenTtlMs;
  uint32_t max_open_snapshots = wire::kMaxOpenSnapshots;
  // Log retention (docs/operations.md): 0 keeps every event forever; else a
  // sweep every retention_interval_ms removes events older than retain_ms
  // that current state does not refer to (hub/retention.h).
  int64_t retain_ms = 0;
  int64_t retention_interval_ms = 10 * 60 * 1000;
  // Signed audit heads (docs/protocol.md 7.1): sign the chain's head when it
  // moved and republish the latest this often (checked every heartbeat).
  uint32_t audit_head_interval_ms = wire::kAuditHeadIntervalMs;
  // A data directory that group or others may open is refused unless this is set.
  bool allow_shared_data_dir = false;
  // Matching (hub/matching): a new or revised watchlist entry is matched
  // against the Checks of the last hit_window_ms; a hit is due for an answer
  // hit_answer_ms after it is raised (SIRENE's 12 hours).
  int64_t hit_window_ms = 7LL * 24 * 60 * 60 * 1000;
  int64_t hit_answer_ms = 12LL * 60 * 60 * 1000;
  // The room's deadlines (docs/protocol.md section 15): time to acknowledge
  // per severity (--ack-deadline); an alert missing it gets an Escalate action
  // from the hub, one past its expires_at_ms an Expire action.
  AckDeadlines ack_deadline_ms = kDefaultAckDeadlines;
  // Index those deadlines at a start on a thread of their own while the hub
  // serves (hub/deadline_loader.h); false: before serving, on the loop thread
  // (the deterministic simulator and the fuzz target, which own every thread).
  bool index_deadlines_in_background = true;
  // Tests only: called on the loading thread once its index is built, before
  // the hub may take it (a test holds it to commit something meanwhile).
  std::function<void()> deadline_index_built;
  // Start even when the store's audit chain no longer extends the last head
  // this hub signed (audit.last): once, after a deliberate restore from a backup.
  bool accept_audit_history = false;
  // Log each node's link changes (connected, silent, disconnected) as
  // LinkChange entries (docs/protocol.md 4.2). opsroom-hub turns it on (its
  // command line's default); off here so that a library user or a test that
  // counts hub sequences from its own messages sees only those.
  bool log_links = false;
  bool check_places = true;  // validate place codes against the catalogue in use (built in, or --places)
  // Tests only: the RocksDB Env the store runs on (tests/chaos/chaos_hub.cc
  // puts it on a fault-injecting file system); nullptr: RocksDB's default.
  rocksdb::Env* store_env = nullptr;
  // Tests only: the hub's clock (hub time of events, deadlines, sessions);
  // empty: the system clock. Must never go backwards.
  std::function<int64_t()> clock;
  // Who takes Publishes (hub/leadership.h): a cluster member's raft side, which
  // must outlive the hub; nullptr: a single hub, always leading. A hub that is
  // not leading refuses every Publish with NotLeader (hub/not_leader.h).
  const LeadershipSource* leadership = nullptr;

  // Security (docs/protocol.md section 2.1). By default every socket runs
  // CurveZMQ with the hub's key pair <keys_dir>/hub.key and admits only the
  // keys of <keys_dir>/registry. insecure: plain text, loopback binds only.
  bool insecure = false;
  std::string keys_dir;         // empty: <data_dir>/keys
  std::string registry_path;    // empty: <keys_dir>/registry
  int handshake_ivl_ms = 3000;  // a connection that has not finished its handshake by then is dropped
                                // (the registry file is re-checked every heartbeat interval)

  // The audit signing key (audit.key, audit.pub, audit.last; docs/protocol.md
  // 7.1) must be a key the store does not hold: by default it lives beside the
  // data directory, never inside it (a copy of DATA must not carry it).
  std::string audit_keys_dir;                // empty: keys_dir when given, else <data_dir>-audit
  bool allow_audit_key_in_data_dir = false;  // else an audit key directory inside DATA refuses the start

  // A member of a cluster of hubs replicating one log through raft
  // (docs/cluster.md); cluster.member_id 0: a single hub.
  ClusterConfig cluster;

  std::string KeysDir() const { return keys_dir.empty() ? data_dir + "/keys" : keys_dir; }
  std::string AuditKeysDir() const;
  std::string RegistryPath() const { return registry_path.empty() ? KeysDir() + "/registry" : registry_path; }
};

// True for tcp://127.x.x.x, tcp://localhost, tcp://[::1], ipc:// and inproc://.
bool IsLoopbackEndpoint(const std::string& endpoint);

// What libzmq can bind: it takes a host name for an interface name, so
// "tcp://localhost:P" (which IsLoopbackEndpoint accepts) binds tcp://127.0.0.1:P.
std::string BindableEndpoint(const std::string& endpoint);
// "tcp://[::1]:P" and other bracketed addresses: the socket needs ZMQ_IPV6.
bool IsIpv6Endpoint(const std::string& endpoint);

// "tcp://host:P" -> "tcp://host:P+1"; "tcp://host:*" stays "*". nullopt when
// the endpoint has no port.
std::optional<std::string> NextPortEndpoint(const std::string& endpoint);

}  // namespace opsroom::hub
