#include "wire/participants.h"

#include <algorithm>
#include <optional>
#include <atomic>
#include <memory>
#include <mutex>

#include "wire/tsv_table.h"

namespace opsroom::wire {

extern const char* const kEmbeddedParticipantsTsv;

namespace {

std::optional<ParticipantKind> ParseKind(std::string_view text) {
  if (text == "national") return ParticipantKind::kNational;
  if (text == "partner") return ParticipantKind::kPartner;
  if (text == "neighbour") return ParticipantKind::kNeighbour;
  if (text == "room") return ParticipantKind::kRoom;
  return std::nullopt;
}

bool IsParticipantCode(std::string_view code) {
  return code.size() >= 2 && code.size() <= 16 &&
         code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos;
}

std::atomic<const ParticipantCatalog*> g_in_use{nullptr};

}  // namespace

const ParticipantCatalog& ParticipantCatalog::InUse() {
  const ParticipantCatalog* chosen = g_in_use.load(std::memory_order_acquire);
  return chosen != nullptr ? *chosen : Embedded();
}

const Participant* ParticipantCatalog::Find(std::string_view code) const {
  auto it = std::find_if(participants_.begin(), participants_.end(), [&](const Participant& p) { return p.code == code; });
  return it == participants_.end() ? nullptr : &*it;
}

ParticipantCatalog ParticipantCatalog::FromTsv(std::string_view text, std::string_view source) {
  ParticipantCatalog catalog;
  int rooms = 0;
  ForEachTsvRow(text, source, {"code", "kind", "name"}, [&](int line, const std::vector<std::string_view>& cols) {
    if (!IsParticipantCode(cols[0])) {
      ThrowAtLine(source, line, "code '" + std::string(cols[0]) + "' is not 2 to 16 uppercase letters (AL, EUROPOL)");
    }
    std::optional<ParticipantKind> kind = ParseKind(cols[1]);
    if (!kind) {
      ThrowAtLine(source, line,
                  "unknown kind '" + std::string(cols[1]) + "' (expected national, partner, neighbour or room)");
    }
    if (cols[2].empty()) ThrowAtLine(source, line, "participant " + std::string(cols[0]) + " needs a name");
    if (catalog.Find(cols[0]) != nullptr) ThrowAtLine(source, line, "duplicate code " + std::string(cols[0]));
    rooms += *kind == ParticipantKind::kRoom;
    const std::string& code = catalog.text_.emplace_back(cols[0]);
    const std::string& name = catalog.text_.emplace_back(cols[2]);
    catalog.participants_.push_back({code, name, *kind});
    if (*kind == ParticipantKind::kNational) catalog.nationals_.push_back(code);
  });
  if (rooms != 1) {
    throw std::runtime_error(std::string(source) + ": expected exactly one participant of kind room, found " +
                             std::to_string(rooms));
  }
  return catalog;
}

const ParticipantCatalog& ParticipantCatalog::Embedded() {
  static const ParticipantCatalog kCatalog = FromTsv(kEmbeddedParticipantsTsv, "data/participants.tsv (built in)");
  return kCatalog;
}

void UseParticipants(ParticipantCatalog catalog) {
  // Kept to the end of the process: string_views of the previous one may still be held.
  static std::mutex mutex;
  static std::vector<std::unique_ptr<ParticipantCatalog>> kept;
  std::lock_guard<std::mutex> lock(mutex);
  kept.push_back(std::make_unique<ParticipantCatalog>(std::move(catalog)));
  g_in_use.store(kept.back().get(), std::memory_order_release);
}

const std::vector<Participant>& AllParticipants() { return ParticipantCatalog::InUse().all(); }

const Participant* FindParticipant(std::string_view code) { return ParticipantCatalog::InUse().Find(code); }

const std::vector<std::string_view>& NationalCodes() { return ParticipantCatalog::InUse().nationals(); }

}  // namespace opsroom::wire
