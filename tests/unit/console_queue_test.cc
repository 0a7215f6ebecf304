// The console's bounded hand-off: each overflow policy and its counter.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "console/net/bounded_queue.h"

namespace opsroom::console {
namespace {

TEST(BoundedQueue, DiscardNewDropsAndCountsTheNewItem) {
  BoundedQueue<int> queue(2, OverflowPolicy::kDiscardNew);
  EXPECT_TRUE(queue.Push(1));
  EXPECT_TRUE(queue.Push(2));
  EXPECT_FALSE(queue.Push(3));
  std::vector<int> out;
  EXPECT_EQ(queue.SwapOut(&out), 2u);
  EXPECT_EQ(out, (std::vector<int>{1, 2}));
  QueueCounters c = queue.counters();
  EXPECT_EQ(c.discarded, 1u);
  EXPECT_EQ(c.pushed, 2u);
  EXPECT_EQ(c.depth, 0u);
  EXPECT_EQ(c.high_water, 2u);
}

TEST(BoundedQueue, OverrunOldestKeepsTheNewestAndCounts) {
  BoundedQueue<int> queue(2, OverflowPolicy::kOverrunOldest);
  for (int i = 1; i <= 5; ++i) EXPECT_TRUE(queue.Push(i));
  std::vector<int> out;
  queue.SwapOut(&out);
  EXPECT_EQ(out, (std::vector<int>{4, 5}));
  EXPECT_EQ(queue.counters().overrun, 3u);
}

TEST(BoundedQueue, BlockProducerWaitsForTheConsumerAndLosesNothing) {
  BoundedQueue<int> queue(4, OverflowPolicy::kBlockProducer);
  std::atomic<int> produced{0};
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) {
      ASSERT_TRUE(queue.Push(i));
      ++produced;
    }
  });
  std::vector<int> out;
  while (out.size() < 100) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_LE(queue.counters().depth, 4u);
    queue.SwapOut(&out);
  }
  producer.join();
  for (int i = 0; i < 100; ++i) ASSERT_EQ(out[i], i);
  EXPECT_GT(queue.counters().producer_waits, 0u);
  EXPECT_EQ(queue.counters().discarded + queue.counters().overrun, 0u);
}

TEST(BoundedQueue, CloseReleasesABlockedProducer) {
  BoundedQueue<int> queue(1, OverflowPolicy::kBlockProducer);
  ASSERT_TRUE(queue.Push(1));
  std::atomic<bool> returned{false};
  bool pushed = true;
  std::thread producer([&] {
    pushed = queue.Push(2);
    returned = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(returned);
  queue.Close();
  producer.join();
  EXPECT_FALSE(pushed);
  EXPECT_STREQ(OverflowPolicyName(OverflowPolicy::kBlockProducer), "block_producer");
}

}  // namespace
}  // namespace opsroom::console
