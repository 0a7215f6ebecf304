// Publish -> in the console's model: a node publishes alerts one at a time;
// the console's network thread (ConsoleLink: subscriber, decode, bounded
// queue) receives them from the hub's fan-out; a UI loop swaps the queue out
// once per frame and applies it to a ConsoleModel. Reports the latency from
// Publish() to "applied", median and p99, for a 60 Hz UI loop and for a loop
// that polls every millisecond (the pipeline alone). Needs a running hub:
//   opsroom-hub --data /tmp/bench-hub &
//   console_latency_bench --hub tcp://127.0.0.1:7700 --count 300 --rate 20
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "console/model/console_model.h"
#include "console/net/console_link.h"
#include "nodes/client/envelope_builder.h"
#include "nodes/client/publisher.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace opsroom;

struct Options {
  std::string hub = "tcp://127.0.0.1:7700";
  std::string fanout;
  int count = 300;
  double rate = 20;
};

int64_t WallMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * (v.size() - 1) + 0.5)];
}

bool WaitLive(console::ConsoleLink& link, console::ConsoleModel& model) {
  std::vector<console::ConsoleEvent> events;
  for (int i = 0; i < 1000 && model.link().state != console::HubLink::kLive; ++i) {
    events.clear();
    link.SwapEvents(&events);
    for (const auto& e : events) model.Apply(e, WallMs());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return model.link().state == console::HubLink::kLive;
}

wire::Bytes AlertEnvelope(nodes::Publisher& publisher, const std::string& id) {
  nodes::EnvelopeHeader header;
  header.origin = "ME-BENCH";
  header.country = "ME";
  header.node_seq = publisher.NextNodeSeq();
  header.sent_at_ms = WallMs();
  nodes::AlertSpec alert;
  alert.alert_id = id;
  alert.title = "Latency probe";
  alert.place_code = "PORT-ME-BAR";
  alert.observed_at_ms = header.sent_at_ms;
  return nodes::BuildEnvelope(header, alert);
}

// One run: returns latencies (ms) from Publish to applied in the model.
std::vector<double> Run(const Options& o, int frame_ms, const std::string& tag) {
  console::ConsoleLink link(console::LinkConfig{o.hub, o.fanout, ""});
  link.Start();
  console::ConsoleModel model;
  if (!WaitLive(link, model)) {
    std::fprintf(stderr, "console_latency_bench: the console link did not go live on %s\n", o.hub.c_str());
    return {};
  }
  zmq::context_t context(1);
  nodes::PublisherConfig config;
  config.hub_endpoint = o.hub;
  config.node_id = "ME-BENCH";
  config.country = "ME";
  nodes::Publisher publisher(context, config);
  if (!publisher.Connect().ok()) return {};
  std::map<std::string, Clock::time_point> sent;
  std::vector<double> latencies;
  std::vector<console::ConsoleEvent> events;
  auto interval =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(1000.0 / o.rate));
  Clock::time_point next = Clock::now();
  Clock::time_point deadline = next + std::chrono::seconds(10) + interval * o.count;
  for (int i = 0; static_cast<int>(latencies.size()) < o.count && Clock::now() < deadline;) {
    if (i < o.count && Clock::now() >= next) {
      std::string id = "ME-BENCH:" + tag + "-" + std::to_string(i++);
      sent[id] = Clock::now();
      (void)publisher.Publish(AlertEnvelope(publisher, id));
      next += interval;
    }
    publisher.Poll(0);
    (void)publisher.TakeOutcomes();
    events.clear();
    link.SwapEvents(&events);
    for (const auto& e : events) {
      model.Apply(e, WallMs());
      auto* alert = std::get_if<console::AlertValue>(&e);
      auto it = alert ? sent.find(alert->alert_id) : sent.end();
      if (it == sent.end()) continue;
      latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - it->second).count());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(frame_ms));
  }
  return latencies;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--hub") o.hub = argv[i + 1];
    else if (flag == "--fanout") o.fanout = argv[i + 1];
    else if (flag == "--count") o.count = std::atoi(argv[i + 1]);
    else if (flag == "--rate") o.rate = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr,
                   "usage: console_latency_bench [--hub ENDPOINT] [--fanout ENDPOINT] [--count N] [--rate PER_S]\n");
      return 2;
    }
  }
  std::string tag = std::to_string(WallMs());
  for (int frame_ms : {16, 1}) {
    std::vector<double> latencies = Run(o, frame_ms, tag + "-" + std::to_string(frame_ms));
    if (latencies.empty()) return 1;
    std::printf(
        "publish -> in console model, UI loop every %2d ms: %zu alerts, median %.2f ms, p99 %.2f ms, max %.2f ms\n",
        frame_ms, latencies.size(), Percentile(latencies, 0.5), Percentile(latencies, 0.99),
        Percentile(latencies, 1.0));
  }
  return 0;
}
