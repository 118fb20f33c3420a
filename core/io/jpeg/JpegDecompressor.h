// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io/jpeg: a libjpeg decompressor whose errors and warnings come back as values.
//
// libjpeg reports errors by calling error_exit, which must not return. We longjmp back to the frame that
// called setjmp(jump()) instead of aborting. Rules for that frame (the usual libjpeg contract):
// * call setjmp in the function that drives libjpeg, after every C++ object it needs is constructed;
// * between setjmp and the last libjpeg call, only call helpers whose locals are trivially destructible,
//   because longjmp skips destructors of the frames it unwinds.
// Warnings (emit_message level -1) follow FailOn: a warning that the policy rejects is turned into an
// error on the spot, so decoding stops at the first damaged spot rather than producing grey rows.

#include "Result.h"
#include "io/DecodeTypes.h"
#include "io/jpeg/JpegErrorJump.h"

namespace cropdeck::jpeg {

class JpegDecompressor {
public:
    explicit JpegDecompressor(FailOn failOn);
    ~JpegDecompressor();
    JpegDecompressor(const JpegDecompressor&) = delete;
    JpegDecompressor& operator=(const JpegDecompressor&) = delete;

    // False only when libjpeg could not even allocate its state; then no other call is allowed.
    bool valid() const { return m_info.mem != nullptr; }
    jpeg_decompress_struct* info() { return &m_info; }
    std::jmp_buf& jump() { return m_errors.jumps.jump; }

    // The error that ended decoding after a longjmp: kind from libjpeg's message code, text naming the file.
    Error error(const QString& pathForMessages) const;
    // The first warning the FailOn policy tolerated (damaged or truncated data); empty when none.
    QString damage() const;

private:
    struct ErrorManager {
        JpegErrorJump jumps; // first member: libjpeg's `err` points to it
        FailOn failOn = FailOn::Error;
        char tolerated[JMSG_LENGTH_MAX] = {}; // first warning that did not stop decoding
    };

    static void onMessage(j_common_ptr info, int level);

    ErrorManager m_errors;
    jpeg_decompress_struct m_info;
};

// Kind of a libjpeg message code (J_MESSAGE_CODE), shared by every JPEG path.
ErrorKind jpegErrorKind(int messageCode);

} // namespace cropdeck::jpeg
