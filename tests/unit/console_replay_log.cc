#include "tests/unit/console_replay_log.h"

#include "console/model/synthetic_feed.h"

namespace opsroom::console::replay_log {
namespace {

template <typename T>
constexpr bool kLogged = requires(const T& value) { value.meta.hub_seq; };

}  // namespace

std::vector<ConsoleEvent> MakeLog(int ticks) {
  SyntheticFeed feed({.seed = 5, .initial_alerts = 400, .flash_share = 0.05});
  std::vector<ConsoleEvent> all = feed.Initial(kStart);
  for (int i = 0; i < ticks; ++i) {
    auto more = feed.Tick(kStart + i, 1 + i % 3);
    all.insert(all.end(), more.begin(), more.end());
  }
  std::vector<ConsoleEvent> log;
  uint64_t seq = 0;
  auto stamp = [&](ConsoleEvent event) {
    VisitEvent(
        [&](auto& value) {
          if constexpr (kLogged<std::decay_t<decltype(value)>>) {
            value.meta.hub_seq = ++seq;
            value.meta.hub_time_ms = kStart + static_cast<int64_t>(seq) * kStep;
            value.meta.from_snapshot = false;
          }
        },
        event);
    log.push_back(std::move(event));
  };
  const char* nodes[] = {"AL-BP", "RS-BP", "ME-BP", "AL-SP"};
  int links = 0;
  for (auto& event : all) {
    if (HubSeqOf(event) != 0) stamp(std::move(event));
    if (seq % 31 == 7) {  // a node's link changes now and then (the hub's LinkChange)
      LinkChangeValue change;
      change.meta.origin = "OPSROOM-HUB";
      change.meta.country = "OPSROOM";
      change.node_id = nodes[links % 4];
      change.country = change.node_id.substr(0, 2);
      change.state = static_cast<wire::NodeLinkState>((links / 4) % 3);
      change.at_ms = kStart + static_cast<int64_t>(seq) * kStep;
      ++links;
      stamp(change);
    }
    if (seq % 97 == 50) {  // a hit now and then, half of them decided later
      HitValue hit;
      hit.meta.origin = "OPSROOM-HUB";
      hit.hit_id = "OPSROOM-HUB:H" + std::to_string(seq);
      hit.entry_id = "RS-CRIM:W-1";
      hit.checking_node = "HR-BP";
      hit.subject.emplace().name = "Marko Šćepanović";
      hit.answer_by_ms = kStart + static_cast<int64_t>(seq + 40) * kStep;
      stamp(hit);
      if (seq % 2 == 1) {
        HitDecisionValue decision;
        decision.meta.origin = "RS-CRIM";
        decision.hit_id = hit.hit_id;
        decision.verdict = HitVerdict::Confirm;
        decision.actor = "M. Petrović";
        stamp(decision);
      }
    }
  }
  // A correction of a sitrep period: it replaces that period only.
  SitRepValue sitrep;
  sitrep.meta.origin = "AL-BP";
  sitrep.meta.country = "AL";
  sitrep.operation_code = "AL-BP:DRINO-III";
  sitrep.reporting_country = "AL";
  sitrep.period_start_ms = kStart;
  sitrep.period_end_ms = kStart + 6 * 3'600'000;
  sitrep.persons_checked = 1840;
  stamp(sitrep);
  sitrep.persons_checked = 1800;
  stamp(sitrep);
  return log;
}

std::vector<std::string> Picture(const ConsoleModel& model) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < model.alerts().size(); ++i) {
    const AlertRecord& a = model.alerts().at(i);
    out.push_back("alert " + a.alert_id + " st" + std::to_string(static_cast<int>(a.status)) + " v" +
                  std::to_string(a.version_count) + " actions" + std::to_string(a.actions.size()) + " seq" +
                  std::to_string(a.last_hub_seq) + " " + a.assignee);
  }
  for (uint32_t row : model.feed().rows()) out.push_back("row " + std::to_string(row));
  for (const WatchRecord* w : model.watchlist().Search("")) {
    out.push_back("watch " + w->entry.entry_id + " r" + std::to_string(w->entry.revision));
  }
  for (const OperationRecord* op : model.operations().Ordered()) {
    SitRepCounters total = op->Totals();
    out.push_back("op " + op->operation.code + " phase" + std::to_string(static_cast<int>(op->operation.phase)) +
                  " sitreps" + std::to_string(op->sitrep_count) + " persons" + std::to_string(total.persons_checked) +
                  " AL" + std::to_string(op->CountersOf("AL").persons_checked));
  }
  for (const HitRow* hit : model.hits().Ordered()) {
    out.push_back("hit " + hit->hit.hit_id + (hit->decided ? " decided" : " open"));
  }
  for (const AttentionItem& item : model.attention().items()) {
    out.push_back("attention " + item.id + " " + std::to_string(static_cast<int>(item.reason)));
  }
  out.push_back("grid " + std::to_string(model.grid().size()));
  out.push_back("open flash " + std::to_string(model.alerts().open_flash_count()));
  out.push_back("alarm " + std::string(AlarmStateName(model.alarm().state())));
  out.push_back("seq " + std::to_string(model.link().last_seq));
  return out;
}

std::vector<std::string> LinksPicture(const ConsoleModel& model) {
  std::vector<std::string> out;
  for (const auto& [node_id, link] : model.logged_links().links()) {
    out.push_back(node_id + " " + wire::EnumNameNodeLinkState(link.state) + " since " + std::to_string(link.since_ms));
  }
  for (const char* country : {"AL", "RS", "ME", "HR"}) {
    out.push_back(std::string(country) + " " + LinkHealthName(model.ShownCountryLink(country, 0, true)));
  }
  return out;
}

std::vector<std::string> LiveUpTo(const std::vector<ConsoleEvent>& log, int64_t at_ms) {
  ConsoleModel live;
  for (const ConsoleEvent& event : log) {
    if (HubTimeOf(event) > at_ms) break;
    live.Apply(event, HubTimeOf(event));
  }
  live.Refresh(at_ms);
  return Picture(live);
}

ReplaySession Loaded(const std::vector<ConsoleEvent>& log, ReplayConfig config) {
  ReplaySession replay(config);
  for (const ConsoleEvent& event : log) replay.archive().Append(event);
  return replay;
}

std::vector<ConsoleEvent> StateLinkAt(const std::vector<ConsoleEvent>& log, std::size_t n) {
  std::vector<ConsoleEvent> out;
  out.push_back(LinkValue{LinkState::kSnapshot, ""});
  HubStatusValue live_status;
  live_status.nodes.push_back(NodeValue{});
  out.push_back(live_status);
  for (std::size_t i = 0; i < n; ++i) {
    if (EventIf<LinkChangeValue>(log[i]) != nullptr) continue;  // not state: the hub's snapshots hold none
    ConsoleEvent event = log[i];
    VisitEvent(
        [](auto& value) {
          if constexpr (kLogged<std::decay_t<decltype(value)>>) value.meta.from_snapshot = true;
        },
        event);
    out.push_back(std::move(event));
  }
  out.push_back(SnapshotDoneValue{HubSeqOf(log[n - 1])});
  return out;
}

}  // namespace opsroom::console::replay_log
