// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Unaligned big- and little-endian integer loads for header parsing. Callers check bounds first.

#include <QtGlobal>

namespace cropdeck::bytes {

inline quint16 be16(const uchar* p) {
    return quint16((p[0] << 8) | p[1]);
}
inline quint32 be32(const uchar* p) {
    return (quint32(be16(p)) << 16) | be16(p + 2);
}
inline quint64 be64(const uchar* p) {
    return (quint64(be32(p)) << 32) | be32(p + 4);
}
inline quint16 le16(const uchar* p) {
    return quint16(p[0] | (p[1] << 8));
}
inline quint32 le32(const uchar* p) {
    return quint32(le16(p)) | (quint32(le16(p + 2)) << 16);
}
inline quint64 le64(const uchar* p) {
    return quint64(le32(p)) | (quint64(le32(p + 4)) << 32);
}

inline quint16 u16(const uchar* p, bool little) {
    return little ? le16(p) : be16(p);
}
inline quint32 u32(const uchar* p, bool little) {
    return little ? le32(p) : be32(p);
}
inline quint64 u64(const uchar* p, bool little) {
    return little ? le64(p) : be64(p);
}

} // namespace cropdeck::bytes
