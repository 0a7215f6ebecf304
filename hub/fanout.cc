#include "hub/fanout.h"

#include "hub/audience.h"
#include "hub/status_audience.h"
#include "hub/zap_handler.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

void Fanout::PublishBatch(const Batch& batch) {
  for (const BatchEvent& event : batch.events) Send(event.topic, batch.EventBytes(event));
  stats_.Add(Counter::kFannedOut, static_cast<int64_t>(batch.events.size()));
}

void Fanout::PublishStatus(const wire::HubStatusFields& status) {
  wire::Bytes frame = wire::BuildHubStatus(status);
  Send(wire::kTopicHubStatus, std::string_view(reinterpret_cast<const char*>(frame.data()), frame.size()));
}

void Fanout::PublishStatus(const wire::HubStatusFields& status, const KeyTable& keys) {
  for (const StatusMessage& message : StatusByAudience(status, keys)) {
    wire::Bytes frame = wire::BuildHubStatus(message.fields);
    Send(message.topic, std::string_view(reinterpret_cast<const char*>(frame.data()), frame.size()));
  }
}

void Fanout::PublishAuditHead(const wire::Bytes& frame) {
  Send(wire::kTopicAuditHead, std::string_view(reinterpret_cast<const char*>(frame.data()), frame.size()));
}

void Fanout::Send(std::string_view topic, std::string_view bytes) {
  // PUB semantics: never blocks; at a subscriber's HWM libzmq drops for that subscriber.
  pub_.send(zmq::buffer(topic.data(), topic.size()), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
  pub_.send(zmq::buffer(bytes.data(), bytes.size()), zmq::send_flags::dontwait);
}

void Fanout::DrainSubscriptions() {
  // A bounded number per call so that a flood of subscriptions cannot stall ingest.
  for (int i = 0; i < 1000; ++i) {
    zmq::message_t message;
    if (!pub_.recv(message, zmq::recv_flags::dontwait)) break;
    if (message.size() == 0) continue;
    uint8_t kind = *static_cast<const uint8_t*>(message.data());
    if (kind == 1) ++subscriptions_;
    if (kind == 0 && subscriptions_ > 0) --subscriptions_;
    if (registry_ != nullptr && kind <= 1) {
      Grant(message, kind == 1, std::string_view(static_cast<const char*>(message.data()) + 1, message.size() - 1));
    }
  }
  stats_.Set(Counter::kSubscriptions, subscriptions_);
}

void Fanout::Grant(const zmq::message_t& request, bool subscribe, std::string_view topic) {
  // zmq_msg_gets returns null (cppzmq's gets() would throw) without metadata.
  const char* user_id = zmq_msg_gets(request.handle(), "User-Id");
  const char* key = zmq_msg_gets(request.handle(), kKeyProperty);
  std::shared_ptr<const KeyTable> keys = registry_->Current();
  const KeyEntry* entry = user_id == nullptr ? nullptr : keys->FindByNode(user_id);
  std::vector<std::string> granted;
  if (entry != nullptr && key != nullptr && entry->public_key == key) {
    granted = GrantsFor(topic, GrantedPrefixes(*entry));
  }
  // With XPUB_MANUAL these apply to the pipe of the request just read.
  for (const std::string& prefix : granted) {
    if (subscribe) pub_.set(zmq::sockopt::subscribe, prefix);
    else pub_.set(zmq::sockopt::unsubscribe, prefix);
  }
  if (on_grant_) on_grant_(user_id ? user_id : "?", std::string(topic), granted, subscribe);
}

wire::HubStatusFields BuildStatusFields(const NodeTable& nodes, const SessionTable& sessions, uint64_t hub_seq,
                                        const std::string& store_error, const std::string& hub_id, bool durable,
                                        int64_t now_ms) {
  wire::HubStatusFields status;
  status.at_ms = now_ms;
  status.hub_id = hub_id;
  status.hub_seq = hub_seq;
  status.durable = durable;
  status.store_error = store_error;
  for (const auto& [node_id, entry] : nodes.all()) {
    wire::NodeStatusFields node;
    node.node_id = node_id;
    node.country = entry.country;
    node.connected = sessions.HasNode(node_id);
    node.last_heartbeat_ms = entry.last_heartbeat_ms;
    node.outbox_depth = entry.outbox_depth;
    node.oldest_unsent_age_ms = entry.oldest_unsent_age_ms;
    node.messages_last_minute = nodes.MessagesLastMinute(entry, now_ms);
    node.last_node_seq = entry.committed_seq;
    node.software_version = entry.software_version;
    status.nodes.push_back(std::move(node));
  }
  return status;
}

}  // namespace opsroom::hub
