#include "wire/curve_keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <zmq.hpp>

namespace opsroom::wire {

namespace {

Rejection Fail(std::string text) { return Reject(RejectReason::InvalidValue, std::move(text)); }

}  // namespace

std::string KeyFileValue(const std::string& line, std::string_view name) {
  std::size_t at = line.find_first_not_of(" \t");
  if (at == std::string::npos || line.compare(at, name.size(), name) != 0) return "";
  std::size_t eq = line.find('=', at + name.size());
  std::size_t open = line.find('"', eq == std::string::npos ? line.size() : eq);
  std::size_t close = open == std::string::npos ? open : line.find('"', open + 1);
  if (close == std::string::npos) return "";
  return line.substr(open + 1, close - open - 1);
}

Result<bool> WriteFileWithMode(const std::string& path, const std::string& text, unsigned mode, bool overwrite) {
  int flags = O_WRONLY | O_CREAT | (overwrite ? O_TRUNC : O_EXCL);
  int fd = ::open(path.c_str(), flags, static_cast<mode_t>(mode));
  if (fd < 0) return Fail("cannot create " + path + ": " + std::strerror(errno));
  // The mode of an existing file (overwrite) is not changed by open(): force it.
  bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0 &&
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok) return Fail("cannot write " + path + ": " + std::strerror(errno));
  return true;
}

namespace {

std::string CertText(const CurveKeyPair& pair, bool with_secret) {
  std::string text = "#   opsroom CurveZMQ key (zcert format)\n";
  text += with_secret ? "#   SECRET: keep this file private (mode 0600)\n" : "#   public half; safe to share\n";
  text += "metadata\ncurve\n    public-key = \"" + pair.public_z85 + "\"\n";
  if (with_secret) text += "    secret-key = \"" + pair.secret_z85 + "\"\n";
  return text;
}

}  // namespace

Result<CurveKeyPair> GenerateCurveKeyPair() {
  std::array<char, kZ85KeyChars + 1> public_key{};
  std::array<char, kZ85KeyChars + 1> secret_key{};
  if (zmq_curve_keypair(public_key.data(), secret_key.data()) != 0) {
    return Fail(std::string("zmq_curve_keypair failed (libzmq built without CURVE?): ") + zmq_strerror(zmq_errno()));
  }
  return CurveKeyPair{public_key.data(), secret_key.data()};
}

bool IsZ85Key(std::string_view text) {
  if (text.size() != kZ85KeyChars) return false;
  std::string copy(text);
  std::array<uint8_t, 32> raw{};
  return zmq_z85_decode(raw.data(), copy.c_str()) != nullptr;
}

Result<bool> WriteKeyFiles(const std::string& base, const CurveKeyPair& pair, bool overwrite) {
  if (!IsZ85Key(pair.public_z85) || !IsZ85Key(pair.secret_z85)) return Fail("not a CurveZMQ key pair");
  auto secret = WriteFileWithMode(base + ".key", CertText(pair, true), 0600, overwrite);
  if (!secret) return secret;
  return WritePublicKeyFile(base + ".pub", pair.public_z85, overwrite);
}

Result<bool> WritePublicKeyFile(const std::string& path, const std::string& public_z85, bool overwrite) {
  if (!IsZ85Key(public_z85)) return Fail("not a CurveZMQ public key");
  return WriteFileWithMode(path, CertText({public_z85, ""}, false), 0644, overwrite);
}

Result<CurveKeyPair> ReadKeyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail("cannot read key file " + path + ": " + std::strerror(errno));
  CurveKeyPair pair;
  std::string line;
  for (int lines = 0; lines < 64 && std::getline(in, line); ++lines) {
    if (std::string v = KeyFileValue(line, "public-key"); !v.empty()) pair.public_z85 = v;
    if (std::string v = KeyFileValue(line, "secret-key"); !v.empty()) pair.secret_z85 = v;
  }
  if (!IsZ85Key(pair.public_z85)) return Fail(path + " holds no valid public-key");
  if (!pair.secret_z85.empty()) {
    if (!IsZ85Key(pair.secret_z85)) return Fail(path + " holds an invalid secret-key");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
      return Fail(path + " holds a secret key but is readable by group or others: chmod 600 " + path);
    }
  }
  return pair;
}

Result<std::string> PublicKeyFrom(const std::string& text) {
  if (text.rfind(kInlineKeyPrefix, 0) == 0) {
    std::string key = text.substr(kInlineKeyPrefix.size());
    if (!IsZ85Key(key)) return Fail("\"" + text + "\" is not z85: followed by a 40-character Z85 public key");
    return key;
  }
  struct stat st {};
  if (::stat(text.c_str(), &st) != 0 && IsZ85Key(text)) {
    return Fail("no key file " + text + " (to give a Z85 key itself, write " + std::string(kInlineKeyPrefix) + text +
                ")");
  }
  auto pair = ReadKeyFile(text);
  if (!pair) return pair.rejection();
  return pair->public_z85;
}

std::string PublicKeySource(const std::string& text) {
  return text.rfind(kInlineKeyPrefix, 0) == 0 ? "inline key" : "key file " + text;
}

Result<CurveClientKeys> LoadClientKeys(const std::string& key_file, const std::string& hub_key) {
  auto own = ReadKeyFile(key_file);
  if (!own) return own.rejection();
  if (own->secret_z85.empty()) {
    return Fail(key_file + " holds only a public key; give the secret file (NAME.key, not NAME.pub)");
  }
  auto server = PublicKeyFrom(hub_key);
  if (!server) return Fail("the hub's public key: " + server.rejection().text);
  return CurveClientKeys{own->public_z85, own->secret_z85, server.value()};
}

void ApplyCurveClient(zmq::socket_t& socket, const CurveClientKeys& keys) {
  if (!keys.enabled()) return;
  socket.set(zmq::sockopt::curve_serverkey, keys.server_z85);
  socket.set(zmq::sockopt::curve_publickey, keys.public_z85);
  socket.set(zmq::sockopt::curve_secretkey, keys.secret_z85);
}

std::string NodeIdOfKeyFile(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".key") == 0) name.resize(name.size() - 4);
  return name;
}

}  // namespace opsroom::wire
