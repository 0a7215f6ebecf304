// A secure hub with the room's identities for the matching tests, and the
// makers of Checks, person entries and decisions; readers of the hits a
// subscriber or a replay sees. Every wait is bounded.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/hub_fixture.h"
#include "integration/secure_client.h"
#include "integration/security_key_dir.h"

namespace opsroom::testing {

// What a test needs of one Hit event.
struct SeenHit {
  uint64_t hub_seq = 0;
  std::string hit_id;
  wire::HitCopy copy = wire::HitCopy::Full;
  std::string entry_id;
  uint32_t entry_revision = 0;
  wire::HitSource source = wire::HitSource::FromCheck;
  std::string source_id;
  std::string subject_key;
  float score = 0;
  std::size_t reasons = 0;
  std::string entry_reason;
  wire::ActionRequested action = wire::ActionRequested::DiscreetCheck;
  std::vector<std::string> recipients;
  bool operator==(const SeenHit&) const = default;
};
// Every Hit among Frame{Event} bytes; other events give nullopt.
std::optional<SeenHit> HitOf(const wire::Bytes& event_frame);

wire::SubjectT Person(const std::string& name, const std::string& dob = "", const std::string& nationality = "");
wire::SubjectT Vehicle(const std::string& plate, const std::string& vin = "");
wire::SubjectT Container(const std::string& number);
wire::EnvelopeT CheckOf(const std::string& origin, const std::string& country, uint64_t node_seq,
                        const std::string& check_id, std::vector<wire::SubjectT> subjects);
wire::EnvelopeT PersonEntry(const std::string& origin, const std::string& country, uint64_t node_seq,
                            const std::string& entry_id, uint32_t revision, const std::string& name_original,
                            const std::string& name_latin, const std::string& dob);
wire::EnvelopeT Decision(const std::string& origin, const std::string& country, uint64_t node_seq,
                         const std::string& hit_id, wire::HitVerdict verdict);
void Restrict(wire::EnvelopeT& envelope, std::vector<std::string> recipients);

class MatchHubTest : public ::testing::Test {
 protected:
  explicit MatchHubTest(int64_t hit_window_ms = 7LL * 24 * 3600 * 1000);

  const Identity& Who(const std::string& node_id) const;
  // A client with a session (Hello answered by Welcome).
  std::unique_ptr<SecureClient> Connect(const std::string& node_id);
  std::unique_ptr<zmq::socket_t> Subscribe(const std::string& node_id);
  // The events a SUB received until one with message_id `marker` (or timeout): hits and the rest's ids.
  struct Drained {
    std::vector<SeenHit> hits;
    std::vector<std::string> message_ids;
  };
  Drained Drain(zmq::socket_t& sub, const std::string& marker, int timeout_ms = 15'000);
  // Every Hit the identity can replay from hub_seq 1.
  std::vector<SeenHit> ReplayHits(SecureClient& client);
  // Publishes and expects an Ack (the hub_seq) or a Nack (minus its code).
  int64_t Publish(SecureClient& client, const wire::EnvelopeT& envelope) { return client.PublishOne(envelope); }

  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
};

}  // namespace opsroom::testing
