// opsroom-bench-match-hub: the hub's matching end to end with N active watchlist
// entries (default 1,000,000 synthetic people, every other one in Cyrillic):
//   fill      N entries published by one node (window of acks in flight)
//   restart   a hub start on that store (the index rebuilt from RocksDB) until it serves
//   latency   check -> Hit event on a subscriber, one check at a time (ASCII spelling
//             of a random entry's name), p50/p99
//   sustained checks/s with a window in flight, 10% of them hits
// In-process hub on loopback (--insecure), temp RocksDB, sync=full. Figures only.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>

#include "bench/match_hub/match_names.h"
#include "hub/hub_server.h"
#include "nodes/client/check_builder.h"
#include "nodes/client/envelope_builder.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  uint64_t entries = 1'000'000;
  uint64_t latency_checks = 2'000;
  uint64_t sustained_checks = 20'000;
  std::size_t window = 500;
};

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

long RssMb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE) / (1024 * 1024);
}

class Hub {
 public:
  explicit Hub(const std::string& dir) {
    config_.data_dir = dir;
    config_.bind = "tcp://127.0.0.1:*";
    config_.pub_bind = "tcp://127.0.0.1:*";
    config_.insecure = true;
  }
  ~Hub() { Stop(); }
  // Seconds from construction to serving (store open, index rebuilt).
  double Start() {
    auto start = Clock::now();
    server_ = std::make_unique<hub::HubServer>(config_);
    wire::Status started = server_->Start();
    if (!started.ok) {
      std::fprintf(stderr, "hub did not start: %s\n", started.error.c_str());
      std::exit(1);
    }
    double seconds = Seconds(start);
    thread_ = std::thread([this] { server_->Run(); });
    return seconds;
  }
  void Stop() {
    if (!server_) return;
    server_->RequestStop();
    thread_.join();
    server_.reset();
  }
  std::string router() const { return server_->router_endpoint(); }
  std::string pub() const { return server_->pub_endpoint(); }

 private:
  hub::HubConfig config_;
  std::unique_ptr<hub::HubServer> server_;
  std::thread thread_;
};

// One node's DEALER: Hello, then envelopes with a bounded window of unacked
// ones. A loaded hub may expire the session while it catches up (NoSession):
// the node says Hello again and resends what is unacked, as a real node does.
class Node {
 public:
  Node(zmq::context_t& context, const std::string& endpoint, std::string id, std::string country)
      : socket_(context, zmq::socket_type::dealer), id_(std::move(id)), country_(std::move(country)) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.connect(endpoint);
    Hello();
  }
  nodes::EnvelopeHeader Header() {
    nodes::EnvelopeHeader header;
    header.origin = id_;
    header.country = country_;
    header.node_seq = ++seq_;
    header.sent_at_ms = WallMs();
    return header;
  }
  void Send(const wire::Bytes& envelope, std::size_t window) {
    while (in_flight_.size() >= window) Drain(true);
    uint64_t node_seq = wire::GetEnvelope(envelope.data())->node_seq();
    in_flight_[node_seq] = envelope;
    Transmit(envelope);
    Drain(false);
  }
  void WaitAll() {
    while (!in_flight_.empty()) Drain(true);
  }
  uint64_t refused() const { return refused_; }
  uint64_t rehellos() const { return rehellos_; }

 private:
  void Hello() {
    wire::Bytes hello =
        wire::BuildHello(id_, country_, wire::ClientRole::NationalNode, "bench", wire::kProtocolVersion);
    socket_.send(zmq::buffer(hello.data(), hello.size()));
  }
  void Transmit(const wire::Bytes& envelope) {
    wire::Bytes frame = wire::BuildPublish(envelope);
    socket_.send(zmq::buffer(frame.data(), frame.size()));
  }
  void Drain(bool block) {
    zmq::message_t reply;
    bool resend = false;
    while (socket_.recv(reply, block ? zmq::recv_flags::none : zmq::recv_flags::dontwait)) {
      block = false;
      auto frame = wire::CheckHubFrame({static_cast<const uint8_t*>(reply.data()), reply.size()});
      if (!frame) continue;
      if (const wire::Ack* ack = frame.value()->body_as_Ack()) {
        for (const wire::AckEntry* entry : *ack->entries()) in_flight_.erase(entry->node_seq());
      }
      if (const wire::Nack* nack = frame.value()->body_as_Nack()) {
        if (nack->code() == wire::RejectReason::NoSession) {
          resend = true;
        } else if (in_flight_.erase(nack->node_seq()) != 0 && ++refused_ <= 3) {
          std::fprintf(stderr, "refused: %s\n", nack->reason()->c_str());
        }
      }
    }
    if (!resend) return;
    ++rehellos_;
    Hello();
    for (const auto& [node_seq, envelope] : in_flight_) Transmit(envelope);
  }
  zmq::socket_t socket_;
  std::string id_, country_;
  uint64_t seq_ = 0;
  std::map<uint64_t, wire::Bytes> in_flight_;  // by node_seq, until acked or refused
  uint64_t refused_ = 0;
  uint64_t rehellos_ = 0;
};

wire::Bytes EntryEnvelope(Node& node, uint64_t i) {
  nodes::WatchlistEntrySpec entry;
  entry.entry_id = "RS-CP:W-" + std::to_string(i);
  std::string name = SyntheticName(i);
  if (i % 2 == 0) entry.name_original = ToCyrillic(name);
  else entry.name_latin = name;
  entry.date_of_birth = std::to_string(1950 + i % 50) + "-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 9);
  entry.reason = "bench";
  entry.action = wire::ActionRequested::DiscreetCheck;
  return nodes::BuildEnvelope(node.Header(), entry);
}

wire::Bytes CheckEnvelope(Node& node, const std::string& name) {
  nodes::CheckSpec check;
  check.checked_at_ms = WallMs() - 1000;
  check.place_code = "BCP-HR-RS-BAJAKOVO";
  nodes::SubjectSpec person;
  person.name = name;
  check.subjects.push_back(person);
  return nodes::BuildCheckEnvelope(node.Header(), check);
}

// The first Hit event raised by `check_id` within timeout_ms (hits of earlier
// checks are skipped); false on timeout.
bool HitFor(zmq::socket_t& sub, const std::string& check_id, int timeout_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (Clock::now() < deadline) {
    zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(50)) <= 0) continue;
    zmq::message_t topic, body;
    if (!sub.recv(topic) || !topic.more() || !sub.recv(body)) continue;
    auto frame = wire::CheckHubFrame({static_cast<const uint8_t*>(body.data()), body.size()});
    const wire::Event* event = frame ? frame.value()->body_as_Event() : nullptr;
    const wire::Envelope* envelope = event ? event->envelope_nested_root() : nullptr;
    const wire::Hit* hit = envelope ? envelope->payload_as_Hit() : nullptr;
    if (hit != nullptr && hit->source_id() != nullptr && hit->source_id()->string_view() == check_id) return true;
  }
  return false;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()))];
}

int Run(const Options& options) {
  std::string dir =
      (std::filesystem::temp_directory_path() / ("opsroom-match-bench-" + std::to_string(getpid()))).string();
  std::printf("entries %llu, store %s, hardware threads %u\n", static_cast<unsigned long long>(options.entries),
              dir.c_str(), std::thread::hardware_concurrency());
  zmq::context_t context;
  long rss_before = RssMb();
  auto hub = std::make_unique<Hub>(dir);
  hub->Start();
  {
    Node owner(context, hub->router(), "RS-CP", "RS");
    auto start = Clock::now();
    for (uint64_t i = 0; i < options.entries; ++i) {
      owner.Send(EntryEnvelope(owner, i), options.window);
      if ((i + 1) % 100'000 == 0) {
        std::printf("  %llu entries, %.1f s\n", static_cast<unsigned long long>(i + 1), Seconds(start));
        std::fflush(stdout);
      }
    }
    owner.WaitAll();
    double seconds = Seconds(start);
    std::printf("fill: %.1f s, %.0f entries/s, refused %llu, sessions renewed %llu, process RSS %ld MB -> %ld MB\n",
                seconds, options.entries / seconds, static_cast<unsigned long long>(owner.refused()),
                static_cast<unsigned long long>(owner.rehellos()), rss_before, RssMb());
  }
  hub->Stop();
  double restart = hub->Start();
  std::printf("restart with %llu entries (store open + index rebuilt): %.2f s\n",
              static_cast<unsigned long long>(options.entries), restart);

  zmq::socket_t sub(context, zmq::socket_type::sub);
  sub.set(zmq::sockopt::subscribe, "ev.hit.");
  sub.set(zmq::sockopt::subscribe, "st");
  sub.connect(hub->pub());
  {
    zmq::message_t topic, body;
    while (sub.recv(topic) && topic.to_string_view() != "st") {
    }  // the slow joiner: wait for a status
    if (topic.more()) static_cast<void>(sub.recv(body));
  }
  sub.set(zmq::sockopt::unsubscribe, "st");
  Node checker(context, hub->router(), "HR-BP", "HR");
  std::mt19937_64 random(7);
  std::vector<double> latencies_ms;
  uint64_t missed = 0;
  for (uint64_t i = 0; i < options.latency_checks; ++i) {
    std::string name = ToAscii(SyntheticName(random() % options.entries));
    wire::Bytes envelope = CheckEnvelope(checker, name);
    std::string check_id = wire::GetEnvelope(envelope.data())->payload_as_Check()->check_id()->str();
    auto start = Clock::now();
    checker.Send(envelope, 1);
    if (HitFor(sub, check_id, 5000)) latencies_ms.push_back(Seconds(start) * 1000);
    else ++missed;
    checker.WaitAll();
  }
  std::printf("check -> hit (%zu hits, %llu checks without one): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              latencies_ms.size(), static_cast<unsigned long long>(missed), Percentile(latencies_ms, 0.5),
              Percentile(latencies_ms, 0.99), Percentile(latencies_ms, 1.0));

  auto start = Clock::now();
  for (uint64_t i = 0; i < options.sustained_checks; ++i) {
    std::string name = i % 10 == 0 ? ToAscii(SyntheticName(random() % options.entries)) : UnknownName(i);
    checker.Send(CheckEnvelope(checker, name), options.window);
  }
  checker.WaitAll();
  double seconds = Seconds(start);
  std::printf("sustained: %llu checks (10%% hits) in %.2f s = %.0f checks/s, refused %llu\n",
              static_cast<unsigned long long>(options.sustained_checks), seconds, options.sustained_checks / seconds,
              static_cast<unsigned long long>(checker.refused()));
  hub.reset();
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(dir + "-audit");  // the hub's default audit key directory, beside its data
  return 0;
}

}  // namespace
}  // namespace opsroom::bench

int main(int argc, char** argv) {
  opsroom::bench::Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    uint64_t value = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--entries") options.entries = value;
    else if (flag == "--latency-checks") options.latency_checks = value;
    else if (flag == "--checks") options.sustained_checks = value;
    else if (flag == "--window") options.window = value;
    else {
      std::fprintf(stderr,
                   "usage: opsroom-bench-match-hub [--entries N] [--latency-checks N] [--checks N] [--window N]\n");
      return 2;
    }
  }
  return opsroom::bench::Run(options);
}
