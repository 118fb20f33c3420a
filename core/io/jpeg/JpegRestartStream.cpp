// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegRestartStream.h"

#include <QRect>

#include <algorithm>
#include <cstring>
#include <numeric>

namespace cropdeck::jpeg {

namespace {

constexpr unsigned char kRst0 = 0xD0;

bool isRst(unsigned char marker) {
    return marker >= kRst0 && marker <= kRst0 + 7;
}

// Upsampled chroma blends with the sample row above and below, which lies in the neighbouring MCU row.
bool needsVerticalContext(const JpegLayout& layout) {
    const int maxV = layout.maxV();
    return std::any_of(layout.components.begin(), layout.components.end(),
                       [maxV](const JpegComponent& c) { return c.v < maxV; });
}

bool eligible(const JpegLayout& layout, const DecodeRequest& request) {
    const int s = request.scaleDenom;
    const bool sequentialHuffman = layout.sofMarker == 0xC0 || layout.sofMarker == 0xC1;
    return sequentialHuffman && layout.precision == 8 && layout.restartInterval > 0 &&
           layout.scanComponents == int(layout.components.size()) && (s == 1 || s == 2 || s == 4 || s == 8) &&
           !request.region.isEmpty() && QRect(0, 0, layout.width, layout.height).contains(request.region);
}

// Metadata that does not change the pixels; colour-space hints (JFIF APP0, Adobe APP14) are kept.
bool droppable(quint8 marker) {
    return marker == 0xFE || (marker >= 0xE1 && marker <= 0xEF && marker != 0xEE);
}

// Offsets [begin, end) of the entropy data of intervals plan.firstInterval..plan.lastInterval.
bool findIntervals(QByteArrayView data, qsizetype entropyOffset, const RestartPlan& plan, qsizetype& begin,
                   qsizetype& end) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    const qsizetype size = data.size();
    int interval = 0;
    begin = plan.firstInterval == 0 ? entropyOffset : -1;
    for (qsizetype pos = entropyOffset; pos < size;) {
        const auto* hit =
            static_cast<const unsigned char*>(std::memchr(bytes + pos, 0xFF, size_t(size - pos)));
        if (hit == nullptr || hit + 1 >= bytes + size)
            return false; // no end of scan: truncated
        const qsizetype at = hit - bytes;
        const unsigned char marker = hit[1];
        if (marker == 0x00 || marker == 0xFF) { // stuffed byte or fill
            pos = at + (marker == 0x00 ? 2 : 1);
            continue;
        }
        if (!isRst(marker) || interval == plan.lastInterval) {
            end = at; // end of the last needed interval (or of the scan)
            return interval == plan.lastInterval && begin >= 0;
        }
        if (marker - kRst0 != interval % 8)
            return false;
        ++interval;
        if (interval == plan.firstInterval)
            begin = at + 2;
        pos = at + 2;
    }
    return false;
}

// The copy's RST markers must count from RST0, as a fresh scan does.
void renumberRestarts(unsigned char* bytes, size_t size) {
    int next = 0;
    for (size_t pos = 0; pos + 1 < size;) {
        auto* hit = static_cast<unsigned char*>(std::memchr(bytes + pos, 0xFF, size - pos - 1));
        if (hit == nullptr)
            return;
        if (isRst(hit[1]))
            hit[1] = static_cast<unsigned char>(kRst0 + (next++ % 8));
        pos = size_t(hit - bytes) + (hit[1] == 0xFF ? 1 : 2);
    }
}

void append(std::vector<unsigned char>& out, QByteArrayView data, qsizetype offset, qsizetype size) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data()) + offset;
    out.insert(out.end(), bytes, bytes + size);
}

} // namespace

std::optional<RestartPlan> planRestartAccess(const JpegLayout& layout, const DecodeRequest& request) {
    if (!eligible(layout, request))
        return std::nullopt;
    const int s = request.scaleDenom;
    const QRect& r = request.region;
    // Full-resolution rows behind the scaled rows [floor(y/s), ceil((y+h)/s)).
    const int firstPixelRow = (r.y() / s) * s;
    const int endPixelRow = std::min(layout.height, (r.y() + r.height() + s - 1) / s * s);
    const int mcuHeight = layout.mcuHeight();
    const int context = needsVerticalContext(layout) ? 1 : 0;
    const int wantedFirst = std::max(0, firstPixelRow / mcuHeight - context);
    const int lastRow = std::min(layout.mcuRows() - 1, (endPixelRow - 1) / mcuHeight + context);

    // Intervals start on an MCU row every `step` rows: where interval * R is a multiple of the row length.
    const qint64 perRow = layout.mcusPerRow();
    const qint64 interval = layout.restartInterval;
    const qint64 step = interval / std::gcd(interval, perRow);
    const int firstRow = int(wantedFirst / step * step);
    if (firstRow == 0)
        return std::nullopt; // the plain region decode starts there anyway
    RestartPlan plan;
    plan.firstRow = firstRow;
    plan.lastRow = lastRow;
    plan.firstInterval = int(firstRow * perRow / interval);
    plan.lastInterval = int(((lastRow + 1) * perRow - 1) / interval);
    plan.rowOffset = firstRow * mcuHeight;
    plan.height = std::min(layout.height, (lastRow + 1) * mcuHeight) - plan.rowOffset;
    return plan;
}

bool buildRestartStream(QByteArrayView data, const JpegLayout& layout, const RestartPlan& plan,
                        std::vector<unsigned char>& out) {
    qsizetype begin = 0;
    qsizetype end = 0;
    if (!findIntervals(data, layout.entropyOffset, plan, begin, end))
        return false;
    out.clear();
    out.push_back(0xFF);
    out.push_back(0xD8);
    for (const JpegSegment& segment : layout.segments) {
        if (droppable(segment.marker))
            continue;
        const size_t at = out.size();
        append(out, data, segment.offset, segment.size);
        if (segment.offset == layout.sofOffset) { // SOF: FF Cn Lh Ll P Yh Yl ...
            out[at + 5] = static_cast<unsigned char>(plan.height >> 8);
            out[at + 6] = static_cast<unsigned char>(plan.height & 0xFF);
        }
    }
    const size_t entropyStart = out.size();
    append(out, data, begin, end - begin);
    renumberRestarts(out.data() + entropyStart, out.size() - entropyStart);
    out.push_back(0xFF);
    out.push_back(0xD9);
    return true;
}

} // namespace cropdeck::jpeg
