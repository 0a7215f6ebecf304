// The tests' one clock helper: NowMs on the wall clock (what the hub
// stamps on records), SteadyNowMs on the steady clock (deadlines, elapsed time).
#pragma once
#include <chrono>
#include <cstdint>

namespace opsroom::testing {

inline int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

inline int64_t SteadyNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace opsroom::testing
