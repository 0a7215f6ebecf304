// A value or the reason it could not be produced; how errors travel in opsroom.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "reject_reason_generated.h"

namespace opsroom::wire {

struct Rejection {
  RejectReason code = RejectReason::None;
  std::string text;
  uint64_t node_seq = 0;  // the refused message's node_seq when it could be read, for the NACK
  // The frame's request_id once the Verifier has accepted the frame (so it can be read safely),
  // echoed in the NACK whatever check refused it afterwards; 0 for a frame the Verifier refused.
  uint64_t request_id = 0;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Rejection rejection) : v_(std::move(rejection)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Rejection& rejection() const { return std::get<1>(v_); }

 private:
  std::variant<T, Rejection> v_;
};

inline Rejection Reject(RejectReason code, std::string text) { return Rejection{code, std::move(text), 0}; }

// "DiskFull (501)": the stable name and number, for logs and CLI output.
std::string ReasonLabel(RejectReason code);

}  // namespace opsroom::wire
