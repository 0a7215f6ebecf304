// The console's frame pacing: frames keep their rhythm, and what arrives
// between two frames is applied at once instead of at the next frame.
#include <gtest/gtest.h>

#include <thread>

#include "console/net/frame_pacer.h"

namespace opsroom::console {
namespace {

using Clock = FramePacer::Clock;
using std::chrono::milliseconds;

TEST(FramePacer, WithoutVsyncFramesStartOneIntervalApart) {
  FramePacer pacer(false, milliseconds(16));
  Clock::time_point start = Clock::now();
  pacer.FramePresented(start, milliseconds(5), start + milliseconds(5));
  EXPECT_EQ(pacer.next_start(), start + milliseconds(16));
}

TEST(FramePacer, ALongFrameRestartsTheRhythmInsteadOfCatchingUp) {
  FramePacer pacer(false, milliseconds(16));
  Clock::time_point start = Clock::now();
  pacer.FramePresented(start, milliseconds(40), start + milliseconds(41));
  EXPECT_EQ(pacer.next_start(), start + milliseconds(41));
}

TEST(FramePacer, WithVsyncDrawingStartsAsLateAsTheLongestRecentDrawAllows) {
  FramePacer pacer(true, milliseconds(16));
  Clock::time_point presented = Clock::now();
  pacer.FramePresented(presented - milliseconds(10), milliseconds(5), presented);
  // refresh at presented + 16; 5 ms to draw; 2 ms margin
  EXPECT_EQ(pacer.next_start(), presented + milliseconds(9));
}

TEST(FramePacer, OneSlowFrameMovesTheStartEarlierThenFades) {
  FramePacer pacer(true, milliseconds(16));
  Clock::time_point t = Clock::now();
  pacer.FramePresented(t, milliseconds(12), t + milliseconds(16));
  EXPECT_EQ(pacer.next_start(), t + milliseconds(16 + 2));
  Clock::duration first_after = {};
  for (int frame = 1; frame <= 200; ++frame) {
    t += milliseconds(16);
    pacer.FramePresented(t, milliseconds(2), t + milliseconds(16));
    if (frame == 1) first_after = pacer.next_start() - (t + milliseconds(16));
  }
  Clock::duration settled = pacer.next_start() - (t + milliseconds(16));
  EXPECT_LT(first_after, milliseconds(4));   // still holds most of the slow draw
  EXPECT_EQ(settled, milliseconds(12));      // back to 16 - 2 (draw) - 2 (margin)
}

TEST(FramePacer, SlowerDrawsNeverStartBeforeThePresent) {
  FramePacer pacer(true, milliseconds(16));
  Clock::time_point presented = Clock::now();
  pacer.FramePresented(presented - milliseconds(30), milliseconds(30), presented);
  EXPECT_EQ(pacer.next_start(), presented);
}

// A wait that "is woken" by each of `arrivals` in turn, then sleeps out its timeout.
struct ScriptedArrivals {
  int arrivals;
  int queued = 0;
  int applied = 0;
  int waits = 0;
  int applies_with_work = 0;
  FramePacer::Wait wait() {
    return [this](Clock::duration timeout) {
      ++waits;
      if (arrivals > 0) {
        --arrivals;
        ++queued;
        return;
      }
      std::this_thread::sleep_for(std::min<Clock::duration>(timeout, milliseconds(5)));
    };
  }
  FramePacer::Apply apply() {
    return [this] {
      if (queued > 0) ++applies_with_work;
      applied += queued;
      queued = 0;
      return false;
    };
  }
};

TEST(FramePacer, WhatArrivesBetweenFramesIsAppliedWhenItArrivesAndTheFrameStillWaitsItsTurn) {
  FramePacer pacer(false, milliseconds(30));
  Clock::time_point start = Clock::now();
  pacer.FramePresented(start, milliseconds(1), start + milliseconds(1));
  ScriptedArrivals script{5};
  pacer.WaitForNextFrame(script.wait(), script.apply());
  EXPECT_GE(Clock::now(), pacer.next_start());
  EXPECT_EQ(script.applied, 5);
  EXPECT_EQ(script.applies_with_work, 5);  // one apply per arrival, none left for the frame
}

TEST(FramePacer, ABacklogIsWorkedOffWithoutSleeping) {
  FramePacer pacer(false, milliseconds(200));
  Clock::time_point start = Clock::now();
  pacer.FramePresented(start, milliseconds(1), start + milliseconds(1));
  int left = 50;
  int waits_during_backlog = 0;
  auto wait = [&](Clock::duration timeout) {
    if (left > 0) ++waits_during_backlog;
    std::this_thread::sleep_for(std::min<Clock::duration>(timeout, milliseconds(5)));
  };
  auto apply = [&] { return left > 0 && --left > 0; };
  pacer.WaitForNextFrame(wait, apply);
  EXPECT_EQ(left, 0);
  EXPECT_EQ(waits_during_backlog, 0);
}

TEST(FramePacer, AStormOfWakeUpsCannotHoldTheFrameBack) {
  FramePacer pacer(false, std::chrono::hours(1));
  Clock::time_point start = Clock::now();
  pacer.FramePresented(start, milliseconds(1), start + milliseconds(1));
  int waits = 0;
  std::size_t turns = pacer.WaitForNextFrame([&](Clock::duration) { ++waits; }, [] { return false; }, 64);
  EXPECT_EQ(turns, 64u);
  EXPECT_EQ(waits, 64);
}

}  // namespace
}  // namespace opsroom::console
