#!/usr/bin/python3
"""Runs a client program against a real opsroom-hub on a free loopback port.

usage: run_with_hub.py --hub-binary PATH [--pythonpath DIR] -- PROGRAM [ARGS...]
Starts `opsroom-hub --data TMP --bind tcp://127.0.0.1:P` (P and P+1 free), waits
until it listens, runs PROGRAM with `--hub tcp://127.0.0.1:P` appended, stops the
hub with SIGTERM and removes TMP. Exit: the program's code; 1 if the hub failed
to start or to stop cleanly; 77 (ctest: skipped) if python3-zmq or
python3-flatbuffers is missing.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

START_TIMEOUT_S = 15
PROGRAM_TIMEOUT_S = 90
STOP_TIMEOUT_S = 15


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
    raise RuntimeError("no free pair of loopback ports")


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
    if hub.poll() is not None:
        return hub.returncode
    hub.send_signal(signal.SIGTERM)
    try:
        return hub.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        hub.kill()
        hub.wait()
        return None


def dependencies_missing():
    try:
        import flatbuffers  # noqa: F401
        import zmq  # noqa: F401
    except ImportError as error:
        return str(error)
    return None


def parse(argv):
    if "--" not in argv:
        return None
    split = argv.index("--")
    options, program = argv[:split], argv[split + 1:]
    values = {"--hub-binary": None, "--pythonpath": None}
    for i in range(0, len(options), 2):
        if options[i] not in values or i + 1 >= len(options):
            return None
        values[options[i]] = options[i + 1]
    if not values["--hub-binary"] or not program:
        return None
    return values["--hub-binary"], values["--pythonpath"], program


def main():
    parsed = parse(sys.argv[1:])
    if parsed is None:
        print(__doc__, file=sys.stderr)
        return 2
    hub_binary, pythonpath, program = parsed
    missing = dependencies_missing()
    if missing:
        print("run_with_hub: skipped, %s (apt-get install python3-zmq python3-flatbuffers)" % missing)
        return 77
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory(prefix="opsroom-pynode-") as tmp:
        for attempt in range(3):  # another process may take the port between probe and bind
            port = free_port_pair()
            log_path = os.path.join(tmp, "hub-%d.log" % attempt)
            with open(log_path, "w") as log:
                hub = subprocess.Popen([hub_binary, "--data", os.path.join(tmp, "data-%d" % attempt),
                                        "--bind", "tcp://127.0.0.1:%d" % port, "--insecure"],
                                       stdout=log, stderr=subprocess.STDOUT)
            if wait_listening(port, hub):
                break
            stop(hub)
            print("run_with_hub: hub did not start on port %d:\n%s" % (port, open(log_path).read()))
        else:
            return 1
        try:
            result = subprocess.run(program + ["--hub", "tcp://127.0.0.1:%d" % port], env=env,
                                    timeout=PROGRAM_TIMEOUT_S)
            code = result.returncode
        except subprocess.TimeoutExpired:
            print("run_with_hub: %s did not finish in %d s" % (program[0], PROGRAM_TIMEOUT_S))
            code = 1
        hub_code = stop(hub)
        hub_log = open(log_path).read()
        if hub_code != 0:
            print("run_with_hub: the hub did not stop cleanly (exit %r)" % hub_code)
            code = code or 1
        if code != 0:
            print("---- hub log ----\n" + hub_log)
        return code


if __name__ == "__main__":
    sys.exit(main())
