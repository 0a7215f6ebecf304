#include "hub/audit_writes.h"

#include <nlohmann/json.hpp>

#include "hub/handover_audit.h"
#include "hub/key_layout.h"
#include "wire/aligned_bytes.h"
#include "wire/frame_check.h"

namespace opsroom::hub {

namespace {

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

std::string JsonString(std::string_view text) { return "\"" + JsonEscape(text) + "\""; }

}  // namespace

void WriteRuns::Add(uint64_t hub_seq, std::string_view actor, const std::vector<std::string>& topics, int64_t at_ms) {
  last_at_ms_ = at_ms;
  if (!runs_.empty()) {
    Run& last = runs_.back();
    if (last.first + last.count == hub_seq && last.actor == actor && last.topics == topics) {
      ++last.count;
      return;
    }
  }
  runs_.push_back(Run{hub_seq, 1, std::string(actor), topics});
}

AuditFields WriteRuns::Fields() const {
  std::string runs = "[";
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    const Run& run = runs_[i];
    if (i > 0) runs += ",";
    runs += "[" + std::to_string(run.first) + "," + std::to_string(run.count) + "," + JsonString(run.actor) + ",[";
    for (std::size_t t = 0; t < run.topics.size(); ++t) runs += (t ? "," : "") + JsonString(run.topics[t]);
    runs += "]]";
  }
  runs += "]";
  return AuditFields().AddJson("runs", runs);
}

void WriteRuns::Clear() {
  runs_.clear();
  last_at_ms_ = 0;
}

AuditFields WriteFieldsOf(const wire::Envelope& envelope, uint64_t hub_seq) {
  AuditFields fields;
  fields.Add("hub_seq", hub_seq).Add("node_seq", envelope.node_seq()).Add("message_id", View(envelope.message_id()));
  fields.Add("payload", wire::EnumNamePayload(envelope.payload_type()));
  const wire::Handling* handling = envelope.handling();
  fields.Add("distribution",
             wire::EnumNameDistribution(handling ? handling->distribution() : wire::Distribution::Public));
  if (handling != nullptr && handling->recipients() != nullptr) {
    std::vector<std::string> recipients;
    for (const flatbuffers::String* r : *handling->recipients()) recipients.push_back(r->str());
    fields.Add("recipients", recipients);
  }
  if (const wire::AlertAction* action = envelope.payload_as_AlertAction()) {
    fields.Add("alert_id", View(action->alert_id())).Add("action", wire::EnumNameActionKind(action->kind()));
    fields.Add("actor", View(action->actor()));  // the operator; "node" is the console's authenticated identity
  }
  AuditHandover(envelope, fields);
  return fields;
}

bool PrintWriteLines(StoreReader& store, std::string_view record, std::string_view node,
                     const std::function<void(std::string_view line)>& print) {
  nlohmann::json parsed = nlohmann::json::parse(record, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("runs") || !parsed["runs"].is_array()) {
    return false;
  }
  const uint64_t record_seq = parsed.value("seq", uint64_t{0});
  const int64_t at_ms = parsed.value("at_ms", int64_t{0});
  std::vector<uint64_t> scratch;
  for (const nlohmann::json& run : parsed["runs"]) {
    if (!run.is_array() || run.size() != 4 || !run[0].is_number_unsigned() || !run[1].is_number_unsigned() ||
        !run[2].is_string() || !run[3].is_array()) {
      return false;
    }
    const std::string actor = run[2].get<std::string>();
    if (!node.empty() && actor != node) continue;
    std::vector<std::string> topics;
    for (const nlohmann::json& topic : run[3]) {
      if (topic.is_string()) topics.push_back(topic.get<std::string>());
    }
    const uint64_t first = run[0].get<uint64_t>();
    const uint64_t count = run[1].get<uint64_t>();
    for (uint64_t hub_seq = first; hub_seq < first + count; ++hub_seq) {
      AuditFields fields;
      Lookup entry = store.Get(Family::kLog, LogKey(hub_seq));
      auto event = entry.status.ok() && entry.value
                       ? wire::CheckEventFrame(wire::AlignedBytes(
                             {reinterpret_cast<const uint8_t*>(entry.value->data()), entry.value->size()}, scratch))
                       : wire::Result<wire::CheckedEvent>(wire::Rejection{});
      if (event) {
        fields = WriteFieldsOf(*event->envelope, hub_seq);
      } else {
        fields.Add("hub_seq", hub_seq).Add("log", entry.status.ok() && !entry.value ? "removed" : "unreadable");
      }
      fields.Add("topics", topics).Add("record", record_seq);
      std::string line = "{\"at_ms\":" + std::to_string(at_ms) + ",\"kind\":\"write\",\"node\":" + JsonString(actor) +
                         fields.text() + "}";
      print(line);
    }
  }
  return true;
}

}  // namespace opsroom::hub
