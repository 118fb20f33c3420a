// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/OutputDigest.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>

#include <charconv>
#include <cmath>
#include <initializer_list>

namespace cropdeck {
namespace {

bool isWholeNumber(double value) {
    return value == std::trunc(value) && std::abs(value) < 1e15 && !(value == 0 && std::signbit(value));
}

// A double as the digests write it: whole numbers (nearly every box) formatted in place, the text 'g' at
// 17 digits gives them, so that digests recorded before stay equal; others 'g' at 17 digits.
void appendNumber(QByteArray& text, double value) {
    if (isWholeNumber(value)) {
        char digits[24];
        text.append(digits, std::to_chars(digits, digits + sizeof digits, qint64(value)).ptr - digits);
    } else {
        text += QByteArray::number(value, 'g', 17);
    }
}

QByteArray number(double value) {
    QByteArray text;
    appendNumber(text, value);
    return text;
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
    // Once per output of every plan (10,000 for a dense image): built in one buffer.
    QByteArray text;
    text.reserve(64);
    const auto list = [&text](const char* kind, std::initializer_list<double> values) {
        text += kind;
        for (const double value : values) {
            if (!text.endsWith(' '))
                text += ',';
            appendNumber(text, value);
        }
    };
    if (window.kind == CropWindow::Kind::NormalizedSquare)
        list("square ", {window.square.x, window.square.y, window.square.scale});
    else
        list("box ", {window.box.x(), window.box.y(), window.box.width(), window.box.height()});
    return QString::fromLatin1(text);
}

SourceStamp sourceStampOf(const QString& path) {
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

} // namespace cropdeck
