// opsroom-bench-ingest: durable ingest of 512-byte alerts from 7 nodes through
// a real hub (in-process HubServer on loopback, temp RocksDB), with
// --sync=full and --sync=none; then publish->ack and publish->subscriber
// latency at half of the measured peak. One client thread drives 7 DEALERs
// with pre-built envelopes (node_seq and ids patched in place), a window of
// messages in flight per node; a subscriber thread verifies every event.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>

#include <zmq.hpp>

#include <fstream>
#include <map>

#include "hub/hub_server.h"
#include "hub/key_registry.h"
#include "hub/tools/dump_stats.h"
#include "wire/curve_keys.h"
#include "bench/alert_frame.h"
#include "bench/core_feed.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kRing = 1 << 16;  // send times per node, indexed by node_seq
constexpr int kBurst = 512;             // messages sent to one node socket before turning to the next

struct Options {
  double seconds = 10;
  std::size_t window = 1000;                // messages in flight per node
  std::vector<bool> modes = {true, false};  // sync full, none
  std::string hub;                          // external hub; empty: in-process
  std::size_t max_batch = 0;                // in-process hub's max_batch_frames; 0: its default
  bool core = false;                        // also feed the hub core directly (no sockets)
  bool curve = false;                       // in-process hub and clients over CurveZMQ + ZAP
};

// --curve: the hub's pair, one pair per node and one for the subscriber
// (a console identity), all registered with the in-process hub.
struct CurveSetup {
  bool on = false;
  wire::CurveKeyPair hub;
  std::map<std::string, wire::CurveKeyPair> clients;  // node id -> pair
};
CurveSetup g_curve;
constexpr const char* kBenchConsole = "OPSROOM-BENCH";

void InitCurve() {
  g_curve.on = true;
  g_curve.hub = wire::GenerateCurveKeyPair().value();
  for (const char* id : {"AL-BP", "BA-BP", "HR-BP", "XK-BP", "ME-BP", "MK-BP", "RS-BP", kBenchConsole}) {
    g_curve.clients[id] = wire::GenerateCurveKeyPair().value();
  }
}

void WriteCurveKeys(const std::string& dir) {
  std::filesystem::create_directories(dir);
  static_cast<void>(wire::WriteKeyFiles(dir + "/hub", g_curve.hub, true));
  std::ofstream registry(dir + "/registry", std::ios::trunc);
  for (const auto& [id, pair] : g_curve.clients) {
    std::string country = id.substr(0, id.find('-'));
    auto role = id == kBenchConsole ? wire::ClientRole::Console : wire::ClientRole::NationalNode;
    registry << hub::FormatKeyLine({pair.public_z85, id, country, role}) << '\n';
  }
}

void CurveClient(zmq::socket_t& socket, const std::string& id) {
  if (!g_curve.on) return;
  socket.set(zmq::sockopt::curve_serverkey, g_curve.hub.public_z85);
  socket.set(zmq::sockopt::curve_publickey, g_curve.clients.at(id).public_z85);
  socket.set(zmq::sockopt::curve_secretkey, g_curve.clients.at(id).secret_z85);
}

struct Node {
  std::string id;
  std::string country;
  std::unique_ptr<zmq::socket_t> socket;
  PatchableFrame frame;
  uint64_t next_seq = 1;
  std::size_t in_flight = 0;
};

struct Phase {
  double rate = 0;  // msgs/s to offer; 0: as fast as the window allows
  double seconds = 0;
  double warmup = 1.0;  // not counted
};

struct PhaseResult {
  double msgs_per_second = 0;
  std::vector<int64_t> ack_us;
  std::vector<int64_t> sub_us;
  uint64_t nacks = 0;
};

void SayHello(Node& node) {
  node.socket->send(zmq::buffer(
      wire::BuildHello(node.id, node.country, wire::ClientRole::NationalNode, "bench/1", wire::kProtocolVersion)));
}

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

class SendTimes {
 public:
  void Set(std::size_t node, uint64_t seq, int64_t ns) {
    slots_[node][seq % kRing].store(ns, std::memory_order_relaxed);
  }
  int64_t Get(std::size_t node, uint64_t seq) const {
    return slots_[node][seq % kRing].load(std::memory_order_relaxed);
  }

 private:
  std::array<std::array<std::atomic<int64_t>, kRing>, 7> slots_{};
};

std::size_t NodeIndex(std::string_view origin) {
  static const std::array<std::string_view, 7> kIds = {"AL-BP", "BA-BP", "HR-BP", "XK-BP", "ME-BP", "MK-BP", "RS-BP"};
  return std::find(kIds.begin(), kIds.end(), origin) - kIds.begin();
}

// Counts acks (and optionally latencies) from one node's socket.
void DrainReplies(Node& node, std::size_t index, const SendTimes& times, bool measure, PhaseResult& result,
                  uint64_t& acked) {
  zmq::message_t message;
  while (node.socket->recv(message, zmq::recv_flags::dontwait)) {
    auto frame = wire::CheckHubFrame({static_cast<const uint8_t*>(message.data()), message.size()});
    if (!frame) continue;
    if (const auto* nack = frame.value()->body_as_Nack()) {
      ++result.nacks;
      if (result.nacks <= 3) {
        std::fprintf(stderr, "NACK for %s seq %llu: %s %s\n", node.id.c_str(),
                     static_cast<unsigned long long>(nack->node_seq()), wire::ReasonLabel(nack->code()).c_str(),
                     nack->reason() ? nack->reason()->c_str() : "");
      }
      if (node.in_flight > 0) --node.in_flight;
      continue;
    }
    const auto* ack = frame.value()->body_as_Ack();
    if (ack == nullptr || ack->entries() == nullptr) continue;
    int64_t now = NowNs();
    for (const auto* entry : *ack->entries()) {
      if (node.in_flight > 0) --node.in_flight;
      if (!measure) continue;
      ++acked;
      result.ack_us.push_back((now - times.Get(index, entry->node_seq())) / 1000);
    }
  }
}

PhaseResult RunPhase(std::vector<Node>& nodes, SendTimes& times, const Phase& phase, std::size_t window) {
  PhaseResult result;
  result.ack_us.reserve(4'000'000);
  auto start = Clock::now();
  auto measure_from = start + std::chrono::duration<double>(phase.warmup);
  auto end = measure_from + std::chrono::duration<double>(phase.seconds);
  uint64_t offered = 0;
  uint64_t acked = 0;
  std::vector<zmq::pollitem_t> items;
  for (Node& node : nodes) {
    items.push_back({node.socket->handle(), 0, ZMQ_POLLIN, 0});
    SayHello(node);  // sessions expire after 3 s of silence; the gap between phases may be longer
  }
  auto next_heartbeat = Clock::now();
  while (Clock::now() < end) {
    if (Clock::now() >= next_heartbeat) {
      // Protocol: every node sends a Heartbeat each interval (a node waiting on a full window is silent).
      for (Node& node : nodes) node.socket->send(zmq::buffer(wire::BuildHeartbeat({node.id, 0, 0, 0, "bench/1"})));
      next_heartbeat += std::chrono::milliseconds(wire::kHeartbeatIntervalMs);
    }
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    uint64_t allowed = phase.rate > 0 ? static_cast<uint64_t>(phase.rate * elapsed) : UINT64_MAX;
    bool sent_any = false;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      Node& node = nodes[i];
      for (int burst = 0; burst < kBurst && node.in_flight < window && offered < allowed; ++burst) {
        node.frame.Patch(node.next_seq);
        times.Set(i, node.next_seq, NowNs());
        node.socket->send(zmq::buffer(node.frame.bytes()), zmq::send_flags::none);
        ++node.next_seq;
        ++node.in_flight;
        ++offered;
        sent_any = true;
      }
    }
    zmq::poll(items.data(), items.size(), std::chrono::milliseconds(sent_any ? 0 : 1));
    bool measuring = Clock::now() >= measure_from;
    for (std::size_t i = 0; i < nodes.size(); ++i) DrainReplies(nodes[i], i, times, measuring, result, acked);
  }
  result.msgs_per_second = static_cast<double>(acked) / phase.seconds;
  return result;
}

// Verifies every event and records publish->subscriber latency while `measuring`.
void Subscribe(zmq::context_t& context, const std::string& endpoint, const SendTimes& times,
               std::atomic<bool>& measuring, std::atomic<bool>& stop, std::vector<int64_t>& out) {
  zmq::socket_t sub(context, zmq::socket_type::sub);
  CurveClient(sub, kBenchConsole);
  sub.set(zmq::sockopt::subscribe, wire::kTopicEventPrefix);
  sub.set(zmq::sockopt::rcvhwm, 1'000'000);
  sub.connect(endpoint);
  out.reserve(4'000'000);
  zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
  while (!stop.load()) {
    if (zmq::poll(&item, 1, std::chrono::milliseconds(50)) == 0) continue;
    zmq::message_t topic;
    zmq::message_t body;
    while (sub.recv(topic, zmq::recv_flags::dontwait) && sub.recv(body, zmq::recv_flags::dontwait)) {
      auto event = wire::CheckEventFrame({static_cast<const uint8_t*>(body.data()), body.size()});
      if (!event || !measuring.load(std::memory_order_relaxed)) continue;
      std::size_t node = NodeIndex(event->envelope->origin()->string_view());
      if (node < 7) out.push_back((NowNs() - times.Get(node, event->envelope->node_seq())) / 1000);
    }
  }
}

int64_t Percentile(std::vector<int64_t> values, double p) {
  if (values.empty()) return 0;
  std::size_t k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + k, values.end());
  return values[k];
}

std::vector<Node> ConnectNodes(zmq::context_t& context, const std::string& endpoint) {
  std::vector<Node> nodes;
  for (std::string_view country : {"AL", "BA", "HR", "XK", "ME", "MK", "RS"}) {
    Node node;
    node.country = country;
    node.id = node.country + "-BP";
    node.socket = std::make_unique<zmq::socket_t>(context, zmq::socket_type::dealer);
    node.socket->set(zmq::sockopt::sndhwm, 0);
    node.socket->set(zmq::sockopt::rcvhwm, 0);
    node.socket->set(zmq::sockopt::linger, 0);
    CurveClient(*node.socket, node.id);
    node.socket->connect(endpoint);
    node.frame = MakeAlertFrame(node.id, node.country, 512);
    SayHello(node);
    zmq::message_t reply;
    if (!node.socket->recv(reply)) std::fprintf(stderr, "no Welcome for %s\n", node.id.c_str());
    auto frame = wire::CheckHubFrame({static_cast<const uint8_t*>(reply.data()), reply.size()});
    // An external hub may hold earlier runs: continue after its watermark.
    if (frame && frame.value()->body_as_Welcome())
      node.next_seq = frame.value()->body_as_Welcome()->last_node_seq() + 1;
    nodes.push_back(std::move(node));
  }
  return nodes;
}

// The hub under test: in-process on ephemeral ports over a temp dir, or an
// external one (the opsroom-hub binary) given by --hub.
class HubUnderTest {
 public:
  bool StartInProcess(bool sync, std::size_t max_batch) {
    dir_ = (std::filesystem::temp_directory_path() / ("opsroom-bench-" + std::to_string(getpid()))).string();
    std::filesystem::remove_all(dir_);
    std::filesystem::remove_all(dir_ + "-audit");  // the hub's default audit key directory, beside its data
    std::filesystem::create_directory(dir_);       // owner-only: the hub refuses a data directory others can read
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    hub::HubConfig config;
    config.data_dir = dir_;
    config.bind = "tcp://127.0.0.1:*";
    config.pub_bind = "tcp://127.0.0.1:*";
    config.sync = sync;
    config.insecure = !g_curve.on;  // plain text on loopback unless --curve
    if (g_curve.on) {
      config.keys_dir = dir_ + "/keys";
      WriteCurveKeys(config.keys_dir);
    }
    if (max_batch > 0) config.max_batch_frames = max_batch;
    server_ = std::make_unique<hub::HubServer>(config);
    if (auto started = server_->Start(); !started.ok) {
      std::fprintf(stderr, "hub: %s\n", started.error.c_str());
      return false;
    }
    router_ = server_->router_endpoint();
    pub_ = server_->pub_endpoint();
    thread_ = std::thread([this] {
      pthread_setname_np(pthread_self(), "hub-loop");
      server_->Run();
    });
    return true;
  }
  void UseExternal(const std::string& router) {
    router_ = router;
    pub_ = hub::NextPortEndpoint(router).value_or(router);
  }
  ~HubUnderTest() {
    if (!server_) return;
    server_->RequestStop();
    if (thread_.joinable()) thread_.join();  // not running when Start refused
    server_.reset();
    std::filesystem::remove_all(dir_);
    std::filesystem::remove_all(dir_ + "-audit");
  }
  int64_t Counter(const std::string& name) const {
    std::vector<std::pair<std::string, int64_t>> counters;
    hub::StatsClient client;
    client.hub_endpoint = router_;
    if (!hub::FetchStats(client, &counters).ok) return 0;
    for (const auto& [n, v] : counters) {
      if (n == name) return v;
    }
    return 0;
  }
  const std::string& router() const { return router_; }
  const std::string& pub() const { return pub_; }

 private:
  std::string dir_, router_, pub_;
  std::unique_ptr<hub::HubServer> server_;
  std::thread thread_;
};

struct ModeReport {
  std::string label;
  double peak = 0;
  int64_t batches = 0;
  double mean_batch = 0;
  double mean_commit_us = 0;
  double msgs_per_wakeup = 0;
  double half_rate = 0;
  int64_t ack_p50 = 0, ack_p99 = 0, sub_p50 = 0, sub_p99 = 0;
  uint64_t nacks = 0;
};

void MeasurePeak(HubUnderTest& hub, std::vector<Node>& nodes, SendTimes& times, const Options& options,
                 ModeReport& report) {
  int64_t batches_before = hub.Counter("batches");
  int64_t commit_before = hub.Counter("commit_us");
  int64_t stored_before = hub.Counter("stored");
  int64_t wakeups_before = hub.Counter("loop_wakeups");
  PhaseResult peak = RunPhase(nodes, times, {0, options.seconds, 1.0}, options.window);
  report.peak = peak.msgs_per_second;
  report.batches = hub.Counter("batches") - batches_before;
  int64_t stored = hub.Counter("stored") - stored_before;
  report.msgs_per_wakeup =
      static_cast<double>(stored) / std::max<int64_t>(1, hub.Counter("loop_wakeups") - wakeups_before);
  if (report.batches > 0) {
    report.mean_batch = static_cast<double>(stored) / static_cast<double>(report.batches);
    report.mean_commit_us = static_cast<double>(hub.Counter("commit_us") - commit_before) / report.batches;
  }
  report.nacks = peak.nacks;
  // Let the peak's backlog drain before the latency run.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    uint64_t ignored = 0;
    DrainReplies(nodes[i], i, times, false, peak, ignored);
  }
}

void MeasureLatency(HubUnderTest& hub, zmq::context_t& context, std::vector<Node>& nodes, SendTimes& times,
                    const Options& options, ModeReport& report) {
  std::atomic<bool> measuring{false}, stop{false};
  std::vector<int64_t> sub_us;
  std::thread sub_thread([&] { Subscribe(context, hub.pub(), times, measuring, stop, sub_us); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the subscription reaches the hub
  report.half_rate = report.peak / 2;
  std::thread flag([&] {
    std::this_thread::sleep_for(std::chrono::seconds(1));  // the phase's warm-up
    measuring = true;
  });
  PhaseResult half =
      RunPhase(nodes, times, {report.half_rate, std::max(3.0, options.seconds / 2), 1.0}, options.window);
  measuring = false;
  flag.join();
  stop = true;
  sub_thread.join();
  report.ack_p50 = Percentile(half.ack_us, 0.50);
  report.ack_p99 = Percentile(half.ack_us, 0.99);
  report.sub_p50 = Percentile(sub_us, 0.50);
  report.sub_p99 = Percentile(sub_us, 0.99);
  report.nacks += half.nacks;
}

ModeReport RunMode(const std::string& label, bool sync, const Options& options) {
  ModeReport report;
  report.label = label;
  HubUnderTest hub;
  if (options.hub.empty()) {
    if (!hub.StartInProcess(sync, options.max_batch)) return report;
  } else {
    hub.UseExternal(options.hub);
  }
  zmq::context_t context(1);
  auto times = std::make_unique<SendTimes>();
  std::vector<Node> nodes = ConnectNodes(context, hub.router());
  MeasurePeak(hub, nodes, *times, options, report);
  MeasureLatency(hub, context, nodes, *times, options, report);
  return report;
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--seconds" && i + 1 < argc) options.seconds = std::stod(argv[++i]);
    else if (arg == "--window" && i + 1 < argc) options.window = std::stoul(argv[++i]);
    else if (arg == "--hub" && i + 1 < argc) options.hub = argv[++i];
    else if (arg == "--max-batch" && i + 1 < argc) options.max_batch = std::stoul(argv[++i]);
    else if (arg == "--core") options.core = true;
    else if (arg == "--curve") options.curve = true;
    else if (arg == "--sync=full") options.modes = {true};
    else if (arg == "--sync=none") options.modes = {false};
    else {
      std::fprintf(
          stderr,
          "usage: opsroom-bench-ingest [--seconds 10] [--window 1000] [--sync=full|--sync=none] [--max-batch N] "
          "[--core]\n"
          "                            [--curve  (in-process hub and clients over CurveZMQ with a key registry)]\n"
          "                            [--hub tcp://127.0.0.1:7700  (a running opsroom-hub instead)]\n");
      std::exit(2);
    }
  }
  return options;
}

}  // namespace
}  // namespace opsroom::bench

int main(int argc, char** argv) {
  using namespace opsroom::bench;
  Options options = ParseOptions(argc, argv);
  if (options.curve) InitCurve();
  std::vector<ModeReport> reports;
  if (!options.hub.empty()) {
    reports.push_back(RunMode("external", true, options));
  } else {
    for (bool sync : options.modes) reports.push_back(RunMode(sync ? "full" : "none", sync, options));
  }
  std::printf(
      "\nopsroom ingest bench: 7 nodes, 512-byte alert envelopes, window %zu per node, %.0f s per peak run, "
      "%u cores, %s\n",
      options.window, options.seconds, std::thread::hardware_concurrency(),
      options.curve ? "CurveZMQ + ZAP" : "plain text");
  std::printf("%-8s %11s %8s %10s %10s %9s | at half peak: %8s %9s %9s %9s %9s %6s\n", "sync", "peak msg/s", "batches",
              "msgs/batch", "commit us", "msgs/wake", "msg/s", "ack p50", "ack p99", "sub p50", "sub p99", "nacks");
  for (const ModeReport& r : reports) {
    std::printf("%-8s %11.0f %8lld %10.1f %10.0f %9.1f | %22.0f %7lldus %7lldus %7lldus %7lldus %6llu\n",
                r.label.c_str(), r.peak, static_cast<long long>(r.batches), r.mean_batch, r.mean_commit_us,
                r.msgs_per_wakeup, r.half_rate, static_cast<long long>(r.ack_p50), static_cast<long long>(r.ack_p99),
                static_cast<long long>(r.sub_p50), static_cast<long long>(r.sub_p99),
                static_cast<unsigned long long>(r.nacks));
  }
  if (options.core && options.hub.empty()) {
    std::printf("\nhub core fed directly (no ZeroMQ, no clients): HubCore + pipelined Committer, same batches\n");
    std::printf("%-8s %11s %8s %16s %18s\n", "sync", "msg/s", "batches", "loop cpu us/msg", "process cpu us/msg");
    for (bool sync : options.modes) {
      CoreFeedResult r = RunCoreFeed(sync, options.seconds, options.max_batch);
      std::printf("%-8s %11.0f %8lld %16.2f %18.2f\n", sync ? "full" : "none", r.msgs_per_second,
                  static_cast<long long>(r.batches), r.loop_cpu_us_per_msg, r.total_cpu_us_per_msg);
    }
  }
  return 0;
}
