#include "hub/tools/hub_settings.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>

#include "hub/cluster/members_file.h"
#include "hub/deadlines.h"
#include "hub/metrics_server.h"

namespace opsroom::hub {

namespace {

constexpr const char* kDefaultMetricsBind = "127.0.0.1:9464";
constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

std::optional<int64_t> WholeNumber(const std::string& text, int64_t min, int64_t max) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

std::string RangeError(int64_t min, int64_t max, const std::string& value) {
  return "takes a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
         ", not \"" + value + "\"";
}

// A setting that stores a whole number in [min, max] into a field of HubConfig.
template <auto kField, int64_t kMin, int64_t kMax>
std::string SetNumber(Command& command, const std::string& value) {
  auto number = WholeNumber(value, kMin, kMax);
  if (!number) return RangeError(kMin, kMax, value);
  using Field = std::remove_reference_t<decltype(command.config.*kField)>;
  command.config.*kField = static_cast<Field>(*number);
  return "";
}

template <auto kField>
std::string SetText(Command& command, const std::string& value) {
  command.config.*kField = value;
  return "";
}

template <auto kField>
std::string SetSwitch(Command& command, const std::string& value) {
  command.config.*kField = value == "true";
  return "";
}

// A duration like 30s, 10m or 12h that must not be zero, into a field in ms.
template <auto kField, int64_t kMaxMs>
std::string SetDuration(Command& command, const std::string& value) {
  std::optional<int64_t> ms = ParseDuration(value);
  if (!ms || *ms <= 0 || *ms > kMaxMs) return "takes a duration like 30s, 10m, 12h or 2d, not \"" + value + "\"";
  using Field = std::remove_reference_t<decltype(command.config.*kField)>;
  command.config.*kField = static_cast<Field>(*ms);
  return "";
}

std::string SetSync(Command& command, const std::string& value) {
  if (value != "full" && value != "none") return "--sync must be full or none, not \"" + value + "\"";
  command.config.sync = value == "full";
  return "";
}

std::string SetMetrics(Command& command, const std::string& value) {
  command.config.metrics_bind = value == "off" ? "" : value;
  return "";
}

std::string SetLogLevel(Command& command, const std::string& value) {
  static const std::vector<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  if (std::find(kLevels.begin(), kLevels.end(), value) == kLevels.end()) {
    return "--log-level must be trace, debug, info, warn, error, critical or off, not \"" + value + "\"";
  }
  command.log_level = value;
  return "";
}

std::string SetRetainDays(Command& command, const std::string& value) {
  auto days = WholeNumber(value, 1, 99999);
  if (!days) return "--retain-days takes a whole number of days from 1 to 99999, not \"" + value + "\" (default: keep forever)";
  command.config.retain_ms = *days * kDayMs;
  return "";
}

std::string SetHitWindowDays(Command& command, const std::string& value) {
  auto days = WholeNumber(value, 0, 9999);
  if (!days) return "--hit-window-days takes a whole number of days from 0 to 9999, not \"" + value + "\" (default 7)";
  command.config.hit_window_ms = *days * kDayMs;
  return "";
}

std::string SetAckDeadlines(Command& command, const std::string& value) {
  return ParseAckDeadlines(value, command.config.ack_deadline_ms);
}

std::string SetAnswerDeadline(Command& command, const std::string& value) {
  std::optional<int64_t> ms = ParseDuration(value);
  if (!ms || *ms == 0) return "--answer-deadline takes a duration like 12h, 90m or 2d, not \"" + value + "\" (default 12h)";
  command.config.hit_answer_ms = *ms;
  return "";
}

std::string SetPlaces(Command& command, const std::string& value) {
  command.places_file = value;
  return "";
}

std::string SetParticipants(Command& command, const std::string& value) {
  command.participants_file = value;
  return "";
}

std::string SetMemberId(Command& command, const std::string& value) {
  auto id = WholeNumber(value, 1, INT64_MAX);
  if (!id) return "--member-id takes this hub's id in the members file, a whole number above 0, not \"" + value + "\"";
  command.config.cluster.member_id = static_cast<uint64_t>(*id);
  return "";
}

std::string SetMembers(Command& command, const std::string& value) {
  std::string error;
  command.config.cluster.members = ReadMembersFile(value, &error);
  return error;
}

std::string SetRaftDir(Command& command, const std::string& value) {
  command.config.cluster.raft_dir = value;
  return "";
}

constexpr int64_t kMaxHwm = 10'000'000;
constexpr int64_t kHourMs = 60LL * 60 * 1000;

}  // namespace

const std::vector<Setting>& HubSettings() {
  using T = SettingType;
  using C = HubConfig;
  static const std::vector<Setting> kSettings = {
      {"data_dir", "--data", T::kText, "DIR", "the store's directory (default ./var/hub; the service: /var/lib/opsroom/hub)",
       SetText<&C::data_dir>},
      {"hub_id", "--hub-id", T::kText, "ID", "the hub's name in its events and status (default opsroom-hub)",
       SetText<&C::hub_id>},
      {"sync", "--sync", T::kText, "full|none",
       "full (default): acknowledge after fsync; none: before data reaches the disk (survives a crash, not a power loss)",
       SetSync},
      {"log_level", "--log-level", T::kText, "LEVEL", "trace, debug, info (default), warn, error, critical or off",
       SetLogLevel},
      {"net.bind", "--bind", T::kText, "ENDPOINT",
       "ROUTER (ingest, queries) endpoint; PUB (fan-out) on its port + 1 (default tcp://127.0.0.1:7700)",
       SetText<&C::bind>},
      {"net.metrics", "--metrics", T::kText, "HOST:PORT|off",
       "Prometheus GET /metrics (default 127.0.0.1:9464); scraping writes no audit record", SetMetrics},
      {"security.keys_dir", "--keys", T::kText, "DIR",
       "hub.key and registry (default DATA/keys; made on first start, never replaced)", SetText<&C::keys_dir>},
      {"security.registry", "--registry", T::kText, "FILE", "the key registry (default KEYS/registry)",
       SetText<&C::registry_path>},
      {"security.audit_keys_dir", "--audit-keys", T::kText, "DIR",
       "audit.key, which signs the audit trail's heads (default: --keys DIR when given, else DATA-audit)",
       SetText<&C::audit_keys_dir>},
      {"security.insecure", "--insecure", T::kSwitch, "", "plain text without authentication: loopback binds only, demos",
       SetSwitch<&C::insecure>},
      {"security.allow_shared_data_dir", "--allow-shared-data-dir", T::kSwitch, "",
       "start on a data directory that group or others may open, with a warning", SetSwitch<&C::allow_shared_data_dir>},
      {"security.allow_audit_key_in_data_dir", "--allow-audit-key-in-data-dir", T::kSwitch, "",
       "allow an audit key directory inside DATA (whoever copies DATA would hold it)",
       SetSwitch<&C::allow_audit_key_in_data_dir>},
      // Once, after a restore: never in a file, where it would stay on for good.
      {nullptr, "--accept-audit-history", T::kSwitch, "",
       "start although the store's audit chain no longer extends the last signed head (once, after a restore)",
       SetSwitch<&C::accept_audit_history>},
      {"sessions.max_sessions", "--max-sessions", T::kWholeNumber, "N",
       "sessions at once; a Hello beyond is refused Overloaded (default 1024)", SetNumber<&C::max_sessions, 1, 1'000'000>},
      {"sessions.max_open_snapshots", "--max-open-snapshots", T::kWholeNumber, "N",
       "snapshots being read at once (default 16)", SetNumber<&C::max_open_snapshots, 1, 10'000>},
      {"sessions.snapshot_ttl", "--snapshot-ttl", T::kText, "DURATION",
       "how long an unread snapshot token lives (default 30s)", SetDuration<&C::snapshot_ttl_ms, kHourMs>},
      {"sessions.handshake_timeout", "--handshake-timeout", T::kText, "DURATION",
       "drop a connection whose CurveZMQ handshake has not finished by then (default 3s)",
       SetDuration<&C::handshake_ivl_ms, kHourMs>},
      {"queues.router_rcv_hwm", "--router-rcv-hwm", T::kWholeNumber, "N",
       "frames queued from each client before TCP pushes back (default 10000)",
       SetNumber<&C::router_rcv_hwm, 1, kMaxHwm>},
      {"queues.router_snd_hwm", "--router-snd-hwm", T::kWholeNumber, "N",
       "replies queued per client, then dropped and counted (default 10000)", SetNumber<&C::router_snd_hwm, 1, kMaxHwm>},
      {"queues.pub_snd_hwm", "--pub-snd-hwm", T::kWholeNumber, "N",
       "events queued per subscriber, then dropped (repaired by replay; default 100000)",
       SetNumber<&C::pub_snd_hwm, 1, kMaxHwm>},
      {"queues.max_batch_frames", "--max-batch-frames", T::kWholeNumber, "N",
       "frames in one group commit (default 4096)", SetNumber<&C::max_batch_frames, 1, 1'000'000>},
      {"queues.max_batch_bytes", "--max-batch-bytes", T::kWholeNumber, "N",
       "bytes of events in one group commit (default 8388608)", SetNumber<&C::max_batch_bytes, 4096, 1LL << 30>},
      {"deadlines.ack", "--ack-deadline", T::kText, "SEVERITY=DURATION,...",
       "time to acknowledge per severity (default flash=5m,urgent=30m,priority=4h; 0 or off: none)", SetAckDeadlines},
      {"deadlines.answer", "--answer-deadline", T::kText, "DURATION", "when a hit's answer is due (default 12h)",
       SetAnswerDeadline},
      {"deadlines.hit_window_days", "--hit-window-days", T::kWholeNumber, "DAYS",
       "match a new watchlist entry against the Checks of the last DAYS days (default 7)", SetHitWindowDays},
      {"retention.retain_days", "--retain-days", T::kWholeNumber, "DAYS",
       "remove log events older than DAYS that current state no longer refers to (default: keep forever)",
       SetRetainDays},
      {"retention.interval", "--retention-interval", T::kText, "DURATION",
       "how often retention sweeps (default 10m)", SetDuration<&C::retention_interval_ms, 7 * 24 * kHourMs>},
      {"cluster.member_id", "--member-id", T::kWholeNumber, "N",
       "a member of a cluster of hubs (docs/cluster.md): this hub's id in the members file (default: a single hub)",
       SetMemberId},
      {"cluster.members", "--members", T::kText, "FILE",
       "the cluster's members, one a line: ID RAFT_HOST:PORT tcp://CLIENT_HOST:PORT", SetMembers},
      {"cluster.raft_dir", "--raft-dir", T::kText, "DIR", "raft's own directory (default DATA/raft)", SetRaftDir},
      {"catalogues.places", "--places", T::kText, "FILE",
       "places (data/places.tsv format) to check place codes against (default: the copy built in)", SetPlaces},
      {"catalogues.participants", "--participants", T::kText, "FILE",
       "participants (data/participants.tsv format) (default: the copy built in)", SetParticipants},
  };
  return kSettings;
}

const Setting* FindSettingByKey(std::string_view key) {
  for (const Setting& setting : HubSettings()) {
    if (setting.key != nullptr && key == setting.key) return &setting;
  }
  return nullptr;
}

const char* SettingTypeName(SettingType type) {
  switch (type) {
    case SettingType::kText: return "a string";
    case SettingType::kWholeNumber: return "a whole number";
    case SettingType::kSwitch: return "true or false";
  }
  return "?";
}

void ApplyRunDefaults(Command& command) { command.config.metrics_bind = kDefaultMetricsBind; }

std::string CheckRunSettings(const Command& command) {
  if (std::string membership = CheckMembership(command.config.cluster); !membership.empty()) return membership;
  if (!NextPortEndpoint(command.config.bind)) {
    return "--bind needs an endpoint with a port, like tcp://127.0.0.1:7700; not \"" + command.config.bind + "\"";
  }
  std::string host;
  int port = 0;
  if (!command.config.metrics_bind.empty() && !SplitHostPort(command.config.metrics_bind, &host, &port)) {
    return "--metrics needs HOST:PORT like 127.0.0.1:9464, or off; not \"" + command.config.metrics_bind + "\"";
  }
  return "";
}

}  // namespace opsroom::hub
