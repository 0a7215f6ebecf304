#include "console/model/replay_archive.h"

#include <algorithm>
#include <type_traits>

namespace opsroom::console {
namespace {

template <typename T>
constexpr bool kLogged = requires(const T& value) { value.meta.hub_seq; };

const EventMeta* MetaOf(const ConsoleEvent& event) {
  return VisitEvent(
      [](const auto& value) -> const EventMeta* {
        if constexpr (kLogged<std::decay_t<decltype(value)>>) {
          return &value.meta;
        } else {
          return nullptr;
        }
      },
      event);
}

}  // namespace

int64_t HubTimeOf(const ConsoleEvent& event) {
  const EventMeta* meta = MetaOf(event);
  return meta ? meta->hub_time_ms : 0;
}

uint64_t HubSeqOf(const ConsoleEvent& event) {
  const EventMeta* meta = MetaOf(event);
  return meta ? meta->hub_seq : 0;
}

ReplayArchive::ReplayArchive(ReplayConfig config) : config_(config) {
  config_.keyframe_every = std::max<std::size_t>(config_.keyframe_every, 1);
  config_.max_keyframes = std::max<std::size_t>(config_.max_keyframes, 2);
  if (config_.max_events > 0) config_.max_events = std::max<std::size_t>(config_.max_events, 2);
}

bool ReplayArchive::Append(ConsoleEvent event) {
  const EventMeta* meta = MetaOf(event);
  if (meta == nullptr || meta->hub_seq == 0 || meta->hub_seq <= last_seq()) return false;
  int64_t time = std::max(meta->hub_time_ms, last_time_ms());
  // A replayed event is history, never part of a snapshot: the model then
  // holds it to hub order like a live one.
  VisitEvent(
      [](auto& value) {
        if constexpr (kLogged<std::decay_t<decltype(value)>>) value.meta.from_snapshot = false;
      },
      event);
  if (origin_time_ms_ == 0) origin_time_ms_ = time;
  events_.push_back(std::move(event));
  time_max_.push_back(time);
  builder_.Apply(events_.back(), HubTimeOf(events_.back()));
  if (events_.size() % config_.keyframe_every == 0) {
    keyframes_.push_back({events_.size(), std::make_shared<const ConsoleModel>(builder_)});
    if (keyframes_.size() > config_.max_keyframes) Thin();
  }
  if (config_.max_events > 0 && events_.size() > config_.max_events) Trim();
  return true;
}

void ReplayArchive::Trim() {
  std::size_t drop = events_.size() - config_.max_events / 2;
  ConsoleModel base;
  Rebuild(drop, &base);  // from the nearest keyframe: at most one spacing applied
  base_ = std::move(base);
  base_seq_ = HubSeqOf(events_[drop - 1]);
  base_time_ms_ = time_max_[drop - 1];
  events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(drop));
  time_max_.erase(time_max_.begin(), time_max_.begin() + static_cast<std::ptrdiff_t>(drop));
  std::erase_if(keyframes_, [&](const Keyframe& k) { return k.count <= drop; });
  for (Keyframe& keyframe : keyframes_) keyframe.count -= drop;
  dropped_ += drop;
}

void ReplayArchive::StartFrom(uint64_t seq, int64_t time_ms, ConsoleModel state) {
  Clear();
  base_ = std::move(state);
  builder_ = base_;
  base_seq_ = seq;
  base_time_ms_ = time_ms;
  origin_time_ms_ = time_ms;
}

// Keeps the keyframes at multiples of the doubled spacing.
void ReplayArchive::Thin() {
  config_.keyframe_every *= 2;
  std::erase_if(keyframes_, [&](const Keyframe& k) { return k.count % config_.keyframe_every != 0; });
}

void ReplayArchive::Clear() {
  events_.clear();
  time_max_.clear();
  keyframes_.clear();
  builder_ = ConsoleModel();
  base_ = ConsoleModel();
  base_seq_ = 0;
  base_time_ms_ = 0;
  origin_time_ms_ = 0;
}

std::size_t ReplayArchive::CountAt(int64_t hub_time_ms) const {
  return static_cast<std::size_t>(std::upper_bound(time_max_.begin(), time_max_.end(), hub_time_ms) -
                                  time_max_.begin());
}

void ReplayArchive::ApplyRange(std::size_t from, std::size_t to, ConsoleModel* model) const {
  to = std::min(to, events_.size());
  for (std::size_t i = from; i < to; ++i) model->Apply(events_[i], HubTimeOf(events_[i]));
}

std::size_t ReplayArchive::Rebuild(std::size_t count, ConsoleModel* model) const {
  count = std::min(count, events_.size());
  AlertFilter filter = model->filter();
  SortSpec sort = model->sort();
  DeadlinePolicy deadlines = model->deadlines();
  std::size_t from = 0;
  auto after = std::upper_bound(keyframes_.begin(), keyframes_.end(), count,
                                [](std::size_t c, const Keyframe& k) { return c < k.count; });
  if (after != keyframes_.begin()) {
    const Keyframe& keyframe = *std::prev(after);
    *model = *keyframe.model;
    from = keyframe.count;
  } else {
    *model = base_;
  }
  model->filter() = filter;
  model->sort() = sort;
  model->set_deadlines(deadlines);
  ApplyRange(from, count, model);
  return count - from;
}

}  // namespace opsroom::console
