// HubServer's two commit paths side by side: a single hub's Committer (one
// synced WriteBatch per batch) and a cluster member's ReplicatedCommit (each
// batch an entry of raft's log, applied on every member; docs/cluster.md).
#include <spdlog/spdlog.h>

#include "hub/cluster/replicated_commit.h"
#include "hub/committer.h"
#include "hub/hub_core.h"
#include "hub/hub_server.h"

namespace opsroom::hub {

wire::Status HubServer::StartCluster() {
  if (!config_.cluster.enabled()) return {};
  std::string error;
  cluster_ = ReplicatedCommit::Start(config_, {*store_, *core_, *fanout_, stats_}, &error);
  if (cluster_ == nullptr) {
    return {false, "cannot join the cluster as member " + std::to_string(config_.cluster.member_id) + ": " + error};
  }
  // A follower refuses Publish with NotLeader, naming the leader (hub/not_leader.h).
  config_.leadership = cluster_.get();
  spdlog::info("cluster member {} of {}: raft log from applied index {}", config_.cluster.member_id,
               config_.cluster.members.size(), cluster_->applied_index());
  return {};
}

const LeadershipSource* HubServer::leadership() const { return cluster_.get(); }

bool HubServer::CommitBusy() const { return cluster_ != nullptr ? cluster_->busy() : committer_->busy(); }

int HubServer::CommitWakeFd() const { return cluster_ != nullptr ? cluster_->wake_fd() : committer_->wake_fd(); }

bool HubServer::MayWrite() const { return cluster_ == nullptr || cluster_->leading(); }

void HubServer::TakeFinishedCommits() {
  if (cluster_ == nullptr) {
    if (auto done = committer_->TryTake()) FinishCommit(std::move(done->batch), done->status);
    return;
  }
  cluster_->Pump(NowMs(), replies_);
  SendReplies();
  if (!cluster_->fatal_error().empty()) RequestStop();
}

}  // namespace opsroom::hub
