#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Peak RSS of `cropdeck --batch --max-memory` on the files that broke the bound (issue 7):

  tiff  four 13000x13000 RGB TIFFs, deflate, noisy pixels (so the file is about as large as its pixels),
        one 512x512 window each, --threads 4 --max-memory 1024;
  png   a 62-byte PNG that declares 170,000,000x1 RGBA16 pixels.

Writes the files with the standard library only (zlib), runs the binary under /usr/bin/time -v and prints
the peak RSS, the wall time and the exit status. Usage:

  benchmarks/memory_bound.py BINARY WORKDIR [tiff|png|all]
"""
import os
import random
import struct
import subprocess
import sys
import zlib

SIDE = 13000
TIFF_COUNT = 4


def tiff_bytes(path, width, height, seed, rows_per_strip=1):
    """An RGB 8-bit TIFF, deflate (Adobe, 8), with `rows_per_strip`-row strips of noisy pixels."""
    rng = random.Random(seed)
    row_bytes = width * 3
    # A pool of noisy rows, reused with a per-row shift: incompressible, and fast to make.
    pool = [rng.randbytes(row_bytes * 2) for _ in range(16)]
    strips = []
    for top in range(0, height, rows_per_strip):
        rows = b"".join(
            pool[(y * 7) % 16][(y * 13) % row_bytes:(y * 13) % row_bytes + row_bytes]
            for y in range(top, min(top + rows_per_strip, height)))
        strips.append(zlib.compress(rows, 1))
    count = len(strips)
    entries = 11
    ifd_size = 2 + entries * 12 + 4
    bits_at = 8 + ifd_size
    offsets_at = bits_at + 6
    counts_at = offsets_at + 4 * count
    data_at = counts_at + 4 * count
    offsets = []
    at = data_at
    for strip in strips:
        offsets.append(at)
        at += len(strip)

    def entry(tag, typ, n, value):
        return struct.pack("<HHII", tag, typ, n, value)

    ifd = struct.pack("<H", entries)
    ifd += entry(256, 4, 1, width)
    ifd += entry(257, 4, 1, height)
    ifd += entry(258, 3, 3, bits_at)
    ifd += entry(259, 3, 1, 8)            # deflate
    ifd += entry(262, 3, 1, 2)            # RGB
    ifd += entry(273, 4, count, offsets_at if count > 1 else offsets[0])
    ifd += entry(274, 3, 1, 1)            # orientation: top-left
    ifd += entry(277, 3, 1, 3)
    ifd += entry(278, 4, 1, rows_per_strip)
    ifd += entry(279, 4, count, counts_at if count > 1 else len(strips[0]))
    ifd += entry(284, 3, 1, 1)            # chunky
    ifd += struct.pack("<I", 0)
    with open(path, "wb") as f:
        f.write(b"II*\0" + struct.pack("<I", 8) + ifd)
        f.write(struct.pack("<HHH", 8, 8, 8))
        f.write(struct.pack("<%dI" % count, *offsets))
        f.write(struct.pack("<%dI" % count, *[len(s) for s in strips]))
        for strip in strips:
            f.write(strip)


def png_bomb(path, width=170_000_000):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, 1, 16, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"\x78\x9c\x63\x00\x00") +
                chunk(b"IEND", b""))


def run(binary, csv, out, extra):
    cmd = ["/usr/bin/time", "-v", binary, "--batch", "--annotations", csv, "--out", out] + extra
    proc = subprocess.run(cmd, capture_output=True, text=True)
    peak_kib = wall = None
    for line in proc.stderr.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size"):
            peak_kib = int(line.split(":")[1])
        if line.startswith("Elapsed (wall clock) time"):
            wall = line.split(": ", 1)[1]
    messages = [l for l in proc.stderr.splitlines() if not l.startswith("\t") and "Command being timed" not in l]
    return proc.returncode, peak_kib, wall, messages[:6]


def main():
    binary, work = sys.argv[1], sys.argv[2]
    which = sys.argv[3] if len(sys.argv) > 3 else "all"
    images = os.path.join(work, "images")
    os.makedirs(images, exist_ok=True)
    if which in ("tiff", "all"):
        csv = os.path.join(work, "tiff.csv")
        with open(csv, "w") as f:
            f.write("path,x,y,w,h,label\n")
            for i in range(TIFF_COUNT):
                name = "big%d.tif" % i
                if not os.path.exists(os.path.join(images, name)):
                    tiff_bytes(os.path.join(images, name), SIDE, SIDE, i)
                f.write("images/%s,%d,%d,512,512,x\n" % (name, 1000 * i, 2000))
        code, peak, wall, messages = run(binary, csv, os.path.join(work, "out-tiff"),
                                         ["--threads", "4", "--max-memory", "1024"])
        print("tiff: 4 x %dx%d deflate, --max-memory 1024: exit %d, peak RSS %.2f GiB, wall %s" %
              (SIDE, SIDE, code, peak / 2**20, wall))
        for m in messages:
            print("   ", m)
    if which in ("png", "all"):
        png_bomb(os.path.join(images, "bomb.png"))
        csv = os.path.join(work, "png.csv")
        with open(csv, "w") as f:
            f.write("path,x,y,w,h,label\nimages/bomb.png,0,0,16,1,x\n")
        code, peak, wall, messages = run(binary, csv, os.path.join(work, "out-png"), ["--max-memory", "1024"])
        print("png bomb: 62 bytes declaring 170000000x1 RGBA16: exit %d, peak RSS %.1f MiB, wall %s" %
              (code, peak / 1024, wall))
        for m in messages:
            print("   ", m)


if __name__ == "__main__":
    main()
