#include "hub/store.h"

namespace opsroom::hub {

const char* FamilyName(Family family) {
  switch (family) {
    case Family::kLog: return "log";
    case Family::kDedupe: return "dedupe";
    case Family::kAlerts: return "alerts";
    case Family::kWatchlist: return "watchlist";
    case Family::kOperations: return "operations";
    case Family::kSitreps: return "sitreps";
    case Family::kNodes: return "nodes";
    case Family::kMeta: return "meta";
    case Family::kAudit: return "audit";
  }
  return "?";
}

void WriteSet::Put(Family family, std::string_view key, std::string_view value) {
  Slot slot{family,
            false,
            static_cast<uint32_t>(arena_.size()),
            static_cast<uint32_t>(key.size()),
            0,
            static_cast<uint32_t>(value.size())};
  arena_.append(key);
  slot.value_offset = static_cast<uint32_t>(arena_.size());
  arena_.append(value);
  ops_.push_back(slot);
}

void WriteSet::Delete(Family family, std::string_view key) {
  Slot slot{family, true, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size()), 0, 0};
  arena_.append(key);
  ops_.push_back(slot);
}

void WriteSet::Clear() {
  ops_.clear();
  arena_.clear();
}

WriteSet::Op WriteSet::at(std::size_t index) const {
  const Slot& slot = ops_[index];
  std::string_view arena(arena_);
  return Op{slot.family, slot.is_delete, arena.substr(slot.key_offset, slot.key_size),
            arena.substr(slot.value_offset, slot.value_size)};
}

}  // namespace opsroom::hub
