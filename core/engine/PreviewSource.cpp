// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/PreviewSource.h"

#include "io/FileReading.h"
#include "io/jpeg/JpegHeader.h"
#include "io/jpeg/JpegRestartCopy.h"

#include <QDateTime>
#include <QFileInfo>

namespace cropdeck {

FileStamp fileStampOf(const QString& path) {
    const QFileInfo file(path);
    if (!file.exists())
        return {path, -1, 0};
    return {path, file.size(), file.lastModified().toMSecsSinceEpoch()};
}

bool previewSourcePays(const ImageInfo& info, qint64 minPixels) {
    const bool readsFromTheTop = info.restartInterval == 0 || info.progressive || info.arithmetic;
    return info.format == ImageFormat::Jpeg && !info.lossless && info.bitDepth == 8 &&
           (info.channels == 1 || info.channels == 3) && info.pixelCount() >= minPixels && readsFromTheTop;
}

Result<PreviewSource> buildPreviewSource(const QString& path, const ImageInfo& info,
                                         const std::function<bool()>& stop) {
    PreviewSource source;
    source.file = fileStampOf(path); // before reading: a later rewrite then shows as a new stamp
    Result<QByteArray> file = readWholeFile(path);
    if (!file)
        return file.error();
    Result<QByteArray> copy = makeJpegRestartCopy(*file, stop, path);
    if (!copy)
        return copy.error();
    const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(*copy);
    if (!layout || layout->restartInterval == 0)
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: the restart-marker copy has no restart "
                                                            "interval")
                                                 .arg(path));
    source.decodeFrom.info = info; // same size, channels and orientation: the same image
    source.decodeFrom.info.progressive = false;
    source.decodeFrom.info.arithmetic = false;
    source.decodeFrom.info.restartInterval = layout->restartInterval;
    source.decodeFrom.info.fileSize = copy->size();
    source.decodeFrom.jpeg = std::move(copy.value());
    return source;
}

} // namespace cropdeck
