// Signed audit heads end to end: a hub with CURVE keys signs its audit
// chain's head with a key outside the store, clients of every role receive
// the signed heads over the real fan-out and check them (a client pinned to
// another key refuses them), and history rewritten on a copy of the store by
// someone without the key is caught by `opsroom-hub audit --verify` through
// the heads the hub kept and those a client saved, while the original
// verifies. Plus the client-side rules as a table. Every wait is bounded.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "hub/audit_heads_check.h"
#include "hub/audit_signer.h"
#include "hub/store.h"
#include "integration/hub_fixture.h"
#include "integration/security_key_dir.h"
#include "nodes/client/audit_head_watch.h"
#include "nodes/client/publisher.h"
#include "nodes/client/subscriber.h"
#include "unit/audit_tamper.h"
#include "wire/json_codec.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;
using wire::ClientRole;
using Clock = std::chrono::steady_clock;

class SignedHeadsHubTest : public ::testing::Test {
 protected:
  SignedHeadsHubTest()
      : identities_({{"ME-BP", "ME", ClientRole::NationalNode, {}},
                     {"EUROPOL-EMSC", "EUROPOL", ClientRole::PartnerAgency, {}},
                     {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}}}),
        keys_(identities_),
        hub_([this](hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
          config.audit_head_interval_ms = 1;  // sign and publish at every heartbeat tick
        }) {}
  ~SignedHeadsHubTest() override {
    if (!copy_.empty()) fs::remove_all(copy_);
  }

  const Identity& Who(const std::string& node_id) const { return IdentityOf(identities_, node_id); }
  nodes::SubscriberConfig SubscriberFor(const std::string& node_id, const std::string& audit_key) {
    const Identity& who = Who(node_id);
    nodes::SubscriberConfig config;
    config.hub_endpoint = hub_.router_endpoint();
    config.fanout_endpoint = hub_.pub_endpoint();
    config.node_id = who.node_id;
    config.country = who.country;
    config.role = who.role;
    config.want_snapshot = false;
    config.curve = who.ClientKeys(keys_.hub_public());
    config.audit_public_key = audit_key;
    return config;
  }
  void PublishAlerts(int count) {
    nodes::PublisherConfig config;
    config.hub_endpoint = hub_.router_endpoint();
    config.node_id = "ME-BP";
    config.country = "ME";
    config.role = ClientRole::NationalNode;
    config.curve = Who("ME-BP").ClientKeys(keys_.hub_public());
    nodes::Publisher publisher(hub_.context(), config);
    ASSERT_TRUE(publisher.Connect().ok());
    for (int i = 0; i < count; ++i) {
      uint64_t node_seq = publisher.NextNodeSeq();
      ASSERT_TRUE(
          publisher.Publish(Pack(AlertEnvelope("ME-BP", "ME", node_seq, "ME-BP:A" + std::to_string(node_seq)))).ok());
    }
    ASSERT_TRUE(publisher.Flush(10'000));
  }
  std::string AuditPublicKey() { return wire::AuditPublicKeyFrom(keys_.dir() + "/audit.pub").value(); }
  std::string AuditCommand(const std::string& data_dir, const std::string& heads_file) {
    return std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub audit --data " + data_dir + " --verify --audit-key " +
           keys_.dir() + "/audit.pub --heads " + heads_file + " > " + data_dir + ".out 2>&1";
  }
  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
  fs::path copy_;
};

TEST_F(SignedHeadsHubTest, TheSigningKeyLivesBesideHubKeyNotInTheStore) {
  ASSERT_TRUE(hub_.started());
  struct stat st {};
  ASSERT_EQ(::stat((keys_.dir() + "/audit.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(fs::exists(fs::path(hub_.data_dir()) / "keys" / "audit.key"));
  std::string before = AuditPublicKey();
  hub_.Stop();
  ASSERT_TRUE(hub_.Restart());
  EXPECT_EQ(AuditPublicKey(), before) << "a restart keeps the key";
  hub_.Stop();
  fs::rename(keys_.dir() + "/audit.key", keys_.dir() + "/audit.key.away");
  wire::Status refused = hub::HubServer(hub_.config()).Start();
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.error.find("audit.pub exists without audit.key"), std::string::npos) << refused.error;
  fs::rename(keys_.dir() + "/audit.key.away", keys_.dir() + "/audit.key");
}

TEST_F(SignedHeadsHubTest, AnAuditPubLostBesideItsKeyIsWrittenAgainFromIt) {
  ASSERT_TRUE(hub_.started());
  std::string before = AuditPublicKey();
  hub_.Stop();
  fs::remove(keys_.dir() + "/audit.pub");  // a crash between writing audit.key and audit.pub
  ASSERT_TRUE(hub_.Restart());
  ASSERT_TRUE(fs::exists(keys_.dir() + "/audit.pub"));
  EXPECT_EQ(AuditPublicKey(), before) << "the same public key, from audit.key";
  struct stat st {};
  ASSERT_EQ(::stat((keys_.dir() + "/audit.pub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(SignedHeadsHubTest, AnAuditKeyInsideTheDataDirectoryIsRefusedUnlessAllowed) {
  ASSERT_TRUE(hub_.started());
  hub_.Stop();
  hub::HubConfig inside = hub_.config();
  inside.audit_keys_dir = inside.data_dir + "/keys";
  wire::Status refused = hub::HubServer(inside).Start();
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.error.find("is inside the data directory"), std::string::npos) << refused.error;
  EXPECT_FALSE(fs::exists(inside.audit_keys_dir + "/audit.key")) << "refused before any key was made";
  inside.allow_audit_key_in_data_dir = true;
  {
    hub::HubServer allowed(inside);
    wire::Status started = allowed.Start();
    ASSERT_TRUE(started.ok) << started.error;
    allowed.RequestStop();
    allowed.Run();
  }
  EXPECT_TRUE(fs::exists(inside.audit_keys_dir + "/audit.key"));
  // A key left at the old default place is moved by the operator, never silently replaced by a new one.
  hub::HubConfig defaults = hub_.config();
  defaults.keys_dir.clear();
  defaults.insecure = true;
  ASSERT_EQ(defaults.AuditKeysDir(), defaults.data_dir + "-audit") << "beside the store by default";
  wire::Status moved = hub::HubServer(defaults).Start();
  EXPECT_FALSE(moved.ok);
  EXPECT_NE(moved.error.find("move audit.key, audit.pub and audit.last"), std::string::npos) << moved.error;
  EXPECT_FALSE(fs::exists(defaults.AuditKeysDir() + "/audit.key"));
}

TEST_F(SignedHeadsHubTest, ClientsCheckSignedHeadsAndARewrittenCopyContradictsThem) {
  ASSERT_TRUE(hub_.started());
  PublishAlerts(3);
  // A partner and a console pinned to the hub's audit.pub, and a console pinned to another key.
  nodes::Subscriber partner(hub_.context(), SubscriberFor("EUROPOL-EMSC", AuditPublicKey()));
  nodes::Subscriber duty(hub_.context(), SubscriberFor("OPSROOM-DUTY", AuditPublicKey()));
  nodes::Subscriber misled(hub_.context(), SubscriberFor("OPSROOM-DUTY", wire::GenerateAuditKey()->public_key));
  std::vector<wire::SignedHeadFields> seen;
  nodes::SubscriberSink saving;
  saving.on_audit_head = [&](const wire::SignedHeadFields& head) { seen.push_back(head); };
  nodes::SubscriberSink quiet;
  auto deadline = Clock::now() + std::chrono::seconds(30);
  auto covers_writes = [&] { return !seen.empty() && seen.back().hub_seq >= 3; };
  while (Clock::now() < deadline &&
         (!covers_writes() || partner.counters().audit_heads == 0 || misled.counters().audit_heads_refused == 0)) {
    duty.Poll(20, saving);
    partner.Poll(20, quiet);
    misled.Poll(20, quiet);
  }
  ASSERT_TRUE(covers_writes()) << "no signed head covering the writes within 30 s";
  EXPECT_GE(partner.counters().audit_heads, 1u) << "partners receive signed heads too";
  EXPECT_EQ(duty.counters().audit_heads_refused, 0u);
  EXPECT_EQ(misled.counters().audit_heads, 0u);
  EXPECT_GE(misled.counters().audit_heads_refused, 1u) << "a head signed by another key than the pinned one is refused";
  const wire::SignedHeadFields& latest = *duty.latest_audit_head();
  EXPECT_EQ(wire::CheckHeadSignature(latest, AuditPublicKey()), "");
  EXPECT_EQ(latest.hub_id, hub_.config().hub_id);
  EXPECT_GT(latest.records, 0u);

  // The heads the console saw, saved as `opsroom-node tail --save-heads` saves them.
  std::string heads_file = hub_.data_dir() + "-heads.jsonl";
  {
    std::ofstream out(heads_file);
    wire::JsonCodec codec;
    for (const auto& head : seen) out << codec.FrameToJson(wire::BuildSignedAuditHead(head)) << "\n";
  }
  hub_.Stop();  // a clean stop signs the whole chain
  copy_ = hub_.data_dir() + "-copy";
  CopyDataDir(hub_.data_dir(), copy_.string());
  {
    hub::OpenResult opened = hub::OpenRocksStore({copy_.string(), true, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    ASSERT_TRUE(RewriteAuditHistory(*opened.store, 1, "\"at_ms\":1", "\"at_ms\":2"));
    ASSERT_TRUE(hub::VerifyAudit(*opened.store).ok) << "the hash chain alone is fooled";
    hub::WriteSet erase;  // the attacker also removes the heads the hub kept
    auto stored =
        opened.store->Scan(hub::Family::kMeta, hub::kSignedHeadPrefix, [&](std::string_view key, std::string_view) {
          if (key.substr(0, hub::kSignedHeadPrefix.size()) != hub::kSignedHeadPrefix) return false;
          erase.Delete(hub::Family::kMeta, key);
          return true;
        });
    ASSERT_TRUE(stored.ok());
    ASSERT_FALSE(erase.empty()) << "the hub kept signed heads";
    ASSERT_TRUE(opened.store->Commit(erase).ok());
  }
  EXPECT_EQ(std::system(AuditCommand(hub_.data_dir(), heads_file).c_str()), 0) << ReadFile(hub_.data_dir() + ".out");
  EXPECT_NE(std::system(AuditCommand(copy_.string(), heads_file).c_str()), 0);
  std::string said = ReadFile(copy_.string() + ".out");
  EXPECT_NE(said.find("CONTRADICTS"), std::string::npos) << said;
  EXPECT_NE(said.find("history diverges from the " + heads_file + " line 1"), std::string::npos) << said;
  EXPECT_NE(said.find("the rewrite lies in records 1.."), std::string::npos) << said;
  fs::remove(heads_file);
  fs::remove(hub_.data_dir() + ".out");
  fs::remove(copy_.string() + ".out");
}

TEST_F(SignedHeadsHubTest, RecordsACrashLeftUnsignedAreSignedAtTheNextStart) {
  ASSERT_TRUE(hub_.started());
  PublishAlerts(1);
  hub_.Stop();
  uint64_t records = 0;
  {
    // What a crash leaves: records committed after the last signed head.
    hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), true, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    hub::AuditLog log;
    ASSERT_TRUE(log.Open(*opened.store).ok());
    hub::WriteSet writes;
    for (int i = 0; i < 3; ++i) log.Append(writes, NowMs(), "query", "OPSROOM-DUTY", hub::AuditFields());
    log.WriteHead(writes);
    ASSERT_TRUE(opened.store->Commit(writes).ok());
    records = log.head().seq;
    hub::HeadsVerdict before = hub::VerifyAuditHeads(*opened.store, AuditPublicKey(), {});
    ASSERT_TRUE(before.ok);
    ASSERT_NE(before.notice.find("not signed yet"), std::string::npos) << before.notice;
  }
  // No periodic signature during the test: only the start can sign these records.
  hub::HubConfig config = hub_.config();
  config.audit_head_interval_ms = 3'600'000;
  hub::HubServer server(config);
  wire::Status started = server.Start();
  ASSERT_TRUE(started.ok) << started.error;
  std::thread runner([&server] { server.Run(); });
  bool signed_at_start = false;
  auto deadline = Clock::now() + std::chrono::seconds(30);
  while (!signed_at_start && Clock::now() < deadline) {
    // Read-only, beside the hub: an open that races with the hub's own flush
    // or compaction (a table file named in the manifest and deleted since) is
    // tried again.
    hub::OpenResult beside = hub::OpenRocksStore({hub_.data_dir(), false, true});
    if (beside.status.ok())
      signed_at_start = beside.store->Get(hub::Family::kMeta, hub::SignedHeadKey(records)).value.has_value();
    if (!signed_at_start) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  server.RequestStop();
  runner.join();
  EXPECT_TRUE(signed_at_start) << "no signed head for the " << records << " records the hub found at start";
}

// A client that saved a head in an earlier run is seeded with it: a hub whose
// chain went back since is caught on the first head, and the refused head,
// signed by the audit key, is handed over to be kept.
TEST_F(SignedHeadsHubTest, ASubscriberSeededWithASavedHeadRefusesARollbackAtOnce) {
  ASSERT_TRUE(hub_.started());
  wire::AuditKey hub_key = wire::ReadAuditKeyFile(keys_.dir() + "/audit.key").value();
  wire::SignedHeadFields saved;  // what the client saw before the hub went back
  saved.hub_id = hub_.config().hub_id;
  saved.records = 1'000'000;
  saved.hub_seq = 1'000'000;
  saved.at_ms = NowMs();
  nodes::SubscriberConfig config = SubscriberFor("OPSROOM-DUTY", AuditPublicKey());
  config.audit_seed_head = wire::SignHead(saved, hub_key).value();
  nodes::Subscriber duty(hub_.context(), config);
  std::vector<wire::SignedHeadFields> kept;
  std::string why;
  nodes::SubscriberSink sink;
  sink.on_signed_audit_head_refused = [&](const wire::SignedHeadFields& head, const std::string& reason) {
    kept.push_back(head);
    why = reason;
  };
  auto deadline = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < deadline && kept.empty()) duty.Poll(20, sink);
  ASSERT_FALSE(kept.empty()) << "no head refused within 30 s";
  EXPECT_EQ(duty.counters().audit_heads, 0u);
  EXPECT_NE(why.find("went back from 1000000 to"), std::string::npos) << why;
  EXPECT_EQ(wire::CheckHeadSignature(kept.front(), AuditPublicKey()), "");
}

// The attack: stop the hub, rewrite a record and recompute every later hash,
// delete the heads the hub kept, start the hub. It must not sign the forgery:
// audit.last, beside the key, remembers the last head it signed.
TEST_F(SignedHeadsHubTest, AHistoryRewrittenBelowASignedHeadIsNeverSignedAtStart) {
  ASSERT_TRUE(hub_.started());
  PublishAlerts(3);
  hub_.Stop();  // a clean stop signs the whole chain and keeps it in audit.last
  const std::string anchor = keys_.dir() + "/audit.last";
  ASSERT_TRUE(fs::exists(anchor));
  {
    hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), true, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    ASSERT_TRUE(RewriteAuditHistory(*opened.store, 1, "\"at_ms\":1", "\"at_ms\":2"));
    hub::WriteSet erase;
    auto stored =
        opened.store->Scan(hub::Family::kMeta, hub::kSignedHeadPrefix, [&](std::string_view key, std::string_view) {
          if (key.substr(0, hub::kSignedHeadPrefix.size()) != hub::kSignedHeadPrefix) return false;
          erase.Delete(hub::Family::kMeta, key);
          return true;
        });
    ASSERT_TRUE(stored.ok());
    ASSERT_TRUE(opened.store->Commit(erase).ok());
  }
  const std::string before = ReadFile(anchor);
  wire::Status refused = hub::HubServer(hub_.config()).Start();
  EXPECT_FALSE(refused.ok) << "the hub started on a rewritten history";
  EXPECT_NE(refused.error.find("history diverges from the last head this hub signed"), std::string::npos)
      << refused.error;
  EXPECT_NE(refused.error.find("--accept-audit-history"), std::string::npos) << refused.error;
  EXPECT_EQ(ReadFile(anchor), before) << "nothing was signed";
  {
    hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, true});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    bool recorded = false;
    ASSERT_TRUE(hub::PrintAudit(*opened.store, "hub", 0, [&](std::string_view line) {
                  recorded = recorded || line.find("\"kind\":\"audit_history\"") != std::string_view::npos;
                }).ok());
    EXPECT_TRUE(recorded) << "the refusal is in the audit trail";
    hub::HeadsVerdict verdict = hub::VerifyAuditHeads(*opened.store, AuditPublicKey(), {});
    EXPECT_FALSE(verdict.ok) << "no signed head vouches for the forgery";
  }
  // audit.last is a heads file: the auditor names the rewritten records with it.
  EXPECT_NE(std::system(AuditCommand(hub_.data_dir(), anchor).c_str()), 0);
  std::string said = ReadFile(hub_.data_dir() + ".out");
  EXPECT_NE(said.find("history diverges from the " + anchor + " line 1"), std::string::npos) << said;
  fs::remove(hub_.data_dir() + ".out");

  // After a deliberate restore the operator accepts the history once; later starts need nothing.
  hub::HubConfig accepting = hub_.config();
  accepting.accept_audit_history = true;
  for (const hub::HubConfig& config : {accepting, hub_.config()}) {
    hub::HubServer server(config);
    wire::Status started = server.Start();
    ASSERT_TRUE(started.ok) << started.error;
    server.RequestStop();
    server.Run();  // stops at once: a clean stop
    EXPECT_NE(ReadFile(anchor), before) << "the accepted chain was signed";
  }
}

// The client's rules, as a table over one history: a, then b extending it.
TEST(AuditHeadWatch, RefusesOtherKeysRollbacksAndSecondHistories) {
  wire::AuditKey key = wire::GenerateAuditKey().value();
  auto head = [&](uint64_t records, char hash_byte, const wire::AuditKey& by) {
    wire::SignedHeadFields fields;
    fields.hub_id = "opsroom-test";
    fields.records = records;
    fields.head_hash = std::string(32, hash_byte);
    fields.hub_seq = records * 2;
    fields.at_ms = 1'795'000'000'000 + static_cast<int64_t>(records);
    return wire::SignHead(fields, by).value();
  };
  using Verdict = nodes::AuditHeadWatch::Verdict;
  nodes::AuditHeadWatch pinned_by_first;  // no key given: the first head's key
  EXPECT_EQ(pinned_by_first.Offer(head(10, 'a', key)), Verdict::kNew);
  EXPECT_EQ(pinned_by_first.Offer(head(10, 'a', key)), Verdict::kSame) << "republished";
  EXPECT_EQ(pinned_by_first.Offer(head(12, 'b', key)), Verdict::kNew);
  EXPECT_EQ(pinned_by_first.Offer(head(13, 'c', wire::GenerateAuditKey().value())), Verdict::kRefused);
  EXPECT_NE(pinned_by_first.problem().find("another key"), std::string::npos) << pinned_by_first.problem();
  EXPECT_EQ(pinned_by_first.Offer(head(11, 'x', key)), Verdict::kRefused);
  EXPECT_NE(pinned_by_first.problem().find("went back from 12 to 11"), std::string::npos) << pinned_by_first.problem();
  EXPECT_EQ(pinned_by_first.Offer(head(12, 'y', key)), Verdict::kRefused);
  EXPECT_NE(pinned_by_first.problem().find("two different signed audit histories"), std::string::npos);
  wire::SignedHeadFields forged = head(14, 'd', key);
  forged.records = 15;
  EXPECT_EQ(pinned_by_first.Offer(forged), Verdict::kRefused);
  EXPECT_EQ(pinned_by_first.latest()->records, 12u) << "refused heads change nothing";
  nodes::AuditHeadWatch pinned(wire::GenerateAuditKey().value().public_key);
  EXPECT_EQ(pinned.Offer(head(10, 'a', key)), Verdict::kRefused) << "a given key is not replaced by the first head's";
  EXPECT_FALSE(pinned.last_refused_was_signed());
  EXPECT_FALSE(pinned.Seed(head(10, 'a', key))) << "a saved head is held to the given key too";

  // Seeded from the head a client saved in an earlier run: a rollback since is refused at once.
  nodes::AuditHeadWatch seeded(key.public_key);
  ASSERT_TRUE(seeded.Seed(head(12, 'b', key)));
  EXPECT_EQ(seeded.Offer(head(10, 'a', key)), Verdict::kRefused);
  EXPECT_NE(seeded.problem().find("went back from 12 to 10"), std::string::npos) << seeded.problem();
  EXPECT_TRUE(seeded.last_refused_was_signed()) << "signed by the key: evidence to keep";
  wire::SignedHeadFields elsewhere = head(13, 'c', key);
  elsewhere.hub_id = "another-hub";
  EXPECT_EQ(seeded.Offer(wire::SignHead(elsewhere, key).value()), Verdict::kRefused);
  EXPECT_NE(seeded.problem().find("of hub 'another-hub'"), std::string::npos) << seeded.problem();
  EXPECT_EQ(seeded.Offer(head(13, 'c', key)), Verdict::kNew);
}

}  // namespace
}  // namespace opsroom::testing
