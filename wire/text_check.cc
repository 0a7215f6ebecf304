#include "text_check.h"

#include <cctype>
#include <cstdint>
#include <cstring>

#include "wire/frame_check.h"
#include "wire/participants.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {

namespace {

// Length of the leading run of printable ASCII (0x20-0x7E), eight bytes at a
// time. Nearly every text on the wire is plain ASCII, and this run needs
// neither UTF-8 decoding nor a control-character check: the hub checks every
// string of every message, so this loop is on its hottest path.
std::size_t PrintableAsciiPrefix(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    // The classic "has a byte below n" and "has a zero byte" tests: exact for
    // the word as a whole, which is all the loop needs.
    uint64_t below_space = (word - kOnes * 0x20) & ~word;
    uint64_t delete_xor = word ^ (kOnes * 0x7F);
    uint64_t is_delete = (delete_xor - kOnes) & ~delete_xor;
    if (((word | below_space | is_delete) & kHighBits) != 0) break;  // word: bytes >= 0x80
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x20 && static_cast<unsigned char>(text[i]) < 0x7F)
    ++i;
  return i;
}

}  // namespace

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
  // The prefix ends on a character boundary, so the rest is checked on its own.
  std::string_view rest = text->string_view().substr(PrintableAsciiPrefix(text->string_view()));
  if (!IsValidUtf8(rest)) {
    return Reject(RejectReason::InvalidUtf8, std::string(field) + " is not valid UTF-8");
  }
  // Escape sequences from the network must never reach an operator's terminal.
  for (char c : rest) {
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
  bool agency_ok = id.size() > prefix.size() + 1 && id.size() <= prefix.size() + 17 &&
                   id.substr(0, prefix.size()) == prefix && id[prefix.size()] == '-';
  for (std::size_t i = prefix.size() + 1; agency_ok && i < id.size(); ++i) {
    agency_ok = std::isupper(static_cast<unsigned char>(id[i])) || std::isdigit(static_cast<unsigned char>(id[i]));
  }
  if (!agency_ok) {
    return Reject(RejectReason::InvalidValue, "node id '" + std::string(id) + "' must be '" + std::string(prefix) +
                                                  "-' followed by 1-16 of A-Z 0-9 (e.g. " + std::string(prefix) +
                                                  "-BP)");
  }
  return std::nullopt;
}

}  // namespace opsroom::wire
