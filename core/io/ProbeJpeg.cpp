// SPDX-License-Identifier: GPL-3.0-or-later
// JPEG header probe: walks the marker segments up to the first scan, reading only the few segments it
// needs (SOF, DRI, JFIF APP0, the first EXIF APP1, Adobe APP14) and seeking over the rest, so a file with
// a 500 KB ICC profile before its frame header costs a few kilobytes of reads.

#include "io/ExifOrientation.h"
#include "io/ProbeFormats.h"

#include <QByteArray>

namespace cropdeck::probe {

namespace {

enum Marker : int {
    SOF0 = 0xC0,
    DHT = 0xC4,
    DAC = 0xCC,
    SOI = 0xD8,
    EOI = 0xD9,
    SOS = 0xDA,
    DRI = 0xDD,
    APP0 = 0xE0,
    APP1 = 0xE1,
    APP14 = 0xEE,
    TEM = 0x01,
};

struct JpegScanState {
    bool sawFrame = false;
    bool sawJfif = false;
    bool sawAdobe = false;
    int adobeTransform = -1;
    bool sawExif = false;
    int componentIds[4] = {0, 0, 0, 0};
};

bool isSof(int m) {
    return m >= 0xC0 && m <= 0xCF && m != DHT && m != DAC && m != 0xC8;
}
bool isRst(int m) {
    return m >= 0xD0 && m <= 0xD7;
}

Error corrupt(const QString& path, const QString& what) {
    return makeError(ErrorKind::Corrupt, QStringLiteral("%1: bad JPEG header: %2").arg(path, what));
}

// Like libjpeg's next_marker(): garbage before a marker and 0xFF fill bytes are skipped, "FF 00" is not
// a marker. Returns -1 at the end of the data.
int nextMarker(ByteReader& reader) {
    for (;;) {
        int c = reader.getByte();
        while (c >= 0 && c != 0xFF)
            c = reader.getByte();
        do
            c = reader.getByte();
        while (c == 0xFF);
        if (c != 0)
            return c; // -1 (end) or a marker code
    }
}

JpegColorSpace colorSpaceOf(int components, const JpegScanState& s) {
    // The rules of libjpeg's default_decompress_parms(), so the probe agrees with the decoder.
    switch (components) {
    case 1:
        return JpegColorSpace::Gray;
    case 3:
        if (s.sawJfif)
            return JpegColorSpace::YCbCr;
        if (s.sawAdobe)
            return s.adobeTransform == 0 ? JpegColorSpace::Rgb : JpegColorSpace::YCbCr;
        if (s.componentIds[0] == 'R' && s.componentIds[1] == 'G' && s.componentIds[2] == 'B')
            return JpegColorSpace::Rgb;
        return JpegColorSpace::YCbCr;
    case 4:
        if (s.sawAdobe && s.adobeTransform == 0)
            return JpegColorSpace::Cmyk;
        return s.sawAdobe ? JpegColorSpace::Ycck : JpegColorSpace::Cmyk;
    default:
        return JpegColorSpace::Unknown;
    }
}

Status parseSof(int marker, const QByteArray& payload, ImageInfo& info, JpegScanState& state,
                const QString& path) {
    if (state.sawFrame)
        return corrupt(path, QStringLiteral("two frame headers (SOF) before the first scan"));
    if (payload.size() < 6)
        return corrupt(path, QStringLiteral("bad SOF length %1").arg(payload.size() + 2));
    const auto* p = reinterpret_cast<const uchar*>(payload.constData());
    const int components = p[5];
    if (components < 1 || components > 4 || payload.size() != 6 + 3 * components)
        return corrupt(
            path,
            QStringLiteral("bad SOF length %1 for %2 components").arg(payload.size() + 2).arg(components));
    info.bitDepth = p[0];
    info.height = (p[1] << 8) | p[2];
    info.width = (p[3] << 8) | p[4];
    info.channels = components;
    if (info.height == 0)
        return makeError(
            ErrorKind::Unsupported,
            QStringLiteral("%1: JPEG height is defined by a DNL marker, which is not supported").arg(path));
    int maxH = 1, maxV = 1, blocks = 0;
    for (int c = 0; c < components; ++c) {
        const int h = p[7 + 3 * c] >> 4, v = p[7 + 3 * c] & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4)
            return corrupt(path,
                           QStringLiteral("bad sampling factors %1×%2 in component %3").arg(h).arg(v).arg(c));
        maxH = std::max(maxH, h);
        maxV = std::max(maxV, v);
        blocks += h * v;
        state.componentIds[c] = p[6 + 3 * c];
    }
    // A single-component scan is not interleaved: its MCU is one 8×8 block whatever the factors say.
    info.mcuWidth = components == 1 ? 8 : 8 * maxH;
    info.mcuHeight = components == 1 ? 8 : 8 * maxV;
    info.blocksPerMcu = components == 1 ? 1 : blocks;
    const int type = marker - SOF0;
    info.progressive = type == 2 || type == 6 || type == 10 || type == 14;
    info.lossless = type == 3 || type == 7 || type == 11 || type == 15;
    info.arithmetic = type >= 9;
    if ((type >= 5 && type <= 7) || type >= 13)
        return makeError(
            ErrorKind::Unsupported,
            QStringLiteral("%1: hierarchical JPEG (SOF%2) is not supported").arg(path).arg(type));
    state.sawFrame = true;
    return Status::success();
}

void parseApp(int marker, const QByteArray& payload, ImageInfo& info, JpegScanState& state) {
    if (marker == APP0 && payload.size() >= 14 && payload.startsWith(QByteArrayView("JFIF\0", 5)))
        state.sawJfif = true;
    if (marker == APP14 && payload.size() >= 12 && payload.startsWith("Adobe")) {
        state.sawAdobe = true;
        state.adobeTransform = uchar(payload[11]);
    }
    if (marker == APP1 && !state.sawExif) {
        if (const std::optional<int> orientation = orientationFromJpegApp1(payload)) {
            state.sawExif = true; // the first EXIF segment wins, as in libjpeg-based readers
            info.orientation = *orientation;
        }
    }
}

// Whether a segment's payload must be read (the others are skipped with a seek).
bool wanted(int marker, const JpegScanState& state) {
    return isSof(marker) || marker == DRI || marker == APP0 || marker == APP14 ||
           (marker == APP1 && !state.sawExif);
}

Status handleSegment(ByteReader& reader, int marker, ImageInfo& info, JpegScanState& state,
                     const QString& path) {
    uchar lengthBytes[2];
    if (!reader.read(lengthBytes, 2))
        return endedEarly(reader, path, QStringLiteral("JPEG header"));
    const int length = (lengthBytes[0] << 8) | lengthBytes[1];
    if (length < 2)
        return corrupt(
            path,
            QStringLiteral("bad length %1 of marker 0x%2").arg(length).arg(marker, 2, 16, QLatin1Char('0')));
    if (!wanted(marker, state)) {
        if (!reader.skip(length - 2))
            return endedEarly(reader, path, QStringLiteral("JPEG header"));
        return Status::success();
    }
    const QByteArray payload = reader.readUpTo(length - 2);
    if (payload.size() != length - 2)
        return endedEarly(reader, path, QStringLiteral("JPEG header"));
    if (isSof(marker))
        return parseSof(marker, payload, info, state, path);
    if (marker == DRI) {
        if (payload.size() != 2)
            return corrupt(path, QStringLiteral("bad DRI length %1").arg(length));
        info.restartInterval = (uchar(payload[0]) << 8) | uchar(payload[1]);
        return Status::success();
    }
    parseApp(marker, payload, info, state);
    return Status::success();
}

} // namespace

Status probeJpeg(ByteReader& reader, ImageInfo& info, const QString& path) {
    info.format = ImageFormat::Jpeg;
    JpegScanState state;
    reader.seek(2); // after SOI, which the caller matched
    // Every iteration consumes at least one byte, so the loop ends with the data.
    for (;;) {
        const int marker = nextMarker(reader);
        if (marker < 0)
            return endedEarly(reader, path,
                              state.sawFrame ? QStringLiteral("JPEG header (before the first scan)")
                                             : QStringLiteral("JPEG header (before the frame header SOF)"));
        if (marker == SOS || marker == EOI) {
            if (!state.sawFrame)
                return corrupt(path, QStringLiteral("no frame header (SOF) before %1")
                                         .arg(marker == SOS ? "the first scan" : "the end of image"));
            break;
        }
        if (marker == SOI)
            return corrupt(path, QStringLiteral("a second start-of-image marker"));
        if (isRst(marker) || marker == TEM)
            continue;
        if (Status segment = handleSegment(reader, marker, info, state, path); !segment)
            return segment;
    }
    info.jpegColorSpace = colorSpaceOf(info.channels, state);
    return Status::success();
}

} // namespace cropdeck::probe
