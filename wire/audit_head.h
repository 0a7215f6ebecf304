// Signed audit heads (docs/protocol.md 7.1), a transparency log's signed tree
// head for the hub's hash-chained audit trail: the hub's Ed25519 audit key
// files, the checkpoint text a signature covers, signing and checking, and the
// SignedAuditHead frame. Pure functions over values and files; thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wire/frame_builder.h"
#include "wire/result.h"

namespace opsroom::wire {

inline constexpr std::size_t kAuditHashBytes = 32;
inline constexpr std::size_t kAuditPublicKeyBytes = 32;
inline constexpr std::size_t kAuditSeedBytes = 32;
inline constexpr std::size_t kAuditSignatureBytes = 64;
// The first line of every checkpoint: names the statement, so that a
// signature made for anything else never reads as an audit head.
inline constexpr std::string_view kCheckpointHeader = "opsroom audit head v1";

// An Ed25519 key: 32 raw bytes each. The seed is the secret (libsodium derives
// the signing key from it); empty when only the public half is known.
struct AuditKey {
  std::string public_key;
  std::string seed;
};

// "The hub's audit chain had `records` records, the last hashing to
// `head_hash`, at hub_seq, at_ms", signed. Byte strings are raw.
struct SignedHeadFields {
  std::string hub_id;
  uint64_t records = 0;
  std::string head_hash = std::string(kAuditHashBytes, '\0');
  uint64_t hub_seq = 0;
  int64_t at_ms = 0;
  std::string public_key;
  std::string signature;
  bool operator==(const SignedHeadFields&) const = default;
};

Result<AuditKey> GenerateAuditKey();
// The key whose secret is `seed` (32 bytes): the same seed, the same key.
Result<AuditKey> AuditKeyFromSeed(std::string_view seed);
// Writes `<base>.key` (seed and public key, mode 0600) and `<base>.pub` (public
// key, mode 0644); refuses to replace either.
Result<bool> WriteAuditKeyFiles(const std::string& base, const AuditKey& key);
// Writes `path` (mode 0644) with the public half only: audit.pub again from
// audit.key after a crash between the two files; refuses to replace a file.
Result<bool> WriteAuditPublicFile(const std::string& path, std::string_view public_key);
// Reads either file. A secret file readable by group or others is refused, and
// one whose public key does not belong to its seed.
Result<AuditKey> ReadAuditKeyFile(const std::string& path);
// The raw public key from `text`: 64 hex digits, or the path of either key file.
Result<std::string> AuditPublicKeyFrom(const std::string& text);

std::string ToHex(std::string_view bytes);

// The exact bytes the signature covers: six lines, each ending in "\n":
// kCheckpointHeader, hub_id, records, hex(head_hash), hub_seq, at_ms (decimal).
// nullopt when hub_id is empty or holds a line break, or the hash is not 32 bytes.
std::optional<std::string> CheckpointText(const SignedHeadFields& head);
// Fills public_key and signature.
Result<SignedHeadFields> SignHead(SignedHeadFields head, const AuditKey& key);
// Empty when `head` carries a valid signature by `trusted_key` (raw 32 bytes);
// otherwise why not, in words.
std::string CheckHeadSignature(const SignedHeadFields& head, std::string_view trusted_key);

// In a heads file (docs/protocol.md 7.1, 12), a line that starts with this
// holds a head the client refused although the audit key signed it.
inline constexpr std::string_view kRefusedHeadMark = "refused ";

Bytes BuildSignedAuditHead(const SignedHeadFields& head);
// A Frame{SignedAuditHead} as the hub sends and stores it: CheckHubFrame, then
// the field sizes. The signature itself is checked by CheckHeadSignature.
Result<SignedHeadFields> CheckSignedAuditHeadFrame(ByteView bytes);

}  // namespace opsroom::wire
