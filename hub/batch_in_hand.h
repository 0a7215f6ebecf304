// The two batches of the hub's pipeline: the one being built, where every
// staged write and audit record goes, and the one in commit, whose changes
// stay visible to the frames judged next until it is finished. One owner, so
// that the frame check, the audit trail and retention add to the same batch
// without reaching into each other. Owned by the hub's loop thread.
#pragma once
#include <array>
#include <cstddef>
#include <memory>

#include "hub/batch.h"

namespace opsroom::hub {

class BatchInHand {
 public:
  BatchInHand(std::size_t max_frames, std::size_t max_bytes)
      : max_frames_(max_frames), max_bytes_(max_bytes), building_(std::make_unique<Batch>()) {}

  Batch& building() { return *building_; }
  const Batch& building() const { return *building_; }
  // The batch being built, then the one in commit (null when none): where an
  // entry that is not in the store yet is looked up, newest first.
  std::array<const Batch*, 2> InFlight() const { return {building_.get(), committing_}; }

  bool HasBatch() const { return !building_->empty(); }
  bool Full() const { return building_->message_count() >= max_frames_ || building_->writes.bytes() >= max_bytes_; }

  // Closes the batch being built for commit and starts a new one.
  std::unique_ptr<Batch> Take() {
    std::unique_ptr<Batch> batch = std::move(building_);
    building_ = spare_ ? std::move(spare_) : std::make_unique<Batch>();
    committing_ = batch.get();
    return batch;
  }
  // The batch's commit ended (either way): it is no longer in flight.
  void Finished(const Batch& batch) {
    if (committing_ == &batch) committing_ = nullptr;
  }
  // After a failed commit the batch being built stood on the failed one.
  void DropAll() {
    building_->Clear();
    committing_ = nullptr;
  }
  // Gives a finished batch back: the next Take() reuses its buffers.
  void Recycle(std::unique_ptr<Batch> batch) {
    batch->Clear();
    spare_ = std::move(batch);
  }

 private:
  std::size_t max_frames_;
  std::size_t max_bytes_;
  std::unique_ptr<Batch> building_;
  std::unique_ptr<Batch> spare_;
  const Batch* committing_ = nullptr;
};

}  // namespace opsroom::hub
