#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dense windows: many small crops of one picture, CropDeck beside a plain serial Pillow loop.

Writes one 640x480 JPEG and a CSV of N windows of SxS (default 10,000 of 32x32, seeded positions), then
times, in the same run and on the same disk, --trials rounds (default 5) of:
  * cropdeck --batch (its default thread count, or --threads), durable writes as always;
  * a serial Pillow loop in its own python3 process (start-up counted, as CropDeck's is): open the
    picture once, crop and save each window as JPEG (quality 90), no fsync (Pillow's save does not
    sync; this favours Pillow).
With --durable-pillow, a third contender: the same Pillow loop made as safe as CropDeck's output (each
crop to a temporary, fsync, rename into place, the folder synced at the end), the usual recipe.
Rounds alternate which goes first, and every run writes into a folder of its own that is
only deleted at the end: on ext4, creating files soon after deleting many (the previous run's outputs)
is several times slower, because new inodes skip the recently freed ones, and deleting between runs
made the figures swing from 0.6 s to 3 s for the same command. Prints each round, the medians, the
crops per second, the ratio, and the CPU time of each contender's process (user and kernel). Needs
python3-pil.

  benchmarks/scripts/dense_windows.py --cropdeck build/dev/app/cropdeck [--windows 10000] [--side 32]
      [--durable-pillow]
"""

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from PIL import Image, ImageDraw, ImageFilter


def make_picture(path, width, height, seed):
    rng = random.Random(seed)
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(8, 120)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(1.5))
    image.save(path, quality=90)


# The Pillow loops, each run as its own process: picture, output folder, side; boxes "x,y" on stdin.
PILLOW_PRELUDE = """
import os, sys
from PIL import Image
picture, folder, side = sys.argv[1], sys.argv[2], int(sys.argv[3])
boxes = [tuple(map(int, line.split(","))) for line in sys.stdin.read().split()]
os.makedirs(folder)
with Image.open(picture) as image:
    image.load()
    for index, (x, y) in enumerate(boxes):
"""

# The plain loop: what a script usually does.
PILLOW_LOOP = PILLOW_PRELUDE + """
        image.crop((x, y, x + side, y + side)).save(os.path.join(folder, f"dense_{index}.jpg"), quality=90)
"""

# The same loop with the guarantees CropDeck gives: no partial file under an output's name, and the file
# on disk before the loop goes on.
PILLOW_DURABLE_LOOP = PILLOW_PRELUDE + """
        final = os.path.join(folder, f"dense_{index}.jpg")
        with open(final + ".tmp", "wb") as out:
            image.crop((x, y, x + side, y + side)).save(out, format="JPEG", quality=90)
            out.flush()
            os.fsync(out.fileno())
        os.replace(final + ".tmp", final)
descriptor = os.open(folder, os.O_RDONLY)
os.fsync(descriptor)
os.close(descriptor)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cropdeck", required=True)
    parser.add_argument("--windows", type=int, default=10000)
    parser.add_argument("--side", type=int, default=32)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--dir", default=None, help="work folder (default: a new one under /var/tmp)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--python", default=sys.executable, help="python3 with Pillow for the loop")
    parser.add_argument("--durable-pillow", action="store_true",
                        help="also time the Pillow loop with a temporary, fsync and rename per crop")
    args = parser.parse_args()

    work = args.dir or tempfile.mkdtemp(prefix="cropdeck-dense-", dir="/var/tmp")
    os.makedirs(work, exist_ok=True)
    width, height = 640, 480
    picture = os.path.join(work, "dense.jpg")
    make_picture(picture, width, height, args.seed)
    rng = random.Random(args.seed)
    boxes = [(rng.randrange(width - args.side + 1), rng.randrange(height - args.side + 1))
             for _ in range(args.windows)]
    csv = os.path.join(work, "boxes.csv")
    with open(csv, "w") as out:
        out.write("path,x,y,w,h,label\n")
        for x, y in boxes:
            out.write(f"dense.jpg,{x},{y},{args.side},{args.side},box\n")

    boxes_text = "".join(f"{x},{y}\n" for x, y in boxes)

    def run_cropdeck(folder):
        command = [args.cropdeck, "--batch", "--annotations", csv, "--images", work, "--out", folder, "--quiet"]
        if args.threads:
            command += ["--threads", str(args.threads)]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"cropdeck failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        written = sum(1 for name in os.listdir(folder) if name.endswith(".jpg"))
        if written != args.windows:
            sys.exit(f"cropdeck wrote {written} crops, not {args.windows}")
        return seconds

    def pillow_runner(loop):
        def run(folder):
            start = time.perf_counter()
            subprocess.run([args.python, "-c", loop, picture, folder, str(args.side)], check=True,
                           input=boxes_text, text=True)
            return time.perf_counter() - start
        return run

    runners = {"cropdeck": run_cropdeck, "pillow": pillow_runner(PILLOW_LOOP)}
    if args.durable_pillow:
        runners["pillow-durable"] = pillow_runner(PILLOW_DURABLE_LOOP)

    def child_cpu():
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime, usage.ru_stime

    times = {name: [] for name in runners}
    cpu = {name: [] for name in runners}  # (user, system) seconds of the contender's process
    for trial in range(args.trials):
        order = list(runners.items())
        if trial % 2:
            order.reverse()
        for name, runner in order:
            subprocess.run(["sync"], check=True)
            before = child_cpu()
            times[name].append(runner(os.path.join(work, f"{name}-out-{trial}")))
            after = child_cpu()
            cpu[name].append((after[0] - before[0], after[1] - before[1]))
        print(f"  round {trial + 1}: " + ", ".join(f"{name} {times[name][-1]:.2f} s" for name in runners))
    cropdeck_seconds = statistics.median(times["cropdeck"])
    pillow_seconds = statistics.median(times["pillow"])

    def cpu_text(name):
        user = statistics.median(u for u, _ in cpu[name])
        system = statistics.median(s for _, s in cpu[name])
        return f"CPU {user + system:.2f} s: user {user:.2f}, kernel {system:.2f}"

    print(f"dense windows: {args.windows} windows of {args.side}x{args.side} on one {width}x{height} JPEG "
          f"({os.cpu_count()} CPUs, folder {work}, median of {args.trials} rounds)")
    print(f"  cropdeck --batch : {cropdeck_seconds:7.2f} s  {args.windows / cropdeck_seconds:8.0f} crops/s"
          f"  (durable; {cpu_text('cropdeck')})")
    print(f"  Pillow loop      : {pillow_seconds:7.2f} s  {args.windows / pillow_seconds:8.0f} crops/s"
          f"  (serial, no fsync; {cpu_text('pillow')})")
    if args.durable_pillow:
        durable_seconds = statistics.median(times["pillow-durable"])
        print(f"  Pillow, durable  : {durable_seconds:7.2f} s  {args.windows / durable_seconds:8.0f} crops/s"
              f"  (temporary, fsync, rename per crop; {cpu_text('pillow-durable')})")
    print(f"  Pillow / cropdeck: {pillow_seconds / cropdeck_seconds:5.2f}x")
    if args.durable_pillow:
        print(f"  Pillow, durable / cropdeck: {durable_seconds / cropdeck_seconds:5.2f}x")
    print("  (CPU: each process's own, medians; the kernel's writeback threads, which write CropDeck's files")
    print("   to disk within its time and the Pillow loop's after it, are not counted)")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
