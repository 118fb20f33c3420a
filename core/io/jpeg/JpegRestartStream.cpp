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

// ... and with the samples left and right, in the neighbouring MCU column.
bool needsHorizontalContext(const JpegLayout& layout) {
    const int maxH = layout.maxH();
    return std::any_of(layout.components.begin(), layout.components.end(),
                       [maxH](const JpegComponent& c) { return c.h < maxH; });
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

// Runs of consecutive intervals the stream holds, in order: one per MCU row when columns are cut.
std::vector<std::pair<int, int>> intervalRuns(const RestartPlan& plan) {
    const bool columnsCut = plan.intervalsPerRow > 0 &&
                            (plan.firstColumnInterval > 0 || plan.endColumnInterval < plan.intervalsPerRow);
    if (!columnsCut)
        return {{plan.firstInterval, plan.lastInterval}};
    std::vector<std::pair<int, int>> runs;
    for (int row = plan.firstRow; row <= plan.lastRow; ++row)
        runs.emplace_back(row * plan.intervalsPerRow + plan.firstColumnInterval,
                          row * plan.intervalsPerRow + plan.endColumnInterval - 1);
    return runs;
}

// The entropy data of each run, [begin of its first interval, end of its last): one pass over the
// markers down to the last run, checking their numbering on the way. Runs are ascending and disjoint.
bool findRuns(QByteArrayView data, qsizetype entropyOffset, const std::vector<std::pair<int, int>>& runs,
              std::vector<std::pair<qsizetype, qsizetype>>& spans) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    const qsizetype size = data.size();
    spans.assign(runs.size(), {-1, -1});
    size_t run = 0;
    int interval = 0;
    const auto begins = [&](int at, qsizetype offset) {
        if (runs[run].first == at)
            spans[run].first = offset;
    };
    begins(0, entropyOffset);
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
        if (interval == runs[run].second) {
            spans[run].second = at; // the marker after the run's last interval, whichever it is
            if (++run == runs.size())
                return true;
        }
        if (!isRst(marker) || marker - kRst0 != interval % 8)
            return false; // the scan ends early, or the markers are damaged
        ++interval;
        begins(interval, at + 2);
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
    RestartPlan plan;
    plan.firstRow = firstRow;
    plan.lastRow = lastRow;
    plan.rowOffset = firstRow * mcuHeight;
    plan.height = std::min(layout.height, (lastRow + 1) * mcuHeight) - plan.rowOffset;
    plan.width = layout.width;
    plan.intervalsPerRow = perRow % interval == 0 ? int(perRow / interval) : 0;
    plan.endColumnInterval = plan.intervalsPerRow;
    if (plan.intervalsPerRow > 1) {
        // Full-resolution columns behind the scaled columns, as for the rows.
        const int firstPixelColumn = (r.x() / s) * s;
        const int endPixelColumn = std::min(layout.width, (r.x() + r.width() + s - 1) / s * s);
        const int mcuWidth = layout.mcuWidth();
        const int columnContext = needsHorizontalContext(layout) ? 1 : 0;
        const int firstColumn = std::max(0, firstPixelColumn / mcuWidth - columnContext);
        const int lastColumn = std::min(int(perRow) - 1, (endPixelColumn - 1) / mcuWidth + columnContext);
        plan.firstColumnInterval = firstColumn / int(interval);
        plan.endColumnInterval = lastColumn / int(interval) + 1;
        plan.columnOffset = plan.firstColumnInterval * int(interval) * mcuWidth;
        plan.width =
            std::min(layout.width, plan.endColumnInterval * int(interval) * mcuWidth) - plan.columnOffset;
    }
    if (firstRow == 0 && plan.width == layout.width)
        return std::nullopt; // the plain region decode reads exactly this
    plan.firstInterval = int(firstRow * perRow / interval) + plan.firstColumnInterval;
    plan.lastInterval = plan.intervalsPerRow > 0 ? lastRow * plan.intervalsPerRow + plan.endColumnInterval - 1
                                                 : int(((lastRow + 1) * perRow - 1) / interval);
    return plan;
}

bool buildRestartStream(QByteArrayView data, const JpegLayout& layout, const RestartPlan& plan,
                        std::vector<unsigned char>& out) {
    const std::vector<std::pair<int, int>> runs = intervalRuns(plan);
    std::vector<std::pair<qsizetype, qsizetype>> spans;
    if (!findRuns(data, layout.entropyOffset, runs, spans))
        return false;
    out.clear();
    out.push_back(0xFF);
    out.push_back(0xD8);
    for (const JpegSegment& segment : layout.segments) {
        if (droppable(segment.marker))
            continue;
        const size_t at = out.size();
        append(out, data, segment.offset, segment.size);
        if (segment.offset == layout.sofOffset) { // SOF: FF Cn Lh Ll P Yh Yl Xh Xl ...
            out[at + 5] = static_cast<unsigned char>(plan.height >> 8);
            out[at + 6] = static_cast<unsigned char>(plan.height & 0xFF);
            out[at + 7] = static_cast<unsigned char>(plan.width >> 8);
            out[at + 8] = static_cast<unsigned char>(plan.width & 0xFF);
        }
    }
    const size_t entropyStart = out.size();
    for (size_t i = 0; i < spans.size(); ++i) {
        if (i > 0) { // a restart marker between runs; renumbered below
            out.push_back(0xFF);
            out.push_back(kRst0);
        }
        append(out, data, spans[i].first, spans[i].second - spans[i].first);
    }
    renumberRestarts(out.data() + entropyStart, out.size() - entropyStart);
    out.push_back(0xFF);
    out.push_back(0xD9);
    return true;
}

} // namespace cropdeck::jpeg
