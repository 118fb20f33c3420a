// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegDecompressor.h"

#include <jerror.h>

namespace cropdeck::jpeg {

JpegDecompressor::JpegDecompressor(FailOn failOn) {
    m_errors.failOn = failOn;
    m_info.err = m_errors.jumps.install();
    m_errors.jumps.pub.emit_message = &JpegDecompressor::onMessage;
    // jpeg_create_decompress only fails when out of memory; it reports through error_exit like the rest.
    if (setjmp(m_errors.jumps.jump) == 0) {
        jpeg_create_decompress(&m_info);
    } else {
        m_info.mem = nullptr;
    }
}

JpegDecompressor::~JpegDecompressor() {
    if (m_info.mem != nullptr)
        jpeg_destroy_decompress(&m_info);
}

void JpegDecompressor::onMessage(j_common_ptr info, int level) {
    if (level >= 0)
        return; // trace messages
    auto* errors = reinterpret_cast<ErrorManager*>(info->err);
    errors->jumps.pub.num_warnings++;
    const bool truncation = errors->jumps.pub.msg_code == JWRN_JPEG_EOF;
    if (errors->failOn == FailOn::Error || (errors->failOn == FailOn::Truncated && truncation))
        JpegErrorJump::raise(info);
    if (errors->tolerated[0] == '\0')
        errors->jumps.pub.format_message(info, errors->tolerated);
}

QString JpegDecompressor::damage() const {
    return QString::fromLocal8Bit(m_errors.tolerated);
}

ErrorKind jpegErrorKind(int messageCode) {
    switch (messageCode) {
    case JWRN_JPEG_EOF:
    case JERR_INPUT_EOF:
    case JERR_INPUT_EMPTY:
        return ErrorKind::Truncated;
    case JERR_BAD_PRECISION:
    case JERR_SOF_UNSUPPORTED:
    case JERR_NOT_COMPILED:
    case JERR_NOTIMPL:
    case JERR_CONVERSION_NOTIMPL:
    case JERR_IMAGE_TOO_BIG:
    case JERR_WIDTH_OVERFLOW:
        return ErrorKind::Unsupported;
    case JERR_OUT_OF_MEMORY:
        return ErrorKind::TooLarge;
    default:
        return ErrorKind::Corrupt;
    }
}

Error JpegDecompressor::error(const QString& pathForMessages) const {
    const JpegErrorJump& errors = m_errors.jumps;
    QString text = QString::fromLocal8Bit(errors.text);
    if (errors.code == JERR_BAD_PRECISION)
        text += QStringLiteral(" (only 8-bit JPEG is supported by this decoder)");
    else if (errors.code == JERR_SOF_UNSUPPORTED && errors.pub.msg_parm.i[0] == 0xc3)
        text += QStringLiteral(" (lossless JPEG is not supported by this decoder)");
    return makeError(jpegErrorKind(errors.code), QStringLiteral("%1: %2").arg(pathForMessages, text));
}

} // namespace cropdeck::jpeg
