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
import subprocess
import sys
import tempfile

from hub_process import HubProcess, HubStartError

PROGRAM_TIMEOUT_S = 90


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
        hub = HubProcess(hub_binary, tmp, ["--insecure"])
        try:
            hub.start()
        except HubStartError as error:
            print("run_with_hub: %s" % error)
            return 1
        try:
            result = subprocess.run(program + ["--hub", hub.endpoint], env=env, timeout=PROGRAM_TIMEOUT_S)
            code = result.returncode
        except subprocess.TimeoutExpired:
            print("run_with_hub: %s did not finish in %d s" % (program[0], PROGRAM_TIMEOUT_S))
            code = 1
        hub_code = hub.stop()
        if hub_code != 0:
            print("run_with_hub: the hub did not stop cleanly (exit %r)" % hub_code)
            code = code or 1
        if code != 0:
            print("---- hub log ----\n" + hub.log())
        return code


if __name__ == "__main__":
    sys.exit(main())
