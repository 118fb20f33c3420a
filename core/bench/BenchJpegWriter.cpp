// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchJpegWriter.h"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <jpeglib.h>
#include <utility>

namespace cropdeck::bench {

namespace {

// libjpeg's default error_exit calls exit(): jump back to the caller with the message instead.
struct ErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void onError(j_common_ptr cinfo) {
    auto* manager = reinterpret_cast<ErrorManager*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, manager->message);
    std::longjmp(manager->jump, 1);
}

void setSampling(jpeg_compress_struct& cinfo, ChromaSubsampling subsampling) {
    if (cinfo.num_components != 3)
        return;
    const int h = subsampling == ChromaSubsampling::S444 ? 1 : 2;
    const int v = subsampling == ChromaSubsampling::S420 ? 2 : 1;
    cinfo.comp_info[0].h_samp_factor = h;
    cinfo.comp_info[0].v_samp_factor = v;
    for (int c = 1; c < 3; ++c)
        cinfo.comp_info[c].h_samp_factor = cinfo.comp_info[c].v_samp_factor = 1;
}

// Everything between create and destroy; the caller owns the setjmp so no C++ object with a destructor
// lives in a frame that longjmp crosses.
void compress(jpeg_compress_struct& cinfo, const cv::Mat& pixels, const JpegWriteOptions& options,
              const QByteArray& exif, unsigned char** buffer, unsigned long* size) {
    jpeg_mem_dest(&cinfo, buffer, size);
    cinfo.image_width = JDIMENSION(pixels.cols);
    cinfo.image_height = JDIMENSION(pixels.rows);
    cinfo.input_components = pixels.channels();
    cinfo.in_color_space = pixels.channels() == 1 ? JCS_GRAYSCALE : JCS_EXT_BGR;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, options.quality, TRUE);
    setSampling(cinfo, options.subsampling);
    cinfo.restart_in_rows = options.restartRows;
    if (options.progressive)
        jpeg_simple_progression(&cinfo);
    cinfo.write_JFIF_header = options.exifOrientation == 0 ? TRUE : FALSE;
    jpeg_start_compress(&cinfo, TRUE);
    if (!exif.isEmpty()) {
        jpeg_write_marker(&cinfo, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(exif.constData()),
                          unsigned(exif.size()));
    }
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(pixels.ptr<uchar>(int(cinfo.next_scanline)));
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
}

void appendBigEndian(QByteArray& out, quint32 value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i)
        out.append(char((value >> (8 * i)) & 0xFF));
}

} // namespace

QByteArray exifOrientationPayload(int orientation, const QByteArray& thumbnail) {
    QByteArray out("Exif\0\0", 6);
    out.append("MM\0\x2A", 4);       // big-endian TIFF header
    appendBigEndian(out, 8, 4);      // IFD0 right after the header
    appendBigEndian(out, 1, 2);      // one entry
    appendBigEndian(out, 0x0112, 2); // Orientation
    appendBigEndian(out, 3, 2);      // SHORT
    appendBigEndian(out, 1, 4);      // count
    appendBigEndian(out, quint32(orientation), 2);
    appendBigEndian(out, 0, 2); // value padded to 4 bytes
    if (thumbnail.isEmpty()) {
        appendBigEndian(out, 0, 4); // no next IFD
        return out;
    }
    constexpr quint32 ifd1 = 8 + 2 + 12 + 4; // offsets count from the TIFF header
    constexpr quint32 thumbnailAt = ifd1 + 2 + 2 * 12 + 4;
    appendBigEndian(out, ifd1, 4);
    appendBigEndian(out, 2, 2);
    for (const auto& [tag, value] : {std::pair<quint32, quint32>{0x0201, thumbnailAt},
                                     std::pair<quint32, quint32>{0x0202, quint32(thumbnail.size())}}) {
        appendBigEndian(out, tag, 2);
        appendBigEndian(out, 4, 2); // LONG
        appendBigEndian(out, 1, 4);
        appendBigEndian(out, value, 4);
    }
    appendBigEndian(out, 0, 4); // no IFD2
    return out + thumbnail;
}

Result<QByteArray> encodeBenchJpeg(const cv::Mat& pixels, const JpegWriteOptions& options) {
    if (pixels.depth() != CV_8U || (pixels.channels() != 1 && pixels.channels() != 3) || pixels.empty())
        return makeError(ErrorKind::Invalid, QStringLiteral("JPEG writer: need 8-bit gray or BGR pixels"));
    if (options.exifOrientation < 0 || options.exifOrientation > 8)
        return makeError(ErrorKind::Invalid, QStringLiteral("JPEG writer: EXIF orientation must be 1..8"));

    const QByteArray exif = options.exifOrientation
                                ? exifOrientationPayload(options.exifOrientation, options.exifThumbnail)
                                : QByteArray();
    if (exif.size() > 65533)
        return makeError(ErrorKind::Invalid, QStringLiteral("JPEG writer: the EXIF thumbnail does not fit in "
                                                            "one APP1 segment (64 KiB)"));
    jpeg_compress_struct cinfo;
    ErrorManager errors;
    cinfo.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onError;
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    if (setjmp(errors.jump)) {
        jpeg_destroy_compress(&cinfo);
        std::free(buffer);
        return makeError(ErrorKind::Io,
                         QStringLiteral("JPEG writer: %1").arg(QString::fromLocal8Bit(errors.message)));
    }
    jpeg_create_compress(&cinfo);
    compress(cinfo, pixels, options, exif, &buffer, &size);
    jpeg_destroy_compress(&cinfo);
    QByteArray bytes(reinterpret_cast<const char*>(buffer), qsizetype(size));
    std::free(buffer);
    return bytes;
}

} // namespace cropdeck::bench
