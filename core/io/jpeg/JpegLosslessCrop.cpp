// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegLosslessCrop.h"

#include <algorithm>
#include <turbojpeg.h>

namespace cropdeck {

namespace {

class Transformer {
public:
    Transformer()
        : m_handle(tjInitTransform()) {}
    ~Transformer() {
        if (m_handle != nullptr)
            tjDestroy(m_handle);
    }
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;
    tjhandle handle() const { return m_handle; }

private:
    tjhandle m_handle;
};

struct Geometry {
    int width = 0;
    int height = 0;
    int mcuWidth = 8;
    int mcuHeight = 8;
};

// The transform that makes stored pixels upright for each EXIF orientation (index 1..8).
constexpr int kUprightOp[9] = {TJXOP_NONE,      TJXOP_NONE,  TJXOP_HFLIP,      TJXOP_ROT180, TJXOP_VFLIP,
                               TJXOP_TRANSPOSE, TJXOP_ROT90, TJXOP_TRANSVERSE, TJXOP_ROT270};

// Transforms that move the right (bottom) edge elsewhere, which a partial MCU column (row) cannot do.
bool movesRightEdge(int op) {
    return op == TJXOP_HFLIP || op == TJXOP_ROT180 || op == TJXOP_TRANSVERSE || op == TJXOP_ROT270;
}
bool movesBottomEdge(int op) {
    return op == TJXOP_VFLIP || op == TJXOP_ROT180 || op == TJXOP_TRANSVERSE || op == TJXOP_ROT90;
}

int roundUp(int value, int step) {
    return (value + step - 1) / step * step;
}

QRect alignCrop(const QRect& rect, const Geometry& g, int op) {
    const int x0 = rect.x() / g.mcuWidth * g.mcuWidth;
    const int y0 = rect.y() / g.mcuHeight * g.mcuHeight;
    int x1 = rect.x() + rect.width();
    int y1 = rect.y() + rect.height();
    if (movesRightEdge(op))
        x1 = std::min(g.width, roundUp(x1, g.mcuWidth));
    if (movesBottomEdge(op))
        y1 = std::min(g.height, roundUp(y1, g.mcuHeight));
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

bool perfectFor(const QRect& crop, const Geometry& g, int op) {
    return !(movesRightEdge(op) && crop.width() % g.mcuWidth != 0) &&
           !(movesBottomEdge(op) && crop.height() % g.mcuHeight != 0);
}

Error turboError(tjhandle handle, const QString& path) {
    const QString text = QString::fromLocal8Bit(tjGetErrorStr2(handle));
    ErrorKind kind = ErrorKind::Corrupt;
    if (text.contains(QStringLiteral("Premature end")))
        kind = ErrorKind::Truncated;
    else if (text.contains(QStringLiteral("Unsupported")) || text.contains(QStringLiteral("not supported")) ||
             text.contains(QStringLiteral("Could not determine subsampling")))
        kind = ErrorKind::Unsupported;
    return makeError(kind, QStringLiteral("%1: lossless crop failed: %2").arg(path, text));
}

// One TurboJPEG transform into a QByteArray; warnings count as errors (the output would be damaged).
Result<QByteArray> transform(tjhandle handle, QByteArrayView source, tjtransform spec, const QString& path) {
    unsigned char* output = nullptr;
    unsigned long outputSize = 0;
    spec.options |= TJXOPT_COPYNONE;
    const int status = tjTransform(handle, reinterpret_cast<const unsigned char*>(source.data()),
                                   static_cast<unsigned long>(source.size()), 1, &output, &outputSize, &spec,
                                   TJFLAG_STOPONWARNING);
    QByteArray bytes;
    if (status == 0)
        bytes = QByteArray(reinterpret_cast<const char*>(output), static_cast<qsizetype>(outputSize));
    tjFree(output);
    if (status != 0)
        return turboError(handle, path);
    return bytes;
}

Result<Geometry> readGeometry(tjhandle handle, QByteArrayView data, const QString& path) {
    int width = 0, height = 0, subsampling = -1, colorspace = -1;
    if (tjDecompressHeader3(handle, reinterpret_cast<const unsigned char*>(data.data()),
                            static_cast<unsigned long>(data.size()), &width, &height, &subsampling,
                            &colorspace) != 0)
        return turboError(handle, path);
    if (subsampling < 0 || subsampling >= TJ_NUMSAMP)
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: lossless crop needs a standard chroma subsampling").arg(path));
    return Geometry{width, height, tjMCUWidth[subsampling], tjMCUHeight[subsampling]};
}

} // namespace

Result<LosslessJpegCrop> cropJpegLossless(QByteArrayView data, QRect rect, int exifOrientation,
                                          const QString& pathForMessages) {
    if (exifOrientation < 1 || exifOrientation > 8)
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("%1: EXIF orientation %2 is not 1..8").arg(pathForMessages).arg(exifOrientation));
    Transformer transformer;
    if (transformer.handle() == nullptr)
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1: out of memory").arg(pathForMessages));
    const Result<Geometry> geometry = readGeometry(transformer.handle(), data, pathForMessages);
    if (!geometry.ok())
        return geometry.error();
    const Geometry& g = *geometry;
    if (rect.isEmpty() || !QRect(0, 0, g.width, g.height).contains(rect))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: crop %2,%3 %4x%5 is not inside the %6x%7 image")
                             .arg(pathForMessages)
                             .arg(rect.x())
                             .arg(rect.y())
                             .arg(rect.width())
                             .arg(rect.height())
                             .arg(g.width)
                             .arg(g.height));
    const int op = kUprightOp[exifOrientation];
    const QRect crop = alignCrop(rect, g, op);
    if (!perfectFor(crop, g, op))
        return makeError(
            ErrorKind::Unsupported,
            QStringLiteral("%1: EXIF orientation %2 cannot be applied losslessly to this crop: it "
                           "reaches the partial %3x%4 MCU at the right or bottom edge of the %5x%6 image")
                .arg(pathForMessages)
                .arg(exifOrientation)
                .arg(g.mcuWidth)
                .arg(g.mcuHeight)
                .arg(g.width)
                .arg(g.height));

    tjtransform cropSpec{};
    cropSpec.r = tjregion{crop.x(), crop.y(), crop.width(), crop.height()};
    cropSpec.op = TJXOP_NONE;
    cropSpec.options = TJXOPT_CROP;
    Result<QByteArray> cropped = transform(transformer.handle(), data, cropSpec, pathForMessages);
    if (!cropped.ok() || op == TJXOP_NONE)
        return cropped.ok()
                   ? Result<LosslessJpegCrop>(LosslessJpegCrop{std::move(*cropped), crop, crop != rect})
                   : Result<LosslessJpegCrop>(cropped.error());
    // Crop first, then orient the small result: the crop's own edges are whole MCUs where the
    // transform moves them, so the transform is perfect.
    tjtransform orientSpec{};
    orientSpec.op = op;
    orientSpec.options = TJXOPT_PERFECT;
    Result<QByteArray> upright = transform(transformer.handle(), *cropped, orientSpec, pathForMessages);
    if (!upright.ok())
        return upright.error();
    return LosslessJpegCrop{std::move(*upright), crop, crop != rect};
}

} // namespace cropdeck
