// Keyboard first (docs/desk.md section 2): moving through the attention queue
// and acting on its rows without the mouse, the assign prompt, and the help
// overlay (F1 or ?). Keys act only while no text field has the keyboard.
// UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

// The GLFW backend's key index for F1 (ImGui 1.86 has no named F-keys: the
// backend fills io.KeysDown[] with GLFW key codes).
inline constexpr int kF1KeyIndex = 290;

// Reads this frame's keys and typed characters; call before the windows draw.
void HandleDeskKeys(ViewContext& ctx);
// The assign prompt and the help overlay, when open; call after the windows.
void DrawDeskOverlays(ViewContext& ctx);

}  // namespace opsroom::console
