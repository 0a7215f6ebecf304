#include "nodes/sim/traffic_generator.h"

#include <algorithm>

#include "wire/entitlement.h"
#include "wire/participants.h"

namespace opsroom::nodes {

namespace {

constexpr std::size_t kRecentAlerts = 2000;
constexpr std::size_t kRecentWatches = 500;
constexpr std::size_t kFreshAlerts = 10;  // too new to act on: their ack may still be on its way
// Random picks for an alert still worked before the turn does something else.
constexpr int kPickAttempts = 16;
constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;

struct OperationPlan {
  const char* code;
  const char* name;
  const char* lead;
  std::vector<wire::CrimeArea> areas;
};

const std::vector<OperationPlan>& OperationPlans() {
  using wire::CrimeArea;
  static const std::vector<OperationPlan> k = {
      {"JAD-WB-2026",
       "Joint Action Days Western Balkans 2026",
       "EUROPOL",
       {CrimeArea::MigrantSmuggling, CrimeArea::Firearms, CrimeArea::TraffickingInPersons, CrimeArea::DocumentFraud}},
      {"DRINO-III",
       "Common operation DRINO III, Kakavijë",
       "FRONTEX",
       {CrimeArea::MigrantSmuggling, CrimeArea::DocumentFraud}},
      {"ADRIATIC-PORTS-2026",
       "Adriatic ports: cigarettes and cocaine",
       "EUROPOL",
       {CrimeArea::ExciseGoods, CrimeArea::Drugs}},
  };
  return k;
}

// A rough outline of the Western Balkans, for the operation's area.
const std::vector<LatLon>& RegionOutline() {
  static const std::vector<LatLon> k = {{39.6, 19.3}, {42.0, 18.4}, {45.3, 15.2}, {46.5, 16.5},
                                        {46.2, 20.3}, {44.0, 22.7}, {41.2, 23.0}};
  return k;
}

bool IsCustoms(const SimAgency& agency) {
  return agency.node_id.size() > 3 && agency.node_id.compare(agency.node_id.size() - 3, 3, "-CU") == 0;
}

// Planned, Briefing, Active, Debriefing, Closed at these fractions of a cycle.
constexpr double kPhaseStart[] = {0.0, 0.1, 0.2, 0.85, 0.95};

}  // namespace

TrafficGenerator::TrafficGenerator(TrafficConfig config, const wire::PlaceCatalog& places)
    : config_(std::move(config)), places_(places), rng_(config_.seed) {
  config_.id_bases.resize(config_.agencies.size(), 0);
  id_counters_.assign(config_.agencies.size(), 0);
  config_.operation_cycle = std::max<uint64_t>(config_.operation_cycle, 20);
}

SimMessage TrafficGenerator::Next(int64_t now_ms) {
  SimMessage message;
  int phase = DuePhase();
  std::optional<AlertStep> planned;
  if (phase >= 0) {
    message = MakeOperation(now_ms, phase);
  } else if ((planned = life_.TakeDue(now_ms))) {
    message = MakePlannedAction(*planned, now_ms);
  } else {
    bool active = operation_.phase == 2 || operation_.phase == 3;
    bool can_act = alerts_.size() > kFreshAlerts;
    // New alerts are a small share, as in a real room, where most traffic is about
    // what is already open: the desk's open list stays at tens (issue 13).
    std::size_t kind = rng_.Weighted({8, can_act ? 20 : 0, can_act ? 4 : 0, 8, watches_.empty() ? 0 : 4, active ? 6 : 0});
    // Only alerts the room still works get actions and updates (updates only
    // once picked up, so a version never undoes the hub's escalation).
    AlertRef* target = kind == 1 || kind == 2 ? PickWorkable(now_ms, kind == 2) : nullptr;
    if ((kind == 1 || kind == 2) && target == nullptr) kind = 3;
    switch (kind) {
      case 0: message = MakeAlert(now_ms); break;
      case 1: message = MakeAction(*target, now_ms); break;
      case 2: message = MakeAlertUpdate(*target, now_ms); break;
      case 3: message = MakeWatchEntry(now_ms); break;
      case 4: message = MakeWatchRevision(now_ms); break;
      default: message = MakeSitRep(now_ms); break;
    }
  }
  ++index_;
  return message;
}

int TrafficGenerator::DuePhase() const {
  uint64_t cycle = config_.operation_cycle;
  uint64_t in_cycle = index_ - operation_.cycle_start;
  if (operation_.phase == 4 && in_cycle >= cycle) return 0;  // the next operation
  int due = -1;
  for (int phase = 0; phase < 5; ++phase) {
    if (static_cast<double>(in_cycle) >= kPhaseStart[phase] * static_cast<double>(cycle)) due = phase;
  }
  return due > operation_.phase ? due : -1;
}

SimMessage TrafficGenerator::Start(std::size_t agency, int64_t now_ms) {
  const SimAgency& a = config_.agencies[agency];
  SimMessage message;
  message.agency = agency;
  message.header.origin = a.node_id;
  message.header.country = a.country;
  message.header.sent_at_ms = now_ms;
  static const wire::SourceReliability kReliability[] = {wire::SourceReliability::A, wire::SourceReliability::B,
                                                         wire::SourceReliability::C, wire::SourceReliability::X,
                                                         wire::SourceReliability::Unset};
  message.header.reliability = kReliability[rng_.Weighted({15, 45, 25, 10, 5})];
  message.header.credibility = static_cast<wire::InfoCredibility>(1 + rng_.Weighted({15, 35, 35, 15}));
  return message;
}

std::size_t TrafficGenerator::RandomAgency(bool national_only) {
  std::vector<int> weights;
  for (const SimAgency& a : config_.agencies) {
    bool national =
        std::find(wire::NationalCodes().begin(), wire::NationalCodes().end(), a.country) != wire::NationalCodes().end();
    weights.push_back(national_only && !national ? 0 : a.weight);
  }
  return rng_.Weighted(weights);
}

std::string TrafficGenerator::NextId(std::size_t agency, char kind) {
  uint64_t n = config_.id_bases[agency] + ++id_counters_[agency];
  return config_.agencies[agency].node_id + ":" + kind + "-" + std::to_string(n);
}

HandlingSpec TrafficGenerator::RandomHandling(const std::string& own_country,
                                              const std::vector<std::string>& concerned) {
  HandlingSpec h;
  switch (rng_.Weighted({65, 25, 10})) {
    case 0: h.distribution = wire::Distribution::Public; break;
    case 1: h.distribution = wire::Distribution::Limited; break;
    default:
      h.distribution = wire::Distribution::Restricted;
      h.recipients = {own_country, "OPSROOM"};
      for (const std::string& c : concerned) {
        if (wire::IsKnownParticipant(c) &&
            std::find(h.recipients.begin(), h.recipients.end(), c) == h.recipients.end()) {
          h.recipients.push_back(c);
        }
      }
      break;
  }
  h.no_evidence_use = rng_.Chance(0.2);
  h.no_onward_dissemination = rng_.Chance(0.15);
  return h;
}

SimMessage TrafficGenerator::MakeOperation(int64_t now_ms, int phase) {
  if (phase == 0) {  // a new operation cycle
    const OperationPlan& plan = OperationPlans()[operations_started_++ % OperationPlans().size()];
    operation_ = OperationRef{};
    operation_.cycle_start = index_;
    auto owner = std::find_if(config_.agencies.begin(), config_.agencies.end(),
                              [&](const SimAgency& a) { return a.country == plan.lead; });
    operation_.owner = owner == config_.agencies.end() ? 0 : owner - config_.agencies.begin();
    JointOperationSpec& op = operation_.operation;
    op.code = config_.agencies[operation_.owner].node_id + ":" + plan.code;  // ids live under their node (protocol 6.1)
    op.name = plan.name;
    op.lead = config_.agencies[operation_.owner].country;
    for (std::string_view c : wire::NationalCodes()) op.participants.emplace_back(c);
    op.participants.push_back(op.lead == "EUROPOL" ? "FRONTEX" : "EUROPOL");
    op.crime_areas = plan.areas;
    op.area = RegionOutline();
    op.place_codes = places_.HotspotCodes(6);
    op.starts_at_ms = now_ms + kHourMs;
    op.ends_at_ms = op.starts_at_ms + 5 * kDayMs;
    op.report_every_minutes = 4 * 60;
  }
  operation_.phase = phase;
  operation_.operation.phase = static_cast<wire::OperationPhase>(phase);
  SimMessage message = Start(operation_.owner, now_ms);
  message.payload = operation_.operation;
  message.creates = "op:" + operation_.operation.code;
  return message;
}

SimMessage TrafficGenerator::MakeAlert(int64_t now_ms) {
  std::size_t agency = RandomAgency(false);
  SimMessage message = Start(agency, now_ms);
  const std::string& country = config_.agencies[agency].country;
  AlertSpec alert;
  alert.alert_id = NextId(agency, 'A');
  alert.crime_area = RandomCrimeArea(rng_, IsCustoms(config_.agencies[agency]));
  alert.severity = static_cast<wire::Severity>(rng_.Weighted({700, 200, 85, 15}));
  SimSpot spot = places_.Pick(rng_, country, alert.crime_area);
  bool at_port = spot.place != nullptr && spot.place->kind == wire::PlaceKind::kPort;
  // A partner reports what a national service saw: plates and routes are that country's.
  std::string seen_in = country;
  if (spot.place != nullptr && country.size() != 2) {
    for (const std::string& c : spot.place->countries) {
      if (std::find(wire::NationalCodes().begin(), wire::NationalCodes().end(), c) != wire::NationalCodes().end())
        seen_in = c;
    }
  }
  AlertText text =
      RandomAlertText(rng_, alert.crime_area, seen_in, spot.name, places_.Destination(rng_, seen_in), at_port);
  alert.title = text.title;
  alert.body = text.body;
  alert.position = spot.position;
  if (spot.place != nullptr && rng_.Chance(0.85)) alert.place_code = spot.place->code;
  alert.observed_at_ms = now_ms - rng_.Between(60'000, 45 * 60'000);
  alert.expires_at_ms = life_.Plan(rng_, agency, alert.alert_id, alert.severity, now_ms);
  if (operation_.phase == 2 && rng_.Chance(0.3)) alert.operation_code = operation_.operation.code;
  if (rng_.Chance(0.2)) {
    static const std::vector<std::pair<wire::RefSystem, std::string>> kRefs = {
        {wire::RefSystem::Siena, "SIENA-"},
        {wire::RefSystem::SIS, "SIS-"},
        {wire::RefSystem::InterpolDiffusion, "A-"},
        {wire::RefSystem::National, "NAT-"}};
    const auto& [system, prefix] = rng_.Pick(kRefs);
    alert.references.push_back({system, prefix + country + "-2026-" + rng_.Digits(5)});
  }
  message.header.handling = RandomHandling(country, spot.place ? spot.place->countries : std::vector<std::string>{});
  message.creates = "alert:" + alert.alert_id;
  alerts_.push_back({agency, alert, message.header.handling});
  if (alerts_.size() > kRecentAlerts) alerts_.pop_front();
  message.payload = std::move(alert);
  return message;
}

TrafficGenerator::AlertRef* TrafficGenerator::PickWorkable(int64_t now_ms, bool picked_up) {
  for (int attempt = 0; attempt < kPickAttempts; ++attempt) {
    AlertRef& ref = alerts_[rng_.Below(alerts_.size() - kFreshAlerts)];
    if (!life_.Workable(ref.alert.alert_id, now_ms)) continue;
    if (picked_up && life_.StatusOf(ref.alert.alert_id) == wire::AlertStatus::Open) continue;
    return &ref;
  }
  return nullptr;
}

SimMessage TrafficGenerator::MakeAlertUpdate(AlertRef& ref, int64_t now_ms) {
  SimMessage message = Start(ref.owner, now_ms);
  AlertSpec& alert = ref.alert;
  // A version's status is the alert's status (section 6): the one it has, never Open again.
  alert.status = life_.StatusOf(alert.alert_id);
  static const std::vector<std::string> kUpdates = {
      " Update: vehicle stopped and checked.", " Update: second vehicle identified, same route.",
      " Update: persons handed over to the reception centre.", " Update: information confirmed by a second source."};
  if (alert.body.size() < 1500) alert.body += rng_.Pick(kUpdates);
  if (alert.severity != wire::Severity::Flash && rng_.Chance(0.3)) {
    alert.severity = static_cast<wire::Severity>(static_cast<int>(alert.severity) + 1);
  }
  message.payload = alert;
  return message;
}

bool TrafficGenerator::MaySee(std::size_t agency, const AlertRef& ref) const {
  const std::string& country = config_.agencies[agency].country;
  const wire::Participant* participant = wire::FindParticipant(country);
  bool national = participant != nullptr && participant->kind == wire::ParticipantKind::kNational;
  wire::Viewer viewer{country, national ? wire::ClientRole::NationalNode : wire::ClientRole::PartnerAgency};
  wire::Marking marking{config_.agencies[ref.owner].country, ref.handling.distribution, ref.handling.recipients,
                        ref.handling.no_onward_dissemination};
  return wire::EntitledTo(viewer, marking);
}

SimMessage TrafficGenerator::MakeAction(const AlertRef& ref, int64_t now_ms) {
  AlertActionSpec action;
  action.alert_id = ref.alert.alert_id;
  // Acknowledge, Assign, Comment, Escalate, Close: a room does not reopen what it closed.
  action.kind = static_cast<wire::ActionKind>(rng_.Weighted({35, 20, 20, 8, 15}));
  if (action.kind == wire::ActionKind::Acknowledge && life_.StatusOf(ref.alert.alert_id) != wire::AlertStatus::Open) {
    action.kind = wire::ActionKind::Comment;
  }
  // The owner's desk changes its alert's status; others comment. Each agency
  // sends on its own connection, so only one sender's messages keep their
  // order at the hub: an Acknowledge from one could land after a Close from
  // another and reopen the alert.
  std::size_t agency = ref.owner;
  if (action.kind == wire::ActionKind::Comment) {
    agency = RandomAgency(false);
    if (!MaySee(agency, ref)) agency = ref.owner;
  }
  life_.Record(ref.alert.alert_id, action.kind);
  SimMessage message = Start(agency, now_ms);
  const std::string& country = config_.agencies[agency].country;
  action.actor = RandomOfficer(rng_, country);
  action.at_ms = now_ms - rng_.Between(0, 30'000);
  if (action.kind == wire::ActionKind::Assign) {
    action.assignee = std::string(rng_.Pick(wire::NationalCodes()));
  }
  static const std::vector<std::string> kComments = {
      "Patrol dispatched.", "Vehicle not seen at the crossing yet.", "Checked against SIS: no hit.",
      "Coordinating with the neighbouring border police.", "Customs informed, scanner available."};
  if (action.kind == wire::ActionKind::Comment || rng_.Chance(0.3)) action.text = rng_.Pick(kComments);
  message.payload = std::move(action);
  message.needs = "alert:" + ref.alert.alert_id;
  return message;
}

SimMessage TrafficGenerator::MakePlannedAction(const AlertStep& step, int64_t now_ms) {
  SimMessage message = Start(step.owner, now_ms);
  AlertActionSpec action;
  action.alert_id = step.alert_id;
  action.kind = step.kind;
  action.actor = RandomOfficer(rng_, config_.agencies[step.owner].country);
  action.at_ms = now_ms;
  life_.Record(step.alert_id, step.kind);
  if (step.kind == wire::ActionKind::Close) action.text = "Dealt with; closed by the desk.";
  message.payload = std::move(action);
  message.needs = "alert:" + step.alert_id;
  return message;
}

SimMessage TrafficGenerator::MakeWatchEntry(int64_t now_ms) {
  std::size_t agency = RandomAgency(false);
  SimMessage message = Start(agency, now_ms);
  const std::string& country = config_.agencies[agency].country;
  WatchlistEntrySpec w;
  w.entry_id = NextId(agency, 'W');
  w.kind = static_cast<wire::WatchKind>(rng_.Weighted({45, 25, 8, 8, 6, 3, 5}));
  w.crime_area = RandomCrimeArea(rng_, IsCustoms(config_.agencies[agency]));
  w.action = static_cast<wire::ActionRequested>(rng_.Weighted({40, 25, 10, 10, 10, 5}));
  w.valid_from_ms = now_ms - rng_.Between(0, 30) * kDayMs;
  w.valid_until_ms = now_ms + rng_.Between(30, 365) * kDayMs;
  SimSpot spot = places_.Pick(rng_, country, w.crime_area);
  w.reason = WatchReason(rng_, w.crime_area, spot.name);
  switch (w.kind) {
    case wire::WatchKind::Person: {
      PersonName name = RandomPerson(rng_, country);
      w.name_original = name.original;
      w.name_latin = name.latin;
      if (name.ascii != name.latin) w.aliases.push_back(name.ascii);
      w.date_of_birth = RandomDateOfBirth(rng_);
      w.nationality = country.size() == 2 ? country : "";
      if (rng_.Chance(0.5)) w.document_numbers.push_back(RandomPassport(rng_, w.nationality));
      break;
    }
    case wire::WatchKind::Vehicle:
      w.plate = RandomPlate(rng_, country);
      w.vin = RandomVin(rng_);
      break;
    case wire::WatchKind::Vessel:
      w.imo = RandomImo(rng_);
      w.name_latin = RandomVesselName(rng_);
      break;
    case wire::WatchKind::Container: w.container_number = RandomContainer(rng_); break;
    case wire::WatchKind::Document: w.document_numbers.push_back(RandomPassport(rng_, country)); break;
    case wire::WatchKind::Organisation: w.name_latin = RandomCompany(rng_, country); break;
    case wire::WatchKind::Phone: w.phone = RandomPhone(rng_, country); break;
  }
  message.header.handling = RandomHandling(country, {});
  watches_.push_back({agency, w});
  if (watches_.size() > kRecentWatches) watches_.pop_front();
  message.payload = std::move(w);
  return message;
}

SimMessage TrafficGenerator::MakeWatchRevision(int64_t now_ms) {
  std::size_t at = rng_.Below(watches_.size());
  WatchRef& ref = watches_[at];
  SimMessage message = Start(ref.owner, now_ms);
  ++ref.entry.revision;
  if (rng_.Chance(0.2)) {
    ref.entry.removed = true;  // withdrawn: arrested, or the lead went cold
    message.payload = ref.entry;
    watches_.erase(watches_.begin() + static_cast<std::ptrdiff_t>(at));
    return message;
  }
  ref.entry.valid_until_ms = now_ms + rng_.Between(30, 365) * kDayMs;
  if (rng_.Chance(0.5)) ref.entry.action = wire::ActionRequested::Arrest;
  message.payload = ref.entry;
  return message;
}

SimMessage TrafficGenerator::MakeSitRep(int64_t now_ms) {
  std::size_t agency = RandomAgency(true);
  SimMessage message = Start(agency, now_ms);
  SitRepSpec s;
  s.operation_code = operation_.operation.code;
  s.reporting_country = config_.agencies[agency].country;
  // The last whole hour: the room adds periods and treats a second report for
  // the same period as a correction, so sliding periods would count twice.
  s.period_end_ms = now_ms - now_ms % kHourMs;
  s.period_start_ms = s.period_end_ms - kHourMs;
  s.persons_checked = static_cast<uint32_t>(rng_.Between(200, 3000));
  s.vehicles_checked = static_cast<uint32_t>(rng_.Between(80, 1200));
  s.migrants_detected = static_cast<uint32_t>(rng_.Between(0, 60));
  s.facilitators_arrested = static_cast<uint32_t>(rng_.Between(0, 5));
  s.victims_identified = static_cast<uint32_t>(rng_.Between(0, 2));
  s.other_arrests = static_cast<uint32_t>(rng_.Between(0, 6));
  s.refusals_of_entry = static_cast<uint32_t>(rng_.Between(0, 20));
  if (rng_.Chance(0.5))
    s.seizures.push_back({wire::Commodity::Cigarettes, double(rng_.Between(2, 400)) * 200, wire::Unit::Pieces});
  if (rng_.Chance(0.3))
    s.seizures.push_back({wire::Commodity::Cannabis, double(rng_.Between(5, 2000)) / 10, wire::Unit::Kilograms});
  if (rng_.Chance(0.1))
    s.seizures.push_back({wire::Commodity::Firearms, double(rng_.Between(1, 12)), wire::Unit::Pieces});
  if (rng_.Chance(0.1))
    s.seizures.push_back({wire::Commodity::Cash, double(rng_.Between(5, 300)) * 1000, wire::Unit::Euro});
  s.remarks = "Mixed patrols at the main crossings; migrant debriefings ongoing.";
  message.payload = std::move(s);
  message.needs = "op:" + operation_.operation.code;
  return message;
}

}  // namespace opsroom::nodes
