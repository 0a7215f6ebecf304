#include "hub/tools/service_notify.h"

#include <systemd/sd-daemon.h>

namespace opsroom::hub {

void NotifyStatus(const std::string& status) { sd_notify(0, ("STATUS=" + status).c_str()); }
void NotifyReady(const std::string& status) { sd_notify(0, ("READY=1\nSTATUS=" + status).c_str()); }
void NotifyStopping() { sd_notify(0, "STOPPING=1\nSTATUS=stopped"); }

}  // namespace opsroom::hub
