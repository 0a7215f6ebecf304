// The simulator's content: a deterministic stream of messages from the
// simulated agencies (alerts, their updates and actions, watchlist entries
// and revisions, a joint operation going through its phases, sitreps). The
// same seed, id bases and clock readings give the same messages, byte for
// byte. No sockets: simulator.cc sends what this produces. Not thread-safe.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "nodes/client/envelope_builder.h"
#include "nodes/sim/sim_alert_life.h"
#include "nodes/sim/sim_content.h"
#include "nodes/sim/sim_places.h"
#include "nodes/sim/sim_random.h"

namespace opsroom::nodes {

struct SimMessage {
  std::size_t agency = 0;  // index into agencies()
  // origin, country, handling, evaluation; node_seq and message_id are left
  // for the sender (Publisher::NextNodeSeq), sent_at_ms is the clock reading.
  EnvelopeHeader header;
  PayloadSpec payload;
  std::string creates;  // a key others may depend on: "alert:<id>", "op:<code>"
  std::string needs;    // a key that must be acknowledged before this is sent
};

struct TrafficConfig {
  uint64_t seed = 1;
  std::vector<SimAgency> agencies = DefaultAgencies();
  // Per agency, a number that makes this run's ids unique on a hub that has
  // seen earlier runs (the simulator passes Welcome.last_node_seq).
  std::vector<uint64_t> id_bases;
  // The length of one joint operation's life in messages (Planned ... Closed).
  uint64_t operation_cycle = 3000;
};

class TrafficGenerator {
 public:
  TrafficGenerator(TrafficConfig config, const wire::PlaceCatalog& places);

  SimMessage Next(int64_t now_ms);
  const std::vector<SimAgency>& agencies() const { return config_.agencies; }
  uint64_t produced() const { return index_; }

 private:
  struct AlertRef {
    std::size_t owner;
    AlertSpec alert;
    HandlingSpec handling;
  };
  // Need-to-know: whether `agency` may see the alert (a hub with keys refuses
  // an action on an item its author may not see, as if it did not exist).
  bool MaySee(std::size_t agency, const AlertRef& ref) const;
  struct WatchRef {
    std::size_t owner;
    WatchlistEntrySpec entry;
  };
  struct OperationRef {
    std::size_t owner = 0;
    JointOperationSpec operation;
    uint64_t cycle_start = 0;
    int phase = -1;  // index of the phase last published
  };

  SimMessage Start(std::size_t agency, int64_t now_ms);
  std::size_t RandomAgency(bool national_only);
  int DuePhase() const;
  SimMessage MakeOperation(int64_t now_ms, int phase);
  SimMessage MakeAlert(int64_t now_ms);
  // A random earlier alert the room still works (picked_up: no longer Open); nullptr when none is found.
  AlertRef* PickWorkable(int64_t now_ms, bool picked_up);
  SimMessage MakeAlertUpdate(AlertRef& ref, int64_t now_ms);
  SimMessage MakeAction(const AlertRef& ref, int64_t now_ms);
  SimMessage MakePlannedAction(const AlertStep& step, int64_t now_ms);
  SimMessage MakeWatchEntry(int64_t now_ms);
  SimMessage MakeWatchRevision(int64_t now_ms);
  SimMessage MakeSitRep(int64_t now_ms);
  HandlingSpec RandomHandling(const std::string& own_country, const std::vector<std::string>& concerned);
  std::string NextId(std::size_t agency, char kind);

  TrafficConfig config_;
  AlertLife life_;  // the room's acknowledgements and closings, due by the clock
  SimPlaces places_;
  SimRandom rng_;
  uint64_t index_ = 0;
  std::vector<uint64_t> id_counters_;
  std::deque<AlertRef> alerts_;   // the most recent ones, bounded
  std::deque<WatchRef> watches_;  // the most recent live entries, bounded
  OperationRef operation_;
  uint64_t operations_started_ = 0;
};

}  // namespace opsroom::nodes
