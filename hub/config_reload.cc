#include "hub/config_reload.h"

#include <string>

namespace opsroom::hub {

namespace {

template <typename Number>
std::string ValueText(const Number& value) {
  return std::to_string(value);
}
std::string ValueText(const AckDeadlines& ack) { return AckDeadlinesText(ack); }

// A span in milliseconds that may change while the hub runs: logged as
// hub.toml writes it ("7d", "30m"), not as a count of milliseconds.
template <auto kField>
void LiveSpan(const char* name, HubConfig& running, const HubConfig& fresh, ConfigReload& reload) {
  if (running.*kField == fresh.*kField) return;
  reload.applied.push_back(std::string(name) + ": " + SpanText(static_cast<int64_t>(running.*kField)) + " -> " +
                           SpanText(static_cast<int64_t>(fresh.*kField)));
  running.*kField = fresh.*kField;
}

// A setting that may change while the hub runs: copied, and logged with both values.
template <auto kField>
void Live(const char* name, HubConfig& running, const HubConfig& fresh, ConfigReload& reload) {
  if (running.*kField == fresh.*kField) return;
  reload.applied.push_back(std::string(name) + ": " + ValueText(running.*kField) + " -> " + ValueText(fresh.*kField));
  running.*kField = fresh.*kField;
}

// A setting the hub read once at start (sockets, the store, keys, tables sized from it).
template <auto kField>
void Fixed(const char* name, const HubConfig& running, const HubConfig& fresh, ConfigReload& reload) {
  if (!(running.*kField == fresh.*kField)) reload.needs_restart.push_back(name);
}

}  // namespace

ConfigReload ApplyLiveSettings(HubConfig& running, const HubConfig& fresh) {
  using C = HubConfig;
  ConfigReload reload;
  LiveSpan<&C::retain_ms>("retention.retain_days", running, fresh, reload);
  LiveSpan<&C::retention_interval_ms>("retention.interval", running, fresh, reload);
  LiveSpan<&C::hit_answer_ms>("deadlines.answer", running, fresh, reload);
  Live<&C::ack_deadline_ms>("deadlines.ack", running, fresh, reload);
  LiveSpan<&C::hit_window_ms>("deadlines.hit_window_days", running, fresh, reload);
  LiveSpan<&C::snapshot_ttl_ms>("sessions.snapshot_ttl", running, fresh, reload);
  Live<&C::max_open_snapshots>("sessions.max_open_snapshots", running, fresh, reload);

  Fixed<&C::data_dir>("data_dir", running, fresh, reload);
  Fixed<&C::hub_id>("hub_id", running, fresh, reload);
  Fixed<&C::sync>("sync", running, fresh, reload);
  Fixed<&C::bind>("net.bind", running, fresh, reload);
  Fixed<&C::pub_bind>("net.pub_bind", running, fresh, reload);
  Fixed<&C::metrics_bind>("net.metrics", running, fresh, reload);
  Fixed<&C::keys_dir>("security.keys_dir", running, fresh, reload);
  Fixed<&C::registry_path>("security.registry", running, fresh, reload);
  Fixed<&C::audit_keys_dir>("security.audit_keys_dir", running, fresh, reload);
  Fixed<&C::insecure>("security.insecure", running, fresh, reload);
  Fixed<&C::allow_shared_data_dir>("security.allow_shared_data_dir", running, fresh, reload);
  Fixed<&C::allow_audit_key_in_data_dir>("security.allow_audit_key_in_data_dir", running, fresh, reload);
  Fixed<&C::max_sessions>("sessions.max_sessions", running, fresh, reload);
  Fixed<&C::handshake_ivl_ms>("sessions.handshake_timeout", running, fresh, reload);
  Fixed<&C::router_rcv_hwm>("queues.router_rcv_hwm", running, fresh, reload);
  Fixed<&C::router_snd_hwm>("queues.router_snd_hwm", running, fresh, reload);
  Fixed<&C::pub_snd_hwm>("queues.pub_snd_hwm", running, fresh, reload);
  Fixed<&C::max_batch_frames>("queues.max_batch_frames", running, fresh, reload);
  Fixed<&C::max_batch_bytes>("queues.max_batch_bytes", running, fresh, reload);
  Fixed<&C::cluster>("cluster", running, fresh, reload);
  return reload;
}

}  // namespace opsroom::hub
