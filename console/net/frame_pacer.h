// When the console's UI thread draws, and what it does between frames. A
// frame is drawn at most every `interval` (60 Hz); between two frames the
// thread sleeps, but wakes as soon as the network thread queues events and
// applies them to the model at once. An alert so reaches the model within a
// millisecond or two of its arrival instead of waiting for the next frame
// (issue 16: publish -> console model p99 <= 5 ms), and nothing is drawn more
// often than before. Plain C++: the window passes its own wait (GLFW's
// glfwWaitEventsTimeout, woken by glfwPostEmptyEvent), tests and benches a
// condition variable.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>

namespace opsroom::console {

class FramePacer {
 public:
  using Clock = std::chrono::steady_clock;
  // Sleeps until woken or `timeout` has passed, whichever is first.
  using Wait = std::function<void(Clock::duration timeout)>;
  // Applies what arrived; true when work is left over (its budget ran out):
  // the pacer then applies again instead of sleeping.
  using Apply = std::function<bool()>;

  // `display_paces`: presenting a frame waits for the display's refresh
  // (vsync). The pacer then starts drawing as late as it safely can, just
  // before the refresh, so the wait for events is as long as possible;
  // without vsync, frames start one interval apart.
  explicit FramePacer(bool display_paces, Clock::duration interval = std::chrono::microseconds(16'667));

  // A frame started at `started`, was drawn in `draw_time` and presented
  // (returned from the swap) at `presented`.
  void FramePresented(Clock::time_point started, Clock::duration draw_time, Clock::time_point presented);
  // When the next frame should start.
  Clock::time_point next_start() const { return next_start_; }

  // Between frames: applies what arrives until the next frame is due.
  // Returns how many times it waited or applied. Bounded by time (until
  // next_start) and by count (max_turns), so a storm of wake-ups cannot
  // starve drawing.
  std::size_t WaitForNextFrame(const Wait& wait, const Apply& apply, std::size_t max_turns = 100'000);

 private:
  bool display_paces_;
  Clock::duration interval_;
  Clock::duration draw_estimate_{};  // recent longest draw, decaying
  Clock::time_point next_start_{};
};

}  // namespace opsroom::console
