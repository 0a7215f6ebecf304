// CurveZMQ key pairs and key files (docs/protocol.md section 2.1). A key file
// is a zcert-compatible text file: `public-key = "<Z85>"` and, in a secret
// file, `secret-key = "<Z85>"`. Secret files are written with mode 0600.
// Pure functions over files; thread-safe.
#pragma once
#include <string>
#include <string_view>

#include "wire/result.h"

namespace zmq {
class socket_t;
}

namespace opsroom::wire {

inline constexpr std::size_t kZ85KeyChars = 40;  // a 32-byte Curve25519 key in Z85

struct CurveKeyPair {
  std::string public_z85;
  std::string secret_z85;  // empty when only the public half is known
};

// A fresh pair from libzmq (zmq_curve_keypair, libsodium underneath).
Result<CurveKeyPair> GenerateCurveKeyPair();

// True when `text` is 40 Z85 characters that decode to 32 bytes.
bool IsZ85Key(std::string_view text);

// Writes `<base>.key` (both halves, mode 0600, refused if it exists unless
// overwrite) and `<base>.pub` (public half only, mode 0644).
Result<bool> WriteKeyFiles(const std::string& base, const CurveKeyPair& pair, bool overwrite = false);
// Writes only the public half (mode 0644), e.g. a lost `.pub` remade from its `.key`.
Result<bool> WritePublicKeyFile(const std::string& path, const std::string& public_z85, bool overwrite = false);

// Reads a key file (either kind). A secret file readable by group or others
// is refused: whoever can read it can speak as its owner.
Result<CurveKeyPair> ReadKeyFile(const std::string& path);

// The public key from `text`: the path of a key file, or a key given inline
// as "z85:<40 Z85 characters>". A bare text is always a path, even when it is
// 40 Z85 characters (a path such as /srv/opsroom/node-keys/ME-BP-SUKOBIN.pub
// is one): a path that does not exist is an error that says how to give an
// inline key, never a key.
inline constexpr std::string_view kInlineKeyPrefix = "z85:";
Result<std::string> PublicKeyFrom(const std::string& text);
// Where PublicKeyFrom found the key, for messages: "key file PATH" or "inline key".
std::string PublicKeySource(const std::string& text);

// What a CURVE client sets on each socket before connecting: its own pair and
// the hub's public key (ZMQ_CURVE_PUBLICKEY, _SECRETKEY, _SERVERKEY).
// Empty: the link is plain text (a hub started with --insecure).
struct CurveClientKeys {
  std::string public_z85;
  std::string secret_z85;
  std::string server_z85;
  bool enabled() const { return !server_z85.empty(); }
};

// Makes `socket` a CURVE client of the hub with `keys`; call before connect, as
// libzmq requires. Nothing when keys are empty. The one set-up every client
// socket uses (the node library's links, the hub's stats tool).
void ApplyCurveClient(zmq::socket_t& socket, const CurveClientKeys& keys);

// The client's pair from its secret key file (`opsroom-keys new`) and the
// hub's public key from `hub_key` (a Z85 key or a key file such as hub.pub).
// Each failure names the file and what is wrong with it.
Result<CurveClientKeys> LoadClientKeys(const std::string& key_file, const std::string& hub_key);

// The helpers of every key file (also the audit signing key's, audit_head.h):
// the quoted value after `name =` on one line, or "".
std::string KeyFileValue(const std::string& line, std::string_view name);
// Writes `text` to `path` with `mode` (forced, also on an existing file) and
// fsyncs it; refused if the file exists unless overwrite.
Result<bool> WriteFileWithMode(const std::string& path, const std::string& text, unsigned mode, bool overwrite);

// Key files are named after the node they belong to: "keys/ME-BP.key" -> "ME-BP".
std::string NodeIdOfKeyFile(const std::string& path);

}  // namespace opsroom::wire
