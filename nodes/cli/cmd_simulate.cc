// opsroom-node simulate: the simulated national nodes and partners, each with
// its own session and durable outbox (--outbox DIR, default ./var/simulate),
// until --count / --duration or Ctrl-C; progress on stdout. What a run leaves
// unacknowledged waits in the outboxes and goes first in the next run.
#include <cstdio>
#include <ostream>

#include "nodes/cli/cli_values.h"
#include "nodes/cli/commands.h"
#include "nodes/sim/simulator.h"

namespace opsroom::nodes::cli {

namespace {

std::string ProgressLine(const SimulationReport& r) {
  char rate[32];
  double seconds = static_cast<double>(r.elapsed_ms) / 1000.0;
  std::snprintf(rate, sizeof rate, "%.1f", seconds > 0 ? static_cast<double>(r.acked) / seconds : 0.0);
  return "simulate: " + std::to_string(r.published) + " sent, " + std::to_string(r.acked) + " acknowledged, " +
         std::to_string(r.refused) + " refused, hub_seq " + std::to_string(r.max_hub_seq) + ", " + rate + " msgs/s";
}

std::optional<std::string> ReadFlags(const CliOptions& options, SimulatorConfig* config) {
  if (options.Has("rate")) {
    auto rate = ParseDouble(options.Get("rate"));
    if (!rate || *rate < 0) return "simulate: --rate wants messages per second >= 0";
    config->rate = *rate;
  }
  if (options.Has("count")) {
    auto count = ParseCount(options.Get("count"));
    if (!count || *count == 0) return "simulate: --count wants a number >= 1";
    config->count = *count;
  }
  if (options.Has("seed")) {
    auto seed = ParseCount(options.Get("seed"));
    if (!seed) return "simulate: --seed wants a number";
    config->seed = *seed;
  }
  if (options.Has("duration")) {
    auto duration = ParseDurationMs(options.Get("duration"));
    if (!duration || *duration == 0) return "simulate: --duration wants seconds (30, 30s, 5m, 1h)";
    config->duration_ms = *duration;
  }
  return std::nullopt;
}

// --keys DIR: one <NODE_ID>.key per agency, every one checked before any connects.
std::optional<std::string> ReadAgencyKeys(const CliOptions& options, SimulatorConfig* config) {
  if (options.keys_dir.empty()) return std::nullopt;
  std::string failures;
  for (const SimAgency& agency : config->agencies) {
    auto keys = wire::LoadClientKeys(options.keys_dir + "/" + agency.node_id + ".key", options.hub_key);
    if (keys) config->curve_keys[agency.node_id] = keys.value();
    else failures += "\n  " + keys.rejection().text;
  }
  if (failures.empty()) return std::nullopt;
  return "simulate --keys " + options.keys_dir + ": every agency needs its own key (opsroom-keys new --out " +
         options.keys_dir + " --name NODE_ID, then register it):" + failures;
}

}  // namespace

int RunSimulate(const CliOptions& options, CommandIo& io) {
  SimulatorConfig config;
  config.hub_endpoint = options.hub;
  config.other_hubs = options.other_hubs;
  config.rate = 20;
  config.connect_timeout_ms = options.timeout_ms;
  config.outbox_dir = options.Get("outbox", "./var/simulate");
  if (auto bad = ReadFlags(options, &config)) return UsageError(io, *bad);
  if (auto bad = ReadAgencyKeys(options, &config)) {
    io.err << "opsroom-node: " << *bad << "\n";
    return kExitFailed;
  }
  char rate[32];
  std::snprintf(rate, sizeof rate, "%g msgs/s", config.rate);
  io.out << "simulate: " << config.agencies.size() << " simulated nodes -> " << options.hub << ", seed " << config.seed
         << ", rate " << (config.rate > 0 ? rate : "as fast as acks allow")
         << (config.count ? ", count " + std::to_string(config.count) : "")
         << (config.duration_ms ? ", duration " + std::to_string(config.duration_ms / 1000) + " s" : "")
         << ", outboxes in " << config.outbox_dir << "\n";
  auto progress = [&](const SimulationReport& report) { io.out << ProgressLine(report) << "\n" << std::flush; };
  zmq::context_t context;
  SimulationReport report = RunSimulation(context, config, progress, io.stop);
  if (report.hub_unreachable) {
    io.err << "opsroom-node: hub unreachable: " << report.error
           << (config.curve_keys.empty()
                   ? "; a hub that runs CurveZMQ (the default) answers only a client with --keys DIR --hub-key FILE"
                   : "; are the agencies' keys in the hub's registry, and --hub-key the hub's public key?")
           << "\n";
    return kExitUnreachable;
  }
  if (report.recovered != 0) {
    io.out << "simulate: " << report.recovered << " message(s) an earlier run left unacknowledged in "
           << config.outbox_dir << " were sent first\n";
  }
  if (!report.error.empty()) io.err << "opsroom-node: simulate: " << report.error << "\n";
  if (report.refused != 0) {
    io.err << "opsroom-node: simulate: " << report.refused << " refused; first: " << report.first_refusal << "\n";
  }
  if (!report.complete()) return kExitFailed;
  io.out << "simulate: done, all " << report.acked << " acknowledged\n";
  return kExitOk;
}

}  // namespace opsroom::nodes::cli
