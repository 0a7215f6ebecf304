#include "hub/hub_server.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>

#include "hub/committer.h"
#include "hub/fanout.h"
#include "hub/ingest.h"
#include "hub/query.h"
#include "hub/store.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

// The loop never sleeps longer than this, so RequestStop() takes effect quickly.
constexpr int kMaxPollMs = 50;

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string_view View(const zmq::message_t& message) {
  return {static_cast<const char*>(message.data()), message.size()};
}

}  // namespace

HubServer::HubServer(HubConfig config)
    : config_(std::move(config)), router_(context_, zmq::socket_type::router), pub_(context_, zmq::socket_type::xpub) {}

HubServer::~HubServer() {
  // The commit thread must finish before the store it writes to goes away.
  committer_.reset();
  query_.reset();
}

StartResult HubServer::Start() {
  std::error_code error;
  std::filesystem::create_directories(config_.data_dir, error);  // RocksDB creates only the last level
  if (error) return {false, "cannot create " + config_.data_dir + ": " + error.message()};
  OpenResult opened = OpenRocksStore({config_.data_dir, config_.sync, false});
  if (!opened.status.ok()) return {false, "cannot open the store in " + config_.data_dir + ": " + opened.status.message()};
  store_ = std::move(opened.store);
  ingest_ = std::make_unique<Ingest>(*store_, stats_, config_);
  if (StoreStatus s = ingest_->Open(); !s.ok()) return {false, "cannot load the store: " + s.message()};
  query_ = std::make_unique<Query>(*store_, stats_, config_);
  fanout_ = std::make_unique<Fanout>(pub_, stats_);
  committer_ = std::make_unique<Committer>(*store_, stats_, config_.pipeline);
  try {
    router_.set(zmq::sockopt::router_mandatory, 1);
    router_.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(wire::kHardMaxMessageBytes));
    router_.set(zmq::sockopt::rcvhwm, config_.router_rcv_hwm);
    router_.set(zmq::sockopt::sndhwm, config_.router_snd_hwm);
    router_.set(zmq::sockopt::linger, config_.linger_ms);
    router_.bind(config_.bind);
    router_endpoint_ = router_.get(zmq::sockopt::last_endpoint);
    std::string pub_bind = config_.pub_bind.empty() ? NextPortEndpoint(config_.bind).value_or("") : config_.pub_bind;
    pub_.set(zmq::sockopt::xpub_verboser, 1);
    pub_.set(zmq::sockopt::sndhwm, config_.pub_snd_hwm);
    pub_.set(zmq::sockopt::linger, 0);
    pub_.bind(pub_bind);
    pub_endpoint_ = pub_.get(zmq::sockopt::last_endpoint);
  } catch (const zmq::error_t& e) {
    return {false, "cannot bind " + config_.bind + " (and the next port for fan-out): " + e.what()};
  }
  stats_.Set(Counter::kHubSeq, static_cast<int64_t>(ingest_->committed_seq()));
  next_tick_ms_ = NowMs();
  return {};
}

void HubServer::Run() {
  while (!stop_.load(std::memory_order_relaxed)) Iterate();
  Shutdown();
}

void HubServer::Iterate() {
  int64_t now_ms = NowMs();
  bool can_read = !ingest_->BatchFull();
  int timeout = ingest_->HasBatch() && !committer_->busy()
                    ? 0
                    : static_cast<int>(std::clamp<int64_t>(next_tick_ms_ - now_ms, 0, kMaxPollMs));
  zmq::pollitem_t items[] = {{router_.handle(), 0, static_cast<short>(can_read ? ZMQ_POLLIN : 0), 0},
                             {pub_.handle(), 0, ZMQ_POLLIN, 0},
                             {nullptr, committer_->wake_fd(), ZMQ_POLLIN, 0}};
  try {
    zmq::poll(items, committer_->wake_fd() >= 0 ? 3 : 2, std::chrono::milliseconds(timeout));
  } catch (const zmq::error_t& e) {
    if (e.num() != EINTR) throw;  // a signal (SIGINT/SIGTERM) interrupted the wait
  }
  now_ms = NowMs();
  stats_.Add(Counter::kLoopWakeups);
  if (items[1].revents & ZMQ_POLLIN) fanout_->DrainSubscriptions();
  if (auto done = committer_->TryTake()) FinishCommit(std::move(done->batch), done->status);
  if (can_read) DrainRouter(now_ms);
  SendReplies();
  StartCommitIfReady();
  if (now_ms >= next_tick_ms_) OnTick(now_ms);
}

std::size_t HubServer::DrainRouter(int64_t now_ms) {
  std::size_t drained = 0;
  while (drained < config_.max_batch_frames && !ingest_->BatchFull()) {
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
  wire::ByteView bytes(static_cast<const uint8_t*>(body.data()), body.size());
  if (auto call = ingest_->OnFrame(peer, bytes, now_ms, replies_)) {
    replies_.push_back(query_->Answer(*call, now_ms, ingest_->committed_seq()));
  }
}

void HubServer::StartCommitIfReady() {
  if (committer_->busy() || !ingest_->HasBatch()) return;
  committer_->Submit(ingest_->TakeBatch());
  if (committer_->wake_fd() < 0) {
    Committer::Done done = committer_->WaitTake();
    FinishCommit(std::move(done.batch), done.status);
  }
}

void HubServer::FinishCommit(std::unique_ptr<Batch> batch, const StoreStatus& status) {
  ingest_->Finish(*batch, status, NowMs(), replies_);
  SendReplies();
  if (status.ok()) fanout_->PublishBatch(*batch);
  ingest_->Recycle(std::move(batch));
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

void HubServer::OnTick(int64_t now_ms) {
  ingest_->ExpireSessions(now_ms);
  query_->ExpireSnapshots(now_ms);
  fanout_->PublishStatus(BuildStatusFields(*ingest_, config_.hub_id, store_->durable(), now_ms));
  next_tick_ms_ = now_ms + config_.heartbeat_interval_ms;
}

void HubServer::Shutdown() {
  // Stop taking frames; the batch in commit and the one in hand are written,
  // synced and acknowledged before the sockets close.
  if (committer_->busy()) {
    Committer::Done done = committer_->WaitTake();
    FinishCommit(std::move(done.batch), done.status);
  }
  StartCommitIfReady();
  if (committer_->busy()) {
    Committer::Done done = committer_->WaitTake();
    FinishCommit(std::move(done.batch), done.status);
  }
  SendReplies();
  committer_.reset();
  router_.close();
  pub_.close();
}

}  // namespace opsroom::hub
