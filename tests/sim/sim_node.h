// A simulated national node with a store-and-forward outbox, as
// nodes/client/store_forward.h behaves on the wire: every report stays in the
// outbox until acknowledged; after each Welcome the whole outbox is sent
// again from the oldest; a store refusal (StoreFailed, DiskFull) or silence
// is retried later. Its reports are alerts with a handling code drawn per alert.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tests/sim/sim_network.h"
#include "wire/entitlement.h"
#include "tests/sim/sim_rng.h"

namespace opsroom::sim {

struct Identity {
  std::string node_id;
  std::string country;
  wire::ClientRole role = wire::ClientRole::NationalNode;
  std::string key;  // its public key in the simulated registry
};

// A handling code as the nodes draw them: Public, Public+H2, Limited, Restricted to RS or EUROPOL.
wire::Marking DrawMarking(Rng& rng, const std::string& country);
// One alert envelope of `identity`, as its outbox would hold it.
wire::Bytes AlertEnvelope(const Identity& identity, uint64_t node_seq, const std::string& alert_id,
                          const wire::Marking& marking, uint32_t version, int64_t now);

class SimNode {
 public:
  explicit SimNode(Identity identity) : identity_(std::move(identity)) {}

  const Identity& identity() const { return identity_; }
  Link& link() { return link_; }

  // A new connection: say Hello.
  void OnConnect(int64_t now);
  // A new report (now and then a new version of one of its alerts).
  void MakeReport(Rng& rng, int64_t now);
  // One frame from the hub. Problems (an ack that contradicts an earlier one,
  // a Welcome that forgot what was acknowledged) are appended to `problems`.
  void OnReply(const wire::Bytes& bytes, int64_t now, std::string& problems);
  // Resends what waited too long without an answer.
  void Retry(int64_t now);

  const std::map<uint64_t, uint64_t>& acked() const { return acked_; }  // node_seq -> hub_seq
  std::size_t outbox_depth() const { return outbox_.size(); }

 private:
  struct Pending {
    wire::Bytes envelope;
    int64_t sent_at = -1;  // -1: not sent on this connection
  };
  void Send(uint64_t node_seq, Pending& pending, int64_t now);
  void SendAll(int64_t now);

  Identity identity_;
  Link link_;
  bool welcomed_ = false;
  int64_t hello_at_ = 0;
  uint64_t next_node_seq_ = 1;
  std::map<uint64_t, Pending> outbox_;
  std::map<uint64_t, uint64_t> acked_;
  std::vector<std::pair<std::string, wire::Marking>> alerts_;  // this node's alerts, for new versions
};

}  // namespace opsroom::sim
