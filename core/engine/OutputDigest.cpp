// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/OutputDigest.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>

#include <cmath>

namespace cropdeck {
namespace {

QByteArray number(double value) {
    // Whole numbers (nearly every box) the cheap way; the text is the one 'g' at 17 digits gives them,
    // so digests recorded before stay equal.
    if (value == std::trunc(value) && std::abs(value) < 1e15 && !(value == 0 && std::signbit(value)))
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', 17);
}
QByteArray number(int value) {
    return QByteArray::number(value);
}
QByteArray flag(bool value) {
    return value ? "1" : "0";
}
QByteArray sizeText(const QSize& s) {
    return s.isValid() ? number(s.width()) + 'x' + number(s.height()) : "none";
}

} // namespace

QByteArray canonicalSettingsText(const CropSettings& s) {
    QByteArray text = "cropdeck-settings-v1\n";
    const auto line = [&text](const char* name, const QByteArray& value) {
        text += name;
        text += '=';
        text += value;
        text += '\n';
    };
    // Enums by their numeric value: their order is part of the format (append new values at the end).
    line("bounds", number(int(s.bounds)));
    line("pad_mode", number(int(s.padMode)));
    line("pad_bgr", number(s.padBgr[0]) + ',' + number(s.padBgr[1]) + ',' + number(s.padBgr[2]));
    line("margin", number(s.margin.value) + (s.margin.percent ? "%" : ""));
    line("aspect", number(s.aspect));
    line("fixed_size", sizeText(s.fixedSize));
    line("resize", number(int(s.resize)));
    line("resize_to", sizeText(s.resizeTo));
    line("gray", flag(s.grayscale));
    line("orientation_from_exif", flag(s.orientationFromExif));
    line("normalized_window_size", number(s.normalizedWindowSize));
    line("normalized_max_fraction", number(s.normalizedMaxFraction));
    line("fail_on", number(int(s.failOn)));
    line("lossless", flag(s.lossless));
    line("format", number(int(s.format)));
    line("jpeg_quality", number(s.jpegQuality));
    line("png_level", number(s.pngCompression));
    line("webp_quality", number(s.webpQuality));
    return text;
}

QString cropSettingsDigest(const CropSettings& settings) {
    const QByteArray hash =
        QCryptographicHash::hash(canonicalSettingsText(settings), QCryptographicHash::Sha256);
    return QString::fromLatin1(hash.left(16).toHex());
}

QString windowGeometryText(const CropWindow& window) {
    if (window.kind == CropWindow::Kind::NormalizedSquare) {
        const NormalizedSquare& q = window.square;
        return QString::fromLatin1("square " + number(q.x) + ',' + number(q.y) + ',' + number(q.scale));
    }
    const QRectF& b = window.box;
    return QString::fromLatin1("box " + number(b.x()) + ',' + number(b.y()) + ',' + number(b.width()) + ',' +
                               number(b.height()));
}

SourceStamp sourceStampOf(const QString& path) {
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

} // namespace cropdeck
