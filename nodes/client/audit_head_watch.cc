#include "nodes/client/audit_head_watch.h"

namespace opsroom::nodes {

AuditHeadWatch::Verdict AuditHeadWatch::Refuse(std::string why) {
  problem_ = std::move(why);
  last_refused_was_signed_ = true;
  return Verdict::kRefused;
}

bool AuditHeadWatch::Seed(const wire::SignedHeadFields& head) {
  std::string trusted = key_.empty() ? head.public_key : key_;
  if (std::string refused = wire::CheckHeadSignature(head, trusted); !refused.empty()) {
    problem_ = "the saved audit head for " + std::to_string(head.records) + " records is refused: " + refused;
    return false;
  }
  key_ = trusted;
  latest_ = head;
  return true;
}

AuditHeadWatch::Verdict AuditHeadWatch::Offer(const wire::SignedHeadFields& head) {
  if (latest_ && head == *latest_) return Verdict::kSame;
  std::string trusted = key_.empty() ? head.public_key : key_;
  if (std::string refused = wire::CheckHeadSignature(head, trusted); !refused.empty()) {
    Refuse("signed audit head for " + std::to_string(head.records) + " records refused: " + refused);
    last_refused_was_signed_ = false;
    return Verdict::kRefused;
  }
  if (latest_ && head.hub_id != latest_->hub_id) {
    return Refuse("a signed audit head of hub '" + head.hub_id + "', not of '" + latest_->hub_id +
                  "' whose heads came before");
  }
  if (latest_ && head.records < latest_->records) {
    return Refuse("the hub's audit history went back from " + std::to_string(latest_->records) + " to " +
                  std::to_string(head.records) + " records: rolled back (restored from a backup?) or rewritten");
  }
  if (latest_ && head.records == latest_->records && head.head_hash != latest_->head_hash) {
    return Refuse("two different signed audit histories of " + std::to_string(head.records) +
                  " records: the hub's audit trail was rewritten");
  }
  key_ = trusted;
  latest_ = head;
  return Verdict::kNew;
}

}  // namespace opsroom::nodes
