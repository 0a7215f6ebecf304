#include "wire/audit_head.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "wire/curve_keys.h"
#include "wire/frame_check.h"

namespace opsroom::wire {

namespace {

Rejection Fail(std::string text) { return Reject(RejectReason::InvalidValue, std::move(text)); }

const unsigned char* Raw(std::string_view bytes) { return reinterpret_cast<const unsigned char*>(bytes.data()); }

std::optional<std::string> FromHex(std::string_view hex, std::size_t bytes) {
  if (hex.size() != 2 * bytes) return std::nullopt;
  std::string out(bytes, '\0');
  std::size_t written = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), bytes, hex.data(), hex.size(), nullptr, &written,
                     nullptr) != 0 ||
      written != bytes) {
    return std::nullopt;
  }
  return out;
}

// libsodium's Ed25519 secret key is the seed followed by the public key.
std::string SigningKey(const AuditKey& key) { return key.seed + key.public_key; }

std::string KeyText(const AuditKey& key, bool with_seed) {
  std::string text = "#   opsroom audit signing key (Ed25519): signs the hub's audit heads\n";
  text += with_seed ? "#   SECRET: keep this file private (mode 0600), back it up, never beside a copy of the store\n"
                    : "#   public half: every auditor and client may hold it to check signed audit heads\n";
  text += "ed25519-public = \"" + ToHex(key.public_key) + "\"\n";
  if (with_seed) text += "ed25519-seed = \"" + ToHex(key.seed) + "\"\n";
  return text;
}

std::string_view View(const flatbuffers::Vector<uint8_t>* bytes) {
  if (bytes == nullptr) return {};
  return {reinterpret_cast<const char*>(bytes->data()), bytes->size()};
}

}  // namespace

std::string ToHex(std::string_view bytes) {
  std::string hex(2 * bytes.size() + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), Raw(bytes), bytes.size());
  hex.pop_back();
  return hex;
}

Result<AuditKey> GenerateAuditKey() {
  if (sodium_init() < 0) return Fail("libsodium could not initialise");
  std::string seed(kAuditSeedBytes, '\0');
  randombytes_buf(seed.data(), seed.size());
  auto key = AuditKeyFromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

Result<AuditKey> AuditKeyFromSeed(std::string_view seed) {
  if (seed.size() != kAuditSeedBytes) return Fail("an Ed25519 seed is 32 bytes");
  if (sodium_init() < 0) return Fail("libsodium could not initialise");
  AuditKey key{std::string(kAuditPublicKeyBytes, '\0'), std::string(seed)};
  std::string secret(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(key.public_key.data()),
                           reinterpret_cast<unsigned char*>(secret.data()), Raw(key.seed));
  sodium_memzero(secret.data(), secret.size());
  return key;
}

Result<bool> WriteAuditKeyFiles(const std::string& base, const AuditKey& key) {
  if (key.public_key.size() != kAuditPublicKeyBytes || key.seed.size() != kAuditSeedBytes) {
    return Fail("not an Ed25519 audit key");
  }
  auto secret = WriteFileWithMode(base + ".key", KeyText(key, true), 0600, false);
  if (!secret) return secret;
  return WriteAuditPublicFile(base + ".pub", key.public_key);
}

Result<bool> WriteAuditPublicFile(const std::string& path, std::string_view public_key) {
  if (public_key.size() != kAuditPublicKeyBytes) return Fail("not an Ed25519 public key");
  return WriteFileWithMode(path, KeyText({std::string(public_key), ""}, false), 0644, false);
}

Result<AuditKey> ReadAuditKeyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail("cannot read audit key file " + path + ": " + std::strerror(errno));
  std::string public_hex, seed_hex, line;
  for (int lines = 0; lines < 64 && std::getline(in, line); ++lines) {
    if (std::string v = KeyFileValue(line, "ed25519-public"); !v.empty()) public_hex = v;
    if (std::string v = KeyFileValue(line, "ed25519-seed"); !v.empty()) seed_hex = v;
  }
  auto public_key = FromHex(public_hex, kAuditPublicKeyBytes);
  if (!public_key) return Fail(path + " holds no valid ed25519-public (64 hex digits)");
  AuditKey key{*public_key, ""};
  if (seed_hex.empty()) return key;
  auto seed = FromHex(seed_hex, kAuditSeedBytes);
  if (!seed) return Fail(path + " holds an invalid ed25519-seed");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return Fail(path + " holds the audit signing key but is readable by group or others: chmod 600 " + path);
  }
  auto derived = AuditKeyFromSeed(*seed);
  if (!derived) return derived.rejection();
  if (derived->public_key != key.public_key) {
    return Fail(path + ": ed25519-public is not the public half of ed25519-seed");
  }
  return derived;
}

Result<std::string> AuditPublicKeyFrom(const std::string& text) {
  if (auto raw = FromHex(text, kAuditPublicKeyBytes)) return *raw;
  auto key = ReadAuditKeyFile(text);
  if (!key) return key.rejection();
  return key->public_key;
}

std::optional<std::string> CheckpointText(const SignedHeadFields& head) {
  if (head.hub_id.empty() || head.hub_id.find_first_of("\r\n") != std::string::npos) return std::nullopt;
  if (head.head_hash.size() != kAuditHashBytes) return std::nullopt;
  std::string text(kCheckpointHeader);
  text += "\n" + head.hub_id + "\n" + std::to_string(head.records) + "\n" + ToHex(head.head_hash) + "\n" +
          std::to_string(head.hub_seq) + "\n" + std::to_string(head.at_ms) + "\n";
  return text;
}

Result<SignedHeadFields> SignHead(SignedHeadFields head, const AuditKey& key) {
  if (key.seed.size() != kAuditSeedBytes) return Fail("signing an audit head needs the secret audit key");
  auto text = CheckpointText(head);
  if (!text) return Fail("cannot sign an audit head for hub id '" + head.hub_id + "' (empty or with a line break)");
  if (sodium_init() < 0) return Fail("libsodium could not initialise");
  std::string signing_key = SigningKey(key);
  head.public_key = key.public_key;
  head.signature.assign(kAuditSignatureBytes, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(head.signature.data()), nullptr, Raw(*text), text->size(),
                       Raw(signing_key));
  sodium_memzero(signing_key.data(), signing_key.size());
  return head;
}

std::string CheckHeadSignature(const SignedHeadFields& head, std::string_view trusted_key) {
  if (trusted_key.size() != kAuditPublicKeyBytes) return "no audit public key to check it with";
  if (head.public_key != trusted_key) {
    return "signed with another key (" + ToHex(head.public_key).substr(0, 16) + "..., expected " +
           ToHex(trusted_key).substr(0, 16) + "...)";
  }
  auto text = CheckpointText(head);
  if (!text || head.signature.size() != kAuditSignatureBytes) return "malformed signed head";
  if (sodium_init() < 0) return "libsodium could not initialise";
  if (crypto_sign_verify_detached(Raw(head.signature), Raw(*text), text->size(), Raw(trusted_key)) != 0) {
    return "the signature does not verify: the head was altered or forged";
  }
  return "";
}

Bytes BuildSignedAuditHead(const SignedHeadFields& head) {
  flatbuffers::FlatBufferBuilder fbb(256);
  auto bytes = [&](const std::string& value) { return fbb.CreateVector(Raw(value), value.size()); };
  auto body = CreateSignedAuditHead(fbb, fbb.CreateString(head.hub_id), head.records, bytes(head.head_hash),
                                    head.hub_seq, head.at_ms, bytes(head.public_key), bytes(head.signature));
  FinishFrameBuffer(fbb, CreateFrame(fbb, 0, Body::SignedAuditHead, body.Union()));
  return Bytes(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

Result<SignedHeadFields> CheckSignedAuditHeadFrame(ByteView bytes) {
  auto frame = CheckHubFrame(bytes);
  if (!frame) return frame.rejection();
  const SignedAuditHead* body = frame.value()->body_as_SignedAuditHead();
  if (body == nullptr) return Reject(RejectReason::UnexpectedBody, "expected a SignedAuditHead");
  SignedHeadFields head;
  head.hub_id = body->hub_id() == nullptr ? "" : body->hub_id()->str();
  head.records = body->records();
  head.head_hash = View(body->head_hash());
  head.hub_seq = body->hub_seq();
  head.at_ms = body->at_ms();
  head.public_key = View(body->public_key());
  head.signature = View(body->signature());
  if (head.head_hash.size() != kAuditHashBytes || head.public_key.size() != kAuditPublicKeyBytes ||
      head.signature.size() != kAuditSignatureBytes) {
    return Reject(RejectReason::InvalidValue, "SignedAuditHead: head_hash, public_key or signature has the wrong size");
  }
  if (!IsValidUtf8(head.hub_id) || !CheckpointText(head)) {
    return Reject(RejectReason::InvalidValue, "SignedAuditHead.hub_id is empty, not UTF-8 or holds a line break");
  }
  return head;
}

}  // namespace opsroom::wire
