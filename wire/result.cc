#include "wire/result.h"

namespace opsroom::wire {

std::string ReasonLabel(RejectReason code) {
  const char* name = EnumNameRejectReason(code);
  std::string label = (name && *name) ? name : "Unknown";
  return label + " (" + std::to_string(static_cast<unsigned>(code)) + ")";
}

}  // namespace opsroom::wire
