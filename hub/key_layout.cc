#include "hub/key_layout.h"

namespace opsroom::hub {

namespace {

constexpr uint8_t kEntityFormat = 1;
constexpr uint8_t kNodeFormat = 1;
constexpr std::size_t kEntityFixedBytes = 1 + 8 + 4 + 1 + 1;
constexpr std::size_t kNodeFixedBytes = 1 + 8;

std::string Sequenced(std::string_view name, uint64_t seq) {
  std::string key;
  key.reserve(name.size() + 9);
  key.append(name);
  key.push_back('\0');
  key.append(Be64(seq));
  return key;
}

void AppendBe32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

uint32_t ReadBe32(std::string_view bytes) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  return value;
}

}  // namespace

std::string Be64(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return out;
}

std::optional<uint64_t> ParseBe64(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

std::string CheckIndexKey(uint64_t hub_seq) { return std::string(kCheckIndexPrefix) + Be64(hub_seq); }

std::string LogKey(uint64_t hub_seq) { return Be64(hub_seq); }
std::string DedupeKey(std::string_view origin, uint64_t node_seq) { return Sequenced(origin, node_seq); }
std::string AlertKey(std::string_view alert_id) { return Sequenced(alert_id, 0); }
std::string AlertActionKey(std::string_view alert_id, uint64_t hub_seq) { return Sequenced(alert_id, hub_seq); }
std::string SitRepKey(std::string_view operation_code, uint64_t hub_seq) { return Sequenced(operation_code, hub_seq); }

std::optional<SequencedKey> ParseSequencedKey(std::string_view key) {
  if (key.size() < 9 || key[key.size() - 9] != '\0') return std::nullopt;
  return SequencedKey{key.substr(0, key.size() - 9), *ParseBe64(key.substr(key.size() - 8))};
}

void AppendDedupePair(std::string& group, uint64_t node_seq, uint64_t hub_seq) {
  group.append(Be64(node_seq));
  group.append(Be64(hub_seq));
}

std::optional<uint64_t> FindInDedupeGroup(std::string_view group, uint64_t node_seq) {
  std::size_t low = 0;
  std::size_t high = group.size() / 16;
  while (low < high) {
    std::size_t mid = (low + high) / 2;
    uint64_t seq = *ParseBe64(group.substr(mid * 16, 8));
    if (seq == node_seq) return ParseBe64(group.substr(mid * 16 + 8, 8));
    if (seq < node_seq) low = mid + 1;
    else high = mid;
  }
  return std::nullopt;
}

std::string EncodeEntity(const EntityRecord& record) {
  std::string out;
  out.reserve(kEntityFixedBytes + record.owner.size());
  out.push_back(static_cast<char>(kEntityFormat));
  out.append(Be64(record.hub_seq));
  AppendBe32(out, record.revision);
  out.push_back(static_cast<char>(record.status));
  out.push_back(record.removed ? 1 : 0);
  out.append(record.owner);
  return out;
}

std::optional<EntityRecord> DecodeEntity(std::string_view bytes) {
  if (bytes.size() < kEntityFixedBytes || static_cast<uint8_t>(bytes[0]) != kEntityFormat) return std::nullopt;
  EntityRecord record;
  record.hub_seq = *ParseBe64(bytes.substr(1, 8));
  record.revision = ReadBe32(bytes.substr(9, 4));
  record.status = static_cast<uint8_t>(bytes[13]);
  record.removed = bytes[14] != 0;
  record.owner = std::string(bytes.substr(kEntityFixedBytes));
  return record;
}

std::string EncodeNode(const NodeRecord& record) {
  std::string out;
  out.push_back(static_cast<char>(kNodeFormat));
  out.append(Be64(record.last_node_seq));
  out.append(record.country);
  return out;
}

std::optional<NodeRecord> DecodeNode(std::string_view bytes) {
  if (bytes.size() < kNodeFixedBytes || static_cast<uint8_t>(bytes[0]) != kNodeFormat) return std::nullopt;
  return NodeRecord{std::string(bytes.substr(kNodeFixedBytes)), *ParseBe64(bytes.substr(1, 8))};
}

}  // namespace opsroom::hub
