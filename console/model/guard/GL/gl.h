// Guard: the console model is plain C++ (STYLE.md, "The console is model, net,
// view, app"). This directory is first on the model's include path only.
#error "console/model must not include ImGui, GLFW or GL: move drawing code to console/view or console/app"
