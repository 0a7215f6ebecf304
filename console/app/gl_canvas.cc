#include "console/app/gl_canvas.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GL/glext.h>
#include <GLFW/glfw3.h>

#include "backends/imgui_impl_opengl3.h"

namespace opsroom::console {
namespace {

// Framebuffer objects are GL 3.0: not in libGL's 1.x exports, so they are
// looked up through GLFW.
PFNGLGENFRAMEBUFFERSPROC gen_framebuffers = nullptr;
PFNGLDELETEFRAMEBUFFERSPROC delete_framebuffers = nullptr;
PFNGLBINDFRAMEBUFFERPROC bind_framebuffer = nullptr;
PFNGLFRAMEBUFFERTEXTURE2DPROC framebuffer_texture_2d = nullptr;
PFNGLCHECKFRAMEBUFFERSTATUSPROC check_framebuffer_status = nullptr;

template <typename T>
bool Load(T* fn, const char* name) {
  *fn = reinterpret_cast<T>(glfwGetProcAddress(name));
  return *fn != nullptr;
}

}  // namespace

GlCanvas::~GlCanvas() {
  if (framebuffer_ && delete_framebuffers) delete_framebuffers(1, &framebuffer_);
  if (texture_) glDeleteTextures(1, &texture_);
}

bool GlCanvas::Init() {
  ready_ = Load(&gen_framebuffers, "glGenFramebuffers") && Load(&delete_framebuffers, "glDeleteFramebuffers") &&
           Load(&bind_framebuffer, "glBindFramebuffer") && Load(&framebuffer_texture_2d, "glFramebufferTexture2D") &&
           Load(&check_framebuffer_status, "glCheckFramebufferStatus");
  return ready_;
}

bool GlCanvas::Resize(int width, int height) {
  if (width == width_ && height == height_ && texture_) return true;
  if (!texture_) glGenTextures(1, &texture_);
  if (!framebuffer_) gen_framebuffers(1, &framebuffer_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  // Nearest: the texture maps 1:1 onto screen pixels, colours stay exact.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  bind_framebuffer(GL_FRAMEBUFFER, framebuffer_);
  framebuffer_texture_2d(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_, 0);
  bool complete = check_framebuffer_status(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  bind_framebuffer(GL_FRAMEBUFFER, 0);
  width_ = width;
  height_ = height;
  return complete;
}

ImTextureID GlCanvas::Render(ImDrawList* list, ImVec2 origin, int width, int height) {
  if (!ready_ || width <= 0 || height <= 0) return nullptr;
  GLint previous = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
  if (!Resize(width, height)) return nullptr;
  bind_framebuffer(GL_FRAMEBUFFER, framebuffer_);
  glViewport(0, 0, width, height);
  glClearColor(0, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImDrawData data;
  data.Valid = true;
  data.CmdLists = &list;
  data.CmdListsCount = 1;
  data.TotalVtxCount = list->VtxBuffer.Size;
  data.TotalIdxCount = list->IdxBuffer.Size;
  data.DisplayPos = origin;
  data.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  data.FramebufferScale = ImVec2(1, 1);
  ImGui_ImplOpenGL3_RenderDrawData(&data);
  bind_framebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
  ++renders_;
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_));
}

}  // namespace opsroom::console
