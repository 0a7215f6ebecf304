// The outbox on RocksDB: keys "m"+big-endian node_seq keep messages in order;
// "r"+node_seq the refused record; "next_seq", "last_acked" and the latest
// ack's hub_seq and time keep the counters across restarts; "hub_loss" the
// latest range of acknowledged reports a hub no longer held.
#include "nodes/client/outbox.h"
#include "nodes/client/private_dir.h"

#include <sys/stat.h>

#include <optional>

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

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

// RocksDB creates its files 0644 whatever the directory's mode: this file
// system makes each one 0600 as it is created (WAL, tables, MANIFEST, LOG,
// LOCK...), so no file of the outbox is ever readable by another user.
class OwnerOnlyFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit OwnerOnlyFileSystem(const std::shared_ptr<rocksdb::FileSystem>& target) : FileSystemWrapper(target) {}
  static const char* kClassName() { return "opsroom.OwnerOnlyFileSystem"; }
  const char* Name() const override { return kClassName(); }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->NewWritableFile(name, options, file, dbg));
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* file,
                                       rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->ReopenWritableFile(name, options, file, dbg));
  }
  rocksdb::IOStatus ReuseWritableFile(const std::string& name, const std::string& old_name,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* file,
                                      rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->ReuseWritableFile(name, old_name, options, file, dbg));
  }
  rocksdb::IOStatus NewRandomRWFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->NewRandomRWFile(name, options, file, dbg));
  }
  rocksdb::IOStatus NewLogger(const std::string& name, const rocksdb::IOOptions& options,
                              std::shared_ptr<rocksdb::Logger>* logger, rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->NewLogger(name, options, logger, dbg));
  }
  rocksdb::IOStatus LockFile(const std::string& name, const rocksdb::IOOptions& options, rocksdb::FileLock** lock,
                             rocksdb::IODebugContext* dbg) override {
    return OwnerOnly(name, target()->LockFile(name, options, lock, dbg));
  }

 private:
  static rocksdb::IOStatus OwnerOnly(const std::string& name, rocksdb::IOStatus created) {
    if (created.ok() && ::chmod(name.c_str(), 0600) != 0) {
      return rocksdb::IOStatus::IOError("cannot make " + name + " owner-only (chmod 600)");
    }
    return created;
  }
};

// One for the process: outboxes open and close, the Env stays.
rocksdb::Env& OwnerOnlyEnv() {
  static const std::unique_ptr<rocksdb::Env> env =
      rocksdb::NewCompositeEnv(std::make_shared<OwnerOnlyFileSystem>(rocksdb::FileSystem::Default()));
  return *env;
}

}  // namespace

std::string FormatHubLoss(const HubLoss& loss) {
  return "the hub lost " + std::to_string(loss.reports) + " acknowledged report(s) after a restore: node_seq " +
         std::to_string(loss.first_node_seq) + ".." + std::to_string(loss.last_node_seq) +
         " (acked, so no longer in this outbox: they cannot be resent; raise it with the room)";
}

struct Outbox::Impl {
  std::unique_ptr<rocksdb::DB> db;
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
    std::string value;
    return db->Get(rocksdb::ReadOptions(), key, &value).ok() ? FromBigEndian(value) : fallback;
  }
};

Outbox::Outbox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Outbox::~Outbox() = default;

std::unique_ptr<Outbox> Outbox::Open(const std::string& dir, std::string* error) {
  if (std::string refused = MakePrivateDir(dir); !refused.empty()) {
    *error = "cannot make the outbox private (mode 0700): " + refused;
    return nullptr;
  }
  rocksdb::Options options;
  options.create_if_missing = true;
  options.env = &OwnerOnlyEnv();
  // A torn last record is a message that was never acknowledged as written,
  // so it may go; anything older must be intact.
  options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(options, dir, &raw);
  if (!status.ok()) {
    *error = "cannot open the outbox in " + dir + ": " + status.ToString();
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->db.reset(raw);
  impl->next_node_seq = impl->persisted_next_node_seq = impl->ReadCounter(kNextSeqKey, 1);
  impl->last_acked = impl->ReadCounter(kLastAckedKey, 0);
  impl->last_ack.hub_seq = impl->ReadCounter(kLastAckHubSeqKey, 0);
  impl->last_ack.at_ms = static_cast<int64_t>(impl->ReadCounter(kLastAckMsKey, 0));
  std::string loss;
  if (impl->db->Get(rocksdb::ReadOptions(), kHubLossKey, &loss).ok()) impl->hub_loss = DecodeHubLoss(loss);
  std::string ignored;
  // An outbox from before the marker existed counts as welcomed once it holds an ack.
  impl->welcomed = impl->db->Get(rocksdb::ReadOptions(), kWelcomedKey, &ignored).ok() || impl->last_acked > 0;
  std::unique_ptr<rocksdb::Iterator> it(impl->db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(std::string(1, kMessagePrefix)); it->Valid() && it->key()[0] == kMessagePrefix; it->Next()) {
    ++impl->depth;
    impl->next_node_seq = std::max(impl->next_node_seq, FromBigEndian(it->key().ToStringView().substr(1)) + 1);
  }
  for (it->Seek(std::string(1, kRefusedPrefix)); it->Valid() && it->key()[0] == kRefusedPrefix; it->Next()) {
    ++impl->refused;
  }
  if (!it->status().ok()) {
    *error = "cannot read the outbox in " + dir + ": " + it->status().ToString();
    return nullptr;
  }
  return std::unique_ptr<Outbox>(new Outbox(std::move(impl)));
}

uint64_t Outbox::ReserveNodeSeq() { return impl_->next_node_seq++; }

void Outbox::AdvanceNodeSeqTo(uint64_t next) { impl_->next_node_seq = std::max(impl_->next_node_seq, next); }

bool Outbox::Append(const std::vector<OutboxMessage>& messages, std::string* error) {
  rocksdb::WriteBatch batch;
  for (const OutboxMessage& message : messages) {
    std::string value = BigEndian(static_cast<uint64_t>(message.enqueued_ms));
    value.append(reinterpret_cast<const char*>(message.envelope.data()), message.envelope.size());
    batch.Put(MessageKey(message.node_seq), value);
  }
  batch.Put(kNextSeqKey, BigEndian(impl_->next_node_seq));
  rocksdb::WriteOptions synced;
  synced.sync = true;
  rocksdb::Status status = impl_->db->Write(synced, &batch);
  if (!status.ok()) {
    *error = "outbox write failed: " + status.ToString();
    return false;
  }
  impl_->persisted_next_node_seq = impl_->next_node_seq;
  impl_->depth += messages.size();
  for (const OutboxMessage& message : messages) impl_->scan_from = std::min(impl_->scan_from, message.node_seq);
  return true;
}

bool Outbox::Remove(const std::vector<uint64_t>& node_seqs, std::string* error, const AckMark* ack) {
  rocksdb::WriteBatch batch;
  uint64_t removed = 0;
  for (uint64_t node_seq : node_seqs) {
    std::string ignored;
    if (!impl_->db->Get(rocksdb::ReadOptions(), MessageKey(node_seq), &ignored).ok()) continue;
    batch.Delete(MessageKey(node_seq));
    impl_->last_acked = std::max(impl_->last_acked, node_seq);
    ++removed;
  }
  if (removed == 0) return true;
  batch.Put(kLastAckedKey, BigEndian(impl_->last_acked));
  if (ack != nullptr) {
    batch.Put(kLastAckHubSeqKey, BigEndian(ack->hub_seq));
    batch.Put(kLastAckMsKey, BigEndian(static_cast<uint64_t>(ack->at_ms)));
  }
  rocksdb::Status status = impl_->db->Write(rocksdb::WriteOptions(), &batch);
  if (!status.ok()) {
    *error = "outbox remove failed: " + status.ToString();
    return false;
  }
  impl_->depth -= removed;
  if (ack != nullptr) impl_->last_ack = *ack;
  return true;
}

bool Outbox::Refuse(uint64_t node_seq, wire::RejectReason code, const std::string& reason, int64_t at_ms,
                    std::string* error) {
  std::string envelope;
  rocksdb::Status found = impl_->db->Get(rocksdb::ReadOptions(), MessageKey(node_seq), &envelope);
  if (found.IsNotFound()) return true;  // already removed (acked, or refused before)
  if (!found.ok()) {
    *error = "outbox read failed: " + found.ToString();
    return false;
  }
  rocksdb::WriteBatch batch;
  batch.Delete(MessageKey(node_seq));
  batch.Put(RefusedKey(node_seq), EncodeRefused(at_ms, code, reason, std::string_view(envelope).substr(8)));
  rocksdb::Status status = impl_->db->Write(rocksdb::WriteOptions(), &batch);
  if (!status.ok()) {
    *error = "outbox refuse failed: " + status.ToString();
    return false;
  }
  --impl_->depth;
  ++impl_->refused;
  return true;
}

bool Outbox::ForEachRefused(const std::function<bool(const RefusedMessage&)>& visit, std::string* error) const {
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(std::string(1, kRefusedPrefix)); it->Valid() && it->key()[0] == kRefusedPrefix; it->Next()) {
    auto message = DecodeRefused(FromBigEndian(it->key().ToStringView().substr(1)), it->value().ToStringView());
    if (!message) {
      *error = "unreadable refused record in the outbox";
      return false;
    }
    if (!visit(*message)) break;
  }
  if (!it->status().ok()) {
    *error = "outbox scan failed: " + it->status().ToString();
    return false;
  }
  return true;
}

bool Outbox::ForEachPending(uint64_t after_node_seq, std::size_t limit,
                            const std::function<bool(const OutboxMessage&)>& visit, std::string* error) const {
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions()));
  std::size_t visited = 0;
  for (it->Seek(MessageKey(after_node_seq + 1)); it->Valid() && it->key()[0] == kMessagePrefix && visited < limit;
       it->Next(), ++visited) {
    std::string_view value = it->value().ToStringView();
    OutboxMessage message{FromBigEndian(it->key().ToStringView().substr(1)),
                          static_cast<int64_t>(FromBigEndian(value.substr(0, 8))),
                          wire::Bytes(value.begin() + 8, value.end())};
    if (!visit(message)) break;
  }
  if (!it->status().ok()) {
    *error = "outbox scan failed: " + it->status().ToString();
    return false;
  }
  return true;
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
  bool scanned = ForEachPending(
      hub_last_node_seq, impl_->depth,
      [&](const OutboxMessage& message) {
        if (!in_range(message.node_seq)) return false;
        ++not_lost;
        return true;
      },
      error);
  scanned = scanned && ForEachRefused(
                           [&](const RefusedMessage& message) {
                             not_lost += in_range(message.node_seq) ? 1 : 0;
                             return true;
                           },
                           error);
  if (!scanned) return std::nullopt;
  loss.reports = loss.last_node_seq - loss.first_node_seq + 1 - not_lost;
  if (loss.reports == 0) return std::nullopt;
  rocksdb::WriteOptions synced;
  synced.sync = true;
  rocksdb::Status status = impl_->db->Put(synced, kHubLossKey, EncodeHubLoss(loss));
  if (!status.ok()) *error = "outbox write failed (hub loss record): " + status.ToString();
  impl_->hub_loss = loss;  // raised even when it could not be kept
  return loss;
}

bool Outbox::welcomed() const { return impl_->welcomed; }

bool Outbox::MarkWelcomed(std::string* error) {
  if (impl_->welcomed) return true;
  rocksdb::WriteOptions synced;
  synced.sync = true;
  rocksdb::Status status = impl_->db->Put(synced, kWelcomedKey, "");
  if (!status.ok()) {
    *error = "outbox write failed (welcome mark): " + status.ToString();
    return false;
  }
  impl_->welcomed = true;
  return true;
}

std::optional<std::vector<std::pair<uint64_t, uint64_t>>> Outbox::RenumberPending(uint64_t first_node_seq,
                                                                                  const Rebuild& rebuild,
                                                                                  std::string* error) {
  AdvanceNodeSeqTo(first_node_seq);
  rocksdb::WriteBatch batch;
  std::vector<std::pair<uint64_t, uint64_t>> renumbered;
  uint64_t next = impl_->next_node_seq;
  bool scanned = ForEachPending(
      0, impl_->depth,
      [&](const OutboxMessage& message) {
        uint64_t new_node_seq = next++;
        wire::Bytes envelope = rebuild(message, new_node_seq);
        std::string value = BigEndian(static_cast<uint64_t>(message.enqueued_ms));
        value.append(reinterpret_cast<const char*>(envelope.data()), envelope.size());
        batch.Delete(MessageKey(message.node_seq));
        batch.Put(MessageKey(new_node_seq), value);
        renumbered.emplace_back(message.node_seq, new_node_seq);
        return true;
      },
      error);
  if (!scanned) return std::nullopt;
  batch.Put(kNextSeqKey, BigEndian(next));
  batch.Put(kWelcomedKey, "");
  rocksdb::WriteOptions synced;
  synced.sync = true;
  rocksdb::Status status = impl_->db->Write(synced, &batch);
  if (!status.ok()) {
    *error = "outbox write failed (renumbering): " + status.ToString();
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
  std::string ignored;
  uint64_t from = impl_->scan_from;
  ForEachPending(
      from == 0 ? 0 : from - 1, 1,
      [&](const OutboxMessage& oldest) {
        status.oldest_node_seq = oldest.node_seq;
        status.oldest_enqueued_ms = oldest.enqueued_ms;
        return false;
      },
      &ignored);
  if (status.oldest_node_seq != 0) impl_->scan_from = status.oldest_node_seq;
  return status;
}

}  // namespace opsroom::nodes
