// opsroom-bench-report: the time `opsroom-hub report` takes for one day of a
// 24-hour joint operation with N events in the log (default 100,000): a
// store written directly (log entries with hub times spread over the day, the
// operation's state record), then the report read and written, best of R runs.
//   opsroom-bench-report [--events N] [--runs R] [--dir DIR]
// Figures go in the report, never into tests.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "hub/key_layout.h"
#include "hub/store.h"
#include "hub/tools/report_data.h"
#include "hub/tools/report_write.h"
#include "wire/frame_builder.h"
#include "wire/messages.h"

namespace {

using namespace opsroom;
constexpr int64_t kDay = 1796601600000LL;  // 2026-12-07T00:00:00Z
constexpr const char* kCountries[] = {"AL", "GR", "ME", "MK", "XK", "RS", "BA", "HR", "EUROPOL"};

wire::msg::Header HeaderOf(const std::string& country, uint64_t node_seq) {
  wire::msg::Header header;
  header.origin = country + "-BP";
  header.country = country;
  header.node_seq = node_seq;
  return header;
}

struct Filler {
  hub::Store& store;
  hub::WriteSet writes;
  uint64_t hub_seq = 0;
  std::map<std::string, uint64_t> node_seqs;

  void Add(const std::string& country, int64_t hub_time_ms, const wire::msg::Payload& payload) {
    wire::Bytes envelope = wire::msg::BuildEnvelope(HeaderOf(country, ++node_seqs[country]), payload);
    wire::Bytes event = wire::BuildEvent(++hub_seq, hub_time_ms, envelope);
    writes.Put(hub::Family::kLog, hub::LogKey(hub_seq),
               std::string_view(reinterpret_cast<const char*>(event.data()), event.size()));
    if (writes.size() >= 5000) Flush();
  }
  void Flush() {
    if (writes.empty()) return;
    if (!store.Commit(writes).ok()) std::fprintf(stderr, "commit failed\n"), std::exit(1);
    writes.Clear();
  }
};

void Fill(hub::Store& store, uint64_t events) {
  Filler fill{store, {}, 0, {}};
  wire::msg::JointOperation op;
  op.code = "DRINO-II";
  op.name = "DRINO II";
  op.lead = "AL";
  op.participants = {"GR", "ME", "MK", "XK", "RS", "BA", "HR", "EUROPOL"};
  op.area = {{39.6, 19.9}, {39.6, 20.9}, {40.6, 20.9}, {40.6, 19.9}};
  op.starts_at_ms = kDay;
  op.ends_at_ms = kDay + 24 * 3'600'000LL;
  op.phase = wire::OperationPhase::Active;
  op.report_every_minutes = 60;
  fill.Add("AL", kDay - 3'600'000, op);
  hub::WriteSet state;
  state.Put(hub::Family::kOperations, "AL-BP:DRINO-II", hub::EncodeEntity({"AL-BP", 1, 0, 0, false}));
  if (!store.Commit(state).ok()) std::exit(1);
  std::mt19937_64 random(14);
  const uint64_t sitreps = 9 * 24;
  const int64_t step = 24 * 3'600'000LL / static_cast<int64_t>(events);
  for (uint64_t i = 0; fill.hub_seq < events; ++i) {
    int64_t now = kDay + static_cast<int64_t>(fill.hub_seq) * step;
    const std::string country = kCountries[random() % 9];
    if (i % (events / sitreps) == 0) {  // each country reports its last hour, a tenth of them corrected
      wire::msg::SitRep sitrep;
      sitrep.operation_code = "AL-BP:DRINO-II";
      sitrep.reporting_country = country;
      sitrep.period_end_ms = now - now % 3'600'000;
      sitrep.period_start_ms = sitrep.period_end_ms - 3'600'000;
      sitrep.persons_checked = static_cast<uint32_t>(random() % 2000);
      sitrep.migrants_detected = static_cast<uint32_t>(random() % 30);
      sitrep.seizures.push_back({wire::Commodity::Cigarettes, static_cast<double>(random() % 10000), wire::Unit::Pieces});
      for (int copy = 0; copy < (random() % 10 == 0 ? 2 : 1); ++copy) fill.Add(country, now, sitrep);
    } else if (i % 5 == 4) {
      wire::msg::AlertAction action;
      action.alert_id = "A-" + std::to_string(random() % (i + 1));
      action.kind = random() % 2 ? wire::ActionKind::Acknowledge : wire::ActionKind::Escalate;
      fill.Add(country, now, action);
    } else {
      wire::msg::Alert alert;
      alert.alert_id = "A-" + std::to_string(i);
      alert.severity = static_cast<wire::Severity>(random() % 4);
      alert.title = "Group of migrants seen near the border";
      alert.position = wire::msg::LatLon{39.0 + (random() % 2000) / 1000.0, 19.5 + (random() % 2000) / 1000.0};
      if (random() % 3 == 0) alert.operation_code = "AL-BP:DRINO-II";
      fill.Add(country, now, alert);
    }
  }
  fill.Flush();
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t events = 100'000;
  int runs = 3;
  std::string dir = "var/bench-report";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--events") events = std::stoull(argv[i + 1]);
    else if (flag == "--runs") runs = std::stoi(argv[i + 1]);
    else if (flag == "--dir") dir = argv[i + 1];
    else return std::fprintf(stderr, "usage: opsroom-bench-report [--events N] [--runs R] [--dir DIR]\n"), 2;
  }
  if (events < 1000) return std::fprintf(stderr, "--events: at least 1000\n"), 2;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);  // RocksDB makes only the last level of its path
  {
    hub::OpenResult opened = hub::OpenRocksStore({dir + "/data", false, false});
    if (!opened.status.ok()) return std::fprintf(stderr, "open: %s\n", opened.status.message().c_str()), 1;
    Fill(*opened.store, events);
  }
  double best = 1e9;
  hub::ReportData data;
  for (int run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    data = hub::ReportData{};
    wire::Status read = hub::ReadReportData(dir + "/data", "DRINO-II", kDay, &data);
    if (!read.ok) return std::fprintf(stderr, "report: %s\n", read.error.c_str()), 1;
    wire::Status written = hub::WriteReport(data, dir + "/out");
    if (!written.ok) return std::fprintf(stderr, "report: %s\n", written.error.c_str()), 1;
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf("report of a 24-hour operation: %llu events in the log, %zu sitreps, %zu alerts, %zu timeline entries: "
              "best of %d runs %.3f s\n",
              static_cast<unsigned long long>(data.events_read), data.sitreps.size(), data.alerts.size(),
              data.timeline.size(), runs, best);
  return 0;
}
