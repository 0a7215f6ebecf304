// The store-and-forward reconnect table (Step), its backoff delays and the
// status text of `opsroom-node status`. Pure functions, no sockets.
#include <algorithm>
#include <sstream>

#include "nodes/client/store_forward.h"
#include "nodes/client/zmq_link.h"
#include "wire/utc_time.h"

namespace opsroom::nodes {

ForwardStep Step(ForwardState state, ForwardEvent event) {
  using S = ForwardState;
  using A = ForwardAction;
  switch (state) {
    case S::kDown:
      if (event == ForwardEvent::kRetryDue) return {S::kConnecting, A::kOpenSession};
      return {S::kDown, A::kNone};
    case S::kConnecting:
      if (event == ForwardEvent::kWelcome) return {S::kUp, A::kSendFromOldest};
      if (event == ForwardEvent::kConnectFailed) return {S::kDown, A::kDropSessionAndBackOff};
      return {S::kConnecting, A::kNone};
    case S::kUp:
      if (event == ForwardEvent::kStalled || event == ForwardEvent::kHubBusy) {
        return {S::kDown, A::kDropSessionAndBackOff};
      }
      return {S::kUp, A::kNone};
  }
  return {state, A::kNone};
}

const char* ForwardStateName(ForwardState state) {
  switch (state) {
    case ForwardState::kDown: return "down";
    case ForwardState::kConnecting: return "connecting";
    case ForwardState::kUp: return "up";
  }
  return "?";
}

uint32_t Backoff::NextDelayMs() {
  uint64_t ceiling = max_ms_;
  if (attempt_ < 32) ceiling = std::min<uint64_t>(max_ms_, static_cast<uint64_t>(base_ms_) << attempt_);
  ++attempt_;
  uint64_t half = ceiling / 2;
  return static_cast<uint32_t>(half + rng_() % (ceiling - half + 1));
}

std::string FormatLastAck(const OutboxStatus& outbox, int64_t now_ms) {
  if (outbox.last_ack_ms == 0) return "none yet";
  return "node_seq " + std::to_string(outbox.last_acked_node_seq) + " hub_seq " +
         std::to_string(outbox.last_ack_hub_seq) + ", " + wire::AgeText(now_ms - outbox.last_ack_ms) + " ago";
}

std::string FormatStatus(const StoreForwardStatus& s) {
  std::ostringstream out;
  out << "link        " << ForwardStateName(s.state) << (s.link_lost ? " (LOST: " + s.link_detail + ")" : "") << '\n'
      << "outbox      " << s.outbox.depth << " pending";
  if (s.outbox.depth > 0) {
    out << ", oldest node_seq " << s.outbox.oldest_node_seq << " waiting " << s.oldest_unsent_age_ms << " ms";
  }
  out << '\n'
      << "last ack    " << FormatLastAck(s.outbox, WallNowMs()) << '\n'
      << "next seq    " << s.outbox.next_node_seq << '\n'
      << "counts      submitted " << s.submitted << ", acked " << s.acked << " (duplicates " << s.duplicates
      << "), refused " << s.refused << " (record holds " << s.outbox.refused << "), sessions " << s.sessions
      << ", link losses " << s.link_losses << '\n'
      << "hub         " << (s.hub_id.empty() ? "(none yet)" : s.hub_id)
      << (s.hub_endpoint.empty() ? "" : " at " + s.hub_endpoint) << (s.hub_durable ? "" : " NOT durable (--sync=none)")
      << '\n';
  if (!s.hub_loss_detail.empty()) out << "HUB LOSS    " << s.hub_loss_detail << '\n';
  return out.str();
}
}  // namespace opsroom::nodes
