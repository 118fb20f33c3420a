# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared driver for the Python peers of cropdeck_bench_seed.

Protocol (the C++ benchmark is the only caller): a jobs file with one tab-separated line per picture,
`path<TAB>x<TAB>y<TAB>w<TAB>h`; a thread count; a trial count; a folder for the crops to verify.
One warm-up run (its crops of the listed indices are dumped as raw pixels), then the timed trials.
Prints one JSON object on stdout: engine, version, warmup_s, trials_s, checksum, dumps.
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def parse_args(engine):
    parser = argparse.ArgumentParser(description=f"{engine} peer of cropdeck_bench_seed")
    parser.add_argument("--jobs", required=True, help="tab-separated path x y w h, one picture per line")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--dump-dir", default="", help="write the warm-up crops of --dump-index here")
    parser.add_argument("--dump-index", type=int, action="append", default=[])
    return parser.parse_args()


def read_jobs(path):
    jobs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                name, x, y, w, h = line.rstrip("\n").split("\t")
                jobs.append((name, int(x), int(y), int(w), int(h)))
    return jobs


def run(engine, version, crop, describe):
    """crop(job) -> crop object; describe(crop) -> (raw bytes, width, height, channels, order)."""
    args = parse_args(engine)
    jobs = read_jobs(args.jobs)
    sink = [0]

    def timed_run(keep):
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            crops = list(pool.map(crop, jobs))
        elapsed = time.perf_counter() - start
        sink[0] += sum(describe(c, checksum_only=True) for c in crops)  # consumed, outside the clock
        return elapsed, (crops if keep else None)

    warmup, crops = timed_run(keep=True)
    dumps = []
    for index in args.dump_index:
        raw, width, height, channels, order = describe(crops[index])
        path = os.path.join(args.dump_dir, f"{engine}-{index}.raw")
        with open(path, "wb") as handle:
            handle.write(raw)
        dumps.append({"index": index, "file": path, "width": width, "height": height,
                      "channels": channels, "order": order})
    del crops
    trials = [timed_run(keep=False)[0] for _ in range(args.trials)]
    json.dump({"engine": engine, "version": version, "threads": args.threads, "warmup_s": warmup,
               "trials_s": trials, "checksum": sink[0], "dumps": dumps}, sys.stdout)
    sys.stdout.write("\n")
