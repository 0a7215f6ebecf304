// Dear ImGui without GLFW or GL (the example_null recipe of v1.86), for the
// console's view tests: fonts loaded, a 1600x900 display, one call per frame.
#pragma once
#include "console/view/fonts.h"
#include "imgui.h"

namespace opsroom::console {

class HeadlessImGui {
 public:
  HeadlessImGui() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 900);
    io.DeltaTime = 1.0f / 60.0f;
    // As the OpenGL 3 renderer of the app: draw lists may exceed 64K vertices.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    fonts_ = LoadFonts(io.Fonts);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }
  const FontLoad& fonts() const { return fonts_; }

  template <typename Fn>
  ImDrawData* Frame(Fn&& draw) {
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    return ImGui::GetDrawData();
  }

 private:
  FontLoad fonts_;
};

}  // namespace opsroom::console
