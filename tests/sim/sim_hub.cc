#include "tests/sim/sim_hub.h"

#include "frame_generated.h"
#include "hub/key_layout.h"

namespace opsroom::sim {

SimHub::SimHub(SimStore& store, const hub::KeyRegistry& registry, const hub::HubConfig& config)
    : store_(store), registry_(registry), config_(config) {}

bool SimHub::Start(std::string& problems) {
  query_.reset();
  core_ = std::make_unique<hub::HubCore>(store_, stats_, config_);
  core_->SetRegistry(&registry_);
  in_commit_.reset();
  commit_status_.reset();
  store_failing_ = false;
  if (hub::StoreStatus opened = core_->Open(); !opened.ok()) {
    problems += "start: the hub cannot load its store: " + opened.message() + "\n";
    return false;
  }
  query_ = std::make_unique<hub::Query>(store_, stats_, config_, core_->audit(), core_->durable_audience(), true);
  return true;
}

void SimHub::OnFrame(const std::string& peer, const wire::Bytes& bytes, const std::string& user_id,
                     const std::string& key, int64_t now) {
  // The server stops reading its socket while the batch in hand is full: the
  // batch in commit finishes and the full one goes to commit (two stages at most).
  for (int stage = 0; stage < 2 && core_->BatchFull(); ++stage) StepCommit(false, now);
  if (auto call = core_->OnFrame(peer, bytes, now, replies_, user_id, key)) {
    const auto& durable_log = store_.durable_maps()[static_cast<std::size_t>(hub::Family::kLog)];
    answered_durable_seq_[{peer, call->frame->request_id()}] =
        durable_log.empty() ? 0 : hub::ParseBe64(durable_log.rbegin()->first).value_or(0);
    replies_.push_back(query_->Answer(*call, now, core_->committed_seq()));
  }
}

uint64_t SimHub::DurableSeqWhenAnswered(const std::string& peer, uint64_t request_id) const {
  auto it = answered_durable_seq_.find({peer, request_id});
  return it == answered_durable_seq_.end() ? 0 : it->second;
}

void SimHub::StepCommit(bool commit_late, int64_t now) {
  if (in_commit_) {
    Finish(now);
    return;
  }
  if (!core_->HasBatch()) return;
  in_commit_ = core_->TakeBatch();
  if (!commit_late) {
    commit_status_ = in_commit_->writes.empty() ? hub::StoreStatus::Ok() : store_.Commit(in_commit_->writes);
  }
}

void SimHub::Finish(int64_t now) {
  hub::StoreStatus status =
      commit_status_ ? *commit_status_
                     : (in_commit_->writes.empty() ? hub::StoreStatus::Ok() : store_.Commit(in_commit_->writes));
  commit_status_.reset();
  if (!in_commit_->writes.empty()) store_failing_ = !status.ok();
  std::size_t first_reply = replies_.size();
  core_->Finish(*in_commit_, status, now, replies_);
  for (std::size_t i = first_reply; i < replies_.size(); ++i) {
    if (wire::GetFrame(replies_[i].bytes.data())->body_type() == wire::Body::Ack) released_acks_.push_back(replies_[i]);
  }
  if (status.ok()) {
    for (const hub::BatchEvent& event : in_commit_->events) {
      std::string_view bytes = in_commit_->EventBytes(event);
      events_.push_back({event.topic, wire::Bytes(bytes.begin(), bytes.end())});
    }
  }
  core_->Recycle(std::move(in_commit_));
}

void SimHub::Tick(int64_t now) {
  // As HubServer::RetryFailedStore: only between batches.
  if (store_failing_ && Idle()) {
    hub::StoreStatus retried = store_.Resume();
    if (retried.ok()) retried = core_->Open();
    if (retried.ok()) store_failing_ = false;
  }
  core_->ExpireSessions(now);
  if (!store_failing_) core_->LogLinkChanges(now);  // as HubServer's loop: not while the store refuses writes
  query_->ExpireSnapshots(now);
}

void SimHub::PowerCut() {
  query_.reset();
  core_.reset();
  in_commit_.reset();
  commit_status_.reset();
  replies_.clear();
  released_acks_.clear();
  events_.clear();
  store_.PowerCut();
}

}  // namespace opsroom::sim
