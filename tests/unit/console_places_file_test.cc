// The console given a places file (opsroom-console --places FILE): an alert
// at a crossing the file adds is placed on the map at that crossing, through
// the decoding the console's network thread does with the catalogue in use;
// a bad file is refused naming its line.
#include <gtest/gtest.h>

#include <fstream>

#include "console/model/console_model.h"
#include "console/model/glyphs.h"
#include "console/net/event_decode.h"
#include "nodes/client/envelope_builder.h"
#include "tests/support/places_files.h"
#include "tests/support/temp_dir.h"
#include "wire/catalogue_files.h"
#include "wire/frame_builder.h"

namespace opsroom::console {
namespace {

using testing::kNewCrossing;
using testing::kNewCrossingLat;
using testing::kNewCrossingLon;

constexpr int64_t kNow = 1'760'000'000'500;

// An Alert that names only a place (no position of its own), as a Frame{Event} decoded with `places`.
std::optional<ConsoleEvent> AlertAt(const std::string& place_code, const wire::PlaceCatalog& places) {
  nodes::AlertSpec spec;
  spec.alert_id = "ME-BP-1";
  spec.severity = wire::Severity::Urgent;
  spec.title = "Van with 9 migrants at the new crossing";
  spec.place_code = place_code;
  nodes::EnvelopeHeader header;
  header.origin = "ME-BP";
  header.country = "ME";
  header.node_seq = 1;
  header.sent_at_ms = kNow - 500;
  wire::Bytes frame = wire::BuildEvent(1, kNow, nodes::BuildEnvelope(header, spec));
  auto checked = wire::CheckEventFrame(frame);
  EXPECT_TRUE(checked.ok());
  if (!checked.ok()) return std::nullopt;
  return DecodeEvent(checked.value(), places, false);
}

class ConsolePlacesFile : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(temp_.made()); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(temp_.file(name)) << text;
    return temp_.file(name);
  }
  testing::TempDir temp_{"opsroom-console-places"};
};

TEST_F(ConsolePlacesFile, AnAlertAtACrossingTheFileAddsIsPlacedOnTheMap) {
  auto built_in = AlertAt(kNewCrossing, wire::PlaceCatalog::InUse());
  ASSERT_TRUE(built_in);
  EXPECT_FALSE(std::get<AlertValue>(*built_in).position) << "the built-in catalogue does not know the crossing";

  // What main does with --places (a superset of the committed places: harmless to the other tests here).
  ASSERT_EQ(wire::UseCatalogueFiles({Write("places.tsv", testing::PlacesWithNewCrossing()), ""}), "");
  auto event = AlertAt(kNewCrossing, wire::PlaceCatalog::InUse());  // as ConsoleLink decodes
  ASSERT_TRUE(event);
  const auto& alert = std::get<AlertValue>(*event);
  ASSERT_TRUE(alert.position);
  EXPECT_DOUBLE_EQ(alert.position->lat, kNewCrossingLat);
  EXPECT_DOUBLE_EQ(alert.position->lon, kNewCrossingLon);
  EXPECT_EQ(alert.place_name, "Novi prelaz");

  ConsoleModel model;
  model.Apply(*event, kNow);
  model.Refresh(kNow);
  ASSERT_EQ(model.grid().size(), 1u) << "on the map";
  Viewport viewport;
  viewport.SetScreen({0, 0, 960, 700});
  const LatLon crossing{kNewCrossingLat, kNewCrossingLon};
  viewport.ZoomAbout(viewport.ToScreen(crossing), 8.0);
  std::vector<Glyph> glyphs = GlyphsFor(viewport, model.grid());
  ASSERT_EQ(glyphs.size(), 1u);
  EXPECT_NEAR(glyphs[0].at.x, viewport.ToScreen(crossing).x, 0.01);
  EXPECT_NEAR(glyphs[0].at.y, viewport.ToScreen(crossing).y, 0.01);
}

TEST_F(ConsolePlacesFile, ABadFileIsRefusedNamingItsLine) {
  const std::string path = Write("bad.tsv", testing::PlacesWithABadLine());
  std::string refused = wire::CheckCatalogueFiles({path, ""});
  EXPECT_NE(refused.find(path + " line " + std::to_string(testing::BadPlacesLine()) + ": unknown kind 'harbour'"),
            std::string::npos)
      << refused;
}

}  // namespace
}  // namespace opsroom::console
