// The static map layer's cache: renders an ImDrawList into a texture through
// an OpenGL framebuffer object, with the ImGui OpenGL3 backend, so the map is
// rasterised only when the view changes. Main thread, with the GL context.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

class GlCanvas : public OffscreenCanvas {
 public:
  GlCanvas() = default;
  ~GlCanvas() override;
  // Loads the framebuffer functions (GL 3.0); false when unavailable.
  bool Init();
  ImTextureID Render(ImDrawList* list, ImVec2 origin, int width, int height) override;
  uint64_t renders() const { return renders_; }

 private:
  bool Resize(int width, int height);

  unsigned int texture_ = 0;
  unsigned int framebuffer_ = 0;
  int width_ = 0, height_ = 0;
  bool ready_ = false;
  uint64_t renders_ = 0;
};

}  // namespace opsroom::console
