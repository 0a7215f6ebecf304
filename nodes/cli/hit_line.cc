#include "nodes/cli/hit_line.h"

#include <cstdio>

#include "wire/utc_time.h"

namespace opsroom::nodes::cli {

namespace {

std::string Str(const flatbuffers::String* text) { return text == nullptr ? std::string() : text->str(); }

std::string Seen(const wire::Subject* subject) {
  if (subject == nullptr) return "?";
  std::string text = wire::EnumNameWatchKind(subject->kind());
  for (const flatbuffers::String* value :
       {subject->name(), subject->date_of_birth(), subject->nationality(), subject->document_number(), subject->plate(),
        subject->vin(), subject->imo(), subject->container_number(), subject->phone()}) {
    if (value != nullptr && value->size() > 0) text += " '" + value->str() + "'";
  }
  return text;
}

}  // namespace

std::string HitLine(uint64_t hub_seq, const wire::Hit& hit) {
  char score[16];
  std::snprintf(score, sizeof score, "%.3f", static_cast<double>(hit.score()));
  std::string line = "HIT " + Str(hit.hit_id()) + " " + wire::EnumNameHitCopy(hit.copy()) +
                     " hub_seq=" + std::to_string(hub_seq) + " entry=" + Str(hit.entry_id()) +
                     " rev=" + std::to_string(hit.entry_revision());
  if (hit.copy() == wire::HitCopy::Full) line += std::string(" score=") + score;
  line += std::string(" action=") + wire::EnumNameActionRequested(hit.action()) +
          " answer_by=" + wire::UtcIsoTime(hit.answer_by_ms());
  line += " seen=" + Seen(hit.subject()) + " at " + Str(hit.place_code()) + " by " + Str(hit.checking_node()) + " (" +
          wire::EnumNameHitSource(hit.source()) + " " + Str(hit.source_id()) + ")";
  if (hit.why() != nullptr && hit.why()->size() > 0) {
    line += " why=";
    for (const wire::HitReason* reason : *hit.why()) {
      line += Str(reason->key()) + ":" + wire::EnumNameReasonOutcome(reason->outcome()) + "[" +
              Str(reason->normalized()) + "] ";
    }
    line.pop_back();
  }
  return line;
}

}  // namespace opsroom::nodes::cli
