// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io/jpeg: libjpeg's error manager, made to jump back instead of exiting, for the compressor
// and the decompressor alike. libjpeg calls error_exit on every error and it must not return: this one
// keeps the message (code and text) and longjmps to the frame that called setjmp(jump). The rules for that
// frame are in io/jpeg/JpegDecompressor.h.

#include <csetjmp>
#include <cstdio> // jpeglib.h needs FILE and size_t declared first
#include <jpeglib.h>

namespace cropdeck::jpeg {

struct JpegErrorJump {
    jpeg_error_mgr pub; // first member: libjpeg hands back a pointer to it
    std::jmp_buf jump;
    int code = 0;                    // the message code of the error that ended the work
    char text[JMSG_LENGTH_MAX] = {}; // its text

    // libjpeg's defaults with error_exit jumping back; returns what the jpeg struct's `err` is set to.
    // A manager that embeds this one must have it as its first member (the callbacks cast `err` back).
    jpeg_error_mgr* install();

    // Keeps the current message and jumps: error_exit, or a warning that is to stop the work.
    [[noreturn]] static void raise(j_common_ptr info);

    static JpegErrorJump& of(j_common_ptr info) { return *reinterpret_cast<JpegErrorJump*>(info->err); }
};

} // namespace cropdeck::jpeg
