#include "hub/cluster/batch_entry.h"

namespace opsroom::hub {

namespace {

// "OPSE": a stray buffer is refused before its fields are read.
constexpr std::string_view kMagic = "OPSE";

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { Fixed(v, 4); }
  void U64(uint64_t v) { Fixed(v, 8); }
  void Bytes(std::string_view v) {
    U32(static_cast<uint32_t>(v.size()));
    out_.append(v);
  }

 private:
  void Fixed(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));  // little-endian
  }
  std::string& out_;
};

// Reads fields in order; the first short read sets error() naming the field.
class Reader {
 public:
  Reader(std::string_view in, std::size_t at) : in_(in), at_(at) {}
  bool U8(uint8_t& v, const char* what) {
    uint64_t wide = 0;
    if (!Fixed(wide, 1, what)) return false;
    v = static_cast<uint8_t>(wide);
    return true;
  }
  bool U32(uint32_t& v, const char* what) {
    uint64_t wide = 0;
    if (!Fixed(wide, 4, what)) return false;
    v = static_cast<uint32_t>(wide);
    return true;
  }
  bool U64(uint64_t& v, const char* what) { return Fixed(v, 8, what); }
  bool Bytes(std::string_view& v, const char* what) {
    uint32_t size = 0;
    if (!U32(size, what)) return false;
    if (in_.size() - at_ < size) return Fail(what, size);
    v = in_.substr(at_, size);
    at_ += size;
    return true;
  }
  // A count of items, each at least `min_item` bytes: a garbled count is
  // refused here instead of reserving memory for it.
  bool Count(uint32_t& v, std::size_t min_item, const char* what) {
    if (!U32(v, what)) return false;
    if (static_cast<uint64_t>(v) * min_item > in_.size() - at_) {
      return Garbled(what, std::to_string(v) + " items cannot fit in the " + std::to_string(in_.size() - at_) +
                               " bytes left (truncated or garbled)");
    }
    return true;
  }
  bool Garbled(const char* what, const std::string& detail) {
    if (error_.empty()) error_ = std::string(what) + " at byte " + std::to_string(at_) + ": " + detail;
    return false;
  }
  bool at_end() const { return at_ == in_.size(); }
  std::size_t offset() const { return at_; }
  const std::string& error() const { return error_; }

 private:
  bool Fixed(uint64_t& v, std::size_t n, const char* what) {
    if (in_.size() - at_ < n) return Fail(what, n);
    v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(in_[at_ + i])) << (8 * i);
    at_ += n;
    return true;
  }
  bool Fail(const char* what, std::size_t wanted) {
    return Garbled(what, "truncated (" + std::to_string(wanted) + " bytes wanted, " +
                             std::to_string(in_.size() - at_) + " left)");
  }
  std::string_view in_;
  std::size_t at_;
  std::string error_;
};

void WriteHeader(Writer& w, EntryKind kind, uint64_t built_on) {
  for (char c : kMagic) w.U8(static_cast<uint8_t>(c));
  w.U32(kEntryFormat);
  w.U8(static_cast<uint8_t>(kind));
  w.U64(built_on);
}

bool ReadWrites(Reader& r, WriteSet& writes) {
  uint32_t count = 0;
  if (!r.Count(count, 6, "write count")) return false;
  for (uint32_t i = 0; i < count; ++i) {
    uint8_t family = 0, is_delete = 0;
    std::string_view key, value;
    if (!r.U8(family, "write family") || !r.U8(is_delete, "write kind") || !r.Bytes(key, "write key")) return false;
    if (family >= kFamilyCount) return r.Garbled("write family", "no column family " + std::to_string(family));
    if (is_delete > 1) return r.Garbled("write kind", "neither put nor delete");
    if (is_delete) {
      writes.Delete(static_cast<Family>(family), key);
      continue;
    }
    if (!r.Bytes(value, "write value")) return false;
    writes.Put(static_cast<Family>(family), key, value);
  }
  return true;
}

bool ReadEvents(Reader& r, Batch& batch) {
  uint32_t count = 0;
  if (!r.Count(count, 16, "event count")) return false;
  for (uint32_t i = 0; i < count; ++i) {
    std::string_view topic, frame;
    uint64_t write_index = 0;
    if (!r.Bytes(topic, "event topic") || !r.U64(write_index, "event write") || !r.Bytes(frame, "event frame"))
      return false;
    bool names_a_put = write_index < batch.writes.size() && !batch.writes.at(write_index).is_delete;
    if (frame.empty() && !names_a_put) return r.Garbled("event write", "no Put " + std::to_string(write_index));
    batch.events.push_back({std::string(topic), static_cast<std::size_t>(write_index), std::string(frame)});
  }
  return true;
}

bool ReadOrigins(Reader& r, Batch& batch) {
  uint32_t count = 0;
  if (!r.Count(count, 28, "origin count")) return false;
  for (uint32_t i = 0; i < count; ++i) {
    std::string_view origin, group;
    Batch::OriginProgress progress;
    if (!r.Bytes(origin, "origin") || !r.U64(progress.first_node_seq, "origin first node_seq") ||
        !r.U64(progress.last_node_seq, "origin last node_seq") || !r.U32(progress.count, "origin count of stored") ||
        !r.Bytes(group, "origin dedupe group"))
      return false;
    progress.dedupe_group = std::string(group);
    batch.origins.emplace(std::string(origin), std::move(progress));
  }
  return true;
}

bool ReadItemVersions(Reader& r, Batch& batch) {
  uint32_t count = 0;
  if (!r.Count(count, 4, "item version count")) return false;
  for (uint32_t i = 0; i < count; ++i) {
    std::string_view key;
    if (!r.Bytes(key, "item version")) return false;
    batch.item_versions.emplace_back(key);
  }
  return true;
}

}  // namespace

std::string EncodeBatchEntry(const Batch& batch, uint64_t built_on) {
  std::string out;
  out.reserve(batch.writes.bytes() + 16 * batch.writes.size() + 64 * batch.events.size() + 64);
  Writer w(out);
  WriteHeader(w, EntryKind::kBatch, built_on);
  w.U64(batch.first_seq);
  w.U64(batch.last_seq);
  w.U32(static_cast<uint32_t>(batch.writes.size()));
  for (std::size_t i = 0; i < batch.writes.size(); ++i) {
    WriteSet::Op op = batch.writes.at(i);
    w.U8(static_cast<uint8_t>(op.family));
    w.U8(op.is_delete ? 1 : 0);
    w.Bytes(op.key);
    if (!op.is_delete) w.Bytes(op.value);
  }
  w.U32(static_cast<uint32_t>(batch.events.size()));
  for (const BatchEvent& event : batch.events) {
    w.Bytes(event.topic);
    w.U64(event.write_index);
    w.Bytes(event.frame);
  }
  w.U32(static_cast<uint32_t>(batch.origins.size()));
  for (const auto& [origin, progress] : batch.origins) {
    w.Bytes(origin);
    w.U64(progress.first_node_seq);
    w.U64(progress.last_node_seq);
    w.U32(progress.count);
    w.Bytes(progress.dedupe_group);
  }
  w.U32(static_cast<uint32_t>(batch.item_versions.size()));
  for (const std::string& key : batch.item_versions) w.Bytes(key);
  return out;
}

std::string EncodeBarrierEntry(uint64_t nonce) {
  std::string out;
  Writer w(out);
  WriteHeader(w, EntryKind::kBarrier, nonce);
  return out;
}

std::string DecodeEntry(std::string_view bytes, EntryHeader& header, Batch& batch) {
  batch.Clear();
  if (bytes.substr(0, kMagic.size()) != kMagic) return "not a hub entry (no \"OPSE\" at its start)";
  Reader r(bytes, kMagic.size());
  uint32_t format = 0;
  uint8_t kind = 0;
  if (!r.U32(format, "format") || !r.U8(kind, "kind") || !r.U64(header.built_on, "built_on")) return r.error();
  if (format != kEntryFormat) {
    return "entry format " + std::to_string(format) + " is not this hub's " + std::to_string(kEntryFormat) +
           " (members must run the same release)";
  }
  if (kind != static_cast<uint8_t>(EntryKind::kBatch) && kind != static_cast<uint8_t>(EntryKind::kBarrier))
    return "unknown entry kind " + std::to_string(kind);
  header.kind = static_cast<EntryKind>(kind);
  bool read = header.kind == EntryKind::kBarrier ||
              (r.U64(batch.first_seq, "first_seq") && r.U64(batch.last_seq, "last_seq") && ReadWrites(r, batch.writes) &&
               ReadEvents(r, batch) && ReadOrigins(r, batch) && ReadItemVersions(r, batch));
  if (!read) return r.error();
  if (!r.at_end()) return "trailing bytes after the entry at byte " + std::to_string(r.offset());
  if (batch.first_seq > batch.last_seq) return "first_seq " + std::to_string(batch.first_seq) + " > last_seq";
  return {};
}

}  // namespace opsroom::hub
