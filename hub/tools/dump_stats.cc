#include "hub/tools/dump_stats.h"

#include <chrono>

#include <zmq.hpp>

#include "hub/key_layout.h"
#include "hub/store.h"
#include "wire/aligned_bytes.h"
#include "wire/curve_keys.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

constexpr const char* kStatsNodeId = "OPSROOM-STATS";
constexpr const char* kStatsCountry = "OPSROOM";
constexpr uint64_t kStatsRequestId = 1;

// Waits for the next frame from the hub; nullopt on timeout.
std::optional<zmq::message_t> Receive(zmq::socket_t& socket, std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
  if (left.count() <= 0 || zmq::poll(&item, 1, left) == 0) return std::nullopt;
  zmq::message_t message;
  if (!socket.recv(message, zmq::recv_flags::dontwait)) return std::nullopt;
  return message;
}

}  // namespace

wire::Status DumpLog(const std::string& data_dir, std::ostream& out) {
  OpenResult opened = OpenRocksStore({data_dir, false, true});
  if (!opened.status.ok()) return {false, "cannot open " + data_dir + " read-only: " + opened.status.message()};
  wire::JsonCodec codec;
  std::string error;
  std::vector<uint64_t> scratch;  // RocksDB hands out values at any address
  StoreStatus status = opened.store->Scan(Family::kLog, "", [&](std::string_view key, std::string_view value) {
    wire::ByteView bytes = wire::AlignedBytes({reinterpret_cast<const uint8_t*>(value.data()), value.size()}, scratch);
    // Stored bytes are ours, but dump reads whatever is on disk: verify first.
    if (auto checked = wire::CheckEventFrame(bytes); !checked) {
      error = "event " + std::to_string(ParseBe64(key).value_or(0)) + " is unreadable: " + checked.rejection().text;
      return false;
    }
    out << codec.FrameToJson(bytes) << '\n';
    return static_cast<bool>(out);
  });
  if (!status.ok()) return {false, "reading the log failed: " + status.message()};
  if (!error.empty()) return {false, error};
  return {};
}

wire::Status FetchStats(const StatsClient& client, std::vector<std::pair<std::string, int64_t>>* counters) {
  const std::string& hub_endpoint = client.hub_endpoint;
  const int timeout_ms = client.timeout_ms;
  zmq::context_t context(1);
  zmq::socket_t dealer(context, zmq::socket_type::dealer);
  dealer.set(zmq::sockopt::linger, 0);
  std::string node_id = client.node_id.empty() ? kStatsNodeId : client.node_id;
  if (!client.key_file.empty()) {
    auto keys = wire::LoadClientKeys(client.key_file, client.hub_key);
    if (!keys) return {false, keys.rejection().text};
    wire::ApplyCurveClient(dealer, keys.value());
    if (client.node_id.empty()) node_id = wire::NodeIdOfKeyFile(client.key_file);
  }
  dealer.connect(hub_endpoint);
  std::vector<uint64_t> scratch;  // libzmq hands out messages at any address
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string country = node_id.substr(0, node_id.find('-'));
  dealer.send(
      zmq::buffer(wire::BuildHello(node_id, country.empty() ? kStatsCountry : country, wire::ClientRole::Console,
                                   "opsroom-hub-stats/0.1", wire::kProtocolVersion)));
  dealer.send(zmq::buffer(wire::BuildStatsRequest(kStatsRequestId)));
  while (auto message = Receive(dealer, deadline)) {
    auto frame = wire::CheckHubFrame(
        wire::AlignedBytes({static_cast<const uint8_t*>(message->data()), message->size()}, scratch));
    if (!frame) return {false, "the hub sent an unreadable frame: " + frame.rejection().text};
    if (const auto* nack = frame.value()->body_as_Nack()) {
      return {false, "the hub refused: " + wire::ReasonLabel(nack->code()) + " " +
                         (nack->reason() ? nack->reason()->str() : std::string())};
    }
    const auto* stats = frame.value()->body_as_Stats();
    if (stats == nullptr || stats->counters() == nullptr) continue;  // the Welcome
    for (const auto* counter : *stats->counters()) counters->emplace_back(counter->name()->str(), counter->value());
    return {};
  }
  return {false,
          "no answer from a hub at " + hub_endpoint + " within " + std::to_string(timeout_ms) + " ms" +
              (client.key_file.empty()
                   ? "; a hub that runs CurveZMQ (the default) answers only a client with --key FILE --hub-key FILE"
                   : "; is the key registered (role console), and --hub-key the hub's public key?")};
}

}  // namespace opsroom::hub
