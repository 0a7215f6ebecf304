#include "hub/zap_handler.h"

#include <array>
#include <chrono>

namespace opsroom::hub {

namespace {

constexpr int kPollMs = 50;                // how quickly Stop() is noticed
constexpr std::size_t kRequestFrames = 7;  // version .. first credential frame (CURVE: one)

std::string Text(const zmq::message_t& message) { return std::string(message.to_string_view()); }

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// ZMTP property list: name length (1 byte), name, value length (4 bytes BE), value.
std::string Property(std::string_view name, std::string_view value) {
  std::string out(1, static_cast<char>(name.size()));
  out.append(name);
  uint32_t n = static_cast<uint32_t>(value.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xff));
  out.append(value);
  return out;
}

}  // namespace

std::string ZapHandler::Start() {
  if (running()) return {};
  zmq::socket_t socket(context_, zmq::socket_type::rep);
  try {
    socket.set(zmq::sockopt::linger, 0);
    socket.bind(kZapEndpoint);
  } catch (const zmq::error_t& e) {
    return std::string("cannot bind the ZAP handler on ") + kZapEndpoint + ": " + e.what();
  }
  stop_.store(false);
  running_.store(true, std::memory_order_release);
  thread_ = std::thread([this, s = std::move(socket)]() mutable { Serve(std::move(s)); });
  return {};
}

void ZapHandler::Stop() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
  running_.store(false, std::memory_order_release);
}

void ZapHandler::Serve(zmq::socket_t socket) {
  while (!stop_.load(std::memory_order_relaxed)) {
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    try {
      if (zmq::poll(&item, 1, std::chrono::milliseconds(kPollMs)) == 0) continue;
      std::vector<zmq::message_t> request;
      do {
        zmq::message_t part;
        if (!socket.recv(part, zmq::recv_flags::dontwait)) break;
        bool more = part.more();
        if (request.size() < kRequestFrames + 4) request.push_back(std::move(part));  // bounded
        if (!more) break;
      } while (true);
      Answer(socket, request);
    } catch (const zmq::error_t& e) {
      if (e.num() == ETERM) break;
    }
  }
  socket.close();
}

void ZapHandler::Answer(zmq::socket_t& socket, std::vector<zmq::message_t>& request) {
  // REP must answer every request, even a malformed one.
  std::string request_id = request.size() > 1 ? Text(request[1]) : std::string();
  ZapDecision decision;
  decision.at_ms = NowMs();
  if (request.size() >= 6) {
    decision.address = Text(request[3]);
    decision.mechanism = Text(request[5]);
  }
  const KeyEntry* entry = nullptr;
  std::shared_ptr<const KeyTable> table = registry_.Current();
  if (request.size() >= kRequestFrames && Text(request[0]) == "1.0" && decision.mechanism == "CURVE" &&
      request[6].size() == 32) {
    std::array<char, 41> z85{};
    if (zmq_z85_encode(z85.data(), static_cast<const uint8_t*>(request[6].data()), 32) != nullptr) {
      decision.public_key = z85.data();
      entry = table->FindByKey(decision.public_key);
    }
  }
  decision.admitted = entry != nullptr;
  if (entry != nullptr) decision.node_id = entry->node_id;
  std::string metadata = entry != nullptr ? Property(kKeyProperty, entry->public_key) : std::string();
  std::array<std::string, 6> reply = {
      "1.0",   request_id, entry ? "200" : "400", entry ? "OK" : "key not in the registry", entry ? entry->node_id : "",
      metadata};
  for (std::size_t i = 0; i < reply.size(); ++i) {
    socket.send(zmq::buffer(reply[i]), i + 1 < reply.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
  }
  (decision.admitted ? admitted_ : denied_).fetch_add(1, std::memory_order_relaxed);
  Record(std::move(decision));
}

void ZapHandler::Record(ZapDecision decision) {
  std::lock_guard lock(mutex_);
  if (pending_.size() >= kMaxPending) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  pending_.push_back(std::move(decision));
}

std::vector<ZapDecision> ZapHandler::TakeDecisions() {
  std::lock_guard lock(mutex_);
  std::vector<ZapDecision> out(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
  pending_.clear();
  return out;
}

}  // namespace opsroom::hub
