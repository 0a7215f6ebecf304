#include "kv/rocks.h"

namespace opsroom::kv {

Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::Ok();
  std::string text = s.ToString();
  if (s.IsNoSpace()) return {Code::kNoSpace, text};
  if (s.IsIOError()) return {Code::kIoError, text};
  if (s.IsCorruption()) return {Code::kCorruption, text};
  if (s.IsInvalidArgument()) return {Code::kInvalidArgument, text};
  if (s.IsBusy() || s.IsTryAgain()) return {Code::kBusy, text};
  return {Code::kOther, text};
}

}  // namespace opsroom::kv
