// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Header probes (io/ImageProbe.h: no pixel is decoded) remembered per image, so that the sizes a reader
// asks for while reading (YOLO turns fractions into pixels) and the checks of validation probe each
// image once. Thread-safe: probe() and probeAll() may run from any thread; the cache must outlive the
// size providers it hands out.

#include "Result.h"
#include "annotations/AnnotationOptions.h"
#include "io/ImageInfo.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck {

class ImageProbeCache {
public:
    // `maxPixels` as in probeImage(): larger images are refused (TooLarge); 0 or less means no limit.
    explicit ImageProbeCache(qint64 maxPixels);

    // The probe of `absolutePath`, from the cache when it was probed before.
    Result<ImageInfo> probe(const QString& absolutePath);
    // Probes every path not probed yet, in parallel on up to `threads` threads (0: twice the cores, as
    // probes mostly wait for the disk). Returns when all are done.
    void probeAll(const QStringList& absolutePaths, int threads);
    // Width × height per the probe: upright (EXIF orientation applied) or as stored.
    ImageSizeProvider sizeProvider(bool storedPixels);

    qsizetype size() const;

private:
    struct Outcome {
        std::optional<ImageInfo> info;
        Error error;
    };
    std::optional<Outcome> cached(const QString& key) const;

    qint64 m_maxPixels;
    mutable QMutex m_mutex;
    QHash<QString, Outcome> m_outcomes; // by cleaned absolute path
};

} // namespace cropdeck
