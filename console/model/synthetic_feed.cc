#include "console/model/synthetic_feed.h"

#include <array>
#include <cmath>

#include "wire/places.h"

namespace opsroom::console {
namespace {

constexpr std::array<const char*, 7> kNational = {"AL", "BA", "HR", "XK", "ME", "MK", "RS"};
constexpr std::array<const char*, 4> kAgencies = {"BP", "CUS", "CRIM", "PROS"};

struct Template {
  CrimeArea area;
  const char* title;
};

constexpr std::array<Template, 12> kTemplates = {{
    {CrimeArea::MigrantSmuggling, "Migrants concealed in a lorry heading for the crossing"},
    {CrimeArea::MigrantSmuggling, "Group on foot near the green border, guide suspected"},
    {CrimeArea::TraffickingInPersons, "Possible trafficking victim identified during check"},
    {CrimeArea::ExciseGoods, "Container declared as tiles, cigarettes suspected"},
    {CrimeArea::CounterfeitGoods, "Counterfeit branded goods in transit consignment"},
    {CrimeArea::Drugs, "Cannabis in hidden compartment of passenger car"},
    {CrimeArea::Firearms, "Weapons parts detected by X-ray in van"},
    {CrimeArea::CashSmuggling, "Undeclared cash above EUR 10,000"},
    {CrimeArea::DocumentFraud, "Forged residence permit presented at exit"},
    {CrimeArea::BorderCorruption, "Tip: patrol schedule leaked to facilitators"},
    {CrimeArea::StolenVehicles, "SIS hit: vehicle reported stolen in AT"},
    {CrimeArea::CulturalGoods, "Icons without provenance found in luggage"},
}};

struct WatchSeed {
  WatchKind kind;
  const char* original;
  const char* latin;
  const char* nationality;
  const char* detail;
};

constexpr std::array<WatchSeed, 8> kWatchSeeds = {{
    {WatchKind::Person, "Шћепановић Милан", "Šćepanović Milan", "ME", "1979-03-14"},
    {WatchKind::Person, "Gjergj Kastrioti", "Gjergj Kastrioti", "AL", "1984"},
    {WatchKind::Person, "Đorđević Nikola", "Đorđević Nikola", "RS", "1990-11-02"},
    {WatchKind::Person, "Ибрахими Арбен", "Ibrahimi Arben", "MK", "1987-06"},
    {WatchKind::Vehicle, "", "Mercedes Sprinter, white", "BA", "A12-K-345"},
    {WatchKind::Vessel, "", "MV Adriatic Star", "ME", "IMO 9123456"},
    {WatchKind::Organisation, "", "Balkan Freight Logistics d.o.o.", "HR", ""},
    {WatchKind::Phone, "", "+382 67 555 0101", "ME", ""},
}};

// The place's first national participant (crossings also name neighbours).
std::string NationalOf(const wire::Place& place, const char* fallback) {
  for (const auto& country : place.countries) {
    for (const char* national : kNational) {
      if (country == national) return country;
    }
  }
  return fallback;
}

}  // namespace

SyntheticFeed::SyntheticFeed(SyntheticConfig config) : config_(config), rng_(config.seed) {}

EventMeta SyntheticFeed::Meta(int64_t hub_time_ms, const std::string& country, const std::string& agency) {
  return EventMeta{++seq_, hub_time_ms, country + "-" + agency, country};
}

Severity SyntheticFeed::RandomSeverity() {
  double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
  if (roll < config_.flash_share) return Severity::Flash;
  if (roll < 0.12) return Severity::Urgent;
  if (roll < 0.40) return Severity::Priority;
  return Severity::Routine;
}

AlertValue SyntheticFeed::BaseAlert(int64_t hub_time_ms, const std::string& country) {
  AlertValue alert;
  alert.meta = Meta(hub_time_ms, country, kAgencies[rng_() % kAgencies.size()]);
  alert.alert_id = alert.meta.origin + ":" + std::to_string(next_alert_++);
  alert.observed_at_ms = hub_time_ms - 60'000;
  alert_ids_.push_back(alert.alert_id);
  return alert;
}

AlertValue SyntheticFeed::MakeAlert(int64_t hub_time_ms, Severity severity, CrimeArea area, LatLon where) {
  AlertValue alert = BaseAlert(hub_time_ms, kNational[rng_() % kNational.size()]);
  alert.severity = severity;
  alert.crime_area = area;
  alert.title = "Synthetic alert";
  alert.position = where;
  return alert;
}

AlertValue SyntheticFeed::RandomAlert(int64_t hub_time_ms) {
  const auto& places = wire::PlaceCatalog::InUse().all();
  const wire::Place& place = places[rng_() % places.size()];
  // Scatter around the place: most within ~7 km, some up to ~30 km inland.
  std::normal_distribution<double> jitter(0.0, (rng_() % 4 == 0) ? 0.25 : 0.06);
  const Template& t = kTemplates[rng_() % kTemplates.size()];
  AlertValue alert = BaseAlert(hub_time_ms, NationalOf(place, kNational[rng_() % kNational.size()]));
  alert.severity = RandomSeverity();
  alert.crime_area = t.area;
  alert.position = LatLon{place.lat + jitter(rng_), place.lon + jitter(rng_)};
  alert.title = t.title;
  alert.body = "Observed near " + place.name_latin + ". Details follow from the originating unit.";
  alert.place_code = place.code;
  alert.place_name = place.name_latin;
  return alert;
}

ActionValue SyntheticFeed::RandomAction(int64_t hub_time_ms) {
  static constexpr std::array<ActionKind, 5> kKinds = {ActionKind::Acknowledge, ActionKind::Assign, ActionKind::Comment,
                                                       ActionKind::Escalate, ActionKind::Close};
  ActionValue action;
  action.meta = Meta(hub_time_ms, "ME", "OPS");
  action.alert_id = alert_ids_[rng_() % alert_ids_.size()];
  action.kind = kKinds[rng_() % kKinds.size()];
  action.actor = "duty officer " + std::to_string(1 + rng_() % 4);
  action.at_ms = hub_time_ms;
  if (action.kind == ActionKind::Assign) action.assignee = kNational[rng_() % kNational.size()];
  if (action.kind == ActionKind::Comment) action.text = "Patrol informed, awaiting feedback.";
  return action;
}

void SyntheticFeed::AddOperations(int64_t now_ms, std::vector<ConsoleEvent>* out) {
  OperationValue drino;
  drino.meta = Meta(now_ms - 3'600'000, "AL", "BP");
  drino.code = "AL-BP:DRINO-III";
  drino.name = "Mixed patrols Kakavia - Gjirokastër";
  drino.lead = "AL";
  drino.participants = {"AL", "GR", "ME", "MK", "FRONTEX"};
  drino.crime_areas = {CrimeArea::MigrantSmuggling, CrimeArea::DocumentFraud};
  drino.area = {{40.25, 19.95}, {40.25, 20.45}, {39.85, 20.55}, {39.80, 20.05}};
  drino.phase = OperationPhase::Active;
  out->push_back(drino);
  OperationValue jad;
  jad.meta = Meta(now_ms - 3'500'000, "RS", "CRIM");
  jad.code = "RS-CRIM:JAD-WB-2026";
  jad.name = "Joint Action Day Western Balkans";
  jad.lead = "EUROPOL";
  jad.participants = {"AL", "BA", "HR", "XK", "ME", "MK", "RS", "EUROPOL", "FRONTEX"};
  jad.crime_areas = {CrimeArea::Firearms, CrimeArea::Drugs};
  jad.area = {{45.30, 18.90}, {45.30, 19.60}, {44.80, 19.60}, {44.80, 18.90}};
  jad.phase = OperationPhase::Briefing;
  out->push_back(jad);
  for (const char* country : {"AL", "ME", "MK"}) {
    SitRepValue sitrep;
    sitrep.meta = Meta(now_ms - 1'800'000, country, "BP");
    sitrep.operation_code = "AL-BP:DRINO-III";
    sitrep.reporting_country = country;
    sitrep.persons_checked = 400 + rng_() % 300;
    sitrep.vehicles_checked = 120 + rng_() % 80;
    sitrep.migrants_detected = 10 + rng_() % 30;
    sitrep.facilitators_arrested = rng_() % 4;
    sitrep.seizures = {{Commodity::Cigarettes, static_cast<double>(2000 + rng_() % 9000), Unit::Pieces}};
    out->push_back(sitrep);
  }
}

void SyntheticFeed::AddWatchlist(int64_t now_ms, std::vector<ConsoleEvent>* out) {
  int n = 0;
  for (const auto& seed : kWatchSeeds) {
    WatchValue entry;
    entry.meta = Meta(now_ms - 7'200'000, seed.nationality, "CRIM");
    entry.entry_id = entry.meta.origin + ":W" + std::to_string(++n);
    entry.revision = 1;
    entry.kind = seed.kind;
    entry.name_original = seed.original;
    entry.name_latin = seed.latin;
    entry.nationality = seed.nationality;
    if (seed.kind == WatchKind::Person) entry.date_of_birth = seed.detail;
    if (seed.kind == WatchKind::Vehicle) entry.plate = seed.detail;
    if (seed.kind == WatchKind::Vessel) entry.imo = seed.detail;
    entry.reason = "Suspected facilitator network";
    entry.crime_area = CrimeArea::MigrantSmuggling;
    entry.action = seed.kind == WatchKind::Person ? ActionRequested::DiscreetCheck : ActionRequested::SpecificCheck;
    entry.valid_from_ms = now_ms - 86'400'000;
    out->push_back(entry);
  }
}

HubStatusValue SyntheticFeed::Status(int64_t now_ms) {
  HubStatusValue status;
  status.at_ms = now_ms;
  status.hub_id = "opsroom-hub";
  status.hub_seq = seq_;
  for (const char* country : kNational) {
    NodeValue node;
    node.node_id = std::string(country) + "-BP";
    node.country = country;
    node.connected = true;
    node.last_heartbeat_ms = now_ms - static_cast<int64_t>(rng_() % 900);
    node.messages_last_minute = static_cast<uint32_t>(rng_() % 40);
    node.outbox_depth = static_cast<uint32_t>(rng_() % 3);
    node.software_version = "opsroom-node/0.1";
    status.nodes.push_back(node);
  }
  return status;
}

std::vector<ConsoleEvent> SyntheticFeed::Initial(int64_t now_ms) {
  std::vector<ConsoleEvent> out;
  out.reserve(config_.initial_alerts + config_.initial_alerts / 4 + 32);
  out.push_back(LinkValue{LinkState::kSnapshot, {}});
  AddOperations(now_ms, &out);
  AddWatchlist(now_ms, &out);
  int64_t start = now_ms - config_.history_ms;
  for (std::size_t i = 0; i < config_.initial_alerts; ++i) {
    int64_t t = start + static_cast<int64_t>(config_.history_ms * (static_cast<double>(i) / config_.initial_alerts));
    out.push_back(RandomAlert(t));
    if (i % 4 == 3) out.push_back(RandomAction(t + 1));
  }
  out.push_back(SnapshotDoneValue{seq_});
  out.push_back(Status(now_ms));
  out.push_back(LinkValue{LinkState::kLive, {}});
  return out;
}

std::vector<ConsoleEvent> SyntheticFeed::Tick(int64_t now_ms, int new_alerts) {
  std::vector<ConsoleEvent> out;
  for (int i = 0; i < new_alerts; ++i) out.push_back(RandomAlert(now_ms));
  if (!alert_ids_.empty() && rng_() % 3 == 0) out.push_back(RandomAction(now_ms));
  out.push_back(Status(now_ms));
  return out;
}

}  // namespace opsroom::console
