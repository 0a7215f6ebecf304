// Replay: the time to rebuild the console's whole picture at an arbitrary
// moment from a log of N events (default 1,000,000), with the archive's
// keyframes and without them. Figures only, never a test threshold.
//
//   build/bench/console/console_replay_bench [--events N] [--seeks K] [--keyframe-every E] [--max-keyframes M]
//
// The log is a plausible mix in hub order: new alerts (1 in 5), new versions
// and actions on recent alerts, sitreps (with corrections) on a few
// operations, hits and their decisions, watchlist revisions.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "console/model/replay_session.h"

namespace opsroom::console {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kStart = 1'780'000'000'000;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// This thread's CPU time: on a machine shared with other builds the wall
// clock says more about the neighbours than about the rebuild.
double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

long MaxRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

class LogMaker {
 public:
  ConsoleEvent Next() {
    ++seq_;
    meta_ = EventMeta{seq_, kStart + static_cast<int64_t>(seq_) * 250, "", ""};  // 4 events a second
    int roll = static_cast<int>(rng_() % 100);
    if (roll < 20 || alerts_ < 100) return NewAlert();
    if (roll < 70) return Action();
    if (roll < 78) return Version();
    if (roll < 88) return SitRep();
    if (roll < 94) return Hit();
    return Watch();
  }

 private:
  std::string Country() { return kCountries[rng_() % 7]; }
  std::string RecentAlert() { return "RS-BP:A" + std::to_string(alerts_ - rng_() % std::min<uint64_t>(alerts_, 2000)); }

  AlertValue Alert(std::string id) {
    AlertValue a;
    a.meta = meta_;
    a.meta.origin = "RS-BP";
    a.meta.country = "RS";
    a.alert_id = std::move(id);
    a.severity = static_cast<Severity>(rng_() % 100 < 2 ? 3 : rng_() % 3);
    a.crime_area = static_cast<CrimeArea>(1 + rng_() % 11);
    a.title = "Van with migrants near the crossing";
    a.position = LatLon{41.0 + (rng_() % 4000) / 1000.0, 19.0 + (rng_() % 4000) / 1000.0};
    a.observed_at_ms = meta_.hub_time_ms;
    return a;
  }
  ConsoleEvent NewAlert() { return Alert("RS-BP:A" + std::to_string(++alerts_)); }
  ConsoleEvent Version() { return Alert(RecentAlert()); }
  ConsoleEvent Action() {
    ActionValue a;
    a.meta = meta_;
    a.meta.origin = "OPSROOM-DUTY";
    a.alert_id = RecentAlert();
    a.kind = static_cast<ActionKind>(rng_() % 6);
    a.actor = "A. Markovic";
    a.assignee = a.kind == ActionKind::Assign ? "ME" : "";
    a.text = a.kind == ActionKind::Comment ? "checked with the border police" : "";
    return a;
  }
  ConsoleEvent SitRep() {
    SitRepValue s;
    s.meta = meta_;
    s.reporting_country = Country();
    s.meta.country = s.reporting_country;
    s.meta.origin = s.reporting_country + "-BP";
    s.operation_code = "OPSROOM-PLAN:OP" + std::to_string(rng_() % 20);
    int64_t period = (meta_.hub_time_ms / 3'600'000 - static_cast<int64_t>(rng_() % 2)) * 3'600'000;  // some corrections
    s.period_start_ms = period;
    s.period_end_ms = period + 3'600'000;
    s.persons_checked = static_cast<uint32_t>(rng_() % 500);
    s.seizures = {{Commodity::Cigarettes, static_cast<double>(rng_() % 5000), Unit::Pieces}};
    if (seq_ % 4000 < 20) return Operation(s.operation_code);
    return s;
  }
  ConsoleEvent Operation(const std::string& code) {
    OperationValue op;
    op.meta = meta_;
    op.meta.origin = "OPSROOM-PLAN";
    op.code = code;
    op.name = "Joint action";
    op.lead = "EUROPOL";
    op.participants = {"AL", "BA", "HR", "XK", "ME", "MK", "RS"};
    op.phase = OperationPhase::Active;
    op.report_every_minutes = 240;
    op.area = {{42, 19}, {42, 20}, {43, 20}, {43, 19}};
    return op;
  }
  ConsoleEvent Hit() {
    if (!hits_.empty() && rng_() % 2 == 0) {
      HitDecisionValue d;
      d.meta = meta_;
      d.hit_id = hits_.back();
      hits_.pop_back();
      d.actor = "M. Petrovic";
      return d;
    }
    HitValue h;
    h.meta = meta_;
    h.meta.origin = "OPSROOM-HUB";
    h.hit_id = "OPSROOM-HUB:H" + std::to_string(seq_);
    h.entry_id = "RS-CRIM:W" + std::to_string(rng_() % 500);
    h.subject.emplace().name = "Marko Scepanovic";
    h.answer_by_ms = meta_.hub_time_ms + 3'600'000;
    hits_.push_back(h.hit_id);
    if (hits_.size() > 1000) hits_.erase(hits_.begin());
    return h;
  }
  ConsoleEvent Watch() {
    WatchValue w;
    w.meta = meta_;
    w.meta.origin = "RS-CRIM";
    w.entry_id = "RS-CRIM:W" + std::to_string(rng_() % 500);
    w.revision = static_cast<uint32_t>(seq_);
    w.name_original = "Марко Шћепановић";
    w.name_latin = "Marko Šćepanović";
    return w;
  }

  static constexpr const char* kCountries[] = {"AL", "BA", "HR", "XK", "ME", "MK", "RS"};
  std::mt19937_64 rng_{42};
  uint64_t seq_ = 0;
  uint64_t alerts_ = 0;
  EventMeta meta_;
  std::vector<std::string> hits_;
};

struct Args {
  std::size_t events = 1'000'000;
  int seeks = 20;
  ReplayConfig config;
};

Args Parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    auto value = static_cast<std::size_t>(std::strtoull(argv[i + 1], nullptr, 10));
    if (!std::strcmp(argv[i], "--events")) args.events = value;
    else if (!std::strcmp(argv[i], "--seeks")) args.seeks = static_cast<int>(value);
    else if (!std::strcmp(argv[i], "--keyframe-every")) args.config.keyframe_every = value;
    else if (!std::strcmp(argv[i], "--max-keyframes")) args.config.max_keyframes = value;
    else {
      std::fprintf(stderr, "usage: console_replay_bench [--events N] [--seeks K] [--keyframe-every E] [--max-keyframes M]\n");
      std::exit(2);
    }
  }
  return args;
}

void Report(const char* what, const char* clock, std::vector<double> times) {
  std::sort(times.begin(), times.end());
  auto at = [&](double p) { return times[static_cast<std::size_t>(p * (times.size() - 1) + 0.5)]; };
  std::printf("%s (%s): %zu seeks, median %.0f ms, p90 %.0f ms, max %.0f ms\n", what, clock, times.size(), at(0.5),
              at(0.9), times.back());
  std::fflush(stdout);
}

int Run(const Args& args) {
  if (args.events < 2) return 2;
  std::printf("log of %zu events; sizeof(ConsoleEvent) %zu bytes\n", args.events, sizeof(ConsoleEvent));
  ReplaySession replay(args.config);
  LogMaker maker;
  auto start = Clock::now();
  double cpu_start = CpuMs();
  for (std::size_t i = 0; i < args.events; ++i) replay.archive().Append(maker.Next());
  std::printf("archive filled (each event applied once to the keyframe builder) in %.1f s CPU, %.1f s wall; %zu keyframes every %zu events; max RSS %ld MB\n",
              (CpuMs() - cpu_start) / 1000, MsSince(start) / 1000, replay.archive().keyframe_count(),
              replay.archive().keyframe_every(), MaxRssMb());
  std::fflush(stdout);
  ConsoleModel live;
  std::mt19937_64 rng(9);
  const int64_t first = replay.archive().first_time_ms(), span = replay.archive().last_time_ms() - first;
  std::vector<double> cold, cold_cpu, from_scratch, from_scratch_cpu;
  replay.Enter(live, first + span / 2);
  for (int i = 0; i < args.seeks; ++i) {
    int64_t at = first + static_cast<int64_t>(rng() % static_cast<uint64_t>(span));
    replay.Leave();  // each seek rebuilds: no picture to move forward from
    auto t = Clock::now();
    double cpu = CpuMs();
    replay.Enter(live, at);
    cold_cpu.push_back(CpuMs() - cpu);
    cold.push_back(MsSince(t));
  }
  Report("rebuild at a random moment, from the nearest keyframe", "CPU", cold_cpu);
  Report("rebuild at a random moment, from the nearest keyframe", "wall", cold);
  std::printf("  the last one: %s alerts, %zu events applied after the keyframe\n",
              std::to_string(replay.model().alerts().size()).c_str(), replay.last_rebuild_events());
  // Without keyframes: every moment from the start (the cost the keyframes
  // save), on the same archive.
  replay.Leave();
  for (int i = 0; i < std::max(1, args.seeks / 5); ++i) {
    int64_t at = first + static_cast<int64_t>(rng() % static_cast<uint64_t>(span));
    auto t = Clock::now();
    double cpu = CpuMs();
    {
      ConsoleModel fresh;
      replay.archive().ApplyRange(0, replay.archive().CountAt(at), &fresh);
      fresh.Refresh(at);
      from_scratch_cpu.push_back(CpuMs() - cpu);
      from_scratch.push_back(MsSince(t));
    }
  }
  Report("rebuild at a random moment, from the start (no keyframes)", "CPU", from_scratch_cpu);
  Report("rebuild at a random moment, from the start (no keyframes)", "wall", from_scratch);
  std::printf("max RSS %ld MB\n", MaxRssMb());
  return 0;
}

}  // namespace
}  // namespace opsroom::console

int main(int argc, char** argv) { return opsroom::console::Run(opsroom::console::Parse(argc, argv)); }
