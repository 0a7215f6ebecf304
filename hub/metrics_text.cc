#include "hub/metrics_text.h"

#include <cstdio>
#include <sstream>

#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

std::string Label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return out;
}

std::string Number(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

struct Series {
  const char* name;
  const char* type;  // counter or gauge
  Counter counter;
  const char* help;
};

// Every Stats counter but kRefused (the per-reason series add up to it),
// kBatchMax and kCommitMicros (the histograms say more).
constexpr Series kSeries[] = {
    {"opsroom_hub_frames_received_total", "counter", Counter::kReceived, "Frames read from the ROUTER socket."},
    {"opsroom_hub_publishes_received_total", "counter", Counter::kPublishes, "Publish frames received."},
    {"opsroom_hub_messages_stored_total", "counter", Counter::kStored, "Messages committed to the log."},
    {"opsroom_hub_duplicates_total", "counter", Counter::kDuplicates, "Resends answered with their original hub_seq."},
    {"opsroom_hub_acks_sent_total", "counter", Counter::kAcksSent, "Ack frames sent."},
    {"opsroom_hub_replies_dropped_total", "counter", Counter::kRepliesDropped,
     "Replies the ROUTER could not queue (peer gone or at its high-water mark)."},
    {"opsroom_hub_events_fanned_out_total", "counter", Counter::kFannedOut, "Events published on the PUB socket."},
    {"opsroom_hub_commits_total", "counter", Counter::kBatches, "Write batches committed."},
    {"opsroom_hub_loop_wakeups_total", "counter", Counter::kLoopWakeups, "Iterations of the hub's main loop."},
    {"opsroom_hub_store_errors_total", "counter", Counter::kStoreErrors, "Failed commits."},
    {"opsroom_hub_store_resumes_total", "counter", Counter::kStoreResumes,
     "Times the store wrote again after failing."},
    {"opsroom_hub_auth_admitted_total", "counter", Counter::kAuthAdmitted, "CURVE handshakes admitted."},
    {"opsroom_hub_auth_denied_total", "counter", Counter::kAuthDenied, "CURVE handshakes refused."},
    {"opsroom_hub_audit_records_total", "counter", Counter::kAuditRecords, "Audit records appended."},
    {"opsroom_hub_hits_total", "counter", Counter::kHits, "Watchlist hits raised."},
    {"opsroom_hub_escalations_total", "counter", Counter::kEscalations,
     "Escalations the hub logged for missed deadlines."},
    {"opsroom_hub_expiries_total", "counter", Counter::kExpiries, "Alerts the hub expired."},
    {"opsroom_hub_sessions", "gauge", Counter::kSessions, "Open sessions."},
    {"opsroom_hub_subscriptions", "gauge", Counter::kSubscriptions, "Topic subscriptions on the PUB socket."},
    {"opsroom_hub_snapshots_open", "gauge", Counter::kSnapshotsOpen, "Snapshots being paged."},
    {"opsroom_hub_sequence", "gauge", Counter::kHubSeq, "Last committed hub sequence."},
    {"opsroom_hub_insecure", "gauge", Counter::kInsecure, "1 when the hub runs --insecure."},
    {"opsroom_hub_store_failing", "gauge", Counter::kStoreFailing, "1 while the store refuses writes."},
};

void Header(std::ostream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

void WriteHistogram(std::ostream& out, const char* name, const char* help, const Histogram& histogram) {
  Header(out, name, "histogram", help);
  Histogram::Reading reading = histogram.Read();
  for (std::size_t i = 0; i < reading.bounds.size(); ++i) {
    out << name << "_bucket{le=\"" << Number(reading.bounds[i]) << "\"} " << reading.cumulative[i] << '\n';
  }
  out << name << "_bucket{le=\"+Inf\"} " << reading.count << '\n';
  out << name << "_sum " << Number(reading.sum) << '\n' << name << "_count " << reading.count << '\n';
}

template <typename Value>
void WriteNodeSeries(std::ostream& out, const wire::HubStatusFields& status, const char* name, const char* help,
                     Value value) {
  Header(out, name, "gauge", help);
  for (const auto& node : status.nodes) {
    out << name << "{node=\"" << Label(node.node_id) << "\",country=\"" << Label(node.country) << "\"} " << value(node)
        << '\n';
  }
}

}  // namespace

std::string PrometheusText(const Stats& stats, const wire::HubStatusFields& status, int64_t store_bytes) {
  std::ostringstream out;
  Header(out, "opsroom_hub_info", "gauge", "The hub's id and protocol version (value always 1).");
  out << "opsroom_hub_info{hub_id=\"" << Label(status.hub_id) << "\",protocol=\"" << wire::kProtocolVersion
      << "\"} 1\n";
  for (const Series& series : kSeries) {
    Header(out, series.name, series.type, series.help);
    out << series.name << ' ' << stats.Get(series.counter) << '\n';
  }
  Header(out, "opsroom_hub_refusals_total", "counter", "Messages refused (NACK), by reason.");
  for (int code = 1; code <= static_cast<int>(wire::RejectReason::MAX); ++code) {
    const auto reason = static_cast<wire::RejectReason>(code);
    const char* name = wire::EnumNameRejectReason(reason);
    if (name == nullptr || *name == '\0') continue;  // a gap in the enum's numbering
    out << "opsroom_hub_refusals_total{reason=\"" << name << "\",code=\"" << code << "\"} " << stats.RefusedFor(reason)
        << '\n';
  }
  WriteHistogram(out, "opsroom_hub_commit_duration_seconds",
                 "Time to commit one batch to the store, its WAL write and fsync included.", stats.commit_seconds());
  WriteHistogram(out, "opsroom_hub_commit_batch_messages", "Messages per committed batch.", stats.batch_messages());
  Header(out, "opsroom_hub_store_size_bytes", "gauge", "Bytes of the data directory on disk.");
  out << "opsroom_hub_store_size_bytes " << store_bytes << '\n';
  WriteNodeSeries(out, status, "opsroom_node_connected", "1 while the node has a session.",
                  [](const auto& node) { return node.connected ? 1 : 0; });
  WriteNodeSeries(out, status, "opsroom_node_outbox_depth", "Reports waiting in the node's outbox (its heartbeat).",
                  [](const auto& node) { return std::to_string(node.outbox_depth); });
  WriteNodeSeries(out, status, "opsroom_node_oldest_unsent_age_seconds", "Age of the oldest unsent report.",
                  [](const auto& node) { return Number(static_cast<double>(node.oldest_unsent_age_ms) / 1000); });
  WriteNodeSeries(out, status, "opsroom_node_last_heartbeat_timestamp_seconds",
                  "When the node's last heartbeat arrived (Unix time; 0: never).",
                  [](const auto& node) { return Number(static_cast<double>(node.last_heartbeat_ms) / 1000); });
  WriteNodeSeries(out, status, "opsroom_node_messages_last_minute", "Messages stored from the node in the last minute.",
                  [](const auto& node) { return std::to_string(node.messages_last_minute); });
  WriteNodeSeries(out, status, "opsroom_node_last_sequence", "The node's highest node_seq the hub stored.",
                  [](const auto& node) { return std::to_string(node.last_node_seq); });
  return out.str();
}

}  // namespace opsroom::hub
