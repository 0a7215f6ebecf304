// Publish -> in the console's model: a node publishes alerts at a steady
// rate (its own thread); the console's network thread (ConsoleLink:
// subscriber, decode, bounded queue) receives them from the hub's fan-out; a
// UI loop applies them to a ConsoleModel and "draws" (spins for --draw-ms,
// the frame's CPU cost) 60 times a second. Reports the latency from Publish()
// to "applied", median and p99, for three UI loops:
//   every-frame  applies once per 60 Hz frame (the console before issue 16)
//   woken        sleeps between frames and wakes when events arrive
//                (console/net/frame_pacer.h, what the console does now)
//   poll-1ms     applies every millisecond and never draws (the pipeline alone)
// Needs a running hub:
//   opsroom-hub --insecure --data /tmp/bench-hub &
//   console_latency_bench --hub tcp://127.0.0.1:7700 --count 5000 --rate 1000 --draw-ms 5
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "console/model/console_model.h"
#include "console/net/console_link.h"
#include "console/net/frame_pacer.h"
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
  double draw_ms = 5;
};

enum class UiLoop { kEveryFrame, kWoken, kPoll1ms };
const char* LoopName(UiLoop loop) {
  return loop == UiLoop::kEveryFrame ? "every-frame" : loop == UiLoop::kWoken ? "woken" : "poll-1ms";
}

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
  for (int i = 0; i < 1000 && model.link().state != console::LinkState::kLive; ++i) {
    events.clear();
    link.SwapEvents(&events);
    for (const auto& e : events) model.Apply(e, WallMs());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return model.link().state == console::LinkState::kLive;
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

// Publishes `count` alerts at `rate` from its own thread; Publish() times by id.
class ProbePublisher {
 public:
  ProbePublisher(const Options& o, std::string tag) : o_(o), tag_(std::move(tag)) {}
  ~ProbePublisher() {
    if (thread_.joinable()) thread_.join();
  }
  void Start() { thread_ = std::thread([this] { Run(); }); }
  std::optional<Clock::time_point> SentAt(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sent_.find(id);
    if (it == sent_.end()) return std::nullopt;
    return it->second;
  }
  bool failed() const { return failed_; }

 private:
  void Run() {
    zmq::context_t context(1);
    nodes::PublisherConfig config;
    config.hub_endpoint = o_.hub;
    config.node_id = "ME-BENCH";
    config.country = "ME";
    nodes::Publisher publisher(context, config);
    if (!publisher.Connect().ok()) {
      failed_ = true;
      return;
    }
    auto interval =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(1000.0 / o_.rate));
    Clock::time_point next = Clock::now();
    Clock::time_point deadline = next + std::chrono::seconds(10) + interval * o_.count;
    for (int i = 0; i < o_.count && Clock::now() < deadline;) {
      if (Clock::now() >= next) {
        std::string id = "ME-BENCH:" + tag_ + "-" + std::to_string(i++);
        wire::Bytes envelope = AlertEnvelope(publisher, id);
        {
          std::lock_guard<std::mutex> lock(mutex_);
          sent_[id] = Clock::now();
        }
        (void)publisher.Publish(std::move(envelope));
        next += interval;
      }
      publisher.Poll(0);
      (void)publisher.TakeOutcomes();
      std::this_thread::sleep_until(std::min(next, Clock::now() + std::chrono::microseconds(200)));
    }
    for (int i = 0; i < 200; ++i) {  // the last acks, at most 2 s
      publisher.Poll(10);
      (void)publisher.TakeOutcomes();
    }
  }

  const Options& o_;
  std::string tag_;
  std::mutex mutex_;
  std::map<std::string, Clock::time_point> sent_;
  std::thread thread_;
  std::atomic<bool> failed_{false};
};

// The UI thread's side: the queue it is woken for, the model, the latencies.
struct UiSide {
  std::mutex mutex;
  std::condition_variable woken;
  bool wake = false;
  console::ConsoleModel model;
  std::vector<double> latencies;
  std::vector<console::ConsoleEvent> events;

  void Wake() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      wake = true;
    }
    woken.notify_one();
  }
  void WaitFor(Clock::duration timeout) {
    std::unique_lock<std::mutex> lock(mutex);
    woken.wait_for(lock, timeout, [&] { return wake; });
    wake = false;
  }
  void Apply(console::ConsoleLink& link, ProbePublisher& publisher) {
    events.clear();
    link.SwapEvents(&events);
    for (const auto& e : events) {
      model.Apply(e, WallMs());
      auto* alert = std::get_if<console::AlertValue>(&e);
      if (!alert) continue;
      if (auto sent = publisher.SentAt(alert->alert_id))
        latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - *sent).count());
    }
  }
};

void SpinFor(double ms) {  // a frame's CPU: drawing is work, not sleep
  Clock::time_point until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                               std::chrono::duration<double, std::milli>(ms));
  while (Clock::now() < until) {
  }
}

// One run: returns latencies (ms) from Publish to applied in the model.
std::vector<double> Run(const Options& o, UiLoop loop, const std::string& tag) {
  UiSide ui;
  console::LinkConfig link_config{o.hub, o.fanout, ""};
  if (loop == UiLoop::kWoken) link_config.on_events = [&ui] { ui.Wake(); };
  console::ConsoleLink link(link_config);
  link.Start();
  if (!WaitLive(link, ui.model)) {
    std::fprintf(stderr, "console_latency_bench: the console link did not go live on %s\n", o.hub.c_str());
    return {};
  }
  ProbePublisher publisher(o, tag);
  publisher.Start();
  console::FramePacer pacer(false);
  const auto frame = std::chrono::microseconds(16'667);
  Clock::time_point deadline = Clock::now() + std::chrono::seconds(15) +
                               std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(o.count / o.rate));
  Clock::time_point frame_start = Clock::now();
  while (static_cast<int>(ui.latencies.size()) < o.count && Clock::now() < deadline && !publisher.failed()) {
    if (loop == UiLoop::kPoll1ms) {
      ui.Apply(link, publisher);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    if (loop == UiLoop::kWoken) {
      pacer.WaitForNextFrame([&ui](Clock::duration timeout) { ui.WaitFor(timeout); },
                             [&] {
                               ui.Apply(link, publisher);
                               return false;
                             });
    } else {
      std::this_thread::sleep_until(frame_start + frame);
    }
    frame_start = Clock::now();
    ui.Apply(link, publisher);
    SpinFor(o.draw_ms);
    pacer.FramePresented(frame_start, Clock::now() - frame_start, Clock::now());
  }
  return ui.latencies;
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
    else if (flag == "--draw-ms") o.draw_ms = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr,
                   "usage: console_latency_bench [--hub ENDPOINT] [--fanout ENDPOINT] [--count N] [--rate PER_S] "
                   "[--draw-ms MS]\n");
      return 2;
    }
  }
  if (argc % 2 == 0) {
    std::fprintf(stderr, "console_latency_bench: %s wants a value\n", argv[argc - 1]);
    return 2;
  }
  std::string tag = std::to_string(WallMs());
  std::printf("%d alerts at %.0f/s, a frame draws for %.1f ms of CPU, 60 frames a second\n", o.count, o.rate,
              o.draw_ms);
  for (UiLoop loop : {UiLoop::kEveryFrame, UiLoop::kWoken, UiLoop::kPoll1ms}) {
    std::vector<double> latencies = Run(o, loop, tag + "-" + LoopName(loop));
    if (latencies.empty()) return 1;
    std::printf("publish -> in console model, UI loop %-11s: %zu alerts, median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                LoopName(loop), latencies.size(), Percentile(latencies, 0.5), Percentile(latencies, 0.99),
                Percentile(latencies, 1.0));
  }
  return 0;
}
