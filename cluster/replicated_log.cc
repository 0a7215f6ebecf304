#include "cluster/replicated_log.h"

#include "cluster/entry_frame.h"

#include <pthread.h>
#include <signal.h>
#include <uv.h>
// Debian's raft 0.15 headers declare C functions without extern "C" guards.
extern "C" {
#include <raft.h>
#include <raft/uv.h>
}

#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>

namespace opsroom::cluster {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kUnavailable: return "unavailable";
    case Role::kFollower: return "follower";
    case Role::kCandidate: return "candidate";
    case Role::kLeader: return "leader";
  }
  return "?";
}

std::string_view ProposeCodeName(ProposeCode code) {
  switch (code) {
    case ProposeCode::kCommitted: return "committed";
    case ProposeCode::kNotLeader: return "not_leader";
    case ProposeCode::kLeadershipLost: return "leadership_lost";
    case ProposeCode::kShutdown: return "shutdown";
    case ProposeCode::kBusy: return "busy";
    case ProposeCode::kFailed: return "failed";
  }
  return "?";
}

namespace {

struct Pending {
  std::string entry;
  ProposeDone done;
};

ProposeOutcome Outcome(ProposeCode code, std::string error = {}) {
  ProposeOutcome out;
  out.code = code;
  out.error = std::move(error);
  return out;
}

// A raft_malloc'd buffer holding `bytes` framed (entry_frame.h); base null
// when out of memory.
raft_buffer Frame(std::string_view bytes) {
  raft_buffer buf{raft_malloc(FramedSize(bytes.size())), FramedSize(bytes.size())};
  if (buf.base != nullptr) WriteFrame(bytes, static_cast<unsigned char*>(buf.base));
  return buf;
}

bool Unframe(const raft_buffer& buf, std::string_view* bytes) { return ReadFrame(buf.base, buf.len, bytes); }

ProposeCode CodeOf(int raft_status) {
  switch (raft_status) {
    case 0: return ProposeCode::kCommitted;
    case RAFT_NOTLEADER: return ProposeCode::kNotLeader;
    case RAFT_LEADERSHIPLOST: return ProposeCode::kLeadershipLost;
    case RAFT_SHUTDOWN:
    case RAFT_CANCELED: return ProposeCode::kShutdown;
    default: return ProposeCode::kFailed;
  }
}

}  // namespace

// Everything raft touches lives here, at a stable address: raft, its io and
// the libuv handles keep pointers into it. After Start() only the raft thread
// touches the raft and uv members; the rest is guarded by `mutex`.
struct ReplicatedLog::Impl {
  ReplicatedLogConfig config;
  LogCallbacks callbacks;
  uv_loop_t loop{};
  uv_async_t wake{};
  uv_check_t after_turn{};
  uv_timer_t close_when_stored{};  // started at stop (CloseWhenStored)
  uint64_t close_started_ms = 0;     // uv_now when it started
  raft_uv_transport transport{};
  raft_io io{};
  raft_fsm fsm{};
  struct raft raft {};
  bool closing = false;  // raft thread only
  std::thread thread;

  mutable std::mutex mutex;
  std::deque<Pending> queue;  // guarded by mutex
  bool stopping = false;      // guarded by mutex
  LogStatus status;           // guarded by mutex

  // One proposal handed to raft_apply; freed in its callback.
  struct ApplyRequest {
    struct raft_apply req {};
    ProposeDone done;
  };

  ProposeOutcome NotLeader() {
    ProposeOutcome out = Outcome(ProposeCode::kNotLeader);
    raft_id id = 0;
    const char* address = nullptr;
    raft_leader(&raft, &id, &address);
    out.leader_id = id;
    if (address != nullptr) out.leader_address = address;
    return out;
  }

  void Submit(Pending& pending) {
    if (raft_state(&raft) != RAFT_LEADER) return pending.done(NotLeader());
    raft_buffer buf = Frame(pending.entry);
    if (buf.base == nullptr) return pending.done(Outcome(ProposeCode::kFailed, "out of memory"));
    auto* request = new ApplyRequest{{}, std::move(pending.done)};
    request->req.data = request;
    int rv = raft_apply(&raft, &request->req, &buf, 1, &Impl::OnApplied);
    if (rv != 0) {
      raft_free(buf.base);  // ownership passes to raft only when raft_apply returns 0
      ProposeOutcome out = rv == RAFT_NOTLEADER ? NotLeader() : Outcome(CodeOf(rv));
      out.error = raft_errmsg(&raft);
      request->done(out);
      delete request;
    }
  }

  static void OnApplied(struct raft_apply* req, int status, void* /*result*/) {
    auto* request = static_cast<ApplyRequest*>(req->data);
    ProposeOutcome out = Outcome(CodeOf(status), status == 0 ? "" : raft_strerror(status));
    if (status == 0) out.index = req->index;
    request->done(out);
    delete request;
  }

  static void OnWake(uv_async_t* handle) {
    auto* self = static_cast<Impl*>(handle->data);
    std::deque<Pending> batch;
    bool stop = false;
    {
      std::lock_guard lock(self->mutex);
      batch.swap(self->queue);
      stop = self->stopping;
      // Closed under the lock: Propose() sends on this handle under the same
      // lock and never once `stopping` is set.
      if (stop && !self->closing) uv_close(reinterpret_cast<uv_handle_t*>(&self->wake), nullptr);
    }
    for (Pending& pending : batch) {
      if (stop) {
        pending.done(Outcome(ProposeCode::kShutdown));
      } else {
        self->Submit(pending);
      }
    }
    if (stop && !self->closing) {
      self->closing = true;
      uv_check_stop(&self->after_turn);
      uv_close(reinterpret_cast<uv_handle_t*>(&self->after_turn), nullptr);
      uv_timer_init(&self->loop, &self->close_when_stored);
      self->close_started_ms = uv_now(&self->loop);
      self->close_when_stored.data = self;
      uv_timer_start(&self->close_when_stored, &ReplicatedLog::Impl::CloseWhenStored, 0, kCloseCheckMs);
    }
  }

  // raft 0.15 (Debian 12) can crash in raft_close while an append to its own
  // disk is in flight (a NULL entry reference in its log's refcount table;
  // ReplicatedLogTest.StoppingTheLeader... hit it about once in ten runs):
  // closing waits until every entry is stored, for at most kMaxCloseWaitMs.
  static constexpr uint64_t kCloseCheckMs = 2;
  static constexpr uint64_t kMaxCloseWaitMs = 2000;
  static void CloseWhenStored(uv_timer_t* handle) {
    auto* self = static_cast<Impl*>(handle->data);
    bool stored = self->raft.last_stored >= raft_last_index(&self->raft);
    if (!stored && uv_now(&self->loop) - self->close_started_ms < kMaxCloseWaitMs) return;
    uv_timer_stop(handle);
    uv_close(reinterpret_cast<uv_handle_t*>(handle), nullptr);
    raft_close(&self->raft, nullptr);  // never from inside a raft callback (docs/cluster.md)
  }

  static void OnTurn(uv_check_t* handle) { static_cast<Impl*>(handle->data)->RefreshStatus(); }

  void RefreshStatus() {
    LogStatus now;
    switch (raft_state(&raft)) {
      case RAFT_FOLLOWER: now.role = Role::kFollower; break;
      case RAFT_CANDIDATE: now.role = Role::kCandidate; break;
      case RAFT_LEADER: now.role = Role::kLeader; break;
      default: now.role = Role::kUnavailable; break;
    }
    now.term = raft.current_term;
    raft_id id = 0;
    const char* address = nullptr;
    raft_leader(&raft, &id, &address);
    now.leader_id = id;
    if (address != nullptr) now.leader_address = address;
    now.commit_index = raft.commit_index;
    now.last_index = raft_last_index(&raft);
    now.applied_index = raft_last_applied(&raft);
    std::lock_guard lock(mutex);
    now.refused_busy = status.refused_busy;
    status = std::move(now);
  }

  // The FSM: raft calls these on its thread.
  static int FsmApply(raft_fsm* fsm, const raft_buffer* buf, void** result) {
    auto* self = static_cast<Impl*>(fsm->data);
    // raft moves last_applied after apply returns: this entry is the next one.
    uint64_t index = raft_last_applied(&self->raft) + 1;
    std::string_view entry;
    // Only raft's own CRC-checked log gets here; a bad frame stops applying rather than apply garbage.
    if (!Unframe(*buf, &entry)) return RAFT_MALFORMED;
    self->callbacks.apply(index, entry);
    *result = nullptr;
    return 0;
  }

  static int FsmSnapshot(raft_fsm* fsm, raft_buffer* bufs[], unsigned* n_bufs) {
    auto* self = static_cast<Impl*>(fsm->data);
    std::string state = self->callbacks.take_snapshot ? self->callbacks.take_snapshot() : std::string();
    // fsm version 1: raft frees both with raft_free once the snapshot is stored.
    auto* out = static_cast<raft_buffer*>(raft_malloc(sizeof(raft_buffer)));
    if (out == nullptr) return RAFT_NOMEM;
    *out = Frame(state);
    if (out->base == nullptr) {
      raft_free(out);
      return RAFT_NOMEM;
    }
    *bufs = out;
    *n_bufs = 1;
    return 0;
  }

  static int FsmRestore(raft_fsm* fsm, raft_buffer* buf) {
    auto* self = static_cast<Impl*>(fsm->data);
    std::string_view bytes;
    if (!Unframe(*buf, &bytes)) return RAFT_MALFORMED;
    if (self->callbacks.install_snapshot && !self->callbacks.install_snapshot(bytes)) return RAFT_MALFORMED;
    raft_free(buf->base);  // restore owns the buffer on success
    return 0;
  }

  void Run() {
    pthread_setname_np(pthread_self(), "cluster-raft");
    // A peer that went away makes the next write to its socket raise SIGPIPE
    // in the writing thread, which would end the process: blocked here, the
    // write fails with EPIPE and raft reconnects.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    uv_run(&loop, UV_RUN_DEFAULT);
    Release();
  }

  // After raft is closed and every handle is gone.
  void Release() {
    raft_uv_close(&io);
    raft_uv_tcp_close(&transport);
    uv_run(&loop, UV_RUN_NOWAIT);  // callbacks of the closes above
    uv_loop_close(&loop);
  }
};

namespace {

// Everything up to and including raft_start, on the caller's thread (the raft
// thread does not run yet). Empty when started.
std::string Open(ReplicatedLog::Impl& s) {
  const ReplicatedLogConfig& c = s.config;
  std::error_code ec;
  std::filesystem::create_directories(c.data_dir, ec);
  if (ec) return "cannot create raft directory " + c.data_dir + ": " + ec.message();
  if (int rv = uv_loop_init(&s.loop); rv != 0) return std::string("uv_loop_init: ") + uv_strerror(rv);
  s.loop.data = &s;
  if (int rv = raft_uv_tcp_init(&s.transport, &s.loop); rv != 0) return "raft transport: " + std::string(raft_strerror(rv));
  if (int rv = raft_uv_init(&s.io, &s.loop, c.data_dir.c_str(), &s.transport); rv != 0) {
    return "raft I/O on " + c.data_dir + ": " + raft_strerror(rv) + ": " + s.io.errmsg;
  }
  s.fsm.version = 1;
  s.fsm.data = &s;
  s.fsm.apply = &ReplicatedLog::Impl::FsmApply;
  s.fsm.snapshot = &ReplicatedLog::Impl::FsmSnapshot;
  s.fsm.restore = &ReplicatedLog::Impl::FsmRestore;
  if (int rv = raft_init(&s.raft, &s.io, &s.fsm, c.id, c.address.c_str()); rv != 0) {
    return "raft_init: " + std::string(raft_strerror(rv)) + ": " + raft_errmsg(&s.raft);
  }
  s.raft.data = &s;
  return {};
}

std::string Bootstrap(ReplicatedLog::Impl& s) {
  if (s.config.bootstrap.empty()) return {};
  raft_configuration configuration;
  raft_configuration_init(&configuration);
  std::string error;
  for (const Member& member : s.config.bootstrap) {
    if (int rv = raft_configuration_add(&configuration, member.id, member.address.c_str(), RAFT_VOTER); rv != 0) {
      error = "member " + std::to_string(member.id) + " " + member.address + ": " + raft_strerror(rv);
      break;
    }
  }
  if (error.empty()) {
    int rv = raft_bootstrap(&s.raft, &configuration);
    // A directory that already holds state is a restart, not an error.
    if (rv != 0 && rv != RAFT_CANTBOOTSTRAP) error = "raft_bootstrap: " + std::string(raft_errmsg(&s.raft));
  }
  raft_configuration_close(&configuration);
  return error;
}

std::string StartRaft(ReplicatedLog::Impl& s) {
  const ReplicatedLogConfig& c = s.config;
  raft_set_election_timeout(&s.raft, c.election_timeout_ms);
  raft_set_heartbeat_timeout(&s.raft, c.heartbeat_timeout_ms);
  raft_set_snapshot_threshold(&s.raft, c.snapshot_threshold);
  raft_set_snapshot_trailing(&s.raft, c.snapshot_trailing);
  raft_set_pre_vote(&s.raft, c.pre_vote);
  uv_async_init(&s.loop, &s.wake, &ReplicatedLog::Impl::OnWake);
  s.wake.data = &s;
  uv_check_init(&s.loop, &s.after_turn);
  s.after_turn.data = &s;
  uv_check_start(&s.after_turn, &ReplicatedLog::Impl::OnTurn);
  if (int rv = raft_start(&s.raft); rv != 0) {
    return "raft_start: " + std::string(raft_strerror(rv)) + ": " + raft_errmsg(&s.raft);
  }
  return {};
}

}  // namespace

std::unique_ptr<ReplicatedLog> ReplicatedLog::Start(const ReplicatedLogConfig& config, LogCallbacks callbacks,
                                                    std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->callbacks = std::move(callbacks);
  if (!impl->callbacks.apply) {
    *error = "ReplicatedLog needs an apply callback";
    return nullptr;
  }
  std::string why = Open(*impl);
  bool raft_made = why.empty();
  if (raft_made) why = Bootstrap(*impl);
  if (why.empty()) why = StartRaft(*impl);
  if (!why.empty()) {
    *error = why;
    if (raft_made) {
      // Unwind on this thread: close the handles and raft, let the loop finish.
      if (uv_is_active(reinterpret_cast<uv_handle_t*>(&impl->wake)) != 0) {
        uv_close(reinterpret_cast<uv_handle_t*>(&impl->wake), nullptr);
        uv_close(reinterpret_cast<uv_handle_t*>(&impl->after_turn), nullptr);
      }
      raft_close(&impl->raft, nullptr);
      uv_run(&impl->loop, UV_RUN_DEFAULT);
      impl->Release();
    }
    // Before raft_init nothing is left to release that the process keeps: the
    // loop and transport of a failed start are small and this is a start-up error.
    return nullptr;
  }
  Impl* raw = impl.get();
  raw->thread = std::thread([raw] { raw->Run(); });
  return std::unique_ptr<ReplicatedLog>(new ReplicatedLog(std::move(impl)));
}

ReplicatedLog::ReplicatedLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ReplicatedLog::~ReplicatedLog() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    uv_async_send(&impl_->wake);
  }
  if (impl_->thread.joinable()) impl_->thread.join();
}

void ReplicatedLog::Propose(std::string entry, ProposeDone done) {
  std::unique_lock lock(impl_->mutex);
  if (impl_->stopping) {
    lock.unlock();
    return done(Outcome(ProposeCode::kShutdown));
  }
  if (impl_->queue.size() >= impl_->config.max_pending) {
    ++impl_->status.refused_busy;
    lock.unlock();
    return done(Outcome(ProposeCode::kBusy));
  }
  impl_->queue.push_back({std::move(entry), std::move(done)});
  uv_async_send(&impl_->wake);
}

LogStatus ReplicatedLog::status() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->status;
}

}  // namespace opsroom::cluster
