// Headless ImGui (the example_null recipe of v1.86): every console window
// drawn over a model of 50,000 alerts, without GLFW or GL, within bounds.
#include <gtest/gtest.h>

#include <cstdio>

#include "console/model/synthetic_feed.h"
#include "console/view/console_view.h"
#include "console/view/fonts.h"
#include "tests/unit/console_headless.h"

namespace opsroom::console {
namespace {

constexpr int64_t kNow = 1'760'000'000'000;

// A canvas that renders nothing but counts how often the static layer is built.
class CountingCanvas : public OffscreenCanvas {
 public:
  ImTextureID Render(ImDrawList* list, ImVec2, int, int) override {
    ++renders;
    last_vertices = list->VtxBuffer.Size;
    return reinterpret_cast<ImTextureID>(2);
  }
  int renders = 0;
  int last_vertices = 0;
};

ConsoleModel BigModel(std::size_t alerts) {
  ConsoleModel model;
  SyntheticFeed feed({.seed = 11, .initial_alerts = alerts, .flash_share = 0.01});
  for (const auto& event : feed.Initial(kNow)) model.Apply(event, kNow);
  model.Refresh(kNow);
  return model;
}

TEST(ConsoleViewHeadless, EveryWindowOverFiftyThousandAlertsStaysWithinBounds) {
  HeadlessImGui imgui;
  ConsoleModel model = BigModel(50'000);
  ViewConfig config;
  config.operator_name = "Ana";
  int sent = 0;
  config.send_action = [&](const ActionRequest&) { ++sent; };
  config.fonts = imgui.fonts().fonts;
  ConsoleView view(config);
  FrameInfo frame{kNow, 16.0f, {}};
  ImDrawData* data = nullptr;
  for (int i = 0; i < 5; ++i) {
    frame.now_ms = kNow + i * 16;
    model.Refresh(frame.now_ms);
    data = imgui.Frame([&] { view.Draw(model, frame); });
  }
  const ViewStats& stats = view.stats();
  EXPECT_EQ(stats.windows_drawn, 8);
  EXPECT_GT(stats.attention_rows_emitted, 3);
  EXPECT_LT(stats.attention_rows_emitted, 60) << "the attention queue must draw only visible rows";
  EXPECT_GT(stats.feed_rows_emitted, 5);
  EXPECT_LE(stats.feed_rows_emitted, stats.feed_rows_fit + 1) << "the feed must draw only visible rows";
  EXPECT_GT(stats.glyphs_drawn, 10);
  EXPECT_LE(stats.glyphs_drawn, stats.glyph_bound);
  EXPECT_LT(stats.glyphs_drawn, 2'000) << "50,000 alerts must fold into clusters";
  ASSERT_NE(data, nullptr);
  EXPECT_LT(data->TotalVtxCount, 400'000) << "vertices must not grow with the number of alerts";
  RecordProperty("feed_rows_emitted", stats.feed_rows_emitted);
  RecordProperty("glyphs_drawn", stats.glyphs_drawn);
  RecordProperty("total_vertices", data->TotalVtxCount);
}

TEST(ConsoleViewHeadless, HitsQueueShowsEveryHitTheMapMarksTheOpenOnesAndTheWatchlistRanks) {
  HeadlessImGui imgui;
  ConsoleModel model = BigModel(1'000);
  uint64_t seq = model.link().last_seq;
  for (int i = 0; i < 3; ++i) {
    HitValue hit;
    hit.meta.hub_seq = ++seq;
    hit.hit_id = "H" + std::to_string(seq);
    hit.entry_id = "RS-CP:W-" + std::to_string(i);
    hit.action = i == 0 ? ActionRequested::Arrest : ActionRequested::DiscreetCheck;
    hit.answer_by_ms = kNow + (i - 1) * 3'600'000LL;  // one overdue
    hit.position = LatLon{45.048, 19.100};
    hit.subject.emplace().name = "Marko Scepanovic";
    hit.why.push_back(
        {"tokens", ReasonOutcome::Agreed, "Шћепановић Марко", "Marko Scepanovic", "scepanovic=scepanovic"});
    model.Apply(hit, kNow);
  }
  HitDecisionValue rejected;
  rejected.meta.hub_seq = ++seq;
  rejected.hit_id = "H" + std::to_string(seq - 1);
  rejected.verdict = HitVerdict::Reject;
  model.Apply(rejected, kNow);
  WatchValue entry;
  entry.meta.hub_seq = ++seq;
  entry.entry_id = "RS-CP:W-0";
  entry.revision = 1;
  entry.name_original = "Шћепановић Марко";
  model.Apply(entry, kNow);
  ViewConfig config;
  config.operator_name = "Ana";
  std::vector<ActionRequest> sent;
  config.send_action = [&](const ActionRequest& request) { sent.push_back(request); };
  config.fonts = imgui.fonts().fonts;
  ConsoleView view(config);
  view.state().selected_hit = model.hits().Ordered().front()->hit.hit_id;
  std::snprintf(view.state().watch_query, sizeof view.state().watch_query, "%s", "SCEPANOVIC MARKO");
  FrameInfo frame{kNow, 16.0f, {}};
  for (int i = 0; i < 3; ++i) imgui.Frame([&] { view.Draw(model, frame); });
  EXPECT_EQ(view.stats().hit_rows_emitted, 3);
  EXPECT_EQ(view.stats().hit_markers_drawn, 2) << "the rejected hit leaves the map";
  ASSERT_FALSE(view.state().watch_hits.empty());
  EXPECT_EQ(view.state().watch_hits[0].record->entry.entry_id, "RS-CP:W-0");
  EXPECT_GT(view.state().watch_hits[0].score, 0.0);
  EXPECT_EQ(model.hits().Ordered().front()->hit.action, ActionRequested::Arrest) << "the most urgent on top";
}

TEST(ConsoleViewHeadless, ScrollingToAnAlertDeepInTheFeedStillDrawsOnlyVisibleRows) {
  HeadlessImGui imgui;
  ConsoleModel model = BigModel(50'000);
  ViewConfig config;
  config.fonts = imgui.fonts().fonts;
  ConsoleView view(config);
  FrameInfo frame{kNow, 16.0f, {}};
  imgui.Frame([&] { view.Draw(model, frame); });
  uint32_t deep = model.feed().rows()[model.feed().rows().size() / 2];
  view.state().selected = deep;
  view.state().scroll_feed_to_selected = true;
  for (int i = 0; i < 3; ++i) imgui.Frame([&] { view.Draw(model, frame); });
  EXPECT_GT(view.stats().feed_rows_emitted, 5);
  EXPECT_LE(view.stats().feed_rows_emitted, view.stats().feed_rows_fit + 1);
}

TEST(ConsoleViewHeadless, StaticMapIsRebuiltOnlyWhenZoomedOrPannedBeyondItsMargin) {
  HeadlessImGui imgui;
  ConsoleModel model = BigModel(1'000);
  CountingCanvas canvas;
  ViewConfig config;
  config.canvas = &canvas;
  config.fonts = imgui.fonts().fonts;
  ConsoleView view(config);
  FrameInfo frame{kNow, 16.0f, {}};
  for (int i = 0; i < 10; ++i) imgui.Frame([&] { view.Draw(model, frame); });
  EXPECT_LE(canvas.renders, 2);  // the first frame may still be settling the layout
  EXPECT_GT(canvas.last_vertices, 1'000);
  int before = canvas.renders;
  view.state().viewport.Pan(25, 0);  // a small pan slides the cached texture
  imgui.Frame([&] { view.Draw(model, frame); });
  EXPECT_EQ(canvas.renders, before);
  view.state().viewport.Pan(400, 0);  // beyond the margin: re-rendered
  imgui.Frame([&] { view.Draw(model, frame); });
  EXPECT_EQ(canvas.renders, before + 1);
  view.state().viewport.ZoomAbout({400, 300}, 1.5);  // a new scale: re-rendered
  imgui.Frame([&] { view.Draw(model, frame); });
  EXPECT_EQ(canvas.renders, before + 2);
}

TEST(ConsoleViewHeadless, FontsCoverLatinExtendedGreekAndCyrillic) {
  HeadlessImGui imgui;
  if (!imgui.fonts().ttf) GTEST_SKIP() << "DejaVu Sans missing: " << imgui.fonts().warning;
  ImFont* font = imgui.fonts().fonts.regular;
  for (ImWchar c : {0x160 /* Š */, 0x107 /* ć */, 0xEB /* ë */, 0x428 /* Ш */, 0x45B /* ћ */, 0x3BA /* κ */}) {
    EXPECT_NE(font->FindGlyphNoFallback(c), nullptr) << "U+" << std::hex << c;
  }
}

TEST(ConsoleViewSettings, RoundTripThroughIniLines) {
  PersistedSettings s;
  s.filter.severities = 0b1100;
  s.filter.country = "ME";
  s.filter.text = "Šćepanović";
  s.has_view = true;
  s.view_center = {0.553, 0.372};
  s.view_zoom = 4.5;
  PersistedSettings back;
  std::string text = WriteSettings(s);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    ReadSettingsLine(text.substr(start, end - start).c_str(), &back);
    start = end + 1;
  }
  EXPECT_EQ(back.filter, s.filter);
  EXPECT_TRUE(back.has_view);
  EXPECT_NEAR(back.view_zoom, 4.5, 1e-9);
  EXPECT_NEAR(back.view_center.x, 0.553, 1e-9);
}

}  // namespace
}  // namespace opsroom::console
