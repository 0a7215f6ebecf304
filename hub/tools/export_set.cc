#include "hub/tools/export_set.h"

#include <algorithm>
#include <map>
#include <memory>

#include "hub/key_layout.h"
#include "hub/operation_scope.h"
#include "hub/store.h"
#include "wire/entitlement.h"
#include "wire/frame_check.h"
#include "wire/item_id.h"

namespace opsroom::hub {

namespace {

// One event of the log, verified (the export reads whatever is on disk) and
// read into values; its bytes stay alive in `bytes` for the entitlement check.
struct LoggedEvent {
  std::vector<uint64_t> bytes;  // 8-aligned copy of the Frame{Event}
  const wire::Envelope* envelope = nullptr;
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
};

class ExportReader {
 public:
  ExportReader(Store& store, const ExportFilter& filter)
      : store_(store), filter_(filter), viewer_{filter.participant, filter.role}, markings_(store) {}

  wire::Status Read(ExportSet* out);

 private:
  wire::Status Load(uint64_t hub_seq, LoggedEvent* event);
  wire::Status ReadOperations(ExportSet* out);
  wire::Status ReadAlerts(ExportSet* out);
  wire::Status ReadSitReps(ExportSet* out);
  // The need-to-know rule with each marking resolved from the store (an
  // Operation marking's roster and its operation's state, section 10.5).
  bool Wanted(const LoggedEvent& event, const LoggedEvent* parent) {
    if (event.hub_time_ms < filter_.since_ms) return false;
    wire::Marking own = markings_.Of(*event.envelope, event.hub_seq);
    std::optional<wire::Marking> item;
    if (parent != nullptr) item = markings_.Of(*parent->envelope, parent->hub_seq);
    return wire::EntitledToItem(viewer_, own, event.envelope->payload_type(), item ? &*item : nullptr);
  }
  bool OperationWanted(std::string_view key, const std::string& code) const {
    return filter_.operation_code.empty() || filter_.operation_code == key || filter_.operation_code == code;
  }
  template <typename Item>
  void Fill(const LoggedEvent& event, Item* item) const {
    auto values = wire::msg::ReadEnvelope(*event.envelope);
    if (values) item->header = values->header;
    item->hub_seq = event.hub_seq;
    item->hub_time_ms = event.hub_time_ms;
  }

  Store& store_;
  const ExportFilter& filter_;
  wire::Viewer viewer_;
  StoredMarkings markings_;
  std::map<std::string, LoggedEvent, std::less<>> operations_;  // by effective code: parents of sitreps
};

wire::Status ExportReader::Load(uint64_t hub_seq, LoggedEvent* event) {
  Lookup found = store_.Get(Family::kLog, LogKey(hub_seq));
  if (!found.status.ok())
    return wire::Status::Failed("reading event " + std::to_string(hub_seq) + ": " + found.status.message());
  if (!found.value)
    return wire::Status::Failed("the state names event " + std::to_string(hub_seq) +
                                " but the log has no such event (retention?)");
  // Our own 8-aligned copy: the envelope must outlive this read (sitreps check
  // against their operation's envelope later), and FlatBuffers wants alignment.
  const std::string& stored = *found.value;
  event->bytes.assign((stored.size() + 7) / 8, 0);
  std::copy(stored.begin(), stored.end(), reinterpret_cast<char*>(event->bytes.data()));
  auto checked = wire::CheckEventFrame({reinterpret_cast<const uint8_t*>(event->bytes.data()), stored.size()});
  if (!checked)
    return wire::Status::Failed("event " + std::to_string(hub_seq) + " is unreadable: " + checked.rejection().text);
  event->envelope = checked.value().envelope;
  event->hub_seq = checked.value().hub_seq;
  event->hub_time_ms = checked.value().hub_time_ms;
  return {};
}

template <typename Visit>
wire::Status ScanEntities(Store& store, Family family, Visit visit) {
  wire::Status failed;
  StoreStatus scanned = store.Scan(family, "", [&](std::string_view key, std::string_view value) {
    failed = visit(key, value);
    return failed.ok;
  });
  if (!scanned.ok())
    return wire::Status::Failed(std::string("reading ") + FamilyName(family) + ": " + scanned.message());
  return failed;
}

wire::Status ExportReader::ReadOperations(ExportSet* out) {
  return ScanEntities(store_, Family::kOperations, [&](std::string_view key, std::string_view value) {
    auto record = DecodeEntity(value);
    if (!record) return wire::Status::Failed("operation " + std::string(key) + ": unreadable state record");
    LoggedEvent event;
    if (wire::Status loaded = Load(record->hub_seq, &event); !loaded.ok) return loaded;
    const auto* operation = event.envelope->payload_as_JointOperation();
    if (operation == nullptr) return wire::Status::Failed("operation " + std::string(key) + ": not an operation");
    auto values = wire::msg::ReadEnvelope(*event.envelope);
    if (OperationWanted(key, operation->code()->str()) && Wanted(event, nullptr) && values) {
      ExportedOperation item;
      Fill(event, &item);
      item.operation = std::get<wire::msg::JointOperation>(values->payload);
      out->operations.push_back(std::move(item));
    }
    operations_.emplace(std::string(key), std::move(event));
    return wire::Status{};
  });
}

wire::Status ExportReader::ReadAlerts(ExportSet* out) {
  return ScanEntities(store_, Family::kAlerts, [&](std::string_view key, std::string_view value) {
    auto sequenced = ParseSequencedKey(key);
    if (!sequenced || sequenced->seq != 0) return wire::Status{};  // an action row, not the alert's record
    auto record = DecodeEntity(value);
    if (!record) return wire::Status::Failed("alert " + std::string(sequenced->name) + ": unreadable state record");
    LoggedEvent event;
    if (wire::Status loaded = Load(record->hub_seq, &event); !loaded.ok) return loaded;
    auto values = wire::msg::ReadEnvelope(*event.envelope);
    if (!values || !std::holds_alternative<wire::msg::Alert>(values->payload)) {
      return wire::Status::Failed("alert " + std::string(sequenced->name) + ": not an alert");
    }
    ExportedAlert item;
    item.alert = std::get<wire::msg::Alert>(values->payload);
    const std::string operation_key = wire::EffectiveId(values->header.origin, item.alert.operation_code);
    const bool in_operation =
        filter_.operation_code.empty() || filter_.operation_code == operation_key ||
        (!item.alert.operation_code.empty() && filter_.operation_code == item.alert.operation_code);
    if (!in_operation || !Wanted(event, nullptr)) return wire::Status{};
    Fill(event, &item);
    item.status = static_cast<wire::AlertStatus>(record->status);
    item.alert_key = std::string(sequenced->name);
    out->alerts.push_back(std::move(item));
    return wire::Status{};
  });
}

wire::Status ExportReader::ReadSitReps(ExportSet* out) {
  return ScanEntities(store_, Family::kSitreps, [&](std::string_view key, std::string_view) {
    auto sequenced = ParseSequencedKey(key);
    if (!sequenced) return wire::Status::Failed("sitrep row with an unreadable key");
    auto parent = operations_.find(sequenced->name);
    if (parent == operations_.end()) return wire::Status{};  // its operation is gone: nobody may be shown it
    const auto* operation = parent->second.envelope->payload_as_JointOperation();
    if (!OperationWanted(sequenced->name, operation->code()->str())) return wire::Status{};
    LoggedEvent event;
    if (wire::Status loaded = Load(sequenced->seq, &event); !loaded.ok) return loaded;
    auto values = wire::msg::ReadEnvelope(*event.envelope);
    if (!values || !std::holds_alternative<wire::msg::SitRep>(values->payload)) {
      return wire::Status::Failed("sitrep " + std::to_string(sequenced->seq) + ": not a sitrep");
    }
    if (!Wanted(event, &parent->second)) return wire::Status{};
    ExportedSitRep item;
    Fill(event, &item);
    item.sitrep = std::get<wire::msg::SitRep>(values->payload);
    out->sitreps.push_back(std::move(item));
    return wire::Status{};
  });
}

wire::Status ExportReader::Read(ExportSet* out) {
  if (wire::Status read = ReadOperations(out); !read.ok) return read;
  if (wire::Status read = ReadAlerts(out); !read.ok) return read;
  if (wire::Status read = ReadSitReps(out); !read.ok) return read;
  auto by_seq = [](const auto& a, const auto& b) { return a.hub_seq < b.hub_seq; };
  std::sort(out->alerts.begin(), out->alerts.end(), by_seq);
  std::sort(out->sitreps.begin(), out->sitreps.end(), by_seq);
  return {};
}

}  // namespace

wire::Status ReadExportSet(const std::string& data_dir, const ExportFilter& filter, ExportSet* out) {
  OpenResult opened = OpenRocksStore({data_dir, false, true});
  if (!opened.status.ok()) return {false, "cannot open " + data_dir + " read-only: " + opened.status.message()};
  ExportReader reader(*opened.store, filter);
  return reader.Read(out);
}

}  // namespace opsroom::hub
