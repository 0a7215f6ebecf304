#include "hub/query.h"

#include <array>
#include <random>

#include "hub/item_versions.h"
#include "hub/key_layout.h"
#include "hub/remark.h"
#include "hub/retention.h"
#include "wire/frame_builder.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

using wire::RejectReason;

constexpr const auto& kSnapshotPhases = kStateFamilies;

std::size_t PageLimit(uint32_t asked) {
  return asked == 0 || asked > wire::kMaxPageItems ? wire::kMaxPageItems : asked;
}

std::vector<wire::ByteView> Views(const std::vector<std::string>& events) {
  std::vector<wire::ByteView> views;
  views.reserve(events.size());
  for (const auto& event : events) views.emplace_back(reinterpret_cast<const uint8_t*>(event.data()), event.size());
  return views;
}

}  // namespace

Query::Query(Store& store, Stats& stats, const HubConfig& config, AuditTrail& audit, Audience& audience, bool secure)
    : store_(store),
      stats_(stats),
      config_(config),
      audit_(audit),
      audience_(audience),
      secure_(secure),
      next_token_(std::random_device{}() | 1ULL << 32) {}

Query::~Query() = default;

Reply Query::Answer(const QueryCall& call, int64_t now_ms, uint64_t committed_seq) {
  last_now_ms_ = now_ms;
  switch (call.frame->body_type()) {
    case wire::Body::ReplayRequest: return Replay(call, *call.frame->body_as_ReplayRequest(), committed_seq);
    case wire::Body::SnapshotRequest: return Snapshot(call, *call.frame->body_as_SnapshotRequest(), now_ms);
    case wire::Body::StatsRequest: return StatsReply(call);
    default: return Refuse(call, RejectReason::UnexpectedBody, "not a query");
  }
}

Reply Query::Replay(const QueryCall& call, const wire::ReplayRequest& request, uint64_t committed_seq) {
  std::size_t limit = PageLimit(request.max_events());
  Page page;
  uint64_t next_seq = request.from_seq();
  std::size_t scanned = 0;
  uint64_t withheld = 0;
  uint64_t removed = 0;
  // Below the floor an absent sequence was removed by retention: skipped like
  // a withheld one. At or above it an absent sequence ends the page.
  uint64_t floor = 0;
  if (StoreStatus s = ReadRetentionFloor(store_, &floor); !s.ok()) {
    return Refuse(call, RejectReason::StoreFailed, "replay failed: " + s.message());
  }
  auto skip_removed = [&](uint64_t present) {
    if (next_seq >= floor || present <= next_seq) return;
    uint64_t to = std::min(present, floor);
    removed += to - next_seq;
    next_seq = to;
  };
  bool stopped = false;            // false: the scan ran to the end of the log
  std::vector<uint64_t> remarked;  // re-markings in the range that concern the caller (section 10.3)
  std::string remark_error;
  StoreStatus status = store_.Scan(Family::kLog, LogKey(next_seq), [&](std::string_view key, std::string_view value) {
    if (page.events.size() >= limit) return !(stopped = true);
    skip_removed(ParseBe64(key).value_or(0));
    if (ParseBe64(key) != next_seq) return !(stopped = true);
    if (!page.events.empty() && page.bytes + value.size() > kMaxPageBytes) return !(stopped = true);
    // A filtered page covers [from_seq, next_seq): events the caller may not
    // see are left out, and the scan of one page is bounded.
    if (++scanned > kMaxScannedPerPage) return !(stopped = true);
    if (IsSecure(call)) {
      wire::Viewer viewer{call.session->country, call.session->role};
      remark_error = RemarksFor(store_, viewer, next_seq, value, remarked);
      if (!remark_error.empty()) return !(stopped = true);
    }
    if (!Visible(call, value)) {
      ++withheld;
      ++next_seq;
      return true;
    }
    page.events.emplace_back(value);
    page.bytes += value.size();
    ++next_seq;
    return true;
  });
  if (!status.ok()) return Refuse(call, RejectReason::StoreFailed, "replay failed: " + status.message());
  if (!remark_error.empty()) return Refuse(call, RejectReason::StoreFailed, "replay failed: " + remark_error);
  if (!stopped) skip_removed(floor);  // the log's last events were removed
  // The store may already hold a batch whose acks are about to go out.
  uint64_t hub_seq = next_seq == request.from_seq() ? committed_seq : std::max(committed_seq, next_seq - 1);
  AuditQuery(call, AuditFields()
                       .Add("query", std::string_view("replay"))
                       .Add("from_seq", request.from_seq())
                       .Add("next_seq", next_seq)
                       .Add("returned", static_cast<uint64_t>(page.events.size()))
                       .Add("withheld", withheld)
                       .Add("removed", removed));
  return {std::string(call.peer),
          wire::BuildReplayPage(call.frame->request_id(), Views(page.events), next_seq, hub_seq, remarked)};
}

Reply Query::Snapshot(const QueryCall& call, const wire::SnapshotRequest& request, int64_t now_ms) {
  uint64_t token = request.token();
  if (token == 0) {
    OpenRefusal refusal;
    auto opened = OpenNew(request, now_ms, &refusal);
    if (!opened) return Refuse(call, refusal.code, refusal.text);
    token = *opened;
  }
  auto it = snapshots_.find(token);
  if (it == snapshots_.end()) {
    return Refuse(call, RejectReason::SnapshotExpired, "snapshot token unknown or expired; start again with token 0");
  }
  OpenSnapshot& snapshot = it->second;
  snapshot.last_used_ms = now_ms;
  Page page;
  page.call = &call;
  FillPage(snapshot, PageLimit(request.max_items()), page);
  if (!page.error.empty()) {
    snapshots_.erase(it);
    stats_.Set(Counter::kSnapshotsOpen, static_cast<int64_t>(snapshots_.size()));
    return Refuse(call, page.error_code, "snapshot failed: " + page.error);
  }
  bool done = snapshot.cursor.phase >= kSnapshotPhases.size();
  AuditFields fields;
  fields.Add("query", std::string_view("snapshot"))
      .Add("snapshot_seq", snapshot.hub_seq)
      .Add("returned", static_cast<uint64_t>(page.events.size()))
      .Add("withheld", page.withheld)
      .Add("done", done);
  if (snapshot.as_of) fields.Add("as_of", true);  // the state at snapshot_seq, asked after it
  AuditQuery(call, fields);
  Reply reply{std::string(call.peer), wire::BuildSnapshotPage(call.frame->request_id(), token, snapshot.hub_seq,
                                                              Views(page.events), done, snapshot.as_of)};
  if (done) snapshots_.erase(it);
  stats_.Set(Counter::kSnapshotsOpen, static_cast<int64_t>(snapshots_.size()));
  return reply;
}

std::optional<uint64_t> Query::OpenNew(const wire::SnapshotRequest& request, int64_t now_ms, OpenRefusal* refusal) {
  if (snapshots_.size() >= config_.max_open_snapshots) {
    *refusal = {RejectReason::Overloaded, "too many open snapshots; retry later"};
    return std::nullopt;
  }
  OpenSnapshot snapshot;
  snapshot.view = store_.OpenView();
  Lookup last = snapshot.view->LastKey(Family::kLog);
  if (!last.status.ok()) {
    *refusal = {RejectReason::StoreFailed, "snapshot failed: " + last.status.message()};
    return std::nullopt;
  }
  snapshot.hub_seq = last.value ? ParseBe64(*last.value).value_or(0) : 0;
  if (std::optional<OpenRefusal> refused = ResolveAsOf(request, snapshot)) return *refusal = *refused, std::nullopt;
  snapshot.last_used_ms = now_ms;
  uint64_t token = next_token_++;
  snapshots_.emplace(token, std::move(snapshot));
  return token;
}

std::optional<Query::OpenRefusal> Query::ResolveAsOf(const wire::SnapshotRequest& request, OpenSnapshot& snapshot) {
  snapshot.as_of = request.as_of_seq() != 0 || request.as_of_time_ms() != 0;
  if (!snapshot.as_of) return std::nullopt;
  uint64_t wanted = request.as_of_seq();
  if (request.as_of_time_ms() != 0) {
    if (StoreStatus s = SequenceAtTime(*snapshot.view, request.as_of_time_ms(), &wanted); !s.ok()) {
      return OpenRefusal{RejectReason::StoreFailed, "snapshot failed: " + s.message()};
    }
  }
  if (wanted >= snapshot.hub_seq) return std::nullopt;  // now (or beyond): the current state
  uint64_t from = 0;
  if (StoreStatus s = ReadVersionsFrom(*snapshot.view, &from); !s.ok()) {
    return OpenRefusal{RejectReason::StoreFailed, "snapshot failed: " + s.message()};
  }
  if (wanted != 0 && wanted < from) {
    return OpenRefusal{RejectReason::InvalidValue,
                       "this hub keeps the state of past moments from hub sequence " + std::to_string(from) +
                           " (meta ver.from) on, not at " + std::to_string(wanted) + ": replay from 1 instead"};
  }
  snapshot.hub_seq = wanted;
  snapshot.past = true;
  snapshot.versions = std::make_unique<VersionEntries>(*snapshot.view);
  if (wanted == 0) snapshot.cursor.phase = kSnapshotPhases.size();  // before the first event: nothing
  return std::nullopt;
}

void Query::FillPage(OpenSnapshot& snapshot, std::size_t max_items, Page& page) {
  while (snapshot.cursor.phase < kSnapshotPhases.size()) {
    Family family = kSnapshotPhases[snapshot.cursor.phase];
    bool full = false;
    StoreStatus status =
        snapshot.view->Scan(family, snapshot.cursor.next_key, [&](std::string_view key, std::string_view value) {
          std::optional<uint64_t> seq =
              snapshot.past ? StateEventAt(*snapshot.versions, family, key, value, snapshot.hub_seq, &page.error)
                            : StateEventFor(family, key, value, &page.error);
          if (!page.error.empty()) return false;
          if (seq && !AddEvent(snapshot, *seq, max_items, page)) return !(full = true);
          // The smallest key after `key`: where the next page resumes.
          snapshot.cursor.next_key.assign(key).push_back('\0');
          if (++page.scanned >= kMaxScannedPerPage) return !(full = true);
          return true;
        });
    if (!status.ok()) page.error = status.message();
    if (full || !page.error.empty()) return;
    ++snapshot.cursor.phase;
    snapshot.cursor.next_key.clear();
  }
}

bool Query::AddEvent(const OpenSnapshot& snapshot, uint64_t hub_seq, std::size_t max_items, Page& page) {
  if (page.events.size() >= max_items) return false;
  Lookup event = snapshot.view->Get(Family::kLog, LogKey(hub_seq));
  if (event.status.ok() && !event.value && snapshot.past) {
    // A superseded version that retention removed (protocol.md 8.1.1).
    page.error_code = RejectReason::InvalidValue;
    page.error = "the state at " + std::to_string(snapshot.hub_seq) + " needs event " + std::to_string(hub_seq) +
                 ", removed by retention (--retain-days): ask for a moment inside the retention period";
    return false;
  }
  if (!event.status.ok() || !event.value) {
    page.error =
        event.status.ok() ? "state refers to missing event " + std::to_string(hub_seq) : event.status.message();
    return false;
  }
  if (!page.events.empty() && page.bytes + event.value->size() > kMaxPageBytes) return false;
  if (!Visible(*page.call, *event.value)) {
    ++page.withheld;
    return true;
  }
  page.bytes += event.value->size();
  page.events.push_back(std::move(*event.value));
  return true;
}

Reply Query::StatsReply(const QueryCall& call) {
  // The counters are the room's traffic: for its consoles (docs/protocol.md section 10.2).
  if (secure_ && (call.session == nullptr || call.session->role != wire::ClientRole::Console)) {
    std::string text = "stats are for the room's consoles (docs/protocol.md section 10.2)";
    audit_.Record(last_now_ms_, "denial", call.session ? std::string_view(call.session->node_id) : "?",
                  AuditFields().Add("reason", std::string_view("Forbidden")).Add("query", std::string_view("stats")));
    return Refuse(call, RejectReason::Forbidden, text);
  }
  AuditQuery(call, AuditFields().Add("query", std::string_view("stats")));
  return {std::string(call.peer), wire::BuildStats(call.frame->request_id(), stats_.Snapshot())};
}

bool Query::IsSecure(const QueryCall& call) const { return secure_ && call.session != nullptr; }

bool Query::Visible(const QueryCall& call, std::string_view event_frame) {
  if (!secure_) return true;
  if (call.session == nullptr) return false;
  // The log holds Frame{Event} bytes the hub itself verified and wrote.
  const wire::Event* event = wire::GetFrame(event_frame.data())->body_as_Event();
  if (event == nullptr || event->envelope() == nullptr) return false;
  const auto* envelope = flatbuffers::GetRoot<wire::Envelope>(event->envelope()->data());
  // Replay and snapshot judge every version by its item's latest marking (section 10.3).
  return audience_.EntitledByLatestMarking(wire::Viewer{call.session->country, call.session->role}, *envelope,
                                           event->hub_seq());
}

void Query::AuditQuery(const QueryCall& call, const AuditFields& fields) {
  audit_.Record(last_now_ms_, "query", call.session ? std::string_view(call.session->node_id) : "?", fields);
}

void Query::ExpireSnapshots(int64_t now_ms) {
  std::erase_if(snapshots_, [&](const auto& entry) {
    return now_ms - entry.second.last_used_ms > static_cast<int64_t>(config_.snapshot_ttl_ms);
  });
  stats_.Set(Counter::kSnapshotsOpen, static_cast<int64_t>(snapshots_.size()));
}

Reply Query::Refuse(const QueryCall& call, RejectReason code, const std::string& text) {
  stats_.Refused(code);
  return {std::string(call.peer), wire::BuildNack(call.frame->request_id(), 0, code, text)};
}

}  // namespace opsroom::hub
