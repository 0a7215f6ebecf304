// A Publish frame of one Alert envelope of a chosen size, built once and then
// re-stamped in place for each message (node_seq, alert id, message id), so
// that the bench measures the hub, not envelope building.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "wire/frame_builder.h"

namespace opsroom::bench {

class PatchableFrame {
 public:
  PatchableFrame() = default;
  PatchableFrame(wire::Bytes frame, std::size_t seq_offset, std::size_t alert_digits, std::size_t message_digits)
      : frame_(std::move(frame)),
        seq_offset_(seq_offset),
        alert_digits_(alert_digits),
        message_digits_(message_digits) {}

  // Stamps node_seq and the matching ids ("<node>:A<seq>", "<node>:<seq>").
  void Patch(uint64_t node_seq);
  const wire::Bytes& bytes() const { return frame_; }

 private:
  wire::Bytes frame_;
  std::size_t seq_offset_ = 0;
  std::size_t alert_digits_ = 0;
  std::size_t message_digits_ = 0;
};

// envelope_bytes: the size of the nested Envelope (the message), e.g. 512.
PatchableFrame MakeAlertFrame(const std::string& node_id, const std::string& country, std::size_t envelope_bytes);

}  // namespace opsroom::bench
