#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pillow peer: Image.open + crop per window (Pillow decodes the whole picture first), one image per
task on a thread pool (Pillow releases the GIL while decoding) or, with --processes, a process pool."""

import io

import PIL
from PIL import Image

import peer_common


def crop(task):
    path, windows = task
    with Image.open(path) as image:
        image.load()
        return [image.crop((x, y, x + w, y + h)) for _, x, y, w, h in windows]


def describe(image, checksum_only=False):
    if checksum_only:
        first = image.getpixel((0, 0))
        return first if isinstance(first, int) else sum(first)
    if image.mode not in ("L", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    channels = {"L": 1, "RGB": 3, "RGBA": 4}[image.mode]
    return image.tobytes(), image.width, image.height, channels, "rgb"


def save_options(fmt, quality, png_level):
    if fmt == "png":
        return {"compress_level": png_level}
    if fmt in ("jpeg", "webp"):
        return {"quality": quality}
    return {}


def save(image, path, fmt, quality, png_level):
    image.save(path, fmt.upper(), **save_options(fmt, quality, png_level))


def encode(image, fmt, quality, png_level):
    buffer = io.BytesIO()
    image.save(buffer, fmt.upper(), **save_options(fmt, quality, png_level))
    return buffer.getvalue()


if __name__ == "__main__":
    peer_common.run("pillow", PIL.__version__, crop, describe, save, encode)
