// The outcome of an operation that produces no value: ok, or why not in words
// for a log line or a command's stderr. wire::Result<T> (result.h) is its
// counterpart for a value or a protocol Rejection with a stable code; store
// errors keep their own code (kv::Status, named hub::StoreStatus in the hub)
// until they reach a caller.
#pragma once
#include <string>
#include <utility>

namespace opsroom::wire {

struct [[nodiscard]] Status {
  bool ok = true;
  std::string error;  // empty when ok

  static Status Failed(std::string why) { return {false, std::move(why)}; }
};

}  // namespace opsroom::wire
