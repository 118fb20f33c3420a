# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared driver for the Python peers of CropDeck's benchmark harness (core/bench, `cropdeck --bench`).

Protocol (the harness is the only caller): a jobs file with one tab-separated line per window,
`path<TAB>x<TAB>y<TAB>w<TAB>h`; consecutive lines with the same path are one image, opened once and cut
into its windows, as a user of the library would. A worker count, a trial count, and a pool kind
(threads, or processes for the process-pool peer). One warm-up pass (with --dump-dir, every crop it made
is written there as raw pixels, `<line>.raw`), then the timed passes. Prints one JSON object on stdout:
engine, version, warmup_s, trials_s, checksum, failures (in the timed passes), warmup_failures, dumps.

Encoded outputs (`--format png|jpeg|webp|tiff|bmp`, with --quality and --png-level): every crop of every
pass is also encoded the way the library's users do it, into memory, or with --out-dir saved as
`<out-dir>/<line>.<ext>`. The crops verified are then the encoded ones: dumps name the files
(`"encoded": true`), those the warm-up saved, or with no --out-dir the warm-up's encodings written to
--dump-dir.
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

_crop = None
_describe = None
_save = None  # save(crop, path, fmt, quality, png_level): the library's own save call
_encode = None  # encode(crop, fmt, quality, png_level) -> bytes
_args = None

EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp", "tiff": "tif", "bmp": "bmp"}


def parse_args(engine):
    parser = argparse.ArgumentParser(description=f"{engine} peer of the CropDeck benchmark harness")
    parser.add_argument("--jobs", required=True, help="tab-separated path x y w h, one window per line")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--processes", action="store_true", help="a process pool instead of threads")
    parser.add_argument("--dump-dir", default="", help="write every crop of the warm-up pass here")
    parser.add_argument("--format", choices=sorted(EXTENSIONS), default="", help="encode every crop")
    parser.add_argument("--quality", type=int, default=90, help="JPEG and WebP quality")
    parser.add_argument("--png-level", type=int, default=1, help="PNG compression level")
    parser.add_argument("--out-dir", default="", help="save the encoded crops here (else in memory)")
    return parser.parse_args()


def output_path(directory, line):
    return os.path.join(directory, f"{line}.{EXTENSIONS[_args.format]}")


def emit(line, crop, directory):
    """Encodes one crop (saved into `directory` when given); returns a checksum of what was made."""
    if directory:
        path = output_path(directory, line)
        _save(crop, path, _args.format, _args.quality, _args.png_level)
        return os.path.getsize(path)
    data = _encode(crop, _args.format, _args.quality, _args.png_level)
    return len(data) + data[-1]


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
        crops = _crop(task)
        if _args.format:
            return sum(emit(line, c, _args.out_dir) for (line, *_), c in zip(task[1], crops)), 0
        return sum(_describe(c, checksum_only=True) for c in crops), 0
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
        if _args.format:  # the encoded crop: the file the pass saved, or this encoding of it
            if _args.out_dir:
                path = output_path(_args.out_dir, line)
                if not os.path.exists(path):
                    continue
            else:
                path = output_path(dump_dir, line)
                with open(path, "wb") as handle:
                    handle.write(_encode(crop, _args.format, _args.quality, _args.png_level))
            dumps.append({"index": line, "file": path, "encoded": True})
            continue
        raw, width, height, channels, order = _describe(crop)
        path = os.path.join(dump_dir, f"{line}.raw")
        with open(path, "wb") as handle:
            handle.write(raw)
        dumps.append({"index": line, "file": path, "width": width, "height": height,
                      "channels": channels, "order": order})
    return dumps


def run(engine, version, crop, describe, save, encode):
    """crop(task) -> crops in window order; describe(crop) -> (raw bytes, width, height, channels, order);
    save and encode: see _save and _encode."""
    global _crop, _describe, _save, _encode, _args
    _crop, _describe, _save, _encode = crop, describe, save, encode
    args = _args = parse_args(engine)
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
