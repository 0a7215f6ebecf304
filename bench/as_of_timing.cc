#include "bench/as_of_timing.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <vector>

#include "frame_generated.h"
#include "wire/frame_builder.h"

namespace opsroom::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kReplyTimeout = std::chrono::minutes(2);

std::optional<zmq::message_t> Reply(zmq::socket_t& client) {
  auto deadline = Clock::now() + kReplyTimeout;
  while (Clock::now() < deadline) {
    zmq::pollitem_t item{client.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(50));
    zmq::message_t reply;
    if ((item.revents & ZMQ_POLLIN) && client.recv(reply, zmq::recv_flags::dontwait)) return reply;
  }
  return std::nullopt;
}

struct Fetched {
  bool ok = false;
  uint64_t events = 0;
  uint64_t bytes = 0;
  uint64_t pages = 0;
  double seconds = 0;
};

Fetched StateAt(zmq::socket_t& client, uint64_t seq) {
  Fetched fetched;
  auto start = Clock::now();
  uint64_t token = 0;
  for (uint64_t page = 0; page < 1'000'000; ++page) {
    wire::SnapshotAsOf as_of = token == 0 ? wire::SnapshotAsOf{seq, 0} : wire::SnapshotAsOf{};
    client.send(zmq::buffer(wire::BuildSnapshotRequest(page + 1, token, 1000, as_of)), zmq::send_flags::none);
    auto reply = Reply(client);
    const wire::SnapshotPage* body = reply ? wire::GetFrame(reply->data())->body_as_SnapshotPage() : nullptr;
    if (body == nullptr || !body->as_of()) return fetched;
    ++fetched.pages;
    fetched.bytes += reply->size();
    fetched.events += body->events() ? body->events()->size() : 0;
    if (body->done()) break;
    token = body->token();
  }
  fetched.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  fetched.ok = true;
  return fetched;
}

Fetched ReplayUpTo(zmq::socket_t& client, uint64_t seq) {
  Fetched fetched;
  auto start = Clock::now();
  uint64_t from = 1;
  while (from <= seq && fetched.pages < 10'000'000) {
    client.send(zmq::buffer(wire::BuildReplayRequest(fetched.pages + 1, from, 1000)), zmq::send_flags::none);
    auto reply = Reply(client);
    const wire::ReplayPage* body = reply ? wire::GetFrame(reply->data())->body_as_ReplayPage() : nullptr;
    if (body == nullptr || body->next_seq() == from) return fetched;
    ++fetched.pages;
    fetched.bytes += reply->size();
    fetched.events += body->events() ? body->events()->size() : 0;
    from = body->next_seq();
  }
  fetched.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  fetched.ok = true;
  return fetched;
}

}  // namespace

void TimeStateAsOf(zmq::socket_t& client, uint64_t hub_seq, int samples) {
  std::vector<double> seconds;
  for (int i = 0; i < samples; ++i) {
    // Spread over the log, never at its very end (that is the plain snapshot).
    uint64_t seq =
        std::max<uint64_t>(1, hub_seq * static_cast<uint64_t>(2 * i + 1) / static_cast<uint64_t>(2 * samples));
    Fetched state = StateAt(client, seq);
    if (!state.ok) return static_cast<void>(std::printf("  state at %llu: not answered\n", (unsigned long long)seq));
    seconds.push_back(state.seconds);
    std::printf("  state at %9llu: %8llu events, %6.1f MB in %5llu pages, %.2f s\n", (unsigned long long)seq,
                (unsigned long long)state.events, double(state.bytes) / 1e6, (unsigned long long)state.pages,
                state.seconds);
    std::fflush(stdout);
  }
  std::sort(seconds.begin(), seconds.end());
  if (!seconds.empty()) {
    std::printf("state at N (%d points): median %.2f s, max %.2f s\n", samples, seconds[seconds.size() / 2],
                seconds.back());
  }
  Fetched now = StateAt(client, hub_seq);
  if (now.ok) {
    std::printf("for comparison, a snapshot of now (%llu): %llu events, %.1f MB, %.2f s\n", (unsigned long long)hub_seq,
                (unsigned long long)now.events, double(now.bytes) / 1e6, now.seconds);
  }
  uint64_t middle = std::max<uint64_t>(1, hub_seq / 2);
  Fetched replay = ReplayUpTo(client, middle);
  if (replay.ok) {
    std::printf("for comparison, the log from 1 to %llu by replay: %llu events, %.1f MB, %.2f s\n",
                (unsigned long long)middle, (unsigned long long)replay.events, double(replay.bytes) / 1e6,
                replay.seconds);
  }
  std::fflush(stdout);
}

}  // namespace opsroom::bench
