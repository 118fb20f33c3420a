// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegHeader.h"

#include <algorithm>

namespace cropdeck::jpeg {

namespace {

constexpr quint8 kSoi = 0xD8;
constexpr quint8 kEoi = 0xD9;
constexpr quint8 kSos = 0xDA;
constexpr quint8 kDri = 0xDD;

int byteAt(QByteArrayView data, qsizetype i) {
    return static_cast<quint8>(data[i]);
}
int word(QByteArrayView data, qsizetype i) {
    return (byteAt(data, i) << 8) | byteAt(data, i + 1);
}

bool isSof(quint8 marker) {
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool isStandalone(quint8 marker) {
    return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
}

bool readSof(QByteArrayView data, const JpegSegment& segment, JpegLayout& layout) {
    const qsizetype p = segment.offset + 4;
    if (segment.size < 10 || !layout.components.empty())
        return false;
    layout.sofMarker = segment.marker;
    layout.sofOffset = segment.offset;
    layout.precision = byteAt(data, p);
    layout.height = word(data, p + 1);
    layout.width = word(data, p + 3);
    const int count = byteAt(data, p + 5);
    if (count < 1 || count > 4 || segment.size != 10 + 3 * count || layout.width == 0 || layout.height == 0)
        return false;
    for (int c = 0; c < count; ++c) {
        const int sampling = byteAt(data, p + 7 + 3 * qsizetype(c));
        const JpegComponent component{byteAt(data, p + 6 + 3 * qsizetype(c)), sampling >> 4, sampling & 15};
        if (component.h < 1 || component.h > 4 || component.v < 1 || component.v > 4)
            return false;
        layout.components.push_back(component);
    }
    return true;
}

bool readSos(QByteArrayView data, const JpegSegment& segment, JpegLayout& layout) {
    if (segment.size < 6 || layout.components.empty())
        return false;
    layout.scanComponents = byteAt(data, segment.offset + 4);
    layout.entropyOffset = segment.offset + segment.size;
    return layout.scanComponents >= 1 && layout.scanComponents <= 4 &&
           segment.size == 8 + 2 * layout.scanComponents;
}

} // namespace

int JpegLayout::maxH() const {
    int result = 1;
    for (const JpegComponent& c : components)
        result = std::max(result, c.h);
    return result;
}

int JpegLayout::maxV() const {
    int result = 1;
    for (const JpegComponent& c : components)
        result = std::max(result, c.v);
    return result;
}

std::optional<JpegLayout> parseJpegLayout(QByteArrayView data) {
    if (data.size() < 4 || byteAt(data, 0) != 0xFF || byteAt(data, 1) != kSoi)
        return std::nullopt;
    JpegLayout layout;
    qsizetype pos = 2;
    while (pos + 1 < data.size()) {
        if (byteAt(data, pos) != 0xFF)
            return std::nullopt; // garbage between segments
        const quint8 marker = static_cast<quint8>(byteAt(data, pos + 1));
        if (marker == 0xFF) { // fill byte
            ++pos;
            continue;
        }
        if (isStandalone(marker)) {
            pos += 2;
            continue;
        }
        if (marker == kSoi || marker == kEoi || pos + 4 > data.size())
            return std::nullopt;
        const JpegSegment segment{marker, pos, 2 + word(data, pos + 2)};
        if (segment.size < 4 || segment.offset + segment.size > data.size())
            return std::nullopt;
        layout.segments.push_back(segment);
        if (isSof(marker) && !readSof(data, segment, layout))
            return std::nullopt;
        if (marker == kDri && segment.size == 6)
            layout.restartInterval = word(data, pos + 4);
        if (marker == kSos)
            return readSos(data, segment, layout) ? std::optional<JpegLayout>(layout) : std::nullopt;
        pos += segment.size;
    }
    return std::nullopt;
}

} // namespace cropdeck::jpeg
