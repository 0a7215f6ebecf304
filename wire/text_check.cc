#include "text_check.h"

#include <cctype>

#include "wire/frame_check.h"
#include "wire/participants.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {

std::optional<Rejection> CheckText(const flatbuffers::String* text, const char* field, std::size_t max_bytes,
                                   bool required) {
  if (text == nullptr || text->size() == 0) {
    if (required) return Reject(RejectReason::MissingField, std::string(field) + " is required");
    return std::nullopt;
  }
  if (text->size() > max_bytes) {
    return Reject(RejectReason::StringTooLong, std::string(field) + " has " + std::to_string(text->size()) +
                                                   " bytes; the limit is " + std::to_string(max_bytes));
  }
  if (!IsValidUtf8(text->string_view())) {
    return Reject(RejectReason::InvalidUtf8, std::string(field) + " is not valid UTF-8");
  }
  // Escape sequences from the network must never reach an operator's terminal.
  for (char c : text->string_view()) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F) {
      return Reject(RejectReason::ControlCharacter,
                    std::string(field) + " holds control character " + std::to_string(byte));
    }
  }
  return std::nullopt;
}

std::optional<Rejection> CheckParticipant(const flatbuffers::String* code, const char* field, bool required) {
  if (auto bad = CheckText(code, field, kMaxIdBytes, required)) return bad;
  if (code != nullptr && code->size() > 0 && !IsKnownParticipant(code->string_view())) {
    return Reject(RejectReason::UnknownParticipant,
                  std::string(field) + " '" + code->str() + "' is not a participant code (see docs/protocol.md)");
  }
  return std::nullopt;
}

std::optional<Rejection> CheckNodeId(const flatbuffers::String* node_id, const flatbuffers::String* country) {
  if (auto bad = CheckParticipant(country, "country", true)) return bad;
  if (auto bad = CheckText(node_id, "node id", kMaxIdBytes, true)) return bad;
  std::string_view id = node_id->string_view();
  std::string_view prefix = country->string_view();
  bool agency_ok = id.size() > prefix.size() + 1 && id.size() <= prefix.size() + 17 && id.substr(0, prefix.size()) == prefix &&
                   id[prefix.size()] == '-';
  for (std::size_t i = prefix.size() + 1; agency_ok && i < id.size(); ++i) {
    agency_ok = std::isupper(static_cast<unsigned char>(id[i])) || std::isdigit(static_cast<unsigned char>(id[i]));
  }
  if (!agency_ok) {
    return Reject(RejectReason::InvalidValue, "node id '" + std::string(id) + "' must be '" + std::string(prefix) +
                                                  "-' followed by 1-16 of A-Z 0-9 (e.g. " + std::string(prefix) + "-BP)");
  }
  return std::nullopt;
}

}  // namespace opsroom::wire
