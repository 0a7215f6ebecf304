#include "chaos/hub_client.h"

#include <csignal>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "wire/frame_builder.h"
#include "wire/protocol_constants.h"
#include "tests/support/test_clock.h"

namespace opsroom::chaos {

namespace {

constexpr const char* kQueryNodeId = "OPSROOM-CHAOS";
constexpr const char* kQueryCountry = "OPSROOM";
constexpr int kProbeStepMs = 100;

}  // namespace

std::string HubBinaryPath() {
  if (const char* path = std::getenv("OPSROOM_HUB_BINARY"); path != nullptr && *path != '\0') return path;
#ifdef OPSROOM_BINARY_DIR
  return std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub";
#else
  return "opsroom-hub";
#endif
}

std::string ChaosHubBinaryPath() {
  if (const char* path = std::getenv("OPSROOM_CHAOS_HUB_BINARY"); path != nullptr && *path != '\0') return path;
  return OPSROOM_CHAOS_HUB_BINARY;
}

bool HubProcess::PowerCut() {
  if (!child_.Signal(SIGUSR1)) return false;
  if (child_.Wait(10'000)) return true;
  child_.Kill9();
  return false;
}

bool HubProcess::SetDiskFull(bool full) {
  if (full == disk_full_) return true;
  if (!child_.Signal(SIGUSR2)) return false;  // chaos_hub toggles
  disk_full_ = full;
  return true;
}

bool HubProcess::Stop(int timeout_ms) {
  if (!child_.Signal(SIGTERM)) return !child_.running();
  if (child_.Wait(timeout_ms)) return true;
  child_.Kill9();
  return false;
}

bool HubProcess::Start(int timeout_ms, std::string* error) {
  std::string binary = options_.binary.empty() ? HubBinaryPath() : options_.binary;
  std::vector<std::string> argv = {binary, "--data", options_.data_dir, "--bind", endpoint(), "--insecure"};
  if (!options_.sync) argv.push_back("--sync=none");
  std::vector<std::string> env;
  if (options_.tear_seed != 0) env.push_back("OPSROOM_POWERCUT_TEAR_SEED=" + std::to_string(options_.tear_seed));
  disk_full_ = false;
  auto child = ChildProcess::Start(argv, options_.log_path, options_.log_path, error, env);
  if (!child) return false;
  child_ = std::move(*child);
  int64_t deadline = testing::SteadyNowMs() + timeout_ms;
  zmq::context_t context(1);
  while (testing::SteadyNowMs() < deadline) {
    if (!child_.running() || child_.Wait(0)) {
      *error = "the hub exited while starting (see " + options_.log_path + ")";
      return false;
    }
    QueryClient probe(context, endpoint());
    std::string ignored;
    if (probe.Connect(kProbeStepMs * 5, &ignored)) return true;
  }
  *error = "the hub did not answer Hello on " + endpoint() + " within " + std::to_string(timeout_ms) + " ms";
  return false;
}

QueryClient::QueryClient(zmq::context_t& context, std::string endpoint)
    : socket_(context, zmq::socket_type::dealer), endpoint_(std::move(endpoint)) {
  socket_.set(zmq::sockopt::linger, 0);
  socket_.connect(endpoint_);
}

std::optional<zmq::message_t> QueryClient::Ask(const std::vector<uint8_t>& frame, uint64_t request_id, int timeout_ms) {
  if (!socket_.send(zmq::buffer(frame), zmq::send_flags::dontwait)) return std::nullopt;
  int64_t deadline = testing::SteadyNowMs() + timeout_ms;
  while (true) {
    int64_t left = deadline - testing::SteadyNowMs();
    if (left <= 0) return std::nullopt;
    zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(left));
    zmq::message_t reply;
    if (!socket_.recv(reply, zmq::recv_flags::dontwait)) continue;
    auto checked = wire::CheckHubFrame(std::span(static_cast<const uint8_t*>(reply.data()), reply.size()));
    if (!checked) continue;
    const wire::Frame* parsed = checked.value();
    bool control = parsed->body_type() == wire::Body::Welcome || parsed->body_type() == wire::Body::Nack;
    if (parsed->request_id() == request_id || (request_id == 0 && control)) return reply;
  }
}

bool QueryClient::Connect(int timeout_ms, std::string* error) {
  auto hello = wire::BuildHello(kQueryNodeId, kQueryCountry, wire::ClientRole::Console, "opsroom-chaos/1",
                                wire::kProtocolVersion);
  auto reply = Ask(hello, 0, timeout_ms);
  if (!reply) {
    *error = "no Welcome from " + endpoint_;
    return false;
  }
  const wire::Frame* frame = wire::GetFrame(reply->data());
  if (frame->body_type() != wire::Body::Welcome) {
    *error = "the hub refused Hello";
    return false;
  }
  welcome_hub_seq_ = frame->body_as_Welcome()->hub_seq();
  return true;
}

bool QueryClient::ReplayAll(uint64_t from_seq, const std::function<void(const wire::CheckedEvent&)>& visit,
                            int timeout_ms, std::string* error) {
  int64_t deadline = testing::SteadyNowMs() + timeout_ms;
  uint64_t next = std::max<uint64_t>(from_seq, 1);
  while (testing::SteadyNowMs() < deadline) {
    uint64_t id = next_request_id_++;
    auto reply = Ask(wire::BuildReplayRequest(id, next, wire::kMaxPageItems), id,
                     static_cast<int>(std::max<int64_t>(deadline - testing::SteadyNowMs(), 1)));
    if (!reply) break;
    const wire::Frame* frame = wire::GetFrame(reply->data());
    if (frame->body_type() != wire::Body::ReplayPage) {
      *error = "replay from " + std::to_string(next) + " refused";
      return false;
    }
    const wire::ReplayPage* page = frame->body_as_ReplayPage();
    if (page->events() != nullptr) {
      for (const wire::Blob* blob : *page->events()) {
        if (blob->bytes() == nullptr) continue;
        auto event = wire::CheckEventFrame(std::span(blob->bytes()->data(), blob->bytes()->size()));
        if (!event) {
          *error = "an unreadable event in the replay near " + std::to_string(next);
          return false;
        }
        visit(event.value());
      }
    }
    // next_seq may also step over events this client may not see (withheld
    // by audience): only a page that does not advance means "up to date".
    bool empty = page->events() == nullptr || page->events()->size() == 0;
    if (page->next_seq() < next || (page->next_seq() == next && !empty)) {
      *error = "replay did not advance at " + std::to_string(next);
      return false;
    }
    bool advanced = page->next_seq() > next;
    next = page->next_seq();
    if (!advanced || next > page->hub_seq()) return true;
  }
  *error = "replay did not finish within " + std::to_string(timeout_ms) + " ms (at " + std::to_string(next) + ")";
  return false;
}

std::optional<std::map<std::string, int64_t>> QueryClient::Counters(int timeout_ms, std::string* error) {
  uint64_t id = next_request_id_++;
  auto reply = Ask(wire::BuildStatsRequest(id), id, timeout_ms);
  if (!reply) {
    *error = "no Stats from " + endpoint_;
    return std::nullopt;
  }
  const wire::Frame* frame = wire::GetFrame(reply->data());
  if (frame->body_type() != wire::Body::Stats) {
    *error = "the hub refused StatsRequest";
    return std::nullopt;
  }
  std::map<std::string, int64_t> counters;
  if (const auto* list = frame->body_as_Stats()->counters()) {
    for (const wire::Counter* counter : *list) counters[counter->name()->str()] = counter->value();
  }
  return counters;
}

}  // namespace opsroom::chaos
