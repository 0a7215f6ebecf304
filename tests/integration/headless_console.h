// Test helpers shared by the console's integration tests: a console without
// a screen (its real link and model, pumped like the UI loop) and a national
// node that publishes through the real publisher. Every wait is bounded.
#pragma once
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "console/model/console_model.h"
#include "console/net/console_link.h"
#include "nodes/client/envelope_builder.h"
#include "nodes/client/publisher.h"
#include "tests/integration/hub_fixture.h"

namespace opsroom::console {

using opsroom::testing::HubFixture;
using Clock = std::chrono::steady_clock;

// A console without a screen: its link and its model, pumped like the UI loop.
struct HeadlessConsole {
  HeadlessConsole(HubFixture& hub, const std::string& operator_name)
      : link(LinkConfig{hub.router_endpoint(), hub.pub_endpoint(), operator_name}) {
    link.Start();
  }
  void Pump() {
    std::vector<ConsoleEvent> events;
    link.SwapEvents(&events);
    for (const auto& e : events) model.Apply(e, opsroom::testing::NowMs());
    model.Refresh(opsroom::testing::NowMs());
  }
  template <typename Pred>
  bool PumpUntil(Pred&& done, int timeout_ms = 10'000) {
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < deadline) {
      Pump();
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  const AlertRecord* Alert(const std::string& id) const {
    auto index = model.alerts().Find(id);
    return index ? &model.alerts().at(*index) : nullptr;
  }
  ConsoleLink link;
  ConsoleModel model;
};

class Node {
 public:
  explicit Node(HubFixture& hub) : publisher_(hub.context(), Config(hub)) { ok_ = publisher_.Connect().ok(); }
  bool ok() const { return ok_; }
  void PublishAlert(const std::string& id, wire::Severity severity) {
    nodes::EnvelopeHeader header;
    header.origin = "RS-BP";
    header.country = "RS";
    header.node_seq = publisher_.NextNodeSeq();
    header.sent_at_ms = opsroom::testing::NowMs();
    nodes::AlertSpec alert;
    alert.alert_id = id;
    alert.severity = severity;
    alert.title = "Truck with migrants at Batrovci";
    alert.place_code = "BCP-HR-RS-BAJAKOVO";
    alert.observed_at_ms = header.sent_at_ms;
    ASSERT_TRUE(publisher_.Publish(nodes::BuildEnvelope(header, alert)).ok());
    ASSERT_TRUE(publisher_.Flush(5000));
  }
  nodes::EnvelopeHeader NextHeader() {
    nodes::EnvelopeHeader header;
    header.origin = "RS-BP";
    header.country = "RS";
    header.node_seq = publisher_.NextNodeSeq();
    header.sent_at_ms = opsroom::testing::NowMs();
    return header;
  }
  void Send(const wire::Bytes& envelope) {
    ASSERT_TRUE(publisher_.Publish(envelope).ok());
    ASSERT_TRUE(publisher_.Flush(5000));
  }

 private:
  static nodes::PublisherConfig Config(HubFixture& hub) {
    nodes::PublisherConfig config;
    config.hub_endpoint = hub.router_endpoint();
    config.node_id = "RS-BP";
    config.country = "RS";
    return config;
  }
  nodes::Publisher publisher_;
  bool ok_ = false;
};

}  // namespace opsroom::console
