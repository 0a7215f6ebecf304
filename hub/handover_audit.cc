#include "hub/handover_audit.h"

#include <string_view>

#include "wire/item_id.h"

namespace opsroom::hub {

namespace {

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

}  // namespace

void AuditHandover(const wire::Envelope& envelope, AuditFields& fields) {
  if (const wire::Handover* handover = envelope.payload_as_Handover()) {
    uint64_t listed = handover->items() == nullptr ? 0 : handover->items()->size();
    fields.Add("handover_id", wire::ItemIdOf(envelope)).Add("officer", View(handover->from_officer()));
    fields.Add("items", listed + handover->items_left_out());
  } else if (const wire::HandoverAck* ack = envelope.payload_as_HandoverAck()) {
    fields.Add("handover_id", wire::ItemIdOf(envelope)).Add("officer", View(ack->officer()));
  }
}

}  // namespace opsroom::hub
