#include "chaos/traffic.h"

#include "tests/support/test_clock.h"

namespace opsroom::chaos {

namespace {

uint64_t HashText(const std::string& text) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

std::string AlertId(const TrafficConfig& config, uint64_t node_seq) {
  return config.node_id + ":A-" + std::to_string(node_seq);
}

// The newest plain new-Alert message before node_seq (one exists for node_seq >= 2).
uint64_t EarlierAlertSeq(uint64_t node_seq, uint64_t random) {
  for (uint64_t back = 1 + random % 5; back < node_seq; ++back) {
    uint64_t candidate = node_seq - back;
    if (candidate % 7 != 0 && candidate % 10 != 0) return candidate;
  }
  return 1;
}

nodes::AlertSpec Alert(const TrafficConfig& config, uint64_t alert_seq, uint64_t random, int64_t now_ms) {
  nodes::AlertSpec alert;
  alert.alert_id = AlertId(config, alert_seq);
  alert.severity = static_cast<wire::Severity>(random % 3);
  alert.crime_area = wire::CrimeArea::MigrantSmuggling;
  alert.title = "chaos report " + std::to_string(alert_seq) + " from " + config.node_id;
  alert.body = "seed-derived text " + std::to_string(random);
  alert.position = nodes::LatLon{40.0 + static_cast<double>(random % 6000) / 1000.0,
                                 13.5 + static_cast<double>((random >> 16) % 9000) / 1000.0};
  alert.observed_at_ms = now_ms - 1000;
  return alert;
}

}  // namespace

uint64_t Mix(uint64_t value) {
  uint64_t z = value + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

nodes::EnvelopeSpec TrafficMessage(const TrafficConfig& config, uint64_t node_seq, int64_t now_ms) {
  uint64_t random = Mix(config.seed ^ HashText(config.node_id) ^ Mix(node_seq));
  nodes::EnvelopeSpec spec;
  spec.header.origin = config.node_id;
  spec.header.country = config.country;
  spec.header.node_seq = node_seq;
  spec.header.sent_at_ms = now_ms;
  if (!config.alerts_only && node_seq >= 2 && node_seq % 10 == 0) {
    nodes::AlertActionSpec action;
    action.alert_id = AlertId(config, EarlierAlertSeq(node_seq, random));
    action.kind = random % 2 == 0 ? wire::ActionKind::Acknowledge : wire::ActionKind::Comment;
    action.actor = "chaos operator";
    action.at_ms = now_ms - 500;
    action.text = "note " + std::to_string(random % 1000);
    spec.payload = action;
    return spec;
  }
  bool update = !config.alerts_only && node_seq >= 2 && node_seq % 7 == 0;
  uint64_t alert_seq = update ? EarlierAlertSeq(node_seq, random) : node_seq;
  nodes::AlertSpec alert = Alert(config, alert_seq, random, now_ms);
  if (alert_seq != node_seq) alert.status = wire::AlertStatus::Acknowledged;
  spec.payload = alert;
  if (config.pad_to_bytes > 0) {
    std::size_t size = nodes::BuildEnvelope(spec).size();
    // Letters from the seed, not one repeated byte: storage figures must not
    // come from compressing padding.
    std::string& body = std::get<nodes::AlertSpec>(spec.payload).body;
    for (uint64_t state = random; size < config.pad_to_bytes; ++size) {
      state = Mix(state);
      body.push_back(static_cast<char>('a' + state % 26));
    }
  }
  return spec;
}

nodes::EnvelopeFactory TrafficFactory(TrafficConfig config) {
  return [config](uint64_t node_seq) {
    return nodes::BuildEnvelope(TrafficMessage(config, node_seq, testing::NowMs()));
  };
}

}  // namespace opsroom::chaos
