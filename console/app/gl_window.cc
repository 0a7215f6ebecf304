#include "console/app/gl_window.h"

#include <algorithm>
#include <mutex>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"

namespace opsroom::console {
namespace {

std::string g_glfw_error;
void OnGlfwError(int code, const char* text) { g_glfw_error = "GLFW error " + std::to_string(code) + ": " + text; }

// Wake() comes from the network thread, which may outlive the window: it
// posts only while GLFW is initialised and a window is open, never during
// glfwTerminate.
std::mutex g_wake_mutex;
bool g_wake_armed = false;
void ArmWake(bool armed) {
  std::lock_guard<std::mutex> lock(g_wake_mutex);
  g_wake_armed = armed;
}

}  // namespace

void GlBlendOff(const ImDrawList*, const ImDrawCmd*) { glDisable(GL_BLEND); }

GlWindow::~GlWindow() {
  ArmWake(false);
  if (imgui_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  if (window_) glfwDestroyWindow(window_);
  glfwTerminate();
}

bool GlWindow::Open(int width, int height, const std::string& title, bool vsync, const char* ini_path) {
  glfwSetErrorCallback(OnGlfwError);
  if (!glfwInit()) {
    error_ = "cannot initialise GLFW (no display? run under xvfb-run -a): " + g_glfw_error;
    return false;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_SAMPLES, 0);
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    error_ =
        "cannot open a " + std::to_string(width) + "x" + std::to_string(height) + " OpenGL 3 window: " + g_glfw_error;
    return false;
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(vsync ? 1 : 0);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  imgui_ = true;
  ini_path_ = ini_path ? ini_path : "";
  ImGui::GetIO().IniFilename = ini_path_.empty() ? nullptr : ini_path_.c_str();
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  ArmWake(true);
  return true;
}

bool GlWindow::ShouldClose() const { return glfwWindowShouldClose(window_); }

void GlWindow::WaitEvents(std::chrono::steady_clock::duration timeout) {
  glfwWaitEventsTimeout(std::chrono::duration<double>(timeout).count());
}

void GlWindow::Wake() {
  std::lock_guard<std::mutex> lock(g_wake_mutex);
  if (g_wake_armed) glfwPostEmptyEvent();
}

void GlWindow::BeginFrame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void GlWindow::Render(bool finish) {
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.05f, 0.06f, 0.08f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (finish) glFinish();
}

void GlWindow::Present() { glfwSwapBuffers(window_); }

std::vector<unsigned char> GlWindow::ReadPixels(int* width, int* height) const {
  glfwGetFramebufferSize(window_, width, height);
  std::size_t row = static_cast<std::size_t>(*width) * 4;
  std::vector<unsigned char> bottom_up(row * *height);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, *width, *height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
  std::vector<unsigned char> top_down(bottom_up.size());
  for (int y = 0; y < *height; ++y) {
    std::copy_n(bottom_up.data() + (*height - 1 - y) * row, row, top_down.data() + y * row);
  }
  return top_down;
}

}  // namespace opsroom::console
