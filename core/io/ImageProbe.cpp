// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ImageProbe.h"

#include "io/ByteReader.h"
#include "io/FileReading.h"
#include "io/PlausibleFileSize.h"
#include "io/ProbeFormats.h"

#include <QByteArray>
#include <QFile>

#include <algorithm>

namespace cropdeck {

namespace probe {

Error endedEarly(const ByteReader& reader, const QString& path, const QString& what) {
    if (reader.ioFailed())
        return makeError(ErrorKind::Io, QStringLiteral("%1: read failed inside the %2").arg(path, what));
    return makeError(ErrorKind::Truncated, QStringLiteral("%1: file ends inside the %2").arg(path, what));
}

} // namespace probe

namespace {

using ProbeFunction = Status (*)(ByteReader&, ImageInfo&, const QString&);

const QString kSupportedList = QStringLiteral("CropDeck reads JPEG, PNG, BMP, TIFF, WebP and PNM images");

// Compares with a literal's full length (embedded NULs included, unlike the const char* overloads).
template <qsizetype N> bool hasMagic(QByteArrayView head, const char (&magic)[N]) {
    return head.startsWith(QByteArrayView(magic, N - 1));
}

bool isPnmMagic(QByteArrayView head) {
    return head.size() >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '6' &&
           (head[2] == ' ' || head[2] == '\t' || head[2] == '\n' || head[2] == '\r' || head[2] == '#');
}

ProbeFunction probeFor(QByteArrayView head) {
    if (hasMagic(head, "\xFF\xD8\xFF"))
        return probe::probeJpeg;
    if (hasMagic(head, "\x89PNG\r\n\x1a\n"))
        return probe::probePng;
    if (hasMagic(head, "BM"))
        return probe::probeBmp;
    if (hasMagic(head, "II*\0") || hasMagic(head, "MM\0*") || hasMagic(head, "II+\0") ||
        hasMagic(head, "MM\0+"))
        return probe::probeTiff;
    if (head.size() >= 12 && hasMagic(head, "RIFF") && head.sliced(8, 4) == "WEBP")
        return probe::probeWebp;
    if (isPnmMagic(head))
        return probe::probePnm;
    return nullptr;
}

// Names formats we recognise but do not read, so the message says what the file is.
QString knownOtherFormat(QByteArrayView head) {
    if (hasMagic(head, "GIF87a") || hasMagic(head, "GIF89a"))
        return QStringLiteral("a GIF image");
    if (hasMagic(head, "\0\0\1\0"))
        return QStringLiteral("an ICO icon");
    if (hasMagic(head, "BZh"))
        return QStringLiteral("a bzip2-compressed file");
    if (hasMagic(head, "\x1f\x8b"))
        return QStringLiteral("a gzip-compressed file");
    if (hasMagic(head, "PK\3\4"))
        return QStringLiteral("a ZIP archive");
    if (hasMagic(head, "%PDF"))
        return QStringLiteral("a PDF document");
    if (hasMagic(head, "8BPS"))
        return QStringLiteral("a Photoshop document");
    if (head.size() >= 12 && head.sliced(4, 4) == "ftyp")
        return QStringLiteral("a HEIF/AVIF or other ISO media file");
    if (hasMagic(head, "\0\0\0\x0cjP  ") || hasMagic(head, "\xff\x4f\xff\x51"))
        return QStringLiteral("a JPEG 2000 image");
    if (hasMagic(head, "\x76\x2f\x31\x01"))
        return QStringLiteral("an OpenEXR image");
    return {};
}

// A PNG whose 8-byte signature was damaged (by a text-mode transfer, typically) still shows "PNG" or IHDR.
bool looksLikeDamagedPng(QByteArrayView head) {
    return head.first(std::min<qsizetype>(head.size(), 5)).contains("PNG") || head.contains("IHDR");
}

Error unsupportedFormat(QByteArrayView head, const QString& name) {
    if (head.isEmpty())
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: file is empty").arg(name));
    if (looksLikeDamagedPng(head))
        return makeError(
            ErrorKind::Corrupt,
            QStringLiteral("%1: bad PNG signature (damaged file, e.g. by a text-mode transfer)").arg(name));
    const QString other = knownOtherFormat(head);
    if (!other.isEmpty())
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: %2 is not supported (%3)").arg(name, other, kSupportedList));
    return makeError(ErrorKind::Unsupported,
                     QStringLiteral("%1: not a recognised image format (%2)").arg(name, kSupportedList));
}

QString megapixels(qint64 pixels) {
    return QString::number(double(pixels) / 1e6, 'f', 1);
}

Status checkDimensions(const ImageInfo& info, const QString& name, qint64 maxPixels) {
    if (info.width <= 0 || info.height <= 0)
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: header declares an empty image (%2×%3)")
                                                 .arg(name)
                                                 .arg(info.width)
                                                 .arg(info.height));
    if (maxPixels > 0 && info.pixelCount() > maxPixels)
        return makeError(ErrorKind::TooLarge,
                         QStringLiteral("%1: %2×%3 = %4 MP exceeds the pixel limit (max pixels) of %5 MP")
                             .arg(name)
                             .arg(info.width)
                             .arg(info.height)
                             .arg(megapixels(info.pixelCount()), megapixels(maxPixels)));
    return Status::success();
}

} // namespace

Result<ImageInfo> probeImage(QIODevice& device, const QString& name, qint64 maxPixels) {
    ByteReader reader(device);
    const QByteArray head = reader.readUpTo(16);
    if (reader.ioFailed())
        return makeError(ErrorKind::Io, QStringLiteral("%1: read failed").arg(name));
    const ProbeFunction probeFormat = probeFor(head);
    if (!probeFormat)
        return unsupportedFormat(head, name);
    ImageInfo info;
    info.fileSize = reader.size();
    if (Status parsed = probeFormat(reader, info, name); !parsed)
        return parsed.error();
    if (Status sized = checkDimensions(info, name, maxPixels); !sized)
        return sized.error();
    // Before any decoder allocates for the declared size.
    if (Status plausible = checkFileCanHoldImage(info, name); !plausible)
        return plausible.error();
    return info;
}

Result<ImageInfo> probeImage(const QString& path, qint64 maxPixels) {
    QFile file;
    // Unbuffered: the reader does its own small block reads; QFile's read-ahead would only add bytes.
    if (Status opened = openForReading(file, path, QIODevice::Unbuffered); !opened)
        return opened.error();
    return probeImage(file, path, maxPixels);
}

} // namespace cropdeck
