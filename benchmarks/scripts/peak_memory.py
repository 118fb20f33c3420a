#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Peak memory of `cropdeck --batch` against the number of windows per image.

Writes 32 colour JPEGs (default 2048x2048, seeded content) and, for each count N in --counts (default
1,10,80,320), a CSV with N windows of 512x512 per image at seeded positions; then runs each binary given
with --cropdeck (label=path, e.g. before=/work/main/build/dev/app/cropdeck after=build/dev/app/cropdeck)
under /usr/bin/time -v and prints the maximum resident set size. Needs python3-pil and GNU time.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageFilter


def make_picture(path, side, seed):
    rng = random.Random(seed)
    image = Image.linear_gradient("L").resize((side, side)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y, r = rng.randrange(side), rng.randrange(side), rng.randrange(16, side // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    image.filter(ImageFilter.GaussianBlur(2)).save(path, quality=90)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cropdeck", action="append", required=True, help="label=path (repeatable)")
    parser.add_argument("--counts", default="1,10,80,320")
    parser.add_argument("--images", type=int, default=32)
    parser.add_argument("--side", type=int, default=2048)
    parser.add_argument("--window", type=int, default=512)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()

    work = args.dir or tempfile.mkdtemp(prefix="cropdeck-mem-", dir="/var/tmp")
    images = os.path.join(work, "images")
    os.makedirs(images, exist_ok=True)
    names = [f"img{i:02d}.jpg" for i in range(args.images)]
    for i, name in enumerate(names):
        if not os.path.exists(os.path.join(images, name)):
            make_picture(os.path.join(images, name), args.side, i + 1)

    binaries = [entry.split("=", 1) for entry in args.cropdeck]
    print(f"peak RSS, {args.images} images of {args.side}x{args.side} JPEG, windows of "
          f"{args.window}x{args.window}, threads {args.threads or 'default'}")
    print("windows/image " + "".join(f"{label:>14}" for label, _ in binaries))
    for count in [int(c) for c in args.counts.split(",")]:
        rng = random.Random(count)
        csv = os.path.join(work, f"boxes-{count}.csv")
        with open(csv, "w") as out:
            out.write("path,x,y,w,h,label\n")
            for name in names:
                for _ in range(count):
                    x = rng.randrange(args.side - args.window + 1)
                    y = rng.randrange(args.side - args.window + 1)
                    out.write(f"{name},{x},{y},{args.window},{args.window},w\n")
        row = f"{count:>13}"
        for label, binary in binaries:
            crops = os.path.join(work, f"out-{label}-{count}")
            shutil.rmtree(crops, ignore_errors=True)
            command = ["/usr/bin/time", "-v", binary, "--batch", "--annotations", csv, "--images", images,
                       "--out", crops, "--quiet"]
            if args.threads:
                command += ["--threads", str(args.threads)]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                sys.exit(f"{label} failed ({result.returncode}): {result.stderr[-2000:]}")
            peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
            row += f"{peak_kb / 1024:>11.0f} MB"
            shutil.rmtree(crops, ignore_errors=True)
        print(row, flush=True)
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
