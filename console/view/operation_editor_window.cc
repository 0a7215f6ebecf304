#include "console/view/operation_editor_window.h"

#include <cstdio>
#include <string>

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"
#include "wire/participants.h"
#include "wire/places.h"
#include "wire/utc_time.h"

namespace opsroom::console {
namespace {

void Copy(char* out, std::size_t size, const std::string& text) { std::snprintf(out, size, "%s", text.c_str()); }

std::string MinuteText(int64_t ms) { return ms == 0 ? "" : FormatUtcDateTime(ms).substr(0, 16); }

// The text boxes show the form; called whenever the form is replaced.
void FillTexts(OperationEditorState& ed) {
  Copy(ed.code, sizeof ed.code, ed.form.code);
  Copy(ed.name, sizeof ed.name, ed.form.name);
  Copy(ed.starts, sizeof ed.starts, MinuteText(ed.form.starts_at_ms));
  Copy(ed.ends, sizeof ed.ends, MinuteText(ed.form.ends_at_ms));
}

void ShowProblems(const std::vector<FormProblem>& problems, FormField field) {
  for (const FormProblem& p : problems) {
    if (p.field == field) TextColored(kBad, p.text.c_str());
  }
}

void Identity(ViewContext& ctx, const std::vector<FormProblem>& problems) {
  OperationEditorState& ed = ctx.state.editor;
  if (ImGui::InputTextWithHint("code", "JAD-WB-2026", ed.code, sizeof ed.code)) ed.form.code = ed.code;
  if (!ed.form.code.empty() && ed.form.code.find(':') == std::string::npos && !ctx.config.node_id.empty()) {
    ImGui::TextDisabled("the room will know it as %s:%s", ctx.config.node_id.c_str(), ed.form.code.c_str());
  }
  ShowProblems(problems, FormField::kCode);
  if (ImGui::InputTextWithHint("name", "Joint Action Day Western Balkans", ed.name, sizeof ed.name)) {
    ed.form.name = ed.name;
  }
  ShowProblems(problems, FormField::kName);
  if (ImGui::BeginCombo("lead", ed.form.lead.empty() ? "(pick)" : ed.form.lead.c_str())) {
    for (const wire::Participant& p : wire::AllParticipants()) {
      if (p.kind == wire::ParticipantKind::kRoom) continue;
      std::string label = std::string(p.code) + "  " + std::string(p.name);
      if (ImGui::Selectable(label.c_str(), ed.form.lead == p.code)) ed.form.lead = std::string(p.code);
    }
    ImGui::EndCombo();
  }
  ShowProblems(problems, FormField::kLead);
}

void Participants(ViewContext& ctx, const std::vector<FormProblem>& problems) {
  OperationForm& form = ctx.state.editor.form;
  ImGui::TextDisabled("participants");
  const wire::ParticipantKind kinds[] = {wire::ParticipantKind::kNational, wire::ParticipantKind::kPartner,
                                         wire::ParticipantKind::kNeighbour};
  for (wire::ParticipantKind kind : kinds) {
    int in_row = 0;
    for (const wire::Participant& p : wire::AllParticipants()) {
      if (p.kind != kind) continue;
      std::string code(p.code);
      bool on = HasParticipant(form, code);
      if (in_row++ > 0) ImGui::SameLine();
      if (ImGui::Checkbox(code.c_str(), &on)) ToggleParticipant(&form, code);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(p.name.size()), p.name.data());
    }
  }
  ShowProblems(problems, FormField::kParticipants);
  ImGui::TextDisabled("crime areas");
  const float column = ImGui::GetContentRegionAvail().x / 3.0f;
  for (int i = 1, in_row = 0; i < kCrimeAreaCount; ++i) {
    auto area = static_cast<CrimeArea>(i);
    if (in_row++ % 3 != 0) ImGui::SameLine(static_cast<float>((in_row - 1) % 3) * column + ImGui::GetStyle().WindowPadding.x);
    bool on = (form.crime_areas & Bit(area)) != 0;
    if (ImGui::Checkbox(CrimeAreaName(area), &on)) form.crime_areas ^= Bit(area);
  }
}

void Area(ViewContext& ctx, const std::vector<FormProblem>& problems) {
  OperationEditorState& ed = ctx.state.editor;
  ImGui::TextDisabled("area");
  if (ed.drawing_area) {
    ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(kWarn));
    if (ImGui::Button("Done drawing")) ed.drawing_area = false;
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("click the map to add a point; right-click removes the last");
  } else if (ImGui::Button(ed.form.area.empty() ? "Draw on the map" : "Add points on the map")) {
    ed.drawing_area = true;
    ctx.state.show_windows[kMapWindow] = true;
  }
  ImGui::SameLine();
  ImGui::Text("%zu points", ed.form.area.size());
  ImGui::SameLine();
  if (ImGui::SmallButton("undo") && !ed.form.area.empty()) ed.form.area.pop_back();
  ImGui::SameLine();
  if (ImGui::SmallButton("clear")) ed.form.area.clear();
  ShowProblems(problems, FormField::kArea);
}

void Places(ViewContext& ctx, const std::vector<FormProblem>& problems) {
  OperationEditorState& ed = ctx.state.editor;
  ImGui::TextDisabled("crossing points and places (%zu picked)", ed.form.place_codes.size());
  for (std::size_t i = 0; i < ed.form.place_codes.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    std::string chip = ed.form.place_codes[i] + " x##chip" + std::to_string(i);
    if (ImGui::SmallButton(chip.c_str())) {
      TogglePlace(&ed.form, ed.form.place_codes[i]);
      break;
    }
  }
  ImGui::InputTextWithHint("##place_query", "search places: Kakavia, BCP-AL, port...", ed.place_query,
                           sizeof ed.place_query);
  ImGui::BeginChild("places", ImVec2(0, 110), true);
  std::string query = ed.place_query;
  for (const wire::Place& place : wire::PlaceCatalog::InUse().all()) {
    std::string label = place.code + "  " + place.name_latin + "  (" + wire::PlaceKindName(place.kind) + ")";
    if (!query.empty() && label.find(query) == std::string::npos) continue;
    if (query.empty() && place.kind != wire::PlaceKind::kCrossing) continue;  // crossings first
    if (ImGui::Selectable(label.c_str(), HasPlace(ed.form, place.code))) TogglePlace(&ed.form, place.code);
  }
  ImGui::EndChild();
  ShowProblems(problems, FormField::kPlaces);
}

void TimeField(const char* label, char* text, std::size_t size, int64_t* ms) {
  if (ImGui::InputTextWithHint(label, "YYYY-MM-DD HH:MM (UTC)", text, size)) {
    wire::ParsedTime parsed = wire::ParseUtcTime(text, wire::TimeForms{.zone_implied = true});
    *ms = parsed.ok() ? parsed.ms : 0;
  }
  if (text[0] != 0 && *ms == 0) {
    ImGui::SameLine();
    TextColored(kWarn, "not a UTC time");
  }
}

void Schedule(ViewContext& ctx, const std::vector<FormProblem>& problems) {
  OperationEditorState& ed = ctx.state.editor;
  ImGui::SetNextItemWidth(180);
  TimeField("starts", ed.starts, sizeof ed.starts, &ed.form.starts_at_ms);
  ImGui::SetNextItemWidth(180);
  TimeField("ends", ed.ends, sizeof ed.ends, &ed.form.ends_at_ms);
  ShowProblems(problems, FormField::kSchedule);
  ImGui::TextDisabled("phase");
  for (int i = 0; i < kOperationPhaseCount; ++i) {
    ImGui::SameLine();
    auto phase = static_cast<OperationPhase>(i);
    if (ImGui::RadioButton(OperationPhaseName(phase), ed.form.phase == phase)) ed.form.phase = phase;
  }
  int hours = static_cast<int>(ed.form.report_every_hours);
  ImGui::SetNextItemWidth(120);
  if (ImGui::InputInt("hours between sitreps (0: none)", &hours)) {
    ed.form.report_every_hours = static_cast<uint32_t>(std::max(hours, 0));
  }
  ShowProblems(problems, FormField::kRhythm);
  ImGui::TextDisabled("shared with");
  ImGui::SameLine();
  if (ImGui::RadioButton("the participants", ed.form.sharing == OperationSharing::kParticipants)) {
    ed.form.sharing = OperationSharing::kParticipants;
  }
  ImGui::SameLine();
  if (ImGui::RadioButton("everyone (public)", ed.form.sharing == OperationSharing::kPublic)) {
    ed.form.sharing = OperationSharing::kPublic;
  }
}

// What became of the version sent last.
void Outcome(ViewContext& ctx) {
  const std::string& code = ctx.state.editor.sent_code;
  if (code.empty()) return;
  if (ctx.model.pending().For(code)) {
    TextColored(kWarn, ("sent " + code + "; waiting for the hub").c_str());
    return;
  }
  for (const ActionOutcomeValue& outcome : ctx.model.outcomes()) {
    if (outcome.alert_id != code) continue;
    std::string text = outcome.accepted ? "stored by the hub at sequence " + std::to_string(outcome.hub_seq)
                                        : "refused: " + outcome.reason;
    TextColored(outcome.accepted ? kGood : kBad, text.c_str());
    return;
  }
}

void Footer(ViewContext& ctx, const std::vector<FormProblem>& problems) {
  OperationEditorState& ed = ctx.state.editor;
  ShowProblems(problems, FormField::kMessage);
  ImGui::Separator();
  bool can = CanPlan(ctx);
  ImGui::BeginDisabled(!can || !problems.empty());
  if (ImGui::Button("Send to the hub") && SendOperation(ctx, ed.form)) ed.sent_code = ed.form.code;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Next phase")) ed.form.phase = NextPhase(ed.form.phase);
  ImGui::SameLine();
  if (ImGui::Button("New")) {
    ed = OperationEditorState{};
    ed.drawing_area = false;
  }
  if (!can) {
    ImGui::TextDisabled(ctx.state.replay ? "a replay cannot send"
                                         : "sending needs a planner key (--role planner) and --operator");
  } else if (!problems.empty()) {
    ImGui::TextDisabled("%zu thing(s) to fix before sending", problems.size());
  }
  Outcome(ctx);
}

}  // namespace

void EditOperation(ViewContext& ctx, const OperationValue& operation) {
  OperationEditorState& ed = ctx.state.editor;
  ed.form = FormFrom(operation);
  ed.drawing_area = false;
  FillTexts(ed);
  ctx.state.show_windows[kOperationEditorWindow] = true;
  // The map looks at the area being edited.
  if (!ed.form.area.empty() && ctx.state.viewport.screen().width() > 0) {
    LatLon mean;
    for (const LatLon& p : ed.form.area) {
      mean.lat += p.lat / static_cast<double>(ed.form.area.size());
      mean.lon += p.lon / static_cast<double>(ed.form.area.size());
    }
    ctx.state.viewport.Restore(Project(mean), ctx.state.viewport.zoom());
  }
}

void DrawOperationEditorWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Operation editor", &ctx.state.show_windows[kOperationEditorWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  std::vector<FormProblem> problems = FormProblems(ctx.state.editor.form, ctx.config.node_id, ctx.frame.now_ms);
  ImGui::PushItemWidth(-200);
  Identity(ctx, problems);
  ImGui::Separator();
  Participants(ctx, problems);
  ImGui::Separator();
  Area(ctx, problems);
  Places(ctx, problems);
  ImGui::Separator();
  Schedule(ctx, problems);
  ImGui::PopItemWidth();
  Footer(ctx, problems);
  ImGui::End();
  if (!ctx.state.show_windows[kOperationEditorWindow]) ctx.state.editor.drawing_area = false;
}

void DrawOperationDraft(ImDrawList* draw, const ViewContext& ctx) {
  if (!ctx.state.show_windows[kOperationEditorWindow]) return;
  const OperationForm& form = ctx.state.editor.form;
  const Viewport& v = ctx.state.viewport;
  const ImU32 line = IM_COL32(250, 200, 60, 255);
  std::vector<ImVec2> points;
  for (const LatLon& p : form.area) {
    ScreenPoint s = v.ToScreen(p);
    points.emplace_back(s.x, s.y);
  }
  if (points.size() >= 2) {
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), line,
                      points.size() >= 3 ? ImDrawFlags_Closed : ImDrawFlags_None, 2.5f);
  }
  for (const ImVec2& p : points) draw->AddCircleFilled(p, 4.0f, line, 10);
  for (const std::string& code : form.place_codes) {
    const wire::Place* place = wire::PlaceCatalog::InUse().Find(code);
    if (!place) continue;
    ScreenPoint s = v.ToScreen(LatLon{place->lat, place->lon});
    draw->AddRect(ImVec2(s.x - 6, s.y - 6), ImVec2(s.x + 6, s.y + 6), line, 0, 0, 2.5f);
    draw->AddText(ImVec2(s.x + 9, s.y - 8), line, place->name_latin.c_str());
  }
}

bool EditorTakesMapClick(ViewContext& ctx, bool hovered) {
  OperationEditorState& ed = ctx.state.editor;
  if (!ed.drawing_area || !hovered || !ctx.state.show_windows[kOperationEditorWindow]) return false;
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16.0f) {
    LatLon at = Unproject(ctx.state.viewport.ToWorld({io.MousePos.x, io.MousePos.y}));
    ed.form.area.push_back(at);
  } else if (ImGui::IsMouseReleased(ImGuiMouseButton_Right) && !ed.form.area.empty()) {
    ed.form.area.pop_back();
  }
  return true;
}

}  // namespace opsroom::console
