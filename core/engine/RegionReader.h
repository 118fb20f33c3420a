// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reads rectangles of one source image with the cheapest decoder that gives exact pixels:
//   JPEG  restart-marker random access when the file has restart markers, else region decode
//         (jpeg_crop_scanline + jpeg_skip_scanlines), with DCT-domain scaling when asked, or several
//         row bands in one pass (readRowBands);
//   PNG   row decode that stops after the last needed row, or a whole-image libdeflate inflate when the
//         region reaches far enough down the image for that to be faster;
//   BMP   a read of only the needed rows;
//   else  OpenCV full decode.
// A specialised decoder that answers ErrorKind::Unsupported (CMYK JPEG, interlaced PNG, RLE BMP...)
// falls back to OpenCV, which decodes the file once and then serves every later rectangle.
//
// forceDecoder() pins one of these decoders instead (ForcedStrategy.h: benchmarks and tests only).
//
// Threading: one RegionReader per image and thread; not shareable.

#include "Result.h"
#include "engine/ForcedStrategy.h"
#include "io/DecodeTypes.h"
#include "io/ImageInfo.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>
#include <vector>

namespace cropdeck {

class RegionReader {
public:
    RegionReader(QString path, const ImageInfo& info, FailOn failOn, const std::atomic_bool* cancel);
    // Reads the JPEG `jpegBytes`, described by `info`, instead of the file: another encoding of the same
    // image kept in memory (a preview's restart-marker copy). `path` then only names it in messages.
    RegionReader(QString path, const ImageInfo& info, QByteArray jpegBytes, FailOn failOn,
                 const std::atomic_bool* cancel);

    // Reads with `decoder` only, never the OpenCV fallback: a read it cannot make fails (Unsupported when
    // the decoder does not apply to the image). Auto, the default, is the rule above. Call before reading.
    void forceDecoder(ForcedDecoder decoder) { m_forced = decoder; }

    // Pixels of `storedRect` (inside the image), optionally DCT-scaled (JPEG only; others ignore it).
    Result<DecodedRegion> read(const QRect& storedRect, int scaleDenom = 1);

    // True when read() can honour scaleDenom > 1 for this image.
    bool supportsScaledDecode() const;
    // True when one region decode costs about the same wherever the region lies (restart markers,
    // BMP): reading windows one by one is then never worse than reading their union.
    bool hasRandomAccess() const;
    // True when every read() decodes the file from its start down to the rectangle (JPEG without
    // restart markers, PNG): several windows then cost less read together than one by one.
    bool readsFromTheTop() const;

    // The rows of `bands` (full resolution, one set of columns, sorted by y, no row shared) in a single
    // pass for JPEG; one read() per band for every other case.
    Result<std::vector<DecodedRegion>> readRowBands(const std::vector<QRect>& bands);

    // The file's bytes, read once on first use.
    Result<QByteArrayView> bytes();

    // Names of the decoders used so far, e.g. "jpeg-region×2".
    QString plan() const;

private:
    Result<DecodedRegion> readWithOpenCv(const QRect& storedRect);
    Result<DecodedRegion> readForced(const DecodeRequest& request);
    void noteDecoder(const char* name);

    QString m_path;
    ImageInfo m_info;
    FailOn m_failOn;
    ForcedDecoder m_forced = ForcedDecoder::Auto;
    const std::atomic_bool* m_cancel;
    std::optional<QByteArray> m_bytes;
    std::optional<DecodedRegion> m_fullDecode; // OpenCV fallback: decoded once, then shared
    bool m_specialisedUnsupported = false;
    QString m_unsupportedReason; // why the specialised decoder declined, for the fallback's error
    QStringList m_decoders;
    QList<int> m_decoderCounts;
};

} // namespace cropdeck
