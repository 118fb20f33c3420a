// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small buffered, random-access reader for header parsing. It reads the device in 4 KB blocks around
// the current position only, so walking a file's segments (and seeking over large ones) touches a few
// kilobytes, never the whole file. Every read is bounded by the device size.

#include <QByteArray>
#include <QIODevice>

namespace cropdeck {

class ByteReader {
public:
    // `device` must be open for reading and random access; it must outlive the reader.
    explicit ByteReader(QIODevice& device);

    qint64 size() const { return m_size; }
    qint64 pos() const { return m_pos; }
    qint64 remaining() const { return m_size - m_pos; }
    // True once the device refused a read (as opposed to the data ending).
    bool ioFailed() const { return m_ioFailed; }

    // Moves to an absolute position in [0, size]; returns false (and stays) otherwise.
    bool seek(qint64 pos);
    bool skip(qint64 count) { return count >= 0 && seek(m_pos + count); }

    // The next byte, or -1 at the end of the data or on a read error.
    int getByte();
    // Exactly `count` bytes; false when fewer remain.
    bool read(uchar* dst, qint64 count);
    // Up to `count` bytes from the current position (fewer at the end).
    QByteArray readUpTo(qint64 count);

private:
    bool fillAt(qint64 pos);

    QIODevice& m_device;
    qint64 m_size = 0;
    qint64 m_pos = 0;
    QByteArray m_buffer;
    qint64 m_bufferStart = 0;
    bool m_ioFailed = false;
};

} // namespace cropdeck
