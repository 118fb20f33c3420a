// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ByteReader.h"

#include <algorithm>
#include <cstring>

namespace cropdeck {

namespace {
constexpr qint64 kBlockSize = 4096;
}

ByteReader::ByteReader(QIODevice& device)
    : m_device(device)
    , m_size(std::max<qint64>(0, device.size())) {}

bool ByteReader::seek(qint64 pos) {
    if (pos < 0 || pos > m_size)
        return false;
    m_pos = pos;
    return true;
}

bool ByteReader::fillAt(qint64 pos) {
    if (pos >= m_bufferStart && pos < m_bufferStart + m_buffer.size())
        return true;
    if (pos >= m_size || m_ioFailed || !m_device.seek(pos))
        return false;
    m_buffer.resize(qsizetype(std::min(kBlockSize, m_size - pos)));
    const qint64 got = m_device.read(m_buffer.data(), m_buffer.size());
    if (got <= 0) {
        m_ioFailed = got < 0;
        m_buffer.clear();
        return false;
    }
    m_buffer.resize(qsizetype(got));
    m_bufferStart = pos;
    return true;
}

int ByteReader::getByte() {
    if (!fillAt(m_pos))
        return -1;
    return uchar(m_buffer[qsizetype(m_pos++ - m_bufferStart)]);
}

bool ByteReader::read(uchar* dst, qint64 count) {
    if (count < 0 || count > remaining())
        return false;
    while (count > 0) {
        if (!fillAt(m_pos))
            return false;
        const qint64 offset = m_pos - m_bufferStart;
        const qint64 n = std::min(count, qint64(m_buffer.size()) - offset);
        std::memcpy(dst, m_buffer.constData() + offset, size_t(n));
        dst += n;
        m_pos += n;
        count -= n;
    }
    return true;
}

QByteArray ByteReader::readUpTo(qint64 count) {
    QByteArray out(qsizetype(std::clamp<qint64>(count, 0, remaining())), Qt::Uninitialized);
    if (!read(reinterpret_cast<uchar*>(out.data()), out.size()))
        return {};
    return out;
}

} // namespace cropdeck
