// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/OutputDigest.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>

#include <charconv>
#include <cmath>

namespace cropdeck {
namespace {

bool isWholeNumber(double value) {
    return value == std::trunc(value) && std::abs(value) < 1e15 && !(value == 0 && std::signbit(value));
}

QByteArray number(double value) {
    // Whole numbers (nearly every box) the cheap way; the text is the one 'g' at 17 digits gives them,
    // so digests recorded before stay equal.
    if (isWholeNumber(value))
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
    // Once per output of every plan (10,000 for a dense image): one allocation, whole numbers formatted
    // in place; the text is number()'s.
    QString text;
    text.reserve(48);
    const auto append = [&text](double value, char after) {
        if (isWholeNumber(value)) {
            char digits[24];
            const char* end = std::to_chars(digits, digits + sizeof digits, qint64(value)).ptr;
            text += QLatin1StringView(digits, end);
        } else {
            text += QLatin1StringView(QByteArray::number(value, 'g', 17));
        }
        if (after)
            text += QLatin1Char(after);
    };
    if (window.kind == CropWindow::Kind::NormalizedSquare) {
        const NormalizedSquare& q = window.square;
        text += QLatin1StringView("square ");
        append(q.x, ',');
        append(q.y, ',');
        append(q.scale, 0);
        return text;
    }
    const QRectF& b = window.box;
    text += QLatin1StringView("box ");
    append(b.x(), ',');
    append(b.y(), ',');
    append(b.width(), ',');
    append(b.height(), 0);
    return text;
}

SourceStamp sourceStampOf(const QString& path) {
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

} // namespace cropdeck
