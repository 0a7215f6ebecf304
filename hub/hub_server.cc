#include "hub/hub_server.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "hub/audit_anchor.h"
#include "hub/audit_log.h"
#include "hub/audit_signer.h"
#include "hub/cluster/replicated_commit.h"
#include "hub/committer.h"
#include "hub/control_server.h"
#include "hub/fanout.h"
#include "hub/audit_key_setup.h"
#include "hub/hub_core.h"
#include "hub/log_lines.h"
#include "wire/aligned_bytes.h"
#include "hub/query.h"
#include "hub/retention.h"
#include "hub/store.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

// The loop never sleeps longer than this, so RequestStop() takes effect quickly.
constexpr int kMaxPollMs = 50;
// How often a drain of the socket looks whether the commit thread finished
// (an atomic load; at ~4 us a frame, every ~130 us).
constexpr std::size_t kFramesBetweenCommitChecks = 32;
// Stopping a cluster member: how long the batch proposed last may take to be
// decided by raft before its senders are told to resend.
constexpr int kClusterSettleMs = 3000;

// The store holds every report: a data directory the hub makes is its user's
// alone, and one that other users of the machine can open is refused unless
// the operator says it is meant (--allow-shared-data-dir), then only warned about.
wire::Status MakeDataDir(const std::string& dir, bool allow_shared) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(dir, error)) {
    fs::perms perms = fs::status(dir, error).permissions();
    fs::perms shared = perms & (fs::perms::group_all | fs::perms::others_all);
    if (error || shared == fs::perms::none) return {};
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(perms & fs::perms::all));
    std::string problem =
        dir + " (mode " + mode + ") is open to other users of this machine, and it holds every report";
    if (!allow_shared) {
      return {false, problem + ": make it the hub user's alone with `chmod 700 " + dir +
                         "`, or start with --allow-shared-data-dir if that is meant"};
    }
    spdlog::warn("{} (--allow-shared-data-dir); chmod 700 {}", problem, dir);
    return {};
  }
  fs::create_directories(dir, error);  // RocksDB creates only the last level
  if (!error) fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, error);
  if (error) return {false, "cannot create " + dir + " (mode 0700): " + error.message()};
  return {};
}

std::string_view View(const zmq::message_t& message) {
  return {static_cast<const char*>(message.data()), message.size()};
}

}  // namespace

int64_t HubServer::NowMs() const {
  if (config_.clock) return config_.clock();  // tests: a hub time they control
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

HubServer::HubServer(HubConfig config)
    : config_(std::move(config)), router_(context_, zmq::socket_type::router), pub_(context_, zmq::socket_type::xpub) {}

HubServer::~HubServer() {
  // The commit and control threads must finish before the store they use goes away.
  control_.reset();
  retention_.reset();
  config_.leadership = nullptr;  // the core asks it for every Publish
  cluster_.reset();
  committer_.reset();
  query_.reset();
}

wire::Status HubServer::Start() {
  if (wire::Status secured = StartSecurity(); !secured.ok) return secured;
  if (wire::Status made = MakeDataDir(config_.data_dir, config_.allow_shared_data_dir); !made.ok) return made;
  auto audit_key = EnsureAuditKey(config_);
  if (!audit_key) return {false, audit_key.rejection().text};
  if (audit_key->made) LogLines(spdlog::level::info, AuditKeyNotice(config_));
  if (audit_key->remade_public) {
    spdlog::warn("audit.pub was missing: remade it from audit.key (the same public key) in {}", config_.AuditKeysDir());
  }
  audit_signer_ = std::make_unique<AuditSigner>(audit_key->key, config_.hub_id,
                                                config_.AuditKeysDir() + "/" + std::string(kAuditAnchorFile));
  OpenResult opened = OpenRocksStore({config_.data_dir, config_.sync, false, config_.store_env});
  if (!opened.status.ok())
    return {false, "cannot open the store in " + config_.data_dir + ": " + opened.status.message()};
  store_ = std::move(opened.store);
  core_ = std::make_unique<HubCore>(*store_, stats_, config_);
  if (StoreStatus s = core_->Open(); !s.ok()) return {false, "cannot load the store: " + s.message()};
  query_ = std::make_unique<Query>(*store_, stats_, config_, core_->audit(), core_->durable_audience(), registry_ != nullptr);
  fanout_ = std::make_unique<Fanout>(pub_, stats_);
  if (!config_.cluster.enabled()) committer_ = std::make_unique<Committer>(*store_, stats_, config_.pipeline);
  retention_ = std::make_unique<Retention>(*store_, config_);
  control_ = std::make_unique<ControlServer>(context_, config_.data_dir, *store_);
  if (std::string refused = control_->Start(); !refused.empty()) {
    // The hub serves without it; only `opsroom-hub backup` while it runs needs it.
    spdlog::warn("{}; backups need the hub stopped", refused);
    control_.reset();
  }
  StartMetrics();
  try {
    router_.set(zmq::sockopt::router_mandatory, 1);
    router_.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(wire::kHardMaxMessageBytes));
    router_.set(zmq::sockopt::rcvhwm, config_.router_rcv_hwm);
    router_.set(zmq::sockopt::sndhwm, config_.router_snd_hwm);
    router_.set(zmq::sockopt::linger, config_.linger_ms);
    SecureSocket(router_);
    if (IsIpv6Endpoint(config_.bind)) router_.set(zmq::sockopt::ipv6, 1);
    if (handshakes_ != nullptr) handshakes_->Watch(router_, "router");
    router_.bind(BindableEndpoint(config_.bind));
    router_endpoint_ = router_.get(zmq::sockopt::last_endpoint);
    std::string pub_bind = config_.pub_bind.empty() ? NextPortEndpoint(config_.bind).value_or("") : config_.pub_bind;
    if (wire::Status bound = BindPub(pub_bind); !bound.ok) return bound;
  } catch (const zmq::error_t& e) {
    return {false, "cannot bind " + config_.bind + " (and the next port for fan-out): " + e.what()};
  }
  if (registry_ != nullptr) {
    core_->SetRegistry(registry_.get());
    ReportRefusedKeys(registry_->Current()->refused, NowMs());
    fanout_->SetRegistry(registry_.get(), [this](const std::string& node, const std::string& requested,
                                                 const std::vector<std::string>& granted, bool subscribe) {
      core_->audit().Record(NowMs(), subscribe ? "subscribe" : "unsubscribe", node,
                            AuditFields().Add("requested", requested).Add("granted", granted));
    });
  }
  if (wire::Status joined = StartCluster(); !joined.ok) return joined;
  stats_.Set(Counter::kHubSeq, static_cast<int64_t>(core_->committed_seq()));
  next_tick_ms_ = NowMs();
  if (wire::Status history = CheckAuditHistory(next_tick_ms_); !history.ok) return history;
  // What a crash left unsigned is signed now, before anything is added to it.
  PublishAuditHead(next_tick_ms_);
  return {};
}

// Monitoring must never stop the room: a port already taken (a second hub on
// the machine) leaves the hub running without its endpoint, and says so.
void HubServer::StartMetrics() {
  if (config_.metrics_bind.empty()) return;
  metrics_ = std::make_unique<MetricsServer>(stats_, config_.data_dir);
  if (std::string refused = metrics_->Start(config_.metrics_bind); !refused.empty()) {
    spdlog::warn("metrics: {}; no /metrics endpoint", refused);
    metrics_.reset();
  }
}

wire::Status HubServer::StartSecurity() {
  if (config_.insecure) {
    bool pub_loopback = config_.pub_bind.empty() || IsLoopbackEndpoint(config_.pub_bind);
    if (!IsLoopbackEndpoint(config_.bind) || !pub_loopback) {
      return {false, "--insecure refuses to bind " + config_.bind +
                         ": plain text without authentication is for loopback demos only"};
    }
    stats_.Set(Counter::kInsecure, 1);
    return {};
  }
  std::string key_file = config_.KeysDir() + "/hub.key";
  auto keys = wire::ReadKeyFile(key_file);
  if (!keys || keys->secret_z85.empty()) {
    return {false, (keys ? key_file + " holds no secret key" : keys.rejection().text) +
                       "; make one with `opsroom-keys new --out " + config_.KeysDir() +
                       " --name hub`, or run --insecure on loopback"};
  }
  hub_keys_ = keys.value();
  registry_ = std::make_unique<KeyRegistry>(config_.RegistryPath());
  if (auto loaded = registry_->Load(); !loaded) return {false, loaded.rejection().text};
  // Without a running ZAP handler libzmq would admit any client that knows
  // the hub's public key: no handler, no service.
  zap_ = std::make_unique<ZapHandler>(context_, *registry_);
  if (std::string error = zap_->Start(); !error.empty()) return {false, error};
  handshakes_ = std::make_unique<HandshakeMonitor>(context_);
  return {};
}

void HubServer::SecureSocket(zmq::socket_t& socket) {
  socket.set(zmq::sockopt::handshake_ivl, config_.handshake_ivl_ms);
  if (registry_ == nullptr) return;
  socket.set(zmq::sockopt::curve_server, 1);
  socket.set(zmq::sockopt::curve_secretkey, hub_keys_.secret_z85);
  socket.set(zmq::sockopt::zap_domain, "opsroom");
}

wire::Status HubServer::BindPub(const std::string& endpoint) {
  pub_.set(zmq::sockopt::xpub_verboser, 1);
  // Secure mode: the hub alone decides what each subscriber receives.
  if (registry_ != nullptr) pub_.set(zmq::sockopt::xpub_manual, 1);
  pub_.set(zmq::sockopt::sndhwm, config_.pub_snd_hwm);
  pub_.set(zmq::sockopt::linger, 0);
  SecureSocket(pub_);
  if (IsIpv6Endpoint(endpoint)) pub_.set(zmq::sockopt::ipv6, 1);
  if (handshakes_ != nullptr) handshakes_->Watch(pub_, "fanout");
  pub_.bind(BindableEndpoint(endpoint));
  pub_endpoint_ = pub_.get(zmq::sockopt::last_endpoint);
  return {};
}

void HubServer::OnRegistryTick() {
  int64_t now_ms = NowMs();
  for (const ZapDecision& d : zap_->TakeDecisions()) {
    stats_.Add(d.admitted ? Counter::kAuthAdmitted : Counter::kAuthDenied);
    core_->audit().Record(d.at_ms, d.admitted ? "handshake" : "denial", d.admitted ? d.node_id : "?",
                          AuditFields()
                              .Add("mechanism", d.mechanism)
                              .Add("key", d.public_key)
                              .Add("address", d.address)
                              .Add("admitted", d.admitted));
  }
  AuditHandshakeFailures(now_ms);
  KeyRegistry::Reload reload = registry_->ReloadIfChanged(reload_requested_.exchange(false));
  if (!reload.error.empty()) {
    core_->audit().Record(now_ms, "registry", "hub",
                          AuditFields().Add("error", reload.error).Add("kept_previous", true));
  }
  if (!reload.changed) return;
  core_->audit().Record(
      now_ms, "registry", "hub",
      AuditFields().Add("generation", registry_->Current()->generation).Add("withdrawn", reload.withdrawn));
  ReportRefusedKeys(reload.refused, now_ms);
  if (reload.withdrawn.empty()) return;
  // A withdrawn identity may hold fan-out subscriptions on an open
  // connection: re-open the fan-out socket so that every subscriber goes
  // through ZAP again (the others repair the short gap by replay).
  std::string endpoint = pub_endpoint_;
  pub_.close();
  pub_ = zmq::socket_t(context_, zmq::socket_type::xpub);
  for (int attempt = 0; attempt < 40; ++attempt) {
    try {
      static_cast<void>(BindPub(endpoint));
      return;
    } catch (const zmq::error_t&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the old socket's port is being released
    }
  }
  core_->audit().Record(now_ms, "registry", "hub",
                        AuditFields().Add("error", std::string("fan-out socket could not re-bind ") + endpoint));
}

void HubServer::AuditHandshakeFailures(int64_t now_ms) {
  if (handshakes_ == nullptr) return;
  for (const HandshakeFailure& f : handshakes_->Take()) {
    stats_.Add(Counter::kAuthDenied);
    core_->audit().Record(now_ms, "denial", "?",
                          AuditFields()
                              .Add("mechanism", f.mechanism)
                              .Add("socket", f.socket)
                              .Add("endpoint", f.endpoint)
                              .Add("reason", f.reason)
                              .Add("admitted", false));
  }
}

void HubServer::ReportRefusedKeys(const std::vector<std::string>& refused, int64_t now_ms) {
  for (const std::string& line : refused) {
    spdlog::warn("{}", line);
    core_->audit().Record(now_ms, "registry", "hub", AuditFields().Add("refused", line).Add("admitted", false));
  }
}

void HubServer::Run() {
  while (!stop_.load(std::memory_order_relaxed)) Iterate();
  Shutdown();
}

void HubServer::Iterate() {
  int64_t now_ms = NowMs();
  bool can_read = !core_->BatchFull();
  int timeout = core_->HasBatch() && !CommitBusy()
                    ? 0
                    : static_cast<int>(std::clamp<int64_t>(next_tick_ms_ - now_ms, 0, kMaxPollMs));
  zmq::pollitem_t items[] = {{router_.handle(), 0, static_cast<short>(can_read ? ZMQ_POLLIN : 0), 0},
                             {pub_.handle(), 0, ZMQ_POLLIN, 0},
                             {nullptr, CommitWakeFd(), ZMQ_POLLIN, 0}};
  try {
    zmq::poll(items, CommitWakeFd() >= 0 ? 3 : 2, std::chrono::milliseconds(timeout));
  } catch (const zmq::error_t& e) {
    if (e.num() != EINTR) throw;  // a signal (SIGINT/SIGTERM) interrupted the wait
  }
  now_ms = NowMs();
  stats_.Add(Counter::kLoopWakeups);
  if (items[1].revents & ZMQ_POLLIN) fanout_->DrainSubscriptions();
  TakeFinishedCommits();
  if (can_read) DrainRouter(now_ms);
  // A commit that ended during the drain: acknowledged and followed by the
  // next one now, not after another poll.
  TakeFinishedCommits();
  // The hub's own entries are the leader's to write (a single hub always leads).
  if (store_failing_since_ms_ == 0 && MayWrite()) {
    core_->RaiseDue(now_ms);        // the room's deadlines (hub/deadline_keeper.h)
    core_->LogLinkChanges(now_ms);  // node links (hub/link_keeper.h)
  }
  SendReplies();
  StartCommitIfReady();
  if (now_ms >= next_tick_ms_) OnTick(now_ms);
}

std::size_t HubServer::DrainRouter(int64_t now_ms) {
  std::size_t drained = 0;
  while (drained < config_.max_batch_frames && !core_->BatchFull()) {
    // Between frames, not per frame: the batch in commit has synced, so its
    // acks and the next commit go first (see Iterate).
    if (drained % kFramesBetweenCommitChecks == 0 && drained > 0 && committer_ != nullptr && committer_->ready()) break;
    zmq::message_t identity;
    if (!router_.recv(identity, zmq::recv_flags::dontwait)) break;
    zmq::message_t body;
    if (!identity.more() || !router_.recv(body, zmq::recv_flags::dontwait)) continue;
    bool extra_parts = body.more();
    while (body.more()) {
      zmq::message_t rest;
      if (!router_.recv(rest, zmq::recv_flags::dontwait)) break;
      extra_parts = true;
      if (!rest.more()) break;
    }
    ++drained;
    if (extra_parts) {
      stats_.Add(Counter::kReceived);
      stats_.Refused(wire::RejectReason::Malformed);
      replies_.push_back({std::string(View(identity)),
                          wire::BuildNack(0, 0, wire::RejectReason::Malformed, "one frame per ZeroMQ message")});
      continue;
    }
    HandleFrame(identity, body, now_ms);
  }
  return drained;
}

void HubServer::HandleFrame(const zmq::message_t& identity, const zmq::message_t& body, int64_t now_ms) {
  std::string_view peer = View(identity);
  wire::ByteView bytes = wire::AlignedBytes({static_cast<const uint8_t*>(body.data()), body.size()}, aligned_scratch_);
  // The connection's authenticated identity (ZAP), never the payload's claim.
  // zmq_msg_gets returns null without metadata (cppzmq's gets() would throw).
  std::string_view user_id, key;
  if (registry_ != nullptr) {
    const char* u = zmq_msg_gets(body.handle(), "User-Id");
    const char* k = zmq_msg_gets(body.handle(), kKeyProperty);
    user_id = u ? std::string_view(u) : std::string_view();
    key = k ? std::string_view(k) : std::string_view();
  }
  // Queries are routed here, to the read side; everything else is the core's.
  if (auto call = core_->OnFrame(peer, bytes, now_ms, replies_, user_id, key)) {
    replies_.push_back(query_->Answer(*call, now_ms, core_->committed_seq()));
  }
}

void HubServer::StartCommitIfReady() {
  if (cluster_ != nullptr) return cluster_->CommitBatchInHand(NowMs(), replies_);
  if (committer_->busy() || !core_->HasBatch()) return;
  committer_->Submit(core_->TakeBatch());
  if (committer_->wake_fd() < 0) {
    Committer::Done done = committer_->WaitTake();
    FinishCommit(std::move(done.batch), done.status);
  }
}

void HubServer::CommitBatchInHand() {
  StartCommitIfReady();
  if (cluster_ != nullptr) return cluster_->Settle(NowMs(), replies_, kClusterSettleMs);
  if (committer_->busy()) {
    Committer::Done done = committer_->WaitTake();
    FinishCommit(std::move(done.batch), done.status);
  }
}

void HubServer::FinishCommit(std::unique_ptr<Batch> batch, const StoreStatus& status) {
  if (!batch->writes.empty()) WatchStore(status, NowMs());  // an empty batch never reached the store
  core_->Finish(*batch, status, NowMs(), replies_);
  SendReplies();
  if (status.ok()) fanout_->PublishBatch(*batch);
  core_->Recycle(std::move(batch));
}

void HubServer::SendReplies() {
  for (const Reply& reply : replies_) {
    try {
      // ROUTER_MANDATORY: an unknown peer throws (EHOSTUNREACH), a full peer
      // returns EAGAIN. Either way the reply is dropped and counted; the
      // client resends and gets its original hub_seq again.
      if (!router_.send(zmq::buffer(reply.peer), zmq::send_flags::sndmore | zmq::send_flags::dontwait) ||
          !router_.send(zmq::buffer(reply.bytes), zmq::send_flags::dontwait)) {
        stats_.Add(Counter::kRepliesDropped);
        continue;
      }
      if (wire::GetFrame(reply.bytes.data())->body_type() == wire::Body::Ack) stats_.Add(Counter::kAcksSent);
    } catch (const zmq::error_t&) {
      stats_.Add(Counter::kRepliesDropped);
    }
  }
  replies_.clear();
}

void HubServer::WatchStore(const StoreStatus& status, int64_t now_ms) {
  bool failing = store_failing_since_ms_ != 0;
  if (status.ok() == !failing) return;
  if (!status.ok()) {
    store_failing_since_ms_ = now_ms;
    store_resume_audited_ = false;
    stats_.Set(Counter::kStoreFailing, 1);
    spdlog::error("STORE FAILING at hub_seq {}: {}", core_->committed_seq(), status.message());
    spdlog::error(
        "every message is refused with {} (nothing is acknowledged) until the store writes again; "
        "retrying by itself",
        status.code() == StoreCode::kNoSpace ? "DiskFull" : "StoreFailed");
    return;
  }
  int64_t failed_for_ms = now_ms - store_failing_since_ms_;
  spdlog::warn("store writes again after {} ms; acknowledging from hub_seq {}", failed_for_ms,
               core_->committed_seq() + 1);
  // The core's own retry after a failed batch may be the one that reopened the
  // store: the record is written here, whichever retry succeeded.
  if (!store_resume_audited_) {
    core_->audit().Record(now_ms, "store", "hub", AuditFields().Add("resumed_after_ms", failed_for_ms));
  }
  store_failing_since_ms_ = 0;
  store_retry_error_.clear();
  stats_.Set(Counter::kStoreFailing, 0);
  stats_.Add(Counter::kStoreResumes);
}

void HubServer::NoteRetry(const StoreStatus& status) {
  std::string text = status.ok() ? std::string() : status.message();
  if (text == store_retry_error_) return;  // said once per change, not twice a second
  store_retry_error_ = text;
  if (!text.empty()) spdlog::error("store still failing, retry: {}", text);
}

void HubServer::RetryFailedStore(int64_t now_ms) {
  // With traffic, the core retries after each failed batch; this covers a hub
  // that nobody writes to. The core's state is reloaded only between batches.
  if (store_failing_since_ms_ == 0 || CommitBusy() || core_->HasBatch()) return;
  StoreStatus retried = store_->Resume();
  if (retried.ok()) {
    if (StoreStatus loaded = core_->Open(); !loaded.ok()) retried = {loaded.code(), "reload: " + loaded.message()};
  }
  NoteRetry(retried);
  if (!retried.ok()) return;
  // A commit proves the store writes again (and clears HubStatus.store_error).
  core_->audit().Record(now_ms, "store", "hub",
                        AuditFields().Add("resumed_after_ms", now_ms - store_failing_since_ms_));
  store_resume_audited_ = true;
}

void HubServer::AuditBackups() {
  if (control_ == nullptr) return;
  for (const BackupTaken& taken : control_->TakeBackupsTaken()) {
    AuditFields fields;
    fields.Add("target", taken.target);
    if (taken.error.empty()) fields.Add("hub_seq", taken.hub_seq);
    else fields.Add("error", taken.error);
    if (taken.unrecorded_before > 0) fields.Add("unrecorded_before", taken.unrecorded_before);
    core_->audit().Record(taken.at_ms, "backup", "hub", fields);
  }
}

void HubServer::SignAuditHead(int64_t now_ms) {
  if (store_failing_since_ms_ != 0) return;  // the signed head would be kept with a batch that cannot commit
  if (!MayWrite()) return;                   // a follower's head is the leader's, applied from the log
  auto signed_now =
      audit_signer_->SignIfMoved(*store_, core_->committed_seq(), now_ms, core_->batches().building().writes);
  if (!signed_now) spdlog::error("cannot sign the audit head: {}", signed_now.rejection().text);
}

wire::Status HubServer::CheckAuditHistory(int64_t now_ms) {
  std::string problem = audit_signer_->CheckHistory(*store_);
  if (problem.empty()) return {};
  const bool accepted = config_.accept_audit_history;
  core_->audit().Record(now_ms, "audit_history", "hub", AuditFields().Add("error", problem).Add("accepted", accepted));
  CommitBatchInHand();
  spdlog::log(accepted ? spdlog::level::warn : spdlog::level::critical,
              "AUDIT HISTORY DOES NOT EXTEND THE LAST SIGNED HEAD: {}", problem);
  if (accepted) {
    spdlog::warn("--accept-audit-history: signing the chain as it is now");
    return {};
  }
  return {false, "refusing to start and to sign: " + problem +
                     ". If the store was restored from a backup on purpose, start once with --accept-audit-history "
                     "(docs/operations.md); otherwise keep the store as evidence and run opsroom-hub audit --verify"};
}

void HubServer::PublishAuditHead(int64_t now_ms) {
  next_audit_head_ms_ = now_ms + config_.audit_head_interval_ms;
  SignAuditHead(now_ms);
  // The latest again even when nothing moved: a subscriber that joined since holds one within the interval.
  if (!audit_signer_->latest_frame().empty()) fanout_->PublishAuditHead(audit_signer_->latest_frame());
}

void HubServer::OnTick(int64_t now_ms) {
  if (settings_reload_requested_.exchange(false)) ReloadSettings(now_ms);
  RetryFailedStore(now_ms);
  AuditBackups();
  if (store_failing_since_ms_ == 0 && MayWrite()) retention_->Tick(now_ms, core_->batches(), core_->audit());
  core_->ExpireSessions(now_ms);
  if (store_failing_since_ms_ == 0) core_->LogLinkChanges(now_ms);  // a silent node's entry at the tick that found it
  query_->ExpireSnapshots(now_ms);
  if (registry_ != nullptr) OnRegistryTick();
  stats_.Set(Counter::kAuditRecords, static_cast<int64_t>(core_->audit().appended()));
  wire::HubStatusFields status = BuildStatusFields(core_->nodes(), core_->sessions().table(), core_->committed_seq(),
                                                   core_->store_error(), config_.hub_id, store_->durable(), now_ms);
  if (store_failing_since_ms_ != 0 && !store_retry_error_.empty()) {
    status.store_error += (status.store_error.empty() ? "" : "; ") + ("retry: " + store_retry_error_);
  }
  if (registry_ != nullptr) fanout_->PublishStatus(status, *registry_->Current());
  else fanout_->PublishStatus(status);
  if (metrics_ != nullptr) metrics_->Publish(status);
  if (now_ms >= next_audit_head_ms_) PublishAuditHead(now_ms);
  next_tick_ms_ = now_ms + config_.heartbeat_interval_ms;
}

void HubServer::Shutdown() {
  // Stop taking frames; the batch in commit and the one in hand are written,
  // synced and acknowledged before the sockets close.
  if (cluster_ != nullptr) cluster_->Settle(NowMs(), replies_, kClusterSettleMs);
  if (committer_ != nullptr && committer_->busy()) {
    Committer::Done done = committer_->WaitTake();
    FinishCommit(std::move(done.batch), done.status);
  }
  AuditBackups();                   // a backup taken since the last tick still gets its record
  AuditHandshakeFailures(NowMs());  // and so does a plain-text attempt
  core_->EndLinks(NowMs());
  if (store_failing_since_ms_ == 0) core_->LogLinkChanges(NowMs());
  CommitBatchInHand();
  // A clean stop leaves the whole chain signed: sign it, and keep that head.
  PublishAuditHead(NowMs());
  CommitBatchInHand();
  SendReplies();
  metrics_.reset();
  control_.reset();
  committer_.reset();
  router_.close();
  pub_.close();
  if (zap_ != nullptr) zap_->Stop();
}

}  // namespace opsroom::hub
