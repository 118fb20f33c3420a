// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegCompressor.h"

#include "io/jpeg/JpegErrorJump.h"

#include <algorithm>
#include <cstdlib>
#include <jerror.h>
#include <optional>

namespace cropdeck::jpeg {
namespace {

// The output buffer a thread keeps between images; a larger one is freed after its image.
constexpr size_t kRetainedOutputBytes = size_t(1) << 20;
constexpr size_t kFirstOutputBytes = size_t(16) << 10;

// What the parameters of the last image were set from.
struct Parameters {
    int channels = 0;
    int quality = 0;
    JpegSubsampling subsampling = JpegSubsampling::Yuv420;
    bool accurateDct = false;
    bool operator==(const Parameters&) const = default;
};

// libjpeg errors longjmp back to compress(); its destination grows a malloc'd buffer (realloc), so that
// running out of memory is one more libjpeg error rather than an exception thrown through C frames.
class ThreadCompressor {
public:
    ThreadCompressor() {
        m_info.err = m_errors.install();
        m_errors.pub.emit_message = &ThreadCompressor::ignoreMessage; // no warning of compression matters
        if (setjmp(m_errors.jump) == 0)
            jpeg_create_compress(&m_info);
        else
            m_info.mem = nullptr;
        m_destination.pub.init_destination = &ThreadCompressor::initDestination;
        m_destination.pub.empty_output_buffer = &ThreadCompressor::growDestination;
        m_destination.pub.term_destination = &ThreadCompressor::endDestination;
        m_info.dest = &m_destination.pub;
    }
    ~ThreadCompressor() {
        if (m_info.mem != nullptr)
            jpeg_destroy_compress(&m_info);
        std::free(m_destination.buffer);
    }
    ThreadCompressor(const ThreadCompressor&) = delete;
    ThreadCompressor& operator=(const ThreadCompressor&) = delete;

    Result<QByteArray> compress(const cv::Mat& pixels, const Parameters& parameters, const QString& path) {
        if (m_info.mem == nullptr)
            return makeError(ErrorKind::TooLarge,
                             QStringLiteral("%1: cannot encode: libjpeg could not start").arg(path));
        const bool done = run(pixels, parameters);
        QByteArray bytes;
        if (done)
            bytes = QByteArray(reinterpret_cast<const char*>(m_destination.buffer),
                               qsizetype(m_destination.used));
        if (m_destination.capacity > kRetainedOutputBytes) {
            std::free(m_destination.buffer);
            m_destination = Destination{m_destination.pub};
        }
        if (!done) {
            const bool tooLarge = m_errors.code == JERR_IMAGE_TOO_BIG || m_errors.code == JERR_OUT_OF_MEMORY;
            return makeError(
                tooLarge ? ErrorKind::TooLarge : ErrorKind::Io,
                QStringLiteral("%1: cannot encode: %2").arg(path, QString::fromLocal8Bit(m_errors.text)));
        }
        return bytes;
    }

private:
    struct Destination {
        jpeg_destination_mgr pub; // first member: libjpeg hands us a pointer to it
        unsigned char* buffer = nullptr;
        size_t capacity = 0;
        size_t used = 0;
    };

    // The frame libjpeg longjmps to: nothing here has a destructor (the usual libjpeg contract).
    bool run(const cv::Mat& pixels, const Parameters& parameters) {
        if (setjmp(m_errors.jump) != 0) {
            jpeg_abort_compress(&m_info);
            return false;
        }
        if (m_parameters != parameters) {
            m_parameters.reset(); // until they are all set
            setParameters(parameters);
            m_parameters = parameters;
        }
        m_info.image_width = JDIMENSION(pixels.cols);
        m_info.image_height = JDIMENSION(pixels.rows);
        jpeg_start_compress(&m_info, TRUE);
        JSAMPROW rows[16];
        while (m_info.next_scanline < m_info.image_height) {
            const int first = int(m_info.next_scanline);
            const int count = std::min(16, pixels.rows - first);
            for (int i = 0; i < count; ++i)
                rows[i] = const_cast<JSAMPROW>(pixels.ptr<uchar>(first + i));
            jpeg_write_scanlines(&m_info, rows, JDIMENSION(count));
        }
        jpeg_finish_compress(&m_info);
        return true;
    }

    // tjCompress2's settings, in its order, so that the bytes are the same.
    void setParameters(const Parameters& parameters) {
        const bool gray = parameters.channels == 1;
        m_info.in_color_space = gray ? JCS_GRAYSCALE : parameters.channels == 3 ? JCS_EXT_BGR : JCS_EXT_BGRX;
        m_info.input_components = parameters.channels;
        jpeg_set_defaults(&m_info);
        jpeg_set_quality(&m_info, parameters.quality, TRUE);
        m_info.dct_method = parameters.quality >= 96 || parameters.accurateDct ? JDCT_ISLOW : JDCT_FASTEST;
        jpeg_set_colorspace(&m_info, gray ? JCS_GRAYSCALE : JCS_YCbCr);
        if (gray)
            return;
        const bool halfWidth = parameters.subsampling != JpegSubsampling::Yuv444;
        const bool halfHeight = parameters.subsampling == JpegSubsampling::Yuv420;
        m_info.comp_info[0].h_samp_factor = halfWidth ? 2 : 1;
        m_info.comp_info[0].v_samp_factor = halfHeight ? 2 : 1;
        for (int c = 1; c < 3; ++c)
            m_info.comp_info[c].h_samp_factor = m_info.comp_info[c].v_samp_factor = 1;
    }

    static void ignoreMessage(j_common_ptr, int) {}

    static Destination& destinationOf(j_compress_ptr info) {
        return *reinterpret_cast<Destination*>(info->dest);
    }

    static void initDestination(j_compress_ptr info) {
        Destination& destination = destinationOf(info);
        if (destination.buffer == nullptr) {
            destination.buffer = static_cast<unsigned char*>(std::malloc(kFirstOutputBytes));
            if (destination.buffer == nullptr)
                ERREXIT(info, JERR_OUT_OF_MEMORY);
            destination.capacity = kFirstOutputBytes;
        }
        destination.pub.next_output_byte = destination.buffer;
        destination.pub.free_in_buffer = destination.capacity;
        destination.used = 0;
    }

    // Called with the buffer full: double it and go on after what is written.
    static boolean growDestination(j_compress_ptr info) {
        Destination& destination = destinationOf(info);
        const size_t capacity = destination.capacity * 2;
        auto* grown = static_cast<unsigned char*>(std::realloc(destination.buffer, capacity));
        if (grown == nullptr)
            ERREXIT(info, JERR_OUT_OF_MEMORY);
        destination.pub.next_output_byte = grown + destination.capacity;
        destination.pub.free_in_buffer = capacity - destination.capacity;
        destination.buffer = grown;
        destination.capacity = capacity;
        return TRUE;
    }

    static void endDestination(j_compress_ptr info) {
        Destination& destination = destinationOf(info);
        destination.used = destination.capacity - destination.pub.free_in_buffer;
    }

    JpegErrorJump m_errors;
    Destination m_destination;
    jpeg_compress_struct m_info;
    std::optional<Parameters> m_parameters;
};

} // namespace

Result<QByteArray> compressJpeg(const cv::Mat& pixels, const EncodeOptions& options,
                                const QString& pathForMessages) {
    thread_local ThreadCompressor compressor;
    const Parameters parameters{pixels.channels(), options.jpegQuality, options.jpegSubsampling,
                                options.jpegAccurateDct};
    return compressor.compress(pixels, parameters, pathForMessages);
}

} // namespace cropdeck::jpeg
