// The deadline index under peerbench's shape of traffic (issue 16): every
// message a new Urgent alert with a time to acknowledge, so the index holds
// every open alert, and a share of them acknowledged (removed) as the room
// works through them. Prints CPU ns per Set and per PopDue.
//   opsroom-bench-deadlines [--alerts N] [--acknowledged PERCENT]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hub/deadlines.h"

namespace {

double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

int Usage() {
  std::fprintf(stderr, "usage: opsroom-bench-deadlines [--alerts N] [--acknowledged PERCENT]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace opsroom::hub;
  namespace wire = opsroom::wire;
  long alerts = 1'000'000, acknowledged = 20;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (i + 1 >= argc) return Usage();
    char* end = nullptr;
    long value = std::strtol(argv[++i], &end, 10);
    if (*end != '\0' || value < 0) return Usage();
    if (flag == "--alerts") {
      alerts = std::max(1L, value);
    } else if (flag == "--acknowledged") {
      acknowledged = std::min(100L, value);
    } else {
      return Usage();
    }
  }
  const int64_t t0 = 1'765'000'000'000;
  const AckDeadlines ack = kDefaultAckDeadlines;
  std::vector<std::string> ids;
  ids.reserve(static_cast<std::size_t>(alerts));
  for (long i = 0; i < alerts; ++i) ids.push_back("AL-BENCH" + std::to_string(i % 4) + ":A-" + std::to_string(i));
  std::mt19937_64 random(16);
  DeadlineIndex index(ack);
  double start = CpuSeconds();
  long sets = 0;
  for (long i = 0; i < alerts; ++i) {
    int64_t now = t0 + i / 50;  // 50,000 alerts a second
    index.Set(ids[static_cast<std::size_t>(i)], AlertClock{wire::Severity::Urgent, now, 0, wire::AlertStatus::Open});
    ++sets;
    if (static_cast<long>(random() % 100) < acknowledged && i > 1000) {
      std::size_t older = static_cast<std::size_t>(i - 1 - static_cast<long>(random() % 1000));
      index.Set(ids[older], AlertClock{wire::Severity::Urgent, now, 0, wire::AlertStatus::Acknowledged});
      ++sets;
    }
  }
  double set_seconds = CpuSeconds() - start;
  std::size_t pending = index.size();
  start = CpuSeconds();
  long popped = 0;
  while (index.PopDue(t0 + 365LL * 24 * 3600 * 1000)) ++popped;
  double pop_seconds = CpuSeconds() - start;
  std::printf("alerts=%ld acknowledged=%ld%% sets=%ld pending=%zu set_ns=%.0f popped=%ld pop_ns=%.0f\n", alerts,
              acknowledged, sets, pending, set_seconds * 1e9 / static_cast<double>(sets), popped,
              pop_seconds * 1e9 / static_cast<double>(std::max(1L, popped)));
  return 0;
}
