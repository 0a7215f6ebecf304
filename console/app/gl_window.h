// The console's GLFW window with an OpenGL 3.0 context and the Dear ImGui
// GLFW + OpenGL3 backends (the prebuilt ones in Debian's libimgui). Owns the
// ImGui context. Main thread only.
#pragma once
#include <chrono>
#include <string>
#include <vector>

struct GLFWwindow;
struct ImDrawList;
struct ImDrawCmd;

namespace opsroom::console {

// An ImDrawList callback that turns blending off for the following commands,
// until ImDrawCallback_ResetRenderState (opaque fills, see view/panel.h).
void GlBlendOff(const ImDrawList* list, const ImDrawCmd* command);

class GlWindow {
 public:
  GlWindow() = default;
  ~GlWindow();
  GlWindow(const GlWindow&) = delete;
  GlWindow& operator=(const GlWindow&) = delete;

  // Creates the window, the GL context and the ImGui context; false with
  // error() set when there is no display or no GL 3.
  bool Open(int width, int height, const std::string& title, bool vsync, const char* ini_path);
  const std::string& error() const { return error_; }

  bool ShouldClose() const;
  // Sleeps until input arrives, Wake() is called or `timeout` has passed.
  void WaitEvents(std::chrono::steady_clock::duration timeout);
  // Any thread: ends a WaitEvents now (the network thread, when events
  // arrive). Does nothing while no window is open.
  static void Wake();
  void BeginFrame();         // polls events, starts an ImGui frame
  void Render(bool finish);  // renders ImGui's draw data into the back buffer
  void Present();
  // The back buffer as top-down RGBA rows (call after Render, before Present).
  std::vector<unsigned char> ReadPixels(int* width, int* height) const;

 private:
  GLFWwindow* window_ = nullptr;
  bool imgui_ = false;
  std::string error_;
  std::string ini_path_;
};

}  // namespace opsroom::console
