// What a client makes of the signed audit heads the hub publishes
// (docs/protocol.md 7.1): each must be signed by the hub's audit key (given,
// or pinned from the first head seen) and consistent with the heads seen
// before: never fewer records (a rollback), never another hash for the same
// number of records (two histories). Whether a longer chain extends a shorter
// one only the records can tell: `opsroom-hub audit --verify --heads` checks
// saved heads against the store. Pure; owned by one thread (the subscriber's).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "wire/audit_head.h"

namespace opsroom::nodes {

class AuditHeadWatch {
 public:
  // `trusted_key`: the audit public key (raw 32 bytes); empty: trust the key
  // of the first head seen (it came over the hub's authenticated link) and
  // hold every later head to it.
  explicit AuditHeadWatch(std::string trusted_key = "") : key_(std::move(trusted_key)) {}

  enum class Verdict { kNew, kSame, kRefused };
  // kNew: it becomes latest(). kSame: the latest again (republished). kRefused: see problem().
  // Every head must name the hub_id of the first (or the seed).
  Verdict Offer(const wire::SignedHeadFields& head);
  // Starts from a head accepted in an earlier run (the last line of a heads
  // file), so that a rollback between two runs is refused at once. False, with
  // problem(), when it is not signed by the trusted key; nothing changes then.
  bool Seed(const wire::SignedHeadFields& head);
  // Whether the last refused head carried a valid signature by the trusted key
  // (a rollback or a second history the hub signed: evidence worth keeping).
  bool last_refused_was_signed() const { return last_refused_was_signed_; }

  const std::optional<wire::SignedHeadFields>& latest() const { return latest_; }
  const std::string& problem() const { return problem_; }  // why the last refused head was refused
  const std::string& key() const { return key_; }

 private:
  Verdict Refuse(std::string why);

  std::string key_;
  std::optional<wire::SignedHeadFields> latest_;
  std::string problem_;
  bool last_refused_was_signed_ = false;
};

}  // namespace opsroom::nodes
