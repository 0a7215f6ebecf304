// The raft entry of a cluster of hubs (hub/cluster/batch_entry.h): a staged
// batch survives the round trip field by field; a truncated, garbled or
// foreign entry is refused whole with a message that says what and where.
#include <gtest/gtest.h>

#include <string>

#include "hub/cluster/batch_entry.h"
#include "hub/key_layout.h"

namespace opsroom::hub {
namespace {

Batch SampleBatch() {
  Batch batch;
  batch.first_seq = 41;
  batch.last_seq = 42;
  batch.writes.Put(Family::kLog, Be64(41), std::string("event-41\0bytes", 14));
  batch.writes.Put(Family::kLog, Be64(42), "event-42");
  batch.writes.Delete(Family::kAlerts, "gone");
  batch.writes.Put(Family::kAudit, "a", "");
  batch.events.push_back({"ev.alert.HR-1", 0});
  batch.events.push_back({"ev.alert.HR-1", 1, "remarked-notice"});
  batch.origins["HR-1"] = {7, 8, 2, "dedupe-pairs"};
  batch.origins["SI-2"] = {1, 1, 0, ""};
  batch.item_versions = {"\x02HR-1:a1"};
  batch.acks.push_back({"peer", wire::AckEntry(7, 41, false)});  // the leader's: never in the entry
  return batch;
}

std::string Ops(const WriteSet& writes) {
  std::string out;
  for (std::size_t i = 0; i < writes.size(); ++i) {
    WriteSet::Op op = writes.at(i);
    out += std::string(FamilyName(op.family)) + (op.is_delete ? " del " : " put ") + std::string(op.key) + "=" +
           std::string(op.value) + ";";
  }
  return out;
}

TEST(BatchEntryTest, ABatchComesBackWithEveryReplicatedField) {
  Batch batch = SampleBatch();
  std::string entry = EncodeBatchEntry(batch, 40);

  Batch decoded;
  decoded.first_seq = 999;  // decoding starts from a clean batch
  EntryHeader header;
  ASSERT_EQ(DecodeEntry(entry, header, decoded), "");
  EXPECT_EQ(header.kind, EntryKind::kBatch);
  EXPECT_EQ(header.built_on, 40u);
  EXPECT_EQ(decoded.first_seq, 41u);
  EXPECT_EQ(decoded.last_seq, 42u);
  EXPECT_EQ(Ops(decoded.writes), Ops(batch.writes));
  ASSERT_EQ(decoded.events.size(), 2u);
  EXPECT_EQ(decoded.EventBytes(decoded.events[0]), std::string("event-41\0bytes", 14));
  EXPECT_EQ(decoded.events[1].topic, "ev.alert.HR-1");
  EXPECT_EQ(decoded.EventBytes(decoded.events[1]), "remarked-notice");
  ASSERT_EQ(decoded.origins.size(), 2u);
  EXPECT_EQ(decoded.origins["HR-1"].first_node_seq, 7u);
  EXPECT_EQ(decoded.origins["HR-1"].last_node_seq, 8u);
  EXPECT_EQ(decoded.origins["HR-1"].count, 2u);
  EXPECT_EQ(decoded.origins["HR-1"].dedupe_group, "dedupe-pairs");
  EXPECT_EQ(decoded.item_versions, batch.item_versions);
  EXPECT_TRUE(decoded.acks.empty()) << "acks are the leader's and stay out of the log";
  EXPECT_EQ(EncodeBatchEntry(decoded, 40), entry) << "the same batch, the same bytes";
}

TEST(BatchEntryTest, ABarrierCarriesNoBatch) {
  Batch decoded = SampleBatch();
  EntryHeader header;
  ASSERT_EQ(DecodeEntry(EncodeBarrierEntry(5), header, decoded), "");
  EXPECT_EQ(header.kind, EntryKind::kBarrier);
  EXPECT_EQ(header.built_on, 5u);
  EXPECT_TRUE(decoded.empty());
  EXPECT_NE(EncodeBarrierEntry(5), EncodeBarrierEntry(6));
}

TEST(BatchEntryTest, EveryTruncationIsRefusedWithWhereItStopped) {
  std::string entry = EncodeBatchEntry(SampleBatch(), 40);
  for (std::size_t size = 0; size < entry.size(); ++size) {
    Batch decoded;
    EntryHeader header;
    std::string error = DecodeEntry(std::string_view(entry).substr(0, size), header, decoded);
    ASSERT_FALSE(error.empty()) << "a prefix of " << size << " of " << entry.size() << " bytes was accepted";
    if (size >= 4) {
      EXPECT_NE(error.find("truncated"), std::string::npos) << size << ": " << error;
    }
  }
}

TEST(BatchEntryTest, GarbledOrForeignEntriesAreRefused) {
  std::string entry = EncodeBatchEntry(SampleBatch(), 40);
  Batch decoded;
  EntryHeader header;

  EXPECT_NE(DecodeEntry("a raft entry of another program", header, decoded).find("not a hub entry"),
            std::string::npos);
  std::string newer = entry;
  newer[4] = 2;  // format 2
  EXPECT_NE(DecodeEntry(newer, header, decoded).find("format 2"), std::string::npos);
  std::string kind = entry;
  kind[8] = 9;
  EXPECT_NE(DecodeEntry(kind, header, decoded).find("unknown entry kind 9"), std::string::npos);
  EXPECT_NE(DecodeEntry(entry + "x", header, decoded).find("trailing bytes"), std::string::npos);

  // The first write's family byte, after magic, format, kind, built_on, first/last seq and the count.
  std::string family = entry;
  family[4 + 4 + 1 + 8 + 16 + 4] = 42;
  std::string error = DecodeEntry(family, header, decoded);
  EXPECT_NE(error.find("no column family 42"), std::string::npos) << error;

  std::string count = entry;
  count[4 + 4 + 1 + 8 + 16 + 3] = '\x7f';  // a write count of ~2 billion
  error = DecodeEntry(count, header, decoded);
  EXPECT_NE(error.find("write count"), std::string::npos) << error;
}

TEST(BatchEntryTest, AnEventNamingNoPutIsRefused) {
  Batch batch = SampleBatch();
  batch.events.push_back({"ev.alert.HR-1", 2});  // write 2 is a Delete
  Batch decoded;
  EntryHeader header;
  std::string error = DecodeEntry(EncodeBatchEntry(batch, 40), header, decoded);
  EXPECT_NE(error.find("no Put 2"), std::string::npos) << error;
}

}  // namespace
}  // namespace opsroom::hub
