// Private: the state of a Subscriber, shared by subscriber.cc (sockets, timers,
// fan-out) and subscriber_catchup.cc (Welcome, snapshot, replay, delivery).
// Owned by the one thread that calls Subscriber::Poll.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nodes/client/audit_head_watch.h"
#include "nodes/client/hub_endpoints.h"
#include "nodes/client/subscriber.h"
#include "nodes/client/subscriber_link.h"
#include "nodes/client/zmq_link.h"
#include "wire/frame_builder.h"

namespace opsroom::nodes {

// Live events kept while catching up; beyond this the newest are dropped
// (counted) and come back by replay.
inline constexpr std::size_t kMaxBufferedLiveEvents = 100'000;
inline constexpr int kReconnectDelayMs = 500;
// A HubStatus ahead of us is a gap only if the events do not arrive meanwhile.
inline constexpr int kStatusGapGraceMs = 300;
// A HubStatus behind us may be a status that left the hub before the events
// we replayed; one still behind after this long makes us say Hello again, and
// the Welcome decides whether the hub went back in time.
inline constexpr int kStatusRewindGraceMs = 300;

struct Subscriber::Impl {
  Impl(zmq::context_t& c, SubscriberConfig cfg);

  zmq::context_t& context;
  SubscriberConfig config;
  EndpointRing hubs;            // the member of this link, and the cluster's others
  std::string fanout_endpoint;  // of hubs.current()
  std::optional<zmq::socket_t> dealer;
  std::optional<zmq::socket_t> sub;
  std::optional<LinkWatch> watch;   // on the DEALER, CURVE only: a refused key is not silence
  std::string handshake_failure;         // the latest failed CURVE handshake, for the timeout's text
  const SubscriberSink* sink = nullptr;  // set during Poll

  LinkState state = LinkState::kConnecting;
  bool opened_once = false;
  bool welcomed = false;
  bool positioned = false;  // last_seq is meaningful (snapshot done, or a start point given)
  uint64_t last_seq = 0;
  // The highest hub_seq this hub has shown (Welcome, pages, HubStatus): a
  // start point the caller chose beyond it is not a rewind.
  uint64_t hub_shown_seq = 0;
  std::string rewind_detail;
  int64_t rewind_suspect_deadline_ms = 0;  // 0: no HubStatus behind last_seq
  uint64_t gaps_repaired = 0;
  SubscriberCounters counters;
  std::string last_error;
  bool as_of_refused = false;  // the hub cannot answer config.as_of: no reconnect
  AuditHeadWatch audit_heads;

  uint64_t next_request_id = 1;
  uint64_t pending_request = 0;  // 0: none outstanding
  int64_t request_deadline_ms = 0;
  int64_t hello_deadline_ms = 0;  // while kConnecting
  uint64_t snapshot_token = 0;
  uint64_t snapshot_seq = 0;
  std::vector<wire::Bytes> snapshot_events;
  std::map<uint64_t, wire::Bytes> live_buffer;  // hub_seq -> Frame{Event}
  int64_t lost_since_ms = 0;
  int64_t last_status_ms = 0;
  int64_t heartbeat_due_ms = 0;
  std::vector<uint64_t> scratch;  // aligned copies of received frames
  uint64_t status_gap_seq = 0;
  int64_t status_gap_deadline_ms = 0;

  // subscriber.cc
  void Apply(LinkEvent event);
  void Open();
  void Lose(const std::string& why);
  void Pump(int64_t deadline);
  void Tick(int64_t now);
  void HandleDealerFrame(const zmq::message_t& message);
  void HandleFanout(const zmq::message_t& topic, const zmq::message_t& body);
  void OnHubStatus(const wire::HubStatus& status);
  void OnAuditHead(wire::ByteView frame);
  void WatchForRewind(uint64_t status_seq, int64_t now);
  void OnLiveEvent(wire::ByteView frame);
  void OnRemarked(uint64_t hub_seq);
  void SendRequest(const wire::Bytes& frame, uint64_t request_id);

  // subscriber_catchup.cc
  void SendHello();
  void OnWelcome(const wire::Welcome& welcome);
  bool WentBack(uint64_t hub_seq) const;
  void OnHubRewound(uint64_t hub_seq);
  bool TakesSnapshots() const;
  bool AsOf() const { return config.as_of.seq != 0 || config.as_of.time_ms != 0; }
  void RefuseAsOf(const std::string& why);
  void ReloadForRemark(uint64_t hub_seq);
  void RequestSnapshot();
  void OnSnapshotPage(const wire::SnapshotPage& page);
  void DeliverSnapshot();
  void RequestReplay();
  void OnReplayPage(const wire::ReplayPage& page);
  void OnNack(const wire::Nack& nack);
  bool DeliverNext(wire::ByteView event_frame, uint64_t* counter);
  void DrainLiveBuffer();
  void BufferLive(uint64_t hub_seq, wire::ByteView frame);
  void StartGapRepair();
};

}  // namespace opsroom::nodes
