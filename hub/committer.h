// Writes batches to the store, one at a time: either inline on the loop thread
// or on its own commit thread so that the loop receives and validates batch
// k+1 while batch k is being fsynced. The hand-off holds ONE batch (policy:
// the loop stops reading the socket while a second batch is full; nothing is
// dropped). Only the loop thread calls these methods; acks stay on the loop.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "hub/batch.h"
#include "hub/stats.h"
#include "hub/store.h"

namespace opsroom::hub {

class Committer {
 public:
  Committer(Store& store, Stats& stats, bool threaded);
  ~Committer();  // joins the commit thread after its batch is written
  Committer(const Committer&) = delete;
  Committer& operator=(const Committer&) = delete;

  struct Done {
    std::unique_ptr<Batch> batch;
    StoreStatus status = StoreStatus::Ok();
  };

  // True from Submit until the result is taken.
  bool busy() const { return in_flight_; }
  void Submit(std::unique_ptr<Batch> batch);
  // Readable (poll) when a result is ready; -1 when inline.
  int wake_fd() const { return wake_fd_; }
  // A result is waiting: cheap enough to ask between two frames, so that the
  // loop acknowledges a synced batch and starts the next commit without
  // first draining the socket (the commit thread would sit idle meanwhile).
  bool ready() const { return ready_.load(std::memory_order_acquire); }
  std::optional<Done> TryTake();
  Done WaitTake();

 private:
  Done Write(std::unique_ptr<Batch> batch);
  void ThreadMain();

  Store& store_;
  Stats& stats_;
  bool in_flight_ = false;
  int wake_fd_ = -1;
  std::atomic<bool> ready_{false};
  std::mutex mutex_;
  std::condition_variable changed_;
  std::unique_ptr<Batch> pending_;  // guarded by mutex_
  std::optional<Done> done_;        // guarded by mutex_
  bool stopping_ = false;           // guarded by mutex_
  std::thread thread_;
};

}  // namespace opsroom::hub
