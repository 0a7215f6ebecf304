// Answers the read side of the protocol: ReplayRequest (pages of the log),
// SnapshotRequest (current state from one RocksDB snapshot, paged with a token
// that expires when idle) and StatsRequest. Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "hub/audience.h"
#include "hub/audit_trail.h"
#include "hub/config.h"
#include "hub/item_versions.h"
#include "hub/query_call.h"
#include "hub/reply.h"
#include "hub/stats.h"
#include "hub/store.h"

namespace opsroom::hub {

// A page never carries more than this many bytes of events (one event always
// fits: an event is at most wire::kMaxFrameBytes plus a few bytes).
inline constexpr std::size_t kMaxPageBytes = 512 * 1024;
// A filtered page (secure mode) looks at no more than this many events.
inline constexpr std::size_t kMaxScannedPerPage = 10'000;

class Query {
 public:
  // secure: need-to-know filters pages and only consoles get stats (a key registry is in use).
  Query(Store& store, Stats& stats, const HubConfig& config, AuditTrail& audit, Audience& audience, bool secure);
  ~Query();

  // One query frame; the returned reply goes to call.peer. committed_seq: the
  // last hub sequence the hub has acknowledged.
  Reply Answer(const QueryCall& call, int64_t now_ms, uint64_t committed_seq);
  void ExpireSnapshots(int64_t now_ms);
  std::size_t open_snapshots() const { return snapshots_.size(); }

 private:
  // Where a snapshot continues: the state families are read in this order so
  // that a client can apply the events as they come (operations before their
  // sitreps; every alert before its actions).
  struct Cursor {
    std::size_t phase = 0;  // index into kSnapshotPhases
    std::string next_key;
  };
  struct OpenSnapshot {
    std::unique_ptr<StoreView> view;
    uint64_t hub_seq = 0;
    bool as_of = false;  // asked as of a sequence or time (protocol.md 8.1.1)
    bool past = false;   // as_of and hub_seq is below the view's last: read the state at hub_seq
    std::unique_ptr<VersionEntries> versions;  // when past: the view's version index, read ahead
    Cursor cursor;
    int64_t last_used_ms = 0;
  };
  // Why a snapshot could not be opened.
  struct OpenRefusal {
    wire::RejectReason code = wire::RejectReason::Overloaded;
    std::string text;
  };
  struct Page {
    std::vector<std::string> events;
    std::size_t bytes = 0;
    std::string error;                // non-empty: the store failed or is inconsistent
    wire::RejectReason error_code = wire::RejectReason::StoreFailed;
    const QueryCall* call = nullptr;  // whose need-to-know filters the page
    uint64_t withheld = 0;
    std::size_t scanned = 0;
  };

  Reply Replay(const QueryCall& call, const wire::ReplayRequest& request, uint64_t committed_seq);
  Reply Snapshot(const QueryCall& call, const wire::SnapshotRequest& request, int64_t now_ms);
  Reply StatsReply(const QueryCall& call);
  std::optional<uint64_t> OpenNew(const wire::SnapshotRequest& request, int64_t now_ms, OpenRefusal* refusal);
  // The sequence a request asks the state at, resolved against the view's last.
  std::optional<OpenRefusal> ResolveAsOf(const wire::SnapshotRequest& request, OpenSnapshot& snapshot);
  void FillPage(OpenSnapshot& snapshot, std::size_t max_items, Page& page);
  bool AddEvent(const OpenSnapshot& snapshot, uint64_t hub_seq, std::size_t max_items, Page& page);
  Reply Refuse(const QueryCall& call, wire::RejectReason code, const std::string& text);
  // Secure mode: may the caller see this logged event?
  bool Visible(const QueryCall& call, std::string_view event_frame);
  // Secure mode with an identity: the page is filtered for it.
  bool IsSecure(const QueryCall& call) const;
  void AuditQuery(const QueryCall& call, const AuditFields& fields);

  Store& store_;
  Stats& stats_;
  const HubConfig& config_;
  AuditTrail& audit_;
  Audience& audience_;
  bool secure_;
  std::map<uint64_t, OpenSnapshot> snapshots_;
  uint64_t next_token_;
  int64_t last_now_ms_ = 0;
};

}  // namespace opsroom::hub
