// SPDX-License-Identifier: GPL-3.0-or-later
// PNM header probe (P1..P6): magic, width, height and (except for bitmaps) maxval, separated by
// whitespace, with '#' comments running to the end of the line.

#include "io/ProbeFormats.h"

#include <QByteArray>

#include <limits>
#include <optional>

namespace cropdeck::probe {

namespace {

constexpr qint64 kMaxHeaderBytes = qint64(64) * 1024;

Error corrupt(const QString& path, const QString& what) {
    return makeError(ErrorKind::Corrupt, QStringLiteral("%1: bad PNM header: %2").arg(path, what));
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Reads the next decimal number of the header, skipping whitespace and comments; nullopt when the
// header ends or holds something else.
std::optional<qint64> nextNumber(const QByteArray& header, qsizetype& at) {
    for (;;) {
        while (at < header.size() && isSpace(header[at]))
            ++at;
        if (at < header.size() && header[at] == '#') {
            while (at < header.size() && header[at] != '\n' && header[at] != '\r')
                ++at;
            continue;
        }
        break;
    }
    qint64 value = 0;
    const qsizetype start = at;
    while (at < header.size() && header[at] >= '0' && header[at] <= '9' && value <= (qint64(1) << 40))
        value = value * 10 + (header[at++] - '0');
    if (at == start)
        return std::nullopt;
    return value;
}

} // namespace

Status probePnm(ByteReader& reader, ImageInfo& info, const QString& path) {
    info.format = ImageFormat::Pnm;
    reader.seek(0);
    const QByteArray header = reader.readUpTo(kMaxHeaderBytes);
    const char kind = header.size() > 1 ? header[1] : '0';
    const bool bitmap = kind == '1' || kind == '4';
    qsizetype at = 2;
    const std::optional<qint64> width = nextNumber(header, at);
    const std::optional<qint64> height = nextNumber(header, at);
    const std::optional<qint64> maxval = bitmap ? std::optional<qint64>(1) : nextNumber(header, at);
    if (!width || !height || !maxval) {
        if (reader.ioFailed() || (at >= header.size() && header.size() < kMaxHeaderBytes))
            return endedEarly(reader, path, QStringLiteral("PNM header"));
        return corrupt(path, QStringLiteral("expected width, height and maxval after the magic number"));
    }
    if (*width <= 0 || *height <= 0 || *width > std::numeric_limits<int>::max() ||
        *height > std::numeric_limits<int>::max())
        return corrupt(path, QStringLiteral("image size %1×%2").arg(*width).arg(*height));
    if (*maxval < 1 || *maxval > 65535)
        return corrupt(path, QStringLiteral("maxval %1 (must be 1..65535)").arg(*maxval));
    info.width = int(*width);
    info.height = int(*height);
    info.channels = kind == '3' || kind == '6' ? 3 : 1;
    info.bitDepth = bitmap ? 1 : *maxval > 255 ? 16 : 8;
    return Status::success();
}

} // namespace cropdeck::probe
