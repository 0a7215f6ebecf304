#include "hub/held_copy.h"

#include <deque>
#include <vector>

#include "hub/handover_merge.h"
#include "wire/aligned_bytes.h"
#include "wire/frame_check.h"
#include "wire/item_id.h"

namespace opsroom::hub {

namespace {

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

// The envelope without what names the sending, packed again: equal reports
// give equal bytes whatever layout their senders' builders chose.
std::string Canonical(const wire::Envelope& envelope) {
  std::unique_ptr<wire::EnvelopeT> object(envelope.UnPack());
  object->node_seq = 0;
  object->message_id.clear();
  object->sent_at_ms = 0;
  flatbuffers::FlatBufferBuilder builder;
  builder.Finish(wire::Envelope::Pack(builder, object.get()));
  return std::string(reinterpret_cast<const char*>(builder.GetBufferPointer()), builder.GetSize());
}

// Index keys "<name>\0<be64 hub_seq>" of `family` under `name`: the latest
// kHeldScanLimit hub_seqs, oldest first (sequence 0 is the item itself).
std::deque<uint64_t> LatestIndexed(Store& store, Family family, std::string_view name) {
  std::deque<uint64_t> latest;
  std::string start = family == Family::kAlerts ? AlertActionKey(name, 1) : SitRepKey(name, 1);
  StoreStatus status = store.Scan(family, start, [&](std::string_view key, std::string_view) {
    auto parsed = ParseSequencedKey(key);
    if (!parsed || parsed->name != name) return false;
    latest.push_back(parsed->seq);
    if (latest.size() > kHeldScanLimit) latest.pop_front();
    return true;
  });
  if (!status.ok()) latest.clear();
  return latest;
}

std::optional<uint64_t> FindIndexedCopy(const wire::Envelope& incoming, Store& store, Family family,
                                        std::string_view name, const EventReader& read_event) {
  std::deque<uint64_t> latest = LatestIndexed(store, family, name);
  for (auto it = latest.rbegin(); it != latest.rend(); ++it) {
    if (HoldsSameReport(*it, incoming, read_event)) return *it;
  }
  return std::nullopt;
}

}  // namespace

bool SameReport(const wire::Envelope& a, const wire::Envelope& b) {
  return a.payload_type() == b.payload_type() && View(a.origin()) == View(b.origin()) && Canonical(a) == Canonical(b);
}

bool HoldsSameReport(uint64_t hub_seq, const wire::Envelope& incoming, const EventReader& read_event) {
  std::optional<std::string> stored = read_event(hub_seq);
  if (!stored) return false;
  std::vector<uint64_t> scratch;
  wire::ByteView bytes =
      wire::AlignedBytes({reinterpret_cast<const uint8_t*>(stored->data()), stored->size()}, scratch);
  auto event = wire::CheckEventFrame(bytes);
  return event && event.value().envelope != nullptr && SameReport(*event.value().envelope, incoming);
}

std::optional<uint64_t> FindHeldCopy(const wire::Envelope& incoming, const std::optional<EntityRecord>& current,
                                     Store& store, const EventReader& read_event) {
  if (!current) return std::nullopt;  // nothing of this item yet: nothing to hold
  switch (incoming.payload_type()) {
    case wire::Payload::Alert:
    case wire::Payload::WatchlistEntry:
    case wire::Payload::JointOperation:
    case wire::Payload::Handover:
      if (current->owner != View(incoming.origin())) return std::nullopt;  // judged by the ownership rule
      if (HoldsSameReport(current->hub_seq, incoming, read_event)) return current->hub_seq;
      return std::nullopt;
    case wire::Payload::AlertAction:
      return FindIndexedCopy(incoming, store, Family::kAlerts, wire::ItemIdOf(incoming), read_event);
    case wire::Payload::SitRep:
      return FindIndexedCopy(incoming, store, Family::kSitreps, wire::ItemIdOf(incoming), read_event);
    case wire::Payload::HandoverAck:  // a console resending its acknowledgement after a restart
      return FindIndexedCopy(incoming, store, Family::kAlerts, HandoverStateId(wire::ItemIdOf(incoming)), read_event);
    default: return std::nullopt;
  }
}

}  // namespace opsroom::hub
