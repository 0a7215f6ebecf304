// Opening a console window, and opaque fills. A frame's biggest cost under a
// software rasteriser (Mesa llvmpipe) is filling pixels, and window
// backgrounds are most of them: when the app provides a blend-off draw
// callback, backgrounds and the cached map image are drawn without blending.
// UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

// As ImGui::Begin (call ImGui::End whatever it returns), with the background
// filled opaque by the view instead of by ImGui.
bool BeginPanel(const ViewConfig& config, const char* name, bool* open, ImGuiWindowFlags flags = 0);

void FillOpaque(ImDrawList* draw, const ViewConfig& config, ImVec2 a, ImVec2 b, ImU32 color);
void ImageOpaque(ImDrawList* draw, const ViewConfig& config, ImTextureID texture, ImVec2 a, ImVec2 b, ImVec2 uv0,
                 ImVec2 uv1);

}  // namespace opsroom::console
