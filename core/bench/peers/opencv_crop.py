#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""OpenCV-Python peer: cv2.imread of the whole picture + a copied slice per window, on a thread pool."""

import cv2

import peer_common

FLAGS = cv2.IMREAD_UNCHANGED | cv2.IMREAD_IGNORE_ORIENTATION


def crop(task):
    path, windows = task
    pixels = cv2.imread(path, FLAGS)
    if pixels is None:
        raise OSError(f"{path}: cv2.imread failed")
    return [pixels[y:y + h, x:x + w].copy() for _, x, y, w, h in windows]


def describe(pixels, checksum_only=False):
    if checksum_only:
        return int(pixels[0, 0].sum())
    channels = 1 if pixels.ndim == 2 else pixels.shape[2]
    return pixels.tobytes(), pixels.shape[1], pixels.shape[0], channels, "bgr"


def parameters(fmt, quality, png_level):
    return {"png": [cv2.IMWRITE_PNG_COMPRESSION, png_level], "jpeg": [cv2.IMWRITE_JPEG_QUALITY, quality],
            "webp": [cv2.IMWRITE_WEBP_QUALITY, quality]}.get(fmt, [])


def save(pixels, path, fmt, quality, png_level):
    if not cv2.imwrite(path, pixels, parameters(fmt, quality, png_level)):
        raise OSError(f"{path}: cv2.imwrite failed")


def encode(pixels, fmt, quality, png_level):
    ok, data = cv2.imencode("." + peer_common.EXTENSIONS[fmt], pixels, parameters(fmt, quality, png_level))
    if not ok:
        raise OSError("cv2.imencode failed")
    return data.tobytes()


if __name__ == "__main__":
    cv2.setNumThreads(1)  # one picture per thread, like the C++ engines
    peer_common.run("opencv-python", cv2.__version__, crop, describe, save, encode)
