"""A real opsroom-hub on a free loopback port, for tests written in Python.

    with HubProcess(binary, workdir, ["--insecure"]) as hub:
        ... hub.endpoint (tcp://127.0.0.1:P; the fan-out is on P + 1), hub.data_dir ...
    hub.exit_code, hub.log()

Starts `opsroom-hub --data WORKDIR/data-N --bind tcp://127.0.0.1:P EXTRA...` with P
and P + 1 free, waits (bounded) until it listens, and retries on another port when
another process took it between the probe and the bind. Stops it with SIGTERM.
"""
import os
import signal
import socket
import subprocess
import time

START_TIMEOUT_S = 15
STOP_TIMEOUT_S = 15
START_ATTEMPTS = 3


class HubStartError(RuntimeError):
    pass


def free_port_pair():
    """A port P with P+1 also free on 127.0.0.1 (the hub binds both)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if port >= 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
            return port
    raise HubStartError("no free pair of loopback ports")


def wait_listening(port, hub):
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if hub.poll() is not None:
            return False
        with socket.socket() as probe:
            probe.settimeout(0.2)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


def stop(hub):
    """SIGTERM, then the exit code; None if it had to be killed."""
    if hub.poll() is not None:
        return hub.returncode
    hub.send_signal(signal.SIGTERM)
    try:
        return hub.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        hub.kill()
        hub.wait()
        return None


class HubProcess:
    def __init__(self, binary, workdir, extra_args=()):
        self.binary, self.workdir, self.extra_args = binary, workdir, list(extra_args)
        self.process = None
        self.port = None
        self.log_path = None
        self.data_dir = None
        self.exit_code = None

    @property
    def endpoint(self):
        return "tcp://127.0.0.1:%d" % self.port

    def start(self):
        for attempt in range(START_ATTEMPTS):
            self.port = free_port_pair()
            self.log_path = os.path.join(self.workdir, "hub-%d.log" % attempt)
            self.data_dir = os.path.join(self.workdir, "data-%d" % attempt)
            with open(self.log_path, "w") as log:
                self.process = subprocess.Popen(
                    [self.binary, "--data", self.data_dir,
                     "--bind", self.endpoint] + self.extra_args, stdout=log, stderr=subprocess.STDOUT)
            if wait_listening(self.port, self.process):
                return self
            stop(self.process)
            print("hub_process: the hub did not start on port %d:\n%s" % (self.port, self.log()))
        raise HubStartError("the hub did not start in %d attempts" % START_ATTEMPTS)

    def stop(self):
        self.exit_code = stop(self.process)
        return self.exit_code

    def log(self):
        with open(self.log_path) as handle:
            return handle.read()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False
