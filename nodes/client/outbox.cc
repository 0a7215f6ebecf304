// The outbox in a kv database (kv/db.h, RocksDB underneath): keys "m"+big-endian node_seq keep messages in order;
// "r"+node_seq the refused record; "next_seq", "last_acked" and the latest
// ack's hub_seq and time keep the counters across restarts; "hub_loss" the
// latest range of acknowledged reports a hub no longer held.
#include "nodes/client/outbox.h"
#include "nodes/client/private_dir.h"

#include <algorithm>
#include <optional>

#include "kv/db.h"

namespace opsroom::nodes {

namespace {

constexpr char kMessagePrefix = 'm';
constexpr char kRefusedPrefix = 'r';
const std::string kNextSeqKey = "next_seq";
const std::string kLastAckedKey = "last_acked";
const std::string kLastAckHubSeqKey = "last_ack_hub_seq";
const std::string kLastAckMsKey = "last_ack_ms";
const std::string kHubLossKey = "hub_loss";   // first(8) last(8) reports(8) detected_ms(8)
const std::string kWelcomedKey = "welcomed";  // present once a hub welcomed this outbox

std::string BigEndian(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, value >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xFF);
  return out;
}

uint64_t FromBigEndian(std::string_view bytes) {
  uint64_t value = 0;
  for (std::size_t i = 0; i < 8 && i < bytes.size(); ++i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

std::string MessageKey(uint64_t node_seq) { return kMessagePrefix + BigEndian(node_seq); }
std::string RefusedKey(uint64_t node_seq) { return kRefusedPrefix + BigEndian(node_seq); }

// Refused value: refused_ms(8) code(8) reason_length(8) reason envelope.
std::string EncodeRefused(int64_t at_ms, wire::RejectReason code, const std::string& reason,
                          std::string_view envelope) {
  std::string value = BigEndian(static_cast<uint64_t>(at_ms)) + BigEndian(static_cast<uint64_t>(code)) +
                      BigEndian(reason.size()) + reason;
  value.append(envelope);
  return value;
}

std::optional<RefusedMessage> DecodeRefused(uint64_t node_seq, std::string_view value) {
  if (value.size() < 24) return std::nullopt;
  uint64_t reason_size = FromBigEndian(value.substr(16, 8));
  if (value.size() - 24 < reason_size) return std::nullopt;
  RefusedMessage message;
  message.node_seq = node_seq;
  message.refused_ms = static_cast<int64_t>(FromBigEndian(value.substr(0, 8)));
  message.code = static_cast<wire::RejectReason>(FromBigEndian(value.substr(8, 8)));
  message.reason = std::string(value.substr(24, reason_size));
  std::string_view envelope = value.substr(24 + reason_size);
  message.envelope.assign(envelope.begin(), envelope.end());
  return message;
}

std::string EncodeHubLoss(const HubLoss& loss) {
  return BigEndian(loss.first_node_seq) + BigEndian(loss.last_node_seq) + BigEndian(loss.reports) +
         BigEndian(static_cast<uint64_t>(loss.detected_ms));
}

HubLoss DecodeHubLoss(std::string_view value) {
  if (value.size() < 32) return {};
  return {FromBigEndian(value.substr(0, 8)), FromBigEndian(value.substr(8, 8)), FromBigEndian(value.substr(16, 8)),
          static_cast<int64_t>(FromBigEndian(value.substr(24, 8)))};
}

const std::string kMessages(1, kMessagePrefix);
const std::string kRefused(1, kRefusedPrefix);

}  // namespace

std::string FormatHubLoss(const HubLoss& loss) {
  return "the hub lost " + std::to_string(loss.reports) + " acknowledged report(s) after a restore: node_seq " +
         std::to_string(loss.first_node_seq) + ".." + std::to_string(loss.last_node_seq) +
         " (acked, so no longer in this outbox: they cannot be resent; raise it with the room)";
}

struct Outbox::Impl {
  std::unique_ptr<kv::Db> db;
  uint64_t next_node_seq = 1;
  uint64_t persisted_next_node_seq = 1;
  uint64_t last_acked = 0;
  AckMark last_ack;
  uint64_t depth = 0;
  uint64_t refused = 0;
  HubLoss hub_loss;
  bool welcomed = false;
  // No pending message has a node_seq below this: scans for the oldest start
  // here instead of stepping over the tombstones of everything acknowledged.
  mutable uint64_t scan_from = 0;

  uint64_t ReadCounter(const std::string& key, uint64_t fallback) {
    kv::Lookup found = db->Get(key);
    return found.value ? FromBigEndian(*found.value) : fallback;
  }
};

Outbox::Outbox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Outbox::~Outbox() = default;

std::unique_ptr<Outbox> Outbox::Open(const std::string& dir, std::string* error) {
  if (std::string refused = MakePrivateDir(dir); !refused.empty()) {
    *error = "cannot make the outbox private (mode 0700): " + refused;
    return nullptr;
  }
  // Files owner-only; a torn last record is a message that was never
  // acknowledged as written, so it may go; anything older must be intact.
  kv::Opened opened = kv::Db::Open({dir, /*owner_only_files=*/true});
  if (!opened.status.ok()) {
    *error = "cannot open the outbox in " + dir + ": " + opened.status.message();
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(opened.db);
  impl->next_node_seq = impl->persisted_next_node_seq = impl->ReadCounter(kNextSeqKey, 1);
  impl->last_acked = impl->ReadCounter(kLastAckedKey, 0);
  impl->last_ack.hub_seq = impl->ReadCounter(kLastAckHubSeqKey, 0);
  impl->last_ack.at_ms = static_cast<int64_t>(impl->ReadCounter(kLastAckMsKey, 0));
  if (kv::Lookup loss = impl->db->Get(kHubLossKey); loss.value) impl->hub_loss = DecodeHubLoss(*loss.value);
  // An outbox from before the marker existed counts as welcomed once it holds an ack.
  impl->welcomed = impl->db->Get(kWelcomedKey).value.has_value() || impl->last_acked > 0;
  kv::Status scanned = impl->db->ScanPrefix(kMessages, {}, [&](std::string_view key, std::string_view) {
    ++impl->depth;
    impl->next_node_seq = std::max(impl->next_node_seq, FromBigEndian(key.substr(1)) + 1);
    return true;
  });
  if (scanned.ok()) {
    scanned = impl->db->ScanPrefix(kRefused, {}, [&](std::string_view, std::string_view) {
      ++impl->refused;
      return true;
    });
  }
  if (!scanned.ok()) {
    *error = "cannot read the outbox in " + dir + ": " + scanned.message();
    return nullptr;
  }
  return std::unique_ptr<Outbox>(new Outbox(std::move(impl)));
}

uint64_t Outbox::ReserveNodeSeq() { return impl_->next_node_seq++; }

void Outbox::AdvanceNodeSeqTo(uint64_t next) { impl_->next_node_seq = std::max(impl_->next_node_seq, next); }

wire::Status Outbox::Append(const std::vector<OutboxMessage>& messages) {
  kv::Batch batch;
  for (const OutboxMessage& message : messages) {
    std::string value = BigEndian(static_cast<uint64_t>(message.enqueued_ms));
    value.append(reinterpret_cast<const char*>(message.envelope.data()), message.envelope.size());
    batch.Put(MessageKey(message.node_seq), value);
  }
  batch.Put(kNextSeqKey, BigEndian(impl_->next_node_seq));
  kv::Status status = impl_->db->Write(batch, kv::Sync::kYes);
  if (!status.ok()) return wire::Status::Failed("outbox write failed: " + status.message());
  impl_->persisted_next_node_seq = impl_->next_node_seq;
  impl_->depth += messages.size();
  for (const OutboxMessage& message : messages) impl_->scan_from = std::min(impl_->scan_from, message.node_seq);
  return {};
}

wire::Status Outbox::Remove(const std::vector<uint64_t>& node_seqs, const AckMark* ack) {
  kv::Batch batch;
  uint64_t removed = 0;
  for (uint64_t node_seq : node_seqs) {
    if (!impl_->db->Get(MessageKey(node_seq)).value) continue;
    batch.Delete(MessageKey(node_seq));
    impl_->last_acked = std::max(impl_->last_acked, node_seq);
    ++removed;
  }
  if (removed == 0) return {};
  batch.Put(kLastAckedKey, BigEndian(impl_->last_acked));
  if (ack != nullptr) {
    batch.Put(kLastAckHubSeqKey, BigEndian(ack->hub_seq));
    batch.Put(kLastAckMsKey, BigEndian(static_cast<uint64_t>(ack->at_ms)));
  }
  kv::Status status = impl_->db->Write(batch, kv::Sync::kNo);
  if (!status.ok()) return wire::Status::Failed("outbox remove failed: " + status.message());
  impl_->depth -= removed;
  if (ack != nullptr) impl_->last_ack = *ack;
  return {};
}

wire::Status Outbox::Refuse(uint64_t node_seq, wire::RejectReason code, const std::string& reason, int64_t at_ms) {
  kv::Lookup found = impl_->db->Get(MessageKey(node_seq));
  if (!found.status.ok()) return wire::Status::Failed("outbox read failed: " + found.status.message());
  if (!found.value) return {};  // already removed (acked, or refused before)
  kv::Batch batch;
  batch.Delete(MessageKey(node_seq));
  batch.Put(RefusedKey(node_seq), EncodeRefused(at_ms, code, reason, std::string_view(*found.value).substr(8)));
  kv::Status status = impl_->db->Write(batch, kv::Sync::kNo);
  if (!status.ok()) return wire::Status::Failed("outbox refuse failed: " + status.message());
  --impl_->depth;
  ++impl_->refused;
  return {};
}

wire::Status Outbox::ForEachRefused(const std::function<bool(const RefusedMessage&)>& visit) const {
  bool readable = true;
  kv::Status scanned = impl_->db->ScanPrefix(kRefused, {}, [&](std::string_view key, std::string_view value) {
    auto message = DecodeRefused(FromBigEndian(key.substr(1)), value);
    if (!message) readable = false;
    return readable && visit(*message);
  });
  if (!readable) return wire::Status::Failed("unreadable refused record in the outbox");
  if (!scanned.ok()) return wire::Status::Failed("outbox scan failed: " + scanned.message());
  return {};
}

wire::Status Outbox::ForEachPending(uint64_t after_node_seq, std::size_t limit,
                                    const std::function<bool(const OutboxMessage&)>& visit) const {
  if (limit == 0) return {};
  std::size_t visited = 0;
  kv::Status scanned = impl_->db->ScanPrefix(
      kMessages, MessageKey(after_node_seq + 1), [&](std::string_view key, std::string_view value) {
        OutboxMessage message{FromBigEndian(key.substr(1)), static_cast<int64_t>(FromBigEndian(value.substr(0, 8))),
                              wire::Bytes(value.begin() + 8, value.end())};
        return visit(message) && ++visited < limit;
      });
  if (!scanned.ok()) return wire::Status::Failed("outbox scan failed: " + scanned.message());
  return {};
}

std::optional<HubLoss> Outbox::RecordHubLoss(uint64_t hub_last_node_seq, int64_t now_ms, std::string* error) {
  if (hub_last_node_seq >= impl_->last_acked) return std::nullopt;
  HubLoss loss{hub_last_node_seq + 1, impl_->last_acked, 0, now_ms};
  if (loss.first_node_seq == impl_->hub_loss.first_node_seq && loss.last_node_seq == impl_->hub_loss.last_node_seq) {
    return std::nullopt;  // the same hub state seen again (another session)
  }
  // Pending messages are resent and refused ones were never held: neither is lost.
  uint64_t not_lost = 0;
  auto in_range = [&](uint64_t node_seq) { return node_seq >= loss.first_node_seq && node_seq <= loss.last_node_seq; };
  wire::Status scanned = ForEachPending(hub_last_node_seq, impl_->depth, [&](const OutboxMessage& message) {
    if (!in_range(message.node_seq)) return false;
    ++not_lost;
    return true;
  });
  if (scanned.ok) {
    scanned = ForEachRefused([&](const RefusedMessage& message) {
      not_lost += in_range(message.node_seq) ? 1 : 0;
      return true;
    });
  }
  if (!scanned.ok) {
    *error = scanned.error;
    return std::nullopt;
  }
  loss.reports = loss.last_node_seq - loss.first_node_seq + 1 - not_lost;
  if (loss.reports == 0) return std::nullopt;
  kv::Batch record;
  record.Put(kHubLossKey, EncodeHubLoss(loss));
  kv::Status status = impl_->db->Write(record, kv::Sync::kYes);
  if (!status.ok()) *error = "outbox write failed (hub loss record): " + status.message();
  impl_->hub_loss = loss;  // raised even when it could not be kept
  return loss;
}

bool Outbox::welcomed() const { return impl_->welcomed; }

wire::Status Outbox::MarkWelcomed() {
  if (impl_->welcomed) return {};
  kv::Batch mark;
  mark.Put(kWelcomedKey, "");
  kv::Status status = impl_->db->Write(mark, kv::Sync::kYes);
  if (!status.ok()) return wire::Status::Failed("outbox write failed (welcome mark): " + status.message());
  impl_->welcomed = true;
  return {};
}

std::optional<std::vector<std::pair<uint64_t, uint64_t>>> Outbox::RenumberPending(uint64_t first_node_seq,
                                                                                  const Rebuild& rebuild,
                                                                                  std::string* error) {
  AdvanceNodeSeqTo(first_node_seq);
  kv::Batch batch;
  std::vector<std::pair<uint64_t, uint64_t>> renumbered;
  uint64_t next = impl_->next_node_seq;
  wire::Status scanned = ForEachPending(0, impl_->depth, [&](const OutboxMessage& message) {
    uint64_t new_node_seq = next++;
    wire::Bytes envelope = rebuild(message, new_node_seq);
    std::string value = BigEndian(static_cast<uint64_t>(message.enqueued_ms));
    value.append(reinterpret_cast<const char*>(envelope.data()), envelope.size());
    batch.Delete(MessageKey(message.node_seq));
    batch.Put(MessageKey(new_node_seq), value);
    renumbered.emplace_back(message.node_seq, new_node_seq);
    return true;
  });
  if (!scanned.ok) {
    *error = scanned.error;
    return std::nullopt;
  }
  batch.Put(kNextSeqKey, BigEndian(next));
  batch.Put(kWelcomedKey, "");
  kv::Status status = impl_->db->Write(batch, kv::Sync::kYes);
  if (!status.ok()) {
    *error = "outbox write failed (renumbering): " + status.message();
    return std::nullopt;
  }
  impl_->next_node_seq = impl_->persisted_next_node_seq = next;
  impl_->welcomed = true;
  if (!renumbered.empty()) impl_->scan_from = renumbered.front().second;
  return renumbered;
}

OutboxStatus Outbox::Status() const {
  OutboxStatus status;
  status.depth = impl_->depth;
  status.last_acked_node_seq = impl_->last_acked;
  status.last_ack_hub_seq = impl_->last_ack.hub_seq;
  status.last_ack_ms = impl_->last_ack.at_ms;
  status.next_node_seq = impl_->next_node_seq;
  status.refused = impl_->refused;
  status.hub_loss = impl_->hub_loss;
  if (impl_->depth == 0) return status;
  uint64_t from = impl_->scan_from;
  // A failed scan leaves the oldest unknown (0), which status shows as such.
  (void)ForEachPending(from == 0 ? 0 : from - 1, 1, [&](const OutboxMessage& oldest) {
    status.oldest_node_seq = oldest.node_seq;
    status.oldest_enqueued_ms = oldest.enqueued_ms;
    return false;
  });
  if (status.oldest_node_seq != 0) impl_->scan_from = status.oldest_node_seq;
  return status;
}

}  // namespace opsroom::nodes
