// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegErrorJump.h"

namespace cropdeck::jpeg {

jpeg_error_mgr* JpegErrorJump::install() {
    jpeg_std_error(&pub);
    pub.error_exit = &JpegErrorJump::raise;
    return &pub;
}

void JpegErrorJump::raise(j_common_ptr info) {
    JpegErrorJump& errors = of(info);
    errors.code = errors.pub.msg_code;
    errors.pub.format_message(info, errors.text);
    std::longjmp(errors.jump, 1);
}

} // namespace cropdeck::jpeg
