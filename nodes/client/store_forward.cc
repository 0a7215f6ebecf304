// StoreAndForwardPublisher's public calls: open, submit (checked, synced into
// the outbox), poll, status. The link itself is in store_forward_link.cc.
#include "nodes/client/store_forward.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "nodes/client/store_forward_impl.h"
#include "nodes/client/zmq_link.h"
#include "wire/places.h"

namespace opsroom::nodes {

std::unique_ptr<StoreAndForwardPublisher> StoreAndForwardPublisher::Open(zmq::context_t& context,
                                                                         StoreForwardConfig config,
                                                                         std::string* error) {
  auto outbox = Outbox::Open(config.outbox_dir, error);
  if (!outbox) return nullptr;
  auto impl = std::make_unique<Impl>(context, std::move(config), std::move(outbox));
  impl->validation.places = impl->config.check_places ? &wire::PlaceCatalog::InUse() : nullptr;
  std::string status_endpoint = impl->config.status_endpoint;
  if (status_endpoint.empty()) status_endpoint = FanoutEndpointFor(impl->hubs.current());
  if (std::string failed = impl->WatchStatus(status_endpoint); !failed.empty()) {
    *error = failed;
    return nullptr;
  }
  impl->last_status_ms = SteadyNowMs();  // give the hub one expiry period to be heard
  return std::unique_ptr<StoreAndForwardPublisher>(new StoreAndForwardPublisher(std::move(impl)));
}

std::string StoreAndForwardPublisher::Impl::WatchStatus(const std::string& fanout) {
  if (fanout == "none" || fanout.empty() || fanout == status_watched) return "";
  try {
    zmq::socket_t sub(context, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::rcvhwm, 1000);
    sub.set(zmq::sockopt::subscribe, wire::kTopicHubStatus);
    wire::ApplyCurveClient(sub, config.publisher.curve);
    sub.connect(fanout);
    status_sub.emplace(std::move(sub));
    status_watched = fanout;
    return "";
  } catch (const zmq::error_t& e) {
    return "cannot watch HubStatus on " + fanout + ": " + e.what();
  }
}

StoreAndForwardPublisher::StoreAndForwardPublisher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StoreAndForwardPublisher::~StoreAndForwardPublisher() = default;

wire::Result<uint64_t> StoreAndForwardPublisher::Submit(const EnvelopeFactory& build) {
  auto seqs = SubmitBatch(1, build);
  if (!seqs) return seqs.rejection();
  return seqs->front();
}

wire::Result<std::vector<uint64_t>> StoreAndForwardPublisher::SubmitBatch(std::size_t count,
                                                                          const EnvelopeFactory& build) {
  Impl& p = *impl_;
  std::vector<OutboxMessage> messages;
  std::vector<uint64_t> seqs;
  messages.reserve(count);
  int64_t wall = WallNowMs();
  for (std::size_t i = 0; i < count; ++i) {
    uint64_t node_seq = p.outbox->ReserveNodeSeq();
    wire::Bytes envelope = build(node_seq);
    if (auto rejection = p.CheckBuilt(node_seq, envelope)) return *rejection;
    messages.push_back({node_seq, wall, std::move(envelope)});
    seqs.push_back(node_seq);
  }
  if (wire::Status stored = p.outbox->Append(messages); !stored.ok) {
    return wire::Reject(wire::RejectReason::StoreFailed, stored.error);
  }
  p.counts.submitted += count;
  p.Refill(SteadyNowMs());
  return seqs;
}

std::vector<wire::Result<uint64_t>> StoreAndForwardPublisher::SubmitEach(const std::vector<Submission>& submissions) {
  Impl& p = *impl_;
  std::vector<wire::Result<uint64_t>> results;
  std::vector<OutboxMessage> messages;
  results.reserve(submissions.size());
  messages.reserve(submissions.size());
  int64_t wall = WallNowMs();
  for (const Submission& submission : submissions) {
    // A refused report's node_seq stays unused: the hub accepts gaps.
    if (submission.min_node_seq != 0) p.outbox->AdvanceNodeSeqTo(submission.min_node_seq);
    uint64_t node_seq = p.outbox->ReserveNodeSeq();
    wire::Bytes envelope = submission.build(node_seq);
    if (auto rejection = p.CheckBuilt(node_seq, envelope)) {
      results.emplace_back(*rejection);
      continue;
    }
    messages.push_back({node_seq, wall, std::move(envelope)});
    results.emplace_back(node_seq);
  }
  if (messages.empty()) return results;
  if (wire::Status stored = p.outbox->Append(messages); !stored.ok) {
    for (auto& result : results) {
      if (result) result = wire::Reject(wire::RejectReason::StoreFailed, stored.error);
    }
    return results;
  }
  p.counts.submitted += messages.size();
  p.Refill(SteadyNowMs());
  return results;
}

void StoreAndForwardPublisher::AdvanceNodeSeqTo(uint64_t next) { impl_->outbox->AdvanceNodeSeqTo(next); }

void StoreAndForwardPublisher::Poll(int timeout_ms) {
  Impl& p = *impl_;
  const int64_t deadline = SteadyNowMs() + std::max(timeout_ms, 0);
  while (true) {
    // What the hub already sent is read before stalls are judged, so that a
    // caller polling with 0 between submits (opsroom-node send) sees its acks.
    if (p.publisher && p.state == ForwardState::kUp) p.publisher->Poll(0);
    int64_t now = SteadyNowMs();
    p.Tick(now);
    now = SteadyNowMs();
    if (now >= deadline) return;
    int slice = static_cast<int>(std::min<int64_t>(kPumpSliceMs, deadline - now));
    if (p.publisher && p.state != ForwardState::kDown) {
      p.publisher->Poll(slice);
    } else if (p.status_sub) {
      zmq::pollitem_t item{p.status_sub->handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&item, 1, std::chrono::milliseconds(slice));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(slice));
    }
  }
}

bool StoreAndForwardPublisher::Drain(int timeout_ms) {
  const int64_t deadline = SteadyNowMs() + timeout_ms;
  while (impl_->outbox->Status().depth > 0) {
    int64_t left = deadline - SteadyNowMs();
    if (left <= 0) return false;
    Poll(static_cast<int>(std::min<int64_t>(left, 50)));
  }
  return true;
}

void StoreAndForwardPublisher::ReportNow() {
  impl_->heartbeat_due_ms = 0;
  impl_->Heartbeat(SteadyNowMs());
}

std::vector<PublishOutcome> StoreAndForwardPublisher::TakeOutcomes() {
  std::vector<PublishOutcome> taken;
  taken.swap(impl_->outcomes);
  return taken;
}

std::vector<std::pair<uint64_t, uint64_t>> StoreAndForwardPublisher::TakeRenumbered() {
  std::vector<std::pair<uint64_t, uint64_t>> taken;
  taken.swap(impl_->renumbered);
  return taken;
}

wire::Status StoreAndForwardPublisher::ForEachRefused(const std::function<bool(const RefusedMessage&)>& visit) const {
  return impl_->outbox->ForEachRefused(visit);
}

StoreForwardStatus StoreAndForwardPublisher::Status() const {
  const Impl& p = *impl_;
  StoreForwardStatus status = p.counts;
  status.state = p.state;
  status.link_lost = p.lost;
  status.link_detail = p.lost ? p.down_reason : "";
  status.link_lost_since_ms = p.lost_since_wall_ms;
  status.outbox = p.outbox->Status();
  if (status.outbox.hub_loss.reports > 0) status.hub_loss_detail = FormatHubLoss(status.outbox.hub_loss);
  status.last_ack_ms = status.outbox.last_ack_ms;
  int64_t wall = WallNowMs();
  status.oldest_unsent_age_ms =
      status.outbox.depth > 0 ? std::max<int64_t>(0, wall - status.outbox.oldest_enqueued_ms) : 0;
  status.in_flight = p.publisher ? p.publisher->in_flight() : 0;
  if (p.publisher) status.resent += p.publisher->counters().resent;
  int64_t now = SteadyNowMs();
  status.next_retry_in_ms =
      p.state == ForwardState::kDown ? static_cast<uint32_t>(std::max<int64_t>(0, p.retry_at_ms - now)) : 0;
  return status;
}

}  // namespace opsroom::nodes
