// How a key-value store answers: ok, or a code and RocksDB's own words.
// rocksdb::Status never leaves kv/ and the stores built on it (rocks.h maps it).
#pragma once
#include <optional>
#include <string>
#include <utility>

namespace opsroom::kv {

enum class Code { kOk, kIoError, kNoSpace, kCorruption, kInvalidArgument, kBusy, kOther };

class [[nodiscard]] Status {
 public:
  static Status Ok() { return Status(Code::kOk, {}); }
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Code code_;
  std::string message_;
};

// Not found is a value (value == nullopt), not an error.
struct [[nodiscard]] Lookup {
  Status status = Status::Ok();
  std::optional<std::string> value;
};

}  // namespace opsroom::kv
