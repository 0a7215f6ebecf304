// The tests' one way to pick TCP ports for a server that must come back on the
// same ports after a restart. Ports come from outside the kernel's ephemeral
// range (below it by default): a port there is never handed to another test's `tcp://127.0.0.1:*`
// bind or outgoing connection while the server is down, which a port picked
// by `*` is (ctest runs tests side by side; a restart then failed with
// "Address already in use"). Header-only so any test target can use it.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <utility>

namespace opsroom::testing {

// True when nothing listens on (or holds) 127.0.0.1:port right now.
inline bool LoopbackPortFree(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return free;
}

// The ports to pick from: below the kernel's ephemeral range when it leaves
// room there (Linux's default 32768-60999 does), else above it, else anywhere.
inline std::pair<int, int> PortsOutsideEphemeralRange() {
  std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
  int first = 32768;
  int last = 60999;
  if (!(range >> first >> last) || first > last) first = 32768, last = 60999;
  if (first - 2 >= 12000) return {10000, first - 2};
  if (last + 2000 <= 65534) return {last + 1, 65533};
  return {10000, 60000};
}

// An even port P with P and P + 1 free (a hub's ROUTER and its fan-out),
// outside the ephemeral range; 0 when 200 random tries found none. Another
// test may still take the same pair between this check and the bind: callers
// retry.
inline uint16_t FreePortPair() {
  auto [low, high] = PortsOutsideEphemeralRange();
  std::random_device device;
  std::uniform_int_distribution<int> pick(low, high);
  for (int attempt = 0; attempt < 200; ++attempt) {
    auto port = static_cast<uint16_t>(pick(device) & ~1);
    if (LoopbackPortFree(port) && LoopbackPortFree(static_cast<uint16_t>(port + 1))) return port;
  }
  return 0;
}

}  // namespace opsroom::testing
