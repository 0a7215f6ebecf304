#include "console/model/item_ids.h"

#include <type_traits>

#include "wire/item_id.h"

namespace opsroom::console {

namespace {

bool NeedsPrefix(const std::string& id) { return !id.empty() && wire::NodePrefix(id).empty(); }

// Calls `visit` on each item id an event value carries (const or not).
template <typename Value, typename Visit>
void ForEachId(Value& value, Visit&& visit) {
  using T = std::remove_const_t<Value>;
  if constexpr (std::is_same_v<T, AlertValue>) {
    visit(value.alert_id);
    visit(value.operation_code);
  } else if constexpr (std::is_same_v<T, ActionValue>) {
    visit(value.alert_id);
  } else if constexpr (std::is_same_v<T, WatchValue>) {
    visit(value.entry_id);
  } else if constexpr (std::is_same_v<T, OperationValue>) {
    visit(value.code);
  } else if constexpr (std::is_same_v<T, SitRepValue>) {
    visit(value.operation_code);
  } else if constexpr (std::is_same_v<T, HandoverValue> || std::is_same_v<T, HandoverAckValue>) {
    visit(value.handover_id);
  }
}

}  // namespace

std::optional<ConsoleEvent> WithEffectiveIds(const ConsoleEvent& event) {
  return VisitEvent(
      [](const auto& value) -> std::optional<ConsoleEvent> {
        if constexpr (requires { value.meta.origin; }) {
          bool needed = false;
          ForEachId(value, [&](const std::string& id) { needed = needed || NeedsPrefix(id); });
          if (!needed) return std::nullopt;
          auto keyed = value;
          ForEachId(keyed, [&](std::string& id) { id = wire::EffectiveId(keyed.meta.origin, id); });
          return keyed;
        } else {
          return std::nullopt;
        }
      },
      event);
}

}  // namespace opsroom::console
