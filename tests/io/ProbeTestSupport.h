// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers for the probe tests: a file that counts the bytes it hands out, and JPEG/PNG builders.

#include <QByteArray>
#include <QFile>

namespace cropdeck::test {

// A QFile that counts the bytes read through it (open it Unbuffered so that every read is counted).
class CountingFile : public QFile {
public:
    using QFile::QFile;
    qint64 bytesRead() const { return m_bytesRead; }

protected:
    qint64 readData(char* data, qint64 maxSize) override {
        const qint64 got = QFile::readData(data, maxSize);
        if (got > 0)
            m_bytesRead += got;
        return got;
    }

private:
    qint64 m_bytesRead = 0;
};

struct JpegComponent {
    int id;
    int h;
    int v;
};

// SOF payload: precision, height, width, components (id, HxV sampling, table 0).
QByteArray sofPayload(int precision, int height, int width, const std::vector<JpegComponent>& components);

// SOI + `segments` + a minimal SOS segment + a few entropy bytes + EOI.
QByteArray jpegFile(const QByteArray& segments);

// PNG signature + IHDR + `chunks` + an empty IDAT + IEND.
QByteArray pngFile(quint32 width, quint32 height, int bitDepth, int colorType, const QByteArray& chunks = {});

} // namespace cropdeck::test
