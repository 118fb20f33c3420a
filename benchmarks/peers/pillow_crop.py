#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pillow peer: Image.open + crop (Pillow decodes the whole picture first), on a thread pool.

Pillow releases the GIL while decoding, so threads do run in parallel.
"""

import PIL
from PIL import Image

import peer_common


def crop(job):
    path, x, y, w, h = job
    with Image.open(path) as image:
        return image.crop((x, y, x + w, y + h))  # loads (decodes) the picture, then copies the box


def describe(image, checksum_only=False):
    if checksum_only:
        first = image.getpixel((0, 0))
        return first if isinstance(first, int) else sum(first)
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    channels = 1 if image.mode == "L" else 3
    return image.tobytes(), image.width, image.height, channels, "rgb"


if __name__ == "__main__":
    peer_common.run("pillow", PIL.__version__, crop, describe)
