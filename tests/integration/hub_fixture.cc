#include "tests/integration/hub_fixture.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "tests/support/free_port.h"
#include "tests/support/temp_dir.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::testing {

namespace {

const std::string kAnyLoopbackPort = "tcp://127.0.0.1:*";

bool WaitReadable(zmq::socket_t& socket, int timeout_ms) {
  zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
  return zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms)) > 0;
}

wire::Bytes ToBytes(const zmq::message_t& message) {
  const auto* data = static_cast<const uint8_t*>(message.data());
  return wire::Bytes(data, data + message.size());
}

}  // namespace

// ---- HubFixture ----

HubFixture::HubFixture(const std::function<void(hub::HubConfig&)>& adjust) {
  config_.data_dir = MakeTempDir("opsroom-hub-test") + "/hub";
  config_.bind = kAnyLoopbackPort;
  config_.pub_bind = kAnyLoopbackPort;
  config_.hub_id = "test-hub";
  config_.insecure = true;  // plain text on loopback; security tests pass keys and set it false
  if (adjust) adjust(config_);
  Launch();
}

HubFixture::~HubFixture() {
  Stop();
  std::error_code ignored;
  std::filesystem::remove_all(std::filesystem::path(config_.data_dir).parent_path(), ignored);
}

bool HubFixture::Launch() {
  std::unique_ptr<hub::HubServer> server;
  wire::Status started = wire::Status::Failed("no free port pair below the ephemeral range");
  // A `*` port would come from the ephemeral range, where another test can
  // take it while this hub is down and Restart() then cannot bind it again.
  const bool pick_ports = config_.bind == kAnyLoopbackPort && config_.pub_bind == kAnyLoopbackPort;
  for (int attempt = 0; attempt < (pick_ports ? 20 : 1); ++attempt) {
    hub::HubConfig config = config_;
    if (pick_ports) {
      uint16_t port = FreePortPair();
      if (port == 0) continue;
      config.bind = "tcp://127.0.0.1:" + std::to_string(port);
      config.pub_bind = "tcp://127.0.0.1:" + std::to_string(port + 1);
    }
    server = std::make_unique<hub::HubServer>(config);
    started = server->Start();
    if (started.ok || started.error.find("in use") == std::string::npos) break;
  }
  if (!started.ok) {
    ADD_FAILURE() << "the hub did not start: " << started.error;
    return false;
  }
  // The ports in use from now on: a settings reload then sees no bind change.
  if (pick_ports) config_.bind = server->config().bind, config_.pub_bind = server->config().pub_bind;
  router_endpoint_ = server->router_endpoint();
  pub_endpoint_ = server->pub_endpoint();
  server->SetConfigSource([pending = pending_settings_]() -> std::optional<hub::HubConfig> {
    std::lock_guard<std::mutex> lock(pending->mutex);
    std::optional<hub::HubConfig> config = std::move(pending->config);
    pending->config.reset();
    ++pending->taken;
    return config;
  });
  server_ = std::move(server);
  thread_ = std::thread([server = server_.get()] {
    pthread_setname_np(pthread_self(), "hub-loop");
    server->Run();
  });
  return true;
}

void HubFixture::Stop() {
  if (!server_) return;
  server_->RequestStop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

bool HubFixture::Restart() {
  Stop();
  // Same ports: clients keep their endpoints across the restart.
  config_.bind = router_endpoint_;
  config_.pub_bind = pub_endpoint_;
  return Launch();
}

bool HubFixture::ReloadSettings(const std::function<void(hub::HubConfig&)>& adjust,
                                const std::function<void()>& move_clock) {
  if (!server_) return false;
  adjust(config_);
  int taken = 0;
  {
    std::lock_guard<std::mutex> lock(pending_settings_->mutex);
    pending_settings_->config = config_;
    taken = pending_settings_->taken.load();
  }
  server_->RequestReload();
  if (move_clock) move_clock();
  for (int i = 0; i < 1500; ++i) {
    if (pending_settings_->taken.load() > taken) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

bool HubFixture::RestartAfterRestore() {
  config_.accept_audit_history = true;
  bool started = Restart();
  config_.accept_audit_history = false;  // once: later restarts check the history again
  return started;
}

// ---- RawClient ----

RawClient::RawClient(zmq::context_t& context, const std::string& endpoint)
    : socket_(context, zmq::socket_type::dealer) {
  socket_.set(zmq::sockopt::linger, 0);
  socket_.connect(endpoint);
}

RawClient::~RawClient() = default;

void RawClient::Send(const wire::Bytes& frame) { socket_.send(zmq::buffer(frame), zmq::send_flags::none); }

void RawClient::SendRaw(const std::string& bytes) { socket_.send(zmq::buffer(bytes), zmq::send_flags::none); }

std::optional<wire::Bytes> RawClient::Receive(int timeout_ms) {
  if (!WaitReadable(socket_, timeout_ms)) return std::nullopt;
  zmq::message_t message;
  if (!socket_.recv(message, zmq::recv_flags::dontwait)) return std::nullopt;
  return ToBytes(message);
}

std::optional<wire::Bytes> RawClient::Expect(wire::Body type, int timeout_ms) {
  auto bytes = Receive(timeout_ms);
  if (!bytes) {
    ADD_FAILURE() << "expected " << wire::EnumNameBody(type) << " within " << timeout_ms << " ms; nothing came";
    return std::nullopt;
  }
  const wire::Frame* frame = AsFrame(*bytes);
  if (frame == nullptr) {
    ADD_FAILURE() << "expected " << wire::EnumNameBody(type) << "; got an unreadable frame";
    return std::nullopt;
  }
  if (frame->body_type() != type) {
    std::string detail;
    if (const auto* nack = frame->body_as_Nack()) {
      detail = " " + wire::ReasonLabel(nack->code()) + ": " + (nack->reason() ? nack->reason()->str() : "");
    }
    ADD_FAILURE() << "expected " << wire::EnumNameBody(type) << "; got " << wire::EnumNameBody(frame->body_type())
                  << detail;
    return std::nullopt;
  }
  return bytes;
}

std::optional<wire::Bytes> RawClient::Hello(const std::string& node_id, const std::string& country,
                                            wire::ClientRole role) {
  Send(wire::BuildHello(node_id, country, role, "hub-fixture/1", wire::kProtocolVersion));
  return Expect(wire::Body::Welcome);
}

std::vector<RawClient::Outcome> RawClient::CollectOutcomes(std::size_t count, int timeout_ms) {
  std::vector<Outcome> outcomes;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (outcomes.size() < count) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    auto bytes = Receive(static_cast<int>(left.count()));
    if (!bytes) break;
    const wire::Frame* frame = AsFrame(*bytes);
    if (frame == nullptr) continue;
    if (const auto* ack = frame->body_as_Ack(); ack && ack->entries()) {
      for (const auto* e : *ack->entries()) outcomes.push_back({e->node_seq(), e->hub_seq(), e->duplicate()});
    } else if (const auto* nack = frame->body_as_Nack()) {
      outcomes.push_back({nack->node_seq(), 0, false, nack->code()});
    }
  }
  return outcomes;
}

// ---- RawSubscriber ----

RawSubscriber::RawSubscriber(zmq::context_t& context, const std::string& endpoint, const std::string& topic)
    : socket_(context, zmq::socket_type::sub) {
  socket_.set(zmq::sockopt::linger, 0);
  socket_.set(zmq::sockopt::subscribe, topic);
  socket_.connect(endpoint);
}

std::optional<RawSubscriber::Message> RawSubscriber::Receive(int timeout_ms) {
  if (!WaitReadable(socket_, timeout_ms)) return std::nullopt;
  zmq::message_t topic;
  zmq::message_t body;
  if (!socket_.recv(topic, zmq::recv_flags::dontwait) || !topic.more()) return std::nullopt;
  if (!socket_.recv(body, zmq::recv_flags::dontwait)) return std::nullopt;
  return Message{topic.to_string(), ToBytes(body)};
}

std::optional<RawSubscriber::Message> RawSubscriber::ReceiveEvent(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto message = Receive(static_cast<int>(left.count()));
    if (!message) return std::nullopt;
    if (message->topic.rfind(wire::kTopicEventPrefix, 0) == 0) return message;
  }
}

// ---- frames and envelopes ----

const wire::Frame* AsFrame(const wire::Bytes& bytes) {
  auto checked = wire::CheckHubFrame(bytes);
  return checked ? checked.value() : nullptr;
}

uint64_t EventSeq(const wire::Bytes& event_frame) {
  auto checked = wire::CheckEventFrame(event_frame);
  return checked ? checked->hub_seq : 0;
}

wire::EnvelopeT BaseEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq) {
  wire::EnvelopeT envelope;
  envelope.origin = origin;
  envelope.country = country;
  envelope.node_seq = node_seq;
  envelope.message_id = origin + ":" + std::to_string(node_seq);
  envelope.sent_at_ms = NowMs();
  envelope.reliability = wire::SourceReliability::B;
  envelope.credibility = wire::InfoCredibility::Corroborated;
  return envelope;
}

wire::EnvelopeT AlertEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                              const std::string& alert_id, wire::AlertStatus status) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::AlertT alert;
  alert.alert_id = alert_id;
  alert.severity = wire::Severity::Priority;
  alert.crime_area = wire::CrimeArea::MigrantSmuggling;
  alert.title = "Truck with hidden migrants heading for the crossing";
  alert.position = std::make_unique<wire::GeoPoint>(42.43, 19.26);
  alert.observed_at_ms = NowMs() - 60'000;
  alert.status = status;
  envelope.payload.Set(std::move(alert));
  return envelope;
}

wire::EnvelopeT ActionEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                               const std::string& alert_id, wire::ActionKind kind) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::AlertActionT action;
  action.alert_id = alert_id;
  action.kind = kind;
  action.actor = "duty officer";
  action.at_ms = NowMs();
  if (kind == wire::ActionKind::Assign) action.assignee = "ME";
  action.text = "noted";
  envelope.payload.Set(std::move(action));
  return envelope;
}

wire::EnvelopeT WatchEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                              const std::string& entry_id, uint32_t revision, bool removed) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::WatchlistEntryT entry;
  entry.entry_id = entry_id;
  entry.revision = revision;
  entry.kind = wire::WatchKind::Vehicle;
  entry.plate = "PG-123-AB";
  entry.reason = "vehicle of a smuggling network";
  entry.action = wire::ActionRequested::DiscreetCheck;
  entry.removed = removed;
  envelope.payload.Set(std::move(entry));
  return envelope;
}

wire::EnvelopeT OperationEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                                  const std::string& code) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::JointOperationT operation;
  operation.code = code;
  operation.name = "Joint Action Day";
  operation.lead = country;
  operation.phase = wire::OperationPhase::Active;
  envelope.payload.Set(std::move(operation));
  return envelope;
}

wire::EnvelopeT SitRepEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                               const std::string& code) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::SitRepT sitrep;
  sitrep.operation_code = code;
  sitrep.reporting_country = country;
  sitrep.period_start_ms = NowMs() - 3'600'000;
  sitrep.period_end_ms = NowMs() - 60'000;
  sitrep.persons_checked = 120;
  envelope.payload.Set(std::move(sitrep));
  return envelope;
}

wire::Bytes Pack(const wire::EnvelopeT& envelope) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  wire::FinishEnvelopeBuffer(fbb, wire::Envelope::Pack(fbb, &envelope));
  return wire::Bytes(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

void PublishAccepted(HubFixture& hub, const std::string& node, const std::string& country,
                     const std::vector<wire::Bytes>& envelopes) {
  RawClient client(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(client.Hello(node, country));
  for (const auto& envelope : envelopes) client.Publish(envelope);
  auto outcomes = client.CollectOutcomes(envelopes.size());
  ASSERT_EQ(outcomes.size(), envelopes.size());
  for (const auto& outcome : outcomes) ASSERT_NE(outcome.hub_seq, 0u) << node << " refused " << int(outcome.code);
}

}  // namespace opsroom::testing
