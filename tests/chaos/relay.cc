#include "chaos/relay.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "tests/support/test_clock.h"

namespace opsroom::chaos {

namespace {

constexpr std::size_t kGreetingBytes = 64;  // ZMTP 3: signature 10, version 2, mechanism 20, as-server 1, filler 31
constexpr uint8_t kFlagMore = 0x01;
constexpr uint8_t kFlagLong = 0x02;
constexpr uint8_t kFlagCommand = 0x04;
constexpr int kPollMs = 10;
constexpr std::size_t kReadChunk = 64 * 1024;

void SetNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

void ZmtpSplitter::Feed(const uint8_t* data, std::size_t size) {
  if (offset_ > 0 && offset_ == buffer_.size()) {
    buffer_.clear();
    offset_ = 0;
  }
  buffer_.insert(buffer_.end(), data, data + size);
}

bool ZmtpSplitter::Next(Unit* unit) {
  std::size_t available = buffer_.size() - offset_;
  const uint8_t* p = buffer_.data() + offset_;
  *unit = Unit{};
  if (!greeting_done_) {
    // Forwarded as it comes: libzmq sends the greeting in parts and waits for the peer's.
    if (available == 0) return false;
    std::size_t take = std::min(available, kGreetingBytes - greeting_seen_);
    unit->bytes.assign(p, p + take);
    unit->is_greeting = true;
    greeting_seen_ += take;
    greeting_done_ = greeting_seen_ == kGreetingBytes;
    offset_ += take;
    return true;
  }
  if (available < 2) return false;
  uint8_t flags = p[0];
  std::size_t header = (flags & kFlagLong) ? 9 : 2;
  if (available < header) return false;
  uint64_t size = 0;
  if (flags & kFlagLong) {
    for (int i = 1; i <= 8; ++i) size = (size << 8) | p[i];
  } else {
    size = p[1];
  }
  if (available - header < size) return false;
  unit->bytes.assign(p, p + header + size);
  unit->is_command = (flags & kFlagCommand) != 0;
  unit->more = (flags & kFlagMore) != 0;
  offset_ += header + size;
  if (offset_ > (1u << 20) && offset_ * 2 > buffer_.size()) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(offset_));
    offset_ = 0;
  }
  return true;
}

struct Relay::Connection {
  int node_fd = -1;
  int hub_fd = -1;
  bool hub_connected = false;
  std::vector<uint8_t> up;  // node -> hub, not yet written
  std::size_t up_offset = 0;
  ZmtpSplitter splitter;
  struct Pending {
    int64_t release_ms;
    std::vector<uint8_t> bytes;
  };
  std::deque<Pending> down;  // hub -> node, released in order
  std::size_t down_bytes = 0;
  std::size_t down_offset = 0;  // into down.front() once released
  int64_t last_release_ms = 0;
  bool dropping = false;  // inside a multi-frame message being dropped
  bool dead = false;

  ~Connection() {
    if (node_fd >= 0) ::close(node_fd);
    if (hub_fd >= 0) ::close(hub_fd);
  }
};

Relay::Relay(RelayConfig config) : config_(config), rng_state_(config.seed) {
  SetDropProbability(config.drop_probability);
  SetMaxDelayMs(config.max_delay_ms);
}

Relay::~Relay() {
  Stop();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  for (int fd : wake_pipe_) {
    if (fd >= 0) ::close(fd);
  }
}

bool Relay::Start(std::string* error) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 64) != 0 || ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
      ::pipe(wake_pipe_) != 0) {
    *error = std::string("relay: cannot listen on 127.0.0.1: ") + std::strerror(errno);
    return false;
  }
  port_ = ntohs(addr.sin_port);
  SetNonBlocking(listen_fd_);
  SetNonBlocking(wake_pipe_[0]);
  thread_ = std::thread([this] { Loop(); });
  return true;
}

void Relay::Stop() {
  if (!thread_.joinable()) return;
  stop_.store(true);
  char byte = 1;
  static_cast<void>(::write(wake_pipe_[1], &byte, 1));
  thread_.join();
  connections_.clear();
}

RelayCounters Relay::counters() const {
  return {c_connections_.load(), c_forwarded_.load(), c_dropped_.load(), c_delayed_.load(), c_commands_.load()};
}

void Relay::Accept() {
  for (int i = 0; i < 16; ++i) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    if (connections_.size() >= config_.max_connections) {
      ::close(fd);
      continue;
    }
    auto c = std::make_unique<Connection>();
    c->node_fd = fd;
    SetNonBlocking(fd);
    c->hub_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    SetNonBlocking(c->hub_fd);
    int one = 1;
    ::setsockopt(c->node_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ::setsockopt(c->hub_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(config_.target_port);
    int rc = ::connect(c->hub_fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    if (rc != 0 && errno != EINPROGRESS) c->dead = true;
    c->hub_connected = rc == 0;
    c_connections_.fetch_add(1);
    connections_.push_back(std::move(c));
  }
}

void Relay::Split(Connection& c, int64_t now_ms) {
  ZmtpSplitter::Unit unit;
  while (c.splitter.Next(&unit)) {
    int64_t release = std::max(now_ms, c.last_release_ms);
    if (unit.is_greeting || unit.is_command) {
      if (unit.is_command) c_commands_.fetch_add(1);
    } else {
      bool first_frame = !c.dropping;
      if (first_frame) {
        uint32_t p = drop_millionths_.load();
        c.dropping = p > 0 && SplitMix(rng_state_) % 1'000'000 < p;
        if (c.dropping) c_dropped_.fetch_add(1);
      }
      bool drop = c.dropping;
      if (!unit.more) c.dropping = false;
      if (drop) continue;
      int max_delay = max_delay_ms_.load();
      if (first_frame && max_delay > 0) {
        int64_t delay = static_cast<int64_t>(SplitMix(rng_state_) % static_cast<uint64_t>(max_delay + 1));
        if (delay > 0) c_delayed_.fetch_add(1);
        release = std::max(release, now_ms + delay);
      }
      if (!unit.more) c_forwarded_.fetch_add(1);
    }
    c.last_release_ms = release;
    c.down_bytes += unit.bytes.size();
    c.down.push_back({release, std::move(unit.bytes)});
  }
}

void Relay::Pump(Connection& c, bool node_readable, bool hub_readable, int64_t now_ms) {
  uint8_t chunk[kReadChunk];
  if (node_readable) {
    ssize_t n = ::read(c.node_fd, chunk, sizeof(chunk));
    if (n > 0) c.up.insert(c.up.end(), chunk, chunk + n);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) c.dead = true;
  }
  if (hub_readable) {
    ssize_t n = ::read(c.hub_fd, chunk, sizeof(chunk));
    if (n > 0) {
      c.splitter.Feed(chunk, static_cast<std::size_t>(n));
      Split(c, now_ms);
    }
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) c.dead = true;
  }
  if (c.hub_connected && c.up_offset < c.up.size()) {
    ssize_t n = ::write(c.hub_fd, c.up.data() + c.up_offset, c.up.size() - c.up_offset);
    if (n > 0) c.up_offset += static_cast<std::size_t>(n);
    if (n < 0 && errno != EAGAIN && errno != EINTR) c.dead = true;
    if (c.up_offset == c.up.size()) {
      c.up.clear();
      c.up_offset = 0;
    }
  }
  while (!c.down.empty() && c.down.front().release_ms <= now_ms) {
    auto& front = c.down.front();
    ssize_t n = ::write(c.node_fd, front.bytes.data() + c.down_offset, front.bytes.size() - c.down_offset);
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR) c.dead = true;
      break;
    }
    c.down_offset += static_cast<std::size_t>(n);
    if (c.down_offset < front.bytes.size()) break;
    c.down_bytes -= front.bytes.size();
    c.down_offset = 0;
    c.down.pop_front();
  }
}

void Relay::Loop() {
  std::vector<pollfd> fds;
  while (!stop_.load()) {
    int64_t now_ms = testing::SteadyNowMs();
    if (cut_all_.exchange(false)) connections_.clear();
    fds.clear();
    fds.push_back({listen_fd_, POLLIN, 0});
    fds.push_back({wake_pipe_[0], POLLIN, 0});
    int timeout = kPollMs;
    for (auto& c : connections_) {
      short node_events = c->up.size() < config_.max_buffer_bytes ? POLLIN : 0;
      bool released = !c->down.empty() && c->down.front().release_ms <= now_ms;
      if (released) node_events |= POLLOUT;
      if (!c->down.empty() && !released) {
        timeout = std::min<int>(timeout, static_cast<int>(c->down.front().release_ms - now_ms));
      }
      bool room = c->down_bytes + c->splitter.buffered() < config_.max_buffer_bytes;
      short hub_events = room ? POLLIN : 0;
      if (!c->hub_connected || c->up_offset < c->up.size()) hub_events |= POLLOUT;
      fds.push_back({c->node_fd, node_events, 0});
      fds.push_back({c->hub_fd, hub_events, 0});
    }
    ::poll(fds.data(), fds.size(), std::max(timeout, 0));
    now_ms = testing::SteadyNowMs();
    if (fds[0].revents & POLLIN) Accept();
    for (std::size_t i = 0; i < connections_.size() && 2 + 2 * i + 1 < fds.size(); ++i) {
      Connection& c = *connections_[i];
      const pollfd& node = fds[2 + 2 * i];
      const pollfd& hub = fds[2 + 2 * i + 1];
      if (!c.hub_connected && (hub.revents & (POLLOUT | POLLERR | POLLHUP))) {
        int err = 0;
        socklen_t len = sizeof(err);
        ::getsockopt(c.hub_fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) c.dead = true;
        c.hub_connected = err == 0;
      }
      if (c.dead) continue;
      bool node_in = (node.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
      bool hub_in = c.hub_connected && (hub.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
      Pump(c, node_in, hub_in, now_ms);
    }
    std::erase_if(connections_, [](const std::unique_ptr<Connection>& c) { return c->dead; });
    char drain[64];
    while (::read(wake_pipe_[0], drain, sizeof(drain)) > 0) {
    }
  }
}

}  // namespace opsroom::chaos
