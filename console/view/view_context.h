// What every console window needs besides the model: UI state that is not
// data (selection, viewport, text being typed), where operator actions go,
// fonts, and per-frame counters the headless test checks. UI thread only.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "console/model/console_model.h"
#include "console/model/glyphs.h"
#include "console/model/map_geometry.h"
#include "console/model/name_script.h"
#include "console/model/operation_form.h"
#include "console/model/projection.h"
#include "console/model/replay_session.h"
#include "imgui.h"

namespace opsroom::console {

// Renders a draw list into a texture, so the static map is rasterised only
// when the view changes. console/app implements it with an OpenGL
// framebuffer object; without one (headless) the map draws directly.
class OffscreenCanvas {
 public:
  virtual ~OffscreenCanvas() = default;
  // `list` is in screen coordinates; `origin` is the texture's top-left.
  // Returns the texture, or nullptr when it could not render.
  virtual ImTextureID Render(ImDrawList* list, ImVec2 origin, int width, int height) = 0;
  // Texture rows run bottom-up (OpenGL): the view flips its v coordinates.
  virtual bool flipped() const { return true; }
};

struct ViewFonts {
  ImFont* regular = nullptr;
  ImFont* large = nullptr;  // banner, headings
  ImFont* small = nullptr;  // map labels
};

struct ViewConfig {
  std::string operator_name;                                         // empty: read-only console
  std::function<void(const ActionRequest&)> send_action;             // to the network thread
  std::function<void(const HitDecisionRequest&)> send_hit_decision;  // likewise
  std::function<void(const HandoverRequest&)> send_handover;         // likewise
  OffscreenCanvas* canvas = nullptr;
  // A draw callback that turns blending off until the next
  // ImDrawCallback_ResetRenderState (see panel.h); nullptr: always blend.
  ImDrawCallback blend_off = nullptr;
  ViewFonts fonts;
  std::string hub_endpoint;
  // A planner's key (docs/protocol.md 10.1): the operation editor sends new
  // versions of operations as `node_id`; empty: the editor is read-only.
  std::function<void(const OperationForm&)> send_operation;
  std::string node_id;
  // Replay, owned by the app; nullptr: none. enter_replay starts fetching
  // the log (once) and shows its latest moment.
  ReplaySession* replay = nullptr;
  std::function<void()> enter_replay;
  std::function<void()> leave_replay;  // empty: leave at once
};

// The network side as the status bar shows it.
struct FeedStats {
  bool has_network = false;
  uint64_t queued = 0;          // events waiting in the queue at swap time
  uint64_t received = 0;        // events the network thread produced
  uint64_t producer_waits = 0;  // times the network thread waited on a full queue
  uint64_t actions_pending = 0;
};

struct FrameInfo {
  int64_t now_ms = 0;  // wall clock, UTC; in a replay, the replay's moment
  float frame_ms = 0;
  FeedStats feed;
  // Changes whenever the picture is swapped (live, replay, a replay rebuilt):
  // the view's caches keyed on model revisions are dropped.
  uint64_t picture_epoch = 0;
};

// Counters of the last frame (the headless test asserts on them).
struct ViewStats {
  int feed_rows_emitted = 0;
  int feed_rows_fit = 0;  // rows the feed's visible height can show
  int watch_rows_emitted = 0;
  int watch_rows_fit = 0;
  int hit_rows_emitted = 0;
  int hit_markers_drawn = 0;
  int glyphs_drawn = 0;
  int glyph_bound = 0;
  uint64_t static_layer_builds = 0;  // cumulative
  int windows_drawn = 0;
  int attention_rows_emitted = 0;
  bool stale_banner = false;  // drawn this frame
  bool help_drawn = false;
};

// The planner's operation editor: the form and the text being typed into it.
struct OperationEditorState {
  OperationForm form;
  bool drawing_area = false;  // map clicks add points to the area
  char code[65] = {};
  char name[257] = {};
  char starts[32] = {};
  char ends[32] = {};
  char place_query[64] = {};
  std::string sent_code;  // the code of the version sent last: its outcome is shown
};

struct ViewState {
  Viewport viewport;
  std::optional<uint32_t> selected;  // alert index
  uint64_t seen_hub_rewinds = 0;     // the model's count when the selection was last valid
  bool scroll_feed_to_selected = false;
  bool reset_layout = false;
  bool show_windows[11] = {true, true, true, true, true, true, true, true, false, false, false};  // the last three on demand
  bool replay = false;          // this frame shows the replay's picture: nothing can be acted on
  uint64_t picture_epoch = 0;   // the FrameInfo's, when the caches were last valid
  OperationEditorState editor;
  std::string selected_hit;  // hit_id
  char filter_text[128] = {};
  char watch_query[128] = {};
  char comment[512] = {};
  char assignee[64] = {};
  // The desk (docs/desk.md): the attention queue's cursor (by id, so it stays
  // on its row when rows come and go), the keyboard's assign prompt, the
  // help overlay, and the script names are shown in.
  std::string attention_id;
  int attention_row = 0;
  bool scroll_attention = false;
  bool assign_prompt = false;
  char assign_to[64] = {};
  std::string assign_refusal;  // why the last assign was not sent
  bool show_help = false;
  char handover_note[2048] = {};  // the outgoing officer's note, until sent
  NameDisplay names;
  // Glyphs are recomputed only when the viewport or the map's alerts change.
  std::vector<Glyph> glyphs;
  uint64_t glyphs_view_revision = 0;
  uint64_t glyphs_grid_revision = 0;
  // Watchlist search, redone only when the query or the list changes.
  std::vector<Watchlist::Ranked> watch_hits;
  std::string watch_hits_query;
  uint64_t watch_hits_revision = ~0ull;
  // The static map layer's cache key.
  uint64_t layer_key = 0;
  ImTextureID layer_texture = nullptr;
  ImVec2 layer_size;        // the texture, map plus margins
  WorldPoint layer_center;  // the world point at the texture's centre
};

enum WindowId {
  kMapWindow,
  kFeedWindow,
  kDetailWindow,
  kWatchWindow,
  kOperationsWindow,
  kNodesWindow,
  kHitsWindow,
  kAttentionWindow,
  kHandoverWindow,
  kOperationEditorWindow,
  kReplayWindow
};
inline constexpr int kWindowCount = 11;

struct ViewContext {
  ConsoleModel& model;
  ViewState& state;
  const ViewConfig& config;
  const FrameInfo& frame;
  ViewStats& stats;
};

// Selecting an alert (from the map, the feed or the banner).
void SelectAlert(ViewContext& ctx, uint32_t index, bool scroll_feed);
// Sends an action on the selected alert; false when read-only or none selected.
bool SendAction(ViewContext& ctx, ActionKind kind, const std::string& assignee = {}, const std::string& text = {});
// Sends an action on the alert at `index` (shown as pending until the hub answers).
bool SendActionOn(ViewContext& ctx, uint32_t index, ActionKind kind, const std::string& assignee = {},
                  const std::string& text = {});
// Whether the alert's marking lets this console assign it to `assignee`
// (a participant code or one of the room's desks); docs/desk.md section 3.
bool MayAssign(const AlertRecord& alert, const std::string& assignee);
bool CanAct(const ViewContext& ctx);
// Confirms or rejects a hit; false when read-only.
bool SendHitDecision(ViewContext& ctx, const HitValue& hit, HitVerdict verdict);
// Hands the shift over with the note and the open items as of now; false when read-only.
bool SendHandover(ViewContext& ctx, const std::string& note);
// Acknowledges the handover (its effective id); false when read-only.
bool SendHandoverAck(ViewContext& ctx, const std::string& handover_id);
// Whether this console may send operations: a planner's key, an operator, live.
bool CanPlan(const ViewContext& ctx);
// Sends the form as a new version of its operation; false when it may not
// (read-only, a replay) or the form still has problems.
bool SendOperation(ViewContext& ctx, const OperationForm& form);

}  // namespace opsroom::console
