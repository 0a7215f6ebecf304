#include "hub/committer.h"

#include <pthread.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>

namespace opsroom::hub {

Committer::Committer(Store& store, Stats& stats, bool threaded) : store_(store), stats_(stats) {
  if (!threaded) return;
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "hub-commit");
    ThreadMain();
  });
}

Committer::~Committer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (wake_fd_ >= 0) close(wake_fd_);
}

Committer::Done Committer::Write(std::unique_ptr<Batch> batch) {
  auto start = std::chrono::steady_clock::now();
  StoreStatus status = batch->writes.empty() ? StoreStatus::Ok() : store_.Commit(batch->writes);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  stats_.Add(Counter::kCommitMicros, micros.count());
  stats_.Add(Counter::kBatches);
  stats_.Max(Counter::kBatchMax, static_cast<int64_t>(batch->message_count()));
  stats_.ObserveCommit(static_cast<double>(micros.count()) / 1e6, batch->message_count());
  return Done{std::move(batch), std::move(status)};
}

void Committer::Submit(std::unique_ptr<Batch> batch) {
  in_flight_ = true;
  if (!thread_.joinable()) {
    done_ = Write(std::move(batch));
    return;
  }
  {
    std::lock_guard lock(mutex_);
    pending_ = std::move(batch);
  }
  changed_.notify_all();
}

std::optional<Committer::Done> Committer::TryTake() {
  std::optional<Done> done;
  {
    std::lock_guard lock(mutex_);
    done.swap(done_);
    ready_.store(false, std::memory_order_release);
  }
  if (!done) return std::nullopt;
  if (wake_fd_ >= 0) {
    uint64_t count = 0;
    static_cast<void>(read(wake_fd_, &count, sizeof count));
  }
  in_flight_ = false;
  return done;
}

Committer::Done Committer::WaitTake() {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_.has_value(); });
  }
  return std::move(*TryTake());
}

void Committer::ThreadMain() {
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return pending_ != nullptr || stopping_; });
      if (!pending_) return;
      batch = std::move(pending_);
    }
    Done done = Write(std::move(batch));
    {
      std::lock_guard lock(mutex_);
      done_ = std::move(done);
      ready_.store(true, std::memory_order_release);
    }
    changed_.notify_all();
    uint64_t one = 1;
    static_cast<void>(write(wake_fd_, &one, sizeof one));
  }
}

}  // namespace opsroom::hub
