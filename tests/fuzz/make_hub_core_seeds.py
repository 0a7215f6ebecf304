#!/usr/bin/env python3
"""Writes the committed seeds of hub_core_fuzz (tests/fuzz/corpus/hub_core_fuzz/):
scripts in the target's step language (tests/fuzz/hub_core_fuzz.cc). A step is
[clock byte, op byte, client byte, arguments...]; the input's first byte sizes
the hub's batches. Clients 0-2 are the nodes ME-1, RS-1, AL-1; 3-5 subscribers.
    python3 tests/fuzz/make_hub_core_seeds.py tests/fuzz/corpus/hub_core_fuzz
"""
import pathlib
import sys


def connect(c, snap=False): return [0, 0x10 if snap else 0x00, c]
def report(c, seed): return [0, 1, c, seed]
def crafted(c, seq, mark, alert=0, version=1): return [0, 3, c, seq, mark, alert, version]
def deliver(c, doubled=False): return [0, 0x16 if doubled else 4, c]
def commit(late=False): return [0, 0x17 if late else 7, 0]
def fault(k): return [0, 9, 0, k]  # 0 I/O error, 1 fsync fails after the write, 2 disk full
def freed(): return [0, 0x19, 0]
def power(): return [0, 0x3a, 0]
def tick(t): return [0, 11, 0, t]
def route(c): return [0, 12, c]
def cut(c): return [0, 15, c]
def raw(c, data): return [0, 14, c, len(data)] + list(data)


def hello_all(snap=False):
    s = []
    for c in range(6): s += connect(c, snap and c >= 3)
    for c in range(6): s += deliver(c)
    for c in range(6): s += route(c)
    return s


def traffic(n, seed=1):
    s = []
    for i in range(n):
        c = i % 3
        s += report(c, seed + i) + deliver(c)
        if i % 2: s += commit(i % 4 == 1)
        s += route(c)
    s += commit() + commit() + commit()
    for c in range(6): s += route(c) + deliver(c) + route(c)
    return s


SEEDS = {
    'plain-traffic': [4] + hello_all() + traffic(12),
    'snapshots': [2] + hello_all(True) + traffic(8) + hello_all(True) + traffic(6),
    'fsync-fails-mid-pipeline': [3] + hello_all() + traffic(4) + fault(1) + traffic(5) + tick(5) + hello_all() + traffic(4),
    'disk-full-then-freed': [1] + hello_all() + traffic(3) + fault(2) + traffic(4) + freed() + tick(5) + traffic(3),
    'power-cut-mid-commit': [5] + hello_all() + traffic(6) + report(0, 9) + deliver(0) + commit(True) + power()
                            + hello_all() + traffic(6),
    'crafted-node-seqs': [2] + hello_all() + crafted(0, 1, 0) + crafted(0, 3, 1) + crafted(0, 2, 2) + crafted(0, 2, 3)
                         + deliver(0) + deliver(0, True) + deliver(0) + deliver(0) + commit() + commit() + traffic(4),
    'cuts-and-resends': [6] + hello_all() + traffic(4) + cut(1) + report(1, 3) + connect(1) + deliver(1) + route(1)
                        + deliver(1) + tick(30) + deliver(1) + commit() + commit() + route(1) + traffic(3),
    'raw-garbage': [1] + hello_all() + raw(0, b'\x10\x00\x00\x00OPSF' + bytes(range(20))) + raw(3, b'') + traffic(2),
}

if __name__ == '__main__':
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'tests/fuzz/corpus/hub_core_fuzz')
    out.mkdir(parents=True, exist_ok=True)
    for name, data in SEEDS.items():
        (out / name).write_bytes(bytes(data))
