# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared driver for the Python peers of CropDeck's benchmark harness (core/bench, `cropdeck --bench`).

Protocol (the harness is the only caller): a jobs file with one tab-separated line per window,
`path<TAB>x<TAB>y<TAB>w<TAB>h`; consecutive lines with the same path are one image, opened once and cut
into its windows, as a user of the library would. A worker count, a trial count, and a pool kind
(threads, or processes for the process-pool peer). One warm-up pass (with --dump-dir, every crop it made
is written there as raw pixels, `<line>.raw`), then the timed passes. Prints one JSON object on stdout:
engine, version, warmup_s, trials_s, checksum, failures (in the timed passes), warmup_failures, dumps.
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

_crop = None
_describe = None


def parse_args(engine):
    parser = argparse.ArgumentParser(description=f"{engine} peer of the CropDeck benchmark harness")
    parser.add_argument("--jobs", required=True, help="tab-separated path x y w h, one window per line")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--processes", action="store_true", help="a process pool instead of threads")
    parser.add_argument("--dump-dir", default="", help="write every crop of the warm-up pass here")
    return parser.parse_args()


def read_tasks(path):
    """[(path, [(line, x, y, w, h), ...]), ...]: one task per image."""
    tasks = []
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle):
            if not line.strip():
                continue
            name, x, y, w, h = line.rstrip("\n").split("\t")
            window = (line_number, int(x), int(y), int(w), int(h))
            if tasks and tasks[-1][0] == name:
                tasks[-1][1].append(window)
            else:
                tasks.append((name, [window]))
    return tasks


def timed_task(task):
    """Crops one image's windows; returns (checksum, failures)."""
    try:
        return sum(_describe(c, checksum_only=True) for c in _crop(task)), 0
    except Exception:  # a peer that cannot crop a file counts failures, as the C++ engines do
        return 0, len(task[1])


def dump_task(task, dump_dir):
    """Writes the image's crops; none when it cannot be cropped (the harness then reports them missing)."""
    dumps = []
    try:
        crops = _crop(task)
    except Exception:
        return dumps
    for (line, *_), crop in zip(task[1], crops):
        raw, width, height, channels, order = _describe(crop)
        path = os.path.join(dump_dir, f"{line}.raw")
        with open(path, "wb") as handle:
            handle.write(raw)
        dumps.append({"index": line, "file": path, "width": width, "height": height,
                      "channels": channels, "order": order})
    return dumps


def run(engine, version, crop, describe):
    """crop(task) -> crops in window order; describe(crop) -> (raw bytes, width, height, channels, order)."""
    global _crop, _describe
    _crop, _describe = crop, describe
    args = parse_args(engine)
    tasks = read_tasks(args.jobs)
    pool_kind = ProcessPoolExecutor if args.processes else ThreadPoolExecutor
    checksum, failures = 0, 0
    with pool_kind(max_workers=args.threads) as pool:
        start = time.perf_counter()
        warm = list(pool.map(timed_task, tasks))
        warmup = time.perf_counter() - start
        warmup_failures = sum(f for _, f in warm)
        dumps = []
        if args.dump_dir:
            for task in tasks:
                dumps.extend(dump_task(task, args.dump_dir))
        trials = []
        for _ in range(args.trials):
            start = time.perf_counter()
            results = list(pool.map(timed_task, tasks))
            trials.append(time.perf_counter() - start)
            checksum += sum(c for c, _ in results)
            failures += sum(f for _, f in results)
    json.dump({"engine": engine, "version": version, "threads": args.threads, "warmup_s": warmup,
               "trials_s": trials, "checksum": checksum, "failures": failures,
               "warmup_failures": warmup_failures, "dumps": dumps}, sys.stdout)
    sys.stdout.write("\n")
