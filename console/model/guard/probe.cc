// Compiled only by the test console_model_rejects_imgui: must fail with the guard's message.
#include "imgui.h"
