#include "hub/tools/report_data.h"

#include <algorithm>
#include <tuple>

#include "hub/key_layout.h"
#include "hub/store.h"
#include "hub/tools/export_formats.h"
#include "wire/aligned_bytes.h"
#include "wire/alert_status.h"
#include "wire/frame_check.h"
#include "wire/item_id.h"
#include "wire/utc_time.h"

namespace opsroom::hub {

namespace {

constexpr int64_t kDayMs = 24 * 3'600'000LL;

bool Inside(const std::vector<wire::msg::LatLon>& area, const wire::msg::LatLon& p) {
  bool inside = false;
  for (std::size_t i = 0, j = area.size() - 1; i < area.size(); j = i++) {
    const auto& a = area[i];
    const auto& b = area[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
      inside = !inside;
  }
  return area.size() >= 3 && inside;
}

std::string Period(const wire::msg::SitRep& sitrep) {
  return wire::UtcIsoTime(sitrep.period_start_ms).substr(11, 5) + "-" +
         wire::UtcIsoTime(sitrep.period_end_ms).substr(11, 5);
}

// An alert seen before the day's end, with the timeline entries it would give if it belongs to the report.
struct AlertTrack {
  ReportAlert alert;
  std::vector<TimelineEntry> entries;
};

class ReportReader {
 public:
  ReportReader(Store& store, std::string operation_id, int64_t day_start_ms, ReportData* out)
      : store_(store), out_(*out) {
    out_.operation_id = std::move(operation_id);
    out_.day_start_ms = day_start_ms;
    day_end_ms_ = day_start_ms + kDayMs;
  }

  wire::Status Read() {
    std::string failed;
    std::vector<uint64_t> scratch;  // RocksDB's value need not be 8-aligned; FlatBuffers wants it
    StoreStatus scanned = store_.Scan(Family::kLog, "", [&](std::string_view, std::string_view value) {
      auto checked = wire::CheckEventFrame(
          wire::AlignedBytes({reinterpret_cast<const uint8_t*>(value.data()), value.size()}, scratch));
      if (!checked) return failed = "an unreadable event in the log: " + checked.rejection().text, false;
      ++out_.events_read;
      if (checked.value().hub_time_ms < day_end_ms_) Take(checked.value());
      return true;
    });
    if (!scanned.ok()) return wire::Status::Failed("reading the log: " + scanned.message());
    if (!failed.empty()) return wire::Status::Failed(failed);
    if (!seen_operation_) return wire::Status::Failed("operation " + out_.operation_id + " has no version before the day's end");
    Finish();
    return {};
  }

 private:
  bool InDay(int64_t ms) const { return ms >= out_.day_start_ms && ms < day_end_ms_; }

  void Take(const wire::CheckedEvent& event) {
    auto values = wire::msg::ReadEnvelope(*event.envelope);
    if (!values) return;
    const std::string origin = values->header.origin;
    if (auto* operation = std::get_if<wire::msg::JointOperation>(&values->payload)) {
      if (wire::ItemIdOf(*event.envelope) != out_.operation_id) return;
      if (InDay(event.hub_time_ms) && (!seen_operation_ || operation->phase != out_.operation.phase))
        Note(event, "Operation " + operation->code + " " + wire::EnumNameOperationPhase(operation->phase) + " (" +
                        origin + ")");
      out_.operation = *operation;
      seen_operation_ = true;
    } else if (auto* sitrep = std::get_if<wire::msg::SitRep>(&values->payload)) {
      if (wire::ItemIdOf(*event.envelope) != out_.operation_id) return;
      all_sitreps_.push_back({event.hub_seq, event.hub_time_ms, origin, values->header.country, *sitrep, false, false});
    } else if (auto* alert = std::get_if<wire::msg::Alert>(&values->payload)) {
      OnAlert(event, origin, *alert);
    } else if (auto* action = std::get_if<wire::msg::AlertAction>(&values->payload)) {
      auto track = alerts_.find(wire::ItemIdOf(*event.envelope));
      if (track == alerts_.end()) return;
      track->second.alert.status = wire::StatusAfter(track->second.alert.status, action->kind);
      if (InDay(event.hub_time_ms) &&
          (action->kind == wire::ActionKind::Escalate || action->kind == wire::ActionKind::Close)) {
        track->second.entries.push_back({event.hub_time_ms, event.hub_seq,
                                         std::string(wire::EnumNameActionKind(action->kind)) + " " + track->first +
                                             " (" + origin + ")"});
      }
    }
  }

  void OnAlert(const wire::CheckedEvent& event, const std::string& origin, const wire::msg::Alert& alert) {
    std::string id = wire::ItemIdOf(*event.envelope);
    auto [track, fresh] = alerts_.try_emplace(id);
    ReportAlert& kept = track->second.alert;
    if (fresh) {
      kept.alert_id = id;
      kept.first_seen_ms = event.hub_time_ms;
      order_.push_back(id);
      bool significant = alert.severity == wire::Severity::Flash || alert.severity == wire::Severity::Urgent;
      if (InDay(event.hub_time_ms) && significant) {
        track->second.entries.push_back({event.hub_time_ms, event.hub_seq,
                                         std::string(wire::EnumNameSeverity(alert.severity)) + " alert " + id + ": " +
                                             alert.title + " (" + origin + ")"});
      }
    }
    kept.hub_seq = event.hub_seq;
    kept.origin = origin;
    kept.alert = alert;
    kept.status = alert.status;
  }

  void Note(const wire::CheckedEvent& event, std::string what) {
    out_.timeline.push_back({event.hub_time_ms, event.hub_seq, std::move(what)});
  }

  bool Belongs(const ReportAlert& kept) const {
    if (wire::EffectiveId(kept.origin, kept.alert.operation_code) == out_.operation_id) return true;
    auto where = export_text::PositionOf(kept.alert);
    return where && Inside(out_.operation.area, *where);
  }

  void Finish();

  Store& store_;
  ReportData& out_;
  int64_t day_end_ms_ = 0;
  bool seen_operation_ = false;
  std::vector<ReportSitRep> all_sitreps_;
  std::map<std::string, AlertTrack> alerts_;
  std::vector<std::string> order_;  // alert ids in hub order of first sight
};

void ReportReader::Finish() {
  // Counting: one sitrep per (country, period), the latest in hub order.
  std::map<std::tuple<std::string, int64_t, int64_t>, std::size_t> latest;
  for (std::size_t i = 0; i < all_sitreps_.size(); ++i) {
    const ReportSitRep& s = all_sitreps_[i];
    auto key = std::make_tuple(s.country, s.sitrep.period_start_ms, s.sitrep.period_end_ms);
    if (auto earlier = latest.find(key); earlier != latest.end()) all_sitreps_[i].correction = true;
    latest[key] = i;
  }
  for (const auto& [key, index] : latest) all_sitreps_[index].counted = true;
  for (const ReportSitRep& s : all_sitreps_) {
    if (s.counted) out_.to_date_total.Add(s.sitrep);
    if (!InDay(s.sitrep.period_end_ms)) continue;
    out_.sitreps.push_back(s);
    if (s.correction && InDay(s.hub_time_ms))
      out_.timeline.push_back({s.hub_time_ms, s.hub_seq,
                               "Sitrep correction from " + s.country + " for " + Period(s.sitrep) + " (" + s.origin + ")"});
    if (!s.counted) continue;
    out_.day_by_country[s.country].Add(s.sitrep);
    out_.day_total.Add(s.sitrep);
  }
  for (const std::string& id : order_) {
    AlertTrack& track = alerts_[id];
    if (!Belongs(track.alert)) continue;
    // The day's alerts: raised on the day, or acted on during it.
    if (!InDay(track.alert.first_seen_ms) && track.entries.empty()) continue;
    out_.alerts.push_back(track.alert);
    for (TimelineEntry& entry : track.entries) out_.timeline.push_back(std::move(entry));
  }
  std::sort(out_.timeline.begin(), out_.timeline.end(),
            [](const TimelineEntry& a, const TimelineEntry& b) { return a.hub_seq < b.hub_seq; });
}

// A bare code names the operation only when exactly one operation has it.
wire::Status ResolveOperation(Store& store, const std::string& wanted, std::string* id) {
  std::vector<std::string> matches;
  StoreStatus scanned = store.Scan(Family::kOperations, "", [&](std::string_view key, std::string_view) {
    std::string_view prefix = wire::NodePrefix(key);
    std::string_view code = prefix.empty() ? key : key.substr(prefix.size() + 1);
    if (key == wanted || code == wanted) matches.emplace_back(key);
    return true;
  });
  if (!scanned.ok()) return wire::Status::Failed("reading operations: " + scanned.message());
  if (matches.empty()) return wire::Status::Failed("no operation " + wanted + " in the store");
  if (matches.size() > 1 && std::find(matches.begin(), matches.end(), wanted) == matches.end()) {
    std::string names;
    for (const std::string& m : matches) names += " " + m;
    return wire::Status::Failed("operation code " + wanted + " is ambiguous; name one of:" + names);
  }
  *id = std::find(matches.begin(), matches.end(), wanted) != matches.end() ? wanted : matches.front();
  return {};
}

}  // namespace

void ReportCounters::Add(const wire::msg::SitRep& sitrep) {
  persons_checked += sitrep.persons_checked;
  vehicles_checked += sitrep.vehicles_checked;
  migrants_detected += sitrep.migrants_detected;
  facilitators_arrested += sitrep.facilitators_arrested;
  victims_identified += sitrep.victims_identified;
  refusals_of_entry += sitrep.refusals_of_entry;
  for (const wire::msg::Seizure& seizure : sitrep.seizures) seizures[{seizure.commodity, seizure.unit}] += seizure.quantity;
}

wire::Status ReadReportData(const std::string& data_dir, const std::string& operation, int64_t day_start_ms,
                            ReportData* out) {
  OpenResult opened = OpenRocksStore({data_dir, false, true});
  if (!opened.status.ok()) return {false, "cannot open " + data_dir + " read-only: " + opened.status.message()};
  std::string id;
  if (wire::Status resolved = ResolveOperation(*opened.store, operation, &id); !resolved.ok) return resolved;
  ReportReader reader(*opened.store, id, day_start_ms, out);
  return reader.Read();
}

}  // namespace opsroom::hub
