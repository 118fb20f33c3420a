// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The marker layout of a JPEG up to its first scan, read without decoding: where each segment lies,
// the frame (SOF) and scan (SOS) parameters and the restart interval. Parsing is bounded by the buffer
// and rejects anything malformed, so it is safe on garbage.

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace cropdeck::jpeg {

struct JpegSegment {
    quint8 marker = 0;    // the byte after 0xFF
    qsizetype offset = 0; // of the 0xFF
    qsizetype size = 0;   // marker and payload: 2 + the length field
};

struct JpegComponent {
    int id = 0;
    int h = 1; // sampling factors, 1..4
    int v = 1;
};

struct JpegLayout {
    std::vector<JpegSegment> segments; // SOI excluded, the first SOS included, in file order
    quint8 sofMarker = 0;              // 0xC0 baseline, 0xC1 extended, 0xC2 progressive, ...
    qsizetype sofOffset = 0;           // of the SOF's 0xFF
    int precision = 8;
    int width = 0;
    int height = 0;
    std::vector<JpegComponent> components;
    int restartInterval = 0;     // in MCUs, from a DRI before the first scan
    int scanComponents = 0;      // components in the first scan
    qsizetype entropyOffset = 0; // first byte after the first SOS segment

    bool progressive() const {
        return sofMarker == 0xC2 || sofMarker == 0xC6 || sofMarker == 0xCA || sofMarker == 0xCE;
    }
    bool arithmetic() const { return sofMarker >= 0xC9 && sofMarker <= 0xCF; }
    int maxH() const;
    int maxV() const;
    // MCU geometry of the first scan: one block for a single-component scan, else the interleaved MCU.
    int mcuWidth() const { return scanComponents == 1 ? 8 : 8 * maxH(); }
    int mcuHeight() const { return scanComponents == 1 ? 8 : 8 * maxV(); }
    int mcusPerRow() const { return (width + mcuWidth() - 1) / mcuWidth(); }
    int mcuRows() const { return (height + mcuHeight() - 1) / mcuHeight(); }
};

// The layout up to and including the first SOS, or nullopt when the data is not a well-formed JPEG
// header (no SOI, a segment running past the end, a bad SOF or SOS, no scan).
std::optional<JpegLayout> parseJpegLayout(QByteArrayView data);

} // namespace cropdeck::jpeg
