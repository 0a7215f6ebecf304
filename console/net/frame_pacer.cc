#include "console/net/frame_pacer.h"

#include <algorithm>

namespace opsroom::console {

namespace {
// Room left before the refresh for a draw that runs longer than the recent
// longest: a missed refresh halves that frame's rate.
constexpr auto kRefreshMargin = std::chrono::milliseconds(2);
}  // namespace

FramePacer::FramePacer(bool display_paces, Clock::duration interval)
    : display_paces_(display_paces), interval_(interval) {}

void FramePacer::FramePresented(Clock::time_point started, Clock::duration draw_time, Clock::time_point presented) {
  // Peak-hold with decay: one slow frame (a window opened, a long list)
  // moves the start earlier at once and then fades over about a second.
  draw_estimate_ = std::max(draw_time, draw_estimate_ - draw_estimate_ / 32);
  if (display_paces_) {
    // The swap returned at a refresh; the next one is an interval later.
    next_start_ = std::max(presented + interval_ - draw_estimate_ - kRefreshMargin, presented);
  } else {
    // A frame that ran long restarts the rhythm from now rather than
    // drawing a burst of catch-up frames.
    next_start_ = std::max(started + interval_, presented);
  }
}

std::size_t FramePacer::WaitForNextFrame(const Wait& wait, const Apply& apply, std::size_t max_turns) {
  bool backlog = apply();
  std::size_t turns = 0;
  for (; turns < max_turns; ++turns) {
    Clock::time_point now = Clock::now();
    if (now >= next_start_) break;
    if (!backlog) wait(next_start_ - now);
    backlog = apply();
  }
  return turns;
}

}  // namespace opsroom::console
