#include "hub/tools/handover_list.h"

#include <algorithm>
#include <memory>

#include "hub/handover_merge.h"
#include "hub/key_layout.h"
#include "hub/store.h"
#include "wire/aligned_bytes.h"
#include "wire/frame_check.h"
#include "wire/item_id.h"
#include "wire/utc_time.h"

namespace opsroom::hub {

namespace {

std::string Text(const flatbuffers::String* text) { return text == nullptr ? std::string() : text->str(); }

// The envelope of log entry hub_seq, read from what is on disk: verified first.
class EventReader {
 public:
  explicit EventReader(Store& store) : store_(store) {}
  const wire::Envelope* Read(uint64_t hub_seq, std::string* error) {
    Lookup stored = store_.Get(Family::kLog, LogKey(hub_seq));
    if (!stored.status.ok() || !stored.value) {
      *error = "state names event " + std::to_string(hub_seq) + ", which the log does not hold";
      return nullptr;
    }
    bytes_ = std::move(*stored.value);
    wire::ByteView view =
        wire::AlignedBytes({reinterpret_cast<const uint8_t*>(bytes_.data()), bytes_.size()}, scratch_);
    auto checked = wire::CheckEventFrame(view);
    if (!checked || checked.value().envelope == nullptr) {
      *error = "event " + std::to_string(hub_seq) + " is unreadable";
      return nullptr;
    }
    return checked.value().envelope;
  }

 private:
  Store& store_;
  std::string bytes_;
  std::vector<uint64_t> scratch_;  // RocksDB hands out values at any address
};

void FillHandover(const wire::Envelope& envelope, uint64_t hub_seq, HandoverSummary& summary) {
  const wire::Handover& handover = *envelope.payload_as_Handover();
  summary.hub_seq = hub_seq;
  summary.written_at_ms = handover.written_at_ms();
  summary.handover_id = wire::ItemIdOf(envelope);
  summary.origin = Text(envelope.origin());
  summary.from_officer = Text(handover.from_officer());
  summary.note = Text(handover.note());
  summary.items_by_kind.assign(static_cast<std::size_t>(wire::HandoverItemKind::MAX) + 1, 0);
  if (handover.items() != nullptr) {
    for (const wire::HandoverItem* item : *handover.items()) {
      if (item->kind() <= wire::HandoverItemKind::MAX) ++summary.items_by_kind[static_cast<std::size_t>(item->kind())];
    }
  }
  summary.items_left_out = handover.items_left_out();
}

}  // namespace

wire::Status ReadHandovers(const std::string& data_dir, std::vector<HandoverSummary>* out) {
  OpenResult opened = OpenRocksStore({data_dir, false, true});
  if (!opened.status.ok()) return {false, "cannot open " + data_dir + " read-only: " + opened.status.message()};
  EventReader reader(*opened.store);
  std::string error;
  const std::string start = HandoverStateId("");
  StoreStatus status = opened.store->Scan(Family::kAlerts, start, [&](std::string_view key, std::string_view) {
    auto parsed = ParseSequencedKey(key);
    std::optional<std::string_view> id = parsed ? HandoverIdOfState(parsed->name) : std::nullopt;
    if (!id) return false;  // past the handovers: they sort together under their prefix
    if (parsed->seq == 0) {
      Lookup record = opened.store->Get(Family::kAlerts, key);
      std::optional<EntityRecord> entity = record.value ? DecodeEntity(*record.value) : std::nullopt;
      const wire::Envelope* envelope = entity ? reader.Read(entity->hub_seq, &error) : nullptr;
      if (envelope == nullptr || envelope->payload_as_Handover() == nullptr) {
        if (error.empty()) error = "unreadable handover record \"" + std::string(*id) + "\"";
        return false;
      }
      FillHandover(*envelope, entity->hub_seq, out->emplace_back());
      return true;
    }
    const wire::Envelope* envelope = reader.Read(parsed->seq, &error);
    const wire::HandoverAck* ack = envelope ? envelope->payload_as_HandoverAck() : nullptr;
    if (ack == nullptr || out->empty() || out->back().handover_id != *id) {
      if (error.empty()) error = "acknowledgement " + std::to_string(parsed->seq) + " names no handover read";
      return false;
    }
    out->back().acknowledged_by = Text(ack->officer()) + " (" + Text(envelope->origin()) + ")";
    out->back().acknowledged_at_ms = ack->at_ms();
    return true;
  });
  if (!status.ok()) return {false, "reading the handovers failed: " + status.message()};
  if (!error.empty()) return {false, error};
  std::sort(out->begin(), out->end(),
            [](const HandoverSummary& a, const HandoverSummary& b) { return a.hub_seq < b.hub_seq; });
  return {};
}

void PrintHandovers(const std::vector<HandoverSummary>& handovers, std::ostream& out) {
  static constexpr const char* kKindNames[] = {"Flash", "Urgent", "hits", "overdue", "silent nodes", "operations"};
  static_assert(std::size(kKindNames) == static_cast<std::size_t>(wire::HandoverItemKind::MAX) + 1);
  if (handovers.empty()) out << "no handovers\n";
  for (const HandoverSummary& h : handovers) {
    uint32_t total = h.items_left_out;
    for (uint32_t count : h.items_by_kind) total += count;
    out << wire::UtcIsoTime(h.written_at_ms) << "  " << h.handover_id << "  from " << h.from_officer << " (" << h.origin
        << ")\n  items: " << total << " (";
    for (std::size_t kind = 0; kind < h.items_by_kind.size(); ++kind) {
      out << (kind == 0 ? "" : ", ") << kKindNames[kind] << ' ' << h.items_by_kind[kind];
    }
    if (h.items_left_out > 0) out << ", not listed " << h.items_left_out;
    out << ")\n  note: " << (h.note.empty() ? "-" : h.note) << "\n  ";
    if (h.acknowledged_by.empty()) out << "NOT acknowledged\n";
    else out << "acknowledged by " << h.acknowledged_by << " at " << wire::UtcIsoTime(h.acknowledged_at_ms) << '\n';
  }
}

}  // namespace opsroom::hub
