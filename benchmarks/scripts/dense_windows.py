#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dense windows: many small crops of one picture, CropDeck beside a plain serial Pillow loop.

Writes one 640x480 JPEG and a CSV of N windows of SxS (default 10,000 of 32x32, seeded positions), then
times, in the same run and on the same disk:
  * cropdeck --batch (its default thread count, or --threads), durable writes as always;
  * a serial Pillow loop: open the picture once, crop and save each window as JPEG (quality 90), no
    fsync (Pillow's save does not sync; this favours Pillow).
Prints both wall times, the crops per second, and the ratio. Needs python3-pil.

  benchmarks/scripts/dense_windows.py --cropdeck build/dev/app/cropdeck [--windows 10000] [--side 32]
"""

import argparse
import os
import random
import shutil
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cropdeck", required=True)
    parser.add_argument("--windows", type=int, default=10000)
    parser.add_argument("--side", type=int, default=32)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--dir", default=None, help="work folder (default: a new one under /var/tmp)")
    parser.add_argument("--seed", type=int, default=1)
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

    crops = os.path.join(work, "cropdeck-out")
    shutil.rmtree(crops, ignore_errors=True)
    command = [args.cropdeck, "--batch", "--annotations", csv, "--images", work, "--out", crops, "--quiet"]
    if args.threads:
        command += ["--threads", str(args.threads)]
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    cropdeck_seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"cropdeck failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    written = sum(1 for name in os.listdir(crops) if name.endswith(".jpg"))

    pillow_out = os.path.join(work, "pillow-out")
    shutil.rmtree(pillow_out, ignore_errors=True)
    os.makedirs(pillow_out)
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    with Image.open(picture) as image:
        image.load()
        for index, (x, y) in enumerate(boxes):
            image.crop((x, y, x + args.side, y + args.side)).save(
                os.path.join(pillow_out, f"dense_{index}.jpg"), quality=90)
    pillow_seconds = time.perf_counter() - start

    print(f"dense windows: {args.windows} windows of {args.side}x{args.side} on one {width}x{height} JPEG "
          f"({os.cpu_count()} CPUs, folder {work})")
    print(f"  cropdeck --batch : {cropdeck_seconds:7.2f} s  {args.windows / cropdeck_seconds:8.0f} crops/s"
          f"  ({written} files, durable)")
    print(f"  Pillow loop      : {pillow_seconds:7.2f} s  {args.windows / pillow_seconds:8.0f} crops/s"
          f"  (serial, no fsync)")
    print(f"  Pillow / cropdeck: {pillow_seconds / cropdeck_seconds:5.2f}x")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
