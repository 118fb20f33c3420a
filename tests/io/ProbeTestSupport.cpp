// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProbeTestSupport.h"

#include "IoTestFiles.h"

namespace cropdeck::test {

QByteArray sofPayload(int precision, int height, int width, const std::vector<JpegComponent>& components) {
    QByteArray p;
    p.append(char(precision));
    p.append(char(height >> 8)).append(char(height & 0xFF));
    p.append(char(width >> 8)).append(char(width & 0xFF));
    p.append(char(components.size()));
    for (const JpegComponent& c : components)
        p.append(char(c.id)).append(char((c.h << 4) | c.v)).append('\0');
    return p;
}

QByteArray jpegFile(const QByteArray& segments) {
    QByteArray out("\xFF\xD8", 2);
    out.append(segments);
    out.append(jpegSegment(0xDA, QByteArray("\x01\x01\x00\x00\x3f\x00", 6)));
    out.append("\x12\x34\x56", 3);
    out.append("\xFF\xD9", 2);
    return out;
}

QByteArray pngFile(quint32 width, quint32 height, int bitDepth, int colorType, const QByteArray& chunks) {
    QByteArray ihdr;
    for (quint32 v : {width, height})
        ihdr.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
    ihdr.append(char(bitDepth)).append(char(colorType)).append('\0').append('\0').append('\0');
    QByteArray out("\x89PNG\r\n\x1a\n", 8);
    out.append(pngChunk("IHDR", ihdr));
    out.append(chunks);
    out.append(pngChunk("IDAT", QByteArray()));
    out.append(pngChunk("IEND", QByteArray()));
    return out;
}

} // namespace cropdeck::test
