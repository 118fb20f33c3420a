// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Natural-looking synthetic pictures for demos, tests and benchmarks: a soft sky/ground split, smooth
// multi-scale shading, a few soft-edged ellipses and polygons, fine texture and sensor-like noise.
// Codecs behave on them roughly as on photographs (white noise would make every JPEG and PNG worst-case,
// flat colour would make them trivially cheap).
//
// Deterministic: the same size, channel count and seed give the same pixels on every run and thread
// count. Large pictures are composed at about 1000 pixels on the long side and upscaled, with the fine
// detail added at full size, so a 4000×4000 picture takes tens of milliseconds.

#include <QList>
#include <QRect>
#include <QString>
#include <QtGlobal>

#include <opencv2/core/mat.hpp>

namespace cropdeck::bench {

struct SceneObject {
    QRect box;     // tight box of the drawn shape in output pixels, clipped to the picture
    QString label; // "ellipse" or "polygon"
};

struct Scene {
    cv::Mat pixels; // CV_8UC1 or CV_8UC3 (BGR)
    QList<SceneObject> objects;
};

// channels: 1 or 3. width, height ≥ 16.
Scene renderScene(int width, int height, int channels, quint64 seed);

// A well-mixed 64-bit value from `seed` and `index`, to derive per-image seeds (splitmix64).
quint64 mixSeed(quint64 seed, quint64 index);

} // namespace cropdeck::bench
