// Tells systemd how the hub is doing when it runs as a Type=notify service
// (deploy/systemd/opsroom-hub.service): STATUS while it opens its store (the
// WAL replay can take a while), READY once it serves, STOPPING.
// Without systemd ($NOTIFY_SOCKET unset) every call does nothing.
#pragma once
#include <string>

namespace opsroom::hub {

void NotifyStatus(const std::string& status);
void NotifyReady(const std::string& status);
void NotifyStopping();

}  // namespace opsroom::hub
