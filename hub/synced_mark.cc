#include "hub/synced_mark.h"

#include <fcntl.h>
#include <unistd.h>

namespace opsroom::hub {

namespace {

// Big-endian, 8 bytes: one aligned sector, so a power cut cannot tear it.
constexpr std::size_t kMarkBytes = 8;

}  // namespace

SyncedMark::SyncedMark(const std::string& data_dir) : path_(data_dir + "/" + kFileName) {}

SyncedMark::~SyncedMark() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<uint64_t> SyncedMark::Read() const {
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  unsigned char bytes[kMarkBytes];
  bool whole = ::pread(fd, bytes, kMarkBytes, 0) == static_cast<ssize_t>(kMarkBytes);
  ::close(fd);
  if (!whole) return std::nullopt;  // created but never written: a store that never committed
  uint64_t value = 0;
  for (unsigned char byte : bytes) value = (value << 8) | byte;
  return value;
}

bool SyncedMark::OpenForWriting() {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  return fd_ >= 0;
}

void SyncedMark::Record(uint64_t sequence) {
  if (fd_ < 0) return;
  unsigned char bytes[kMarkBytes];
  for (std::size_t i = kMarkBytes; i-- > 0; sequence >>= 8) bytes[i] = static_cast<unsigned char>(sequence & 0xFF);
  static_cast<void>(::pwrite(fd_, bytes, kMarkBytes, 0));
}

}  // namespace opsroom::hub
