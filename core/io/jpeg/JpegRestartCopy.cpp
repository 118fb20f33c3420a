// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegRestartCopy.h"

#include "io/jpeg/JpegDecompressor.h"

#include <algorithm>
#include <cstdlib>
#include <jerror.h>

namespace cropdeck {

namespace {

using jpeg::JpegDecompressor;

// libjpeg calls its progress hook once per iMCU row while reading and while writing coefficients: the
// place to stop a transcode that nobody waits for any more.
struct StopCheck {
    jpeg_progress_mgr pub; // first member: libjpeg hands us a pointer to it
    const std::function<bool()>* stop = nullptr;
    bool stopped = false;
};

void checkStop(j_common_ptr info) {
    auto* check = reinterpret_cast<StopCheck*>(info->progress);
    if (check->stopped || !(*check->stop)())
        return;
    check->stopped = true;
    ERREXIT(info, JMSG_NOMESSAGE); // unwinds to the transcode's setjmp, which reports Cancelled
}

// The compressor half of the transcode. It reports through the reader's error manager, so that one
// setjmp in makeJpegRestartCopy catches errors of both halves. Owns libjpeg's output buffer.
class CoefficientWriter {
public:
    explicit CoefficientWriter(JpegDecompressor& reader) {
        m_info.err = reader.info()->err;
        if (setjmp(reader.jump()) == 0) {
            jpeg_create_compress(&m_info);
            m_created = true;
        }
    }
    ~CoefficientWriter() {
        if (m_created)
            jpeg_destroy_compress(&m_info);
        std::free(m_output); // jpeg_mem_dest's buffer, malloc'd by libjpeg
    }
    CoefficientWriter(const CoefficientWriter&) = delete;
    CoefficientWriter& operator=(const CoefficientWriter&) = delete;

    bool valid() const { return m_created; }
    jpeg_compress_struct* info() { return &m_info; }
    void writeToMemory() { jpeg_mem_dest(&m_info, &m_output, &m_size); }
    QByteArray bytes() const {
        return QByteArray(reinterpret_cast<const char*>(m_output), qsizetype(m_size));
    }

private:
    jpeg_compress_struct m_info{};
    bool m_created = false;
    unsigned char* m_output = nullptr;
    unsigned long m_size = 0;
};

enum class Refusal { None, ColourSpace, Smoothed };

// What the region decoder takes (see its unsupportedColorSpace); CMYK/YCCK go another way.
bool decodableColourSpace(const jpeg_decompress_struct& in) {
    return (in.jpeg_color_space == JCS_GRAYSCALE && in.num_components == 1) ||
           ((in.jpeg_color_space == JCS_YCbCr || in.jpeg_color_space == JCS_RGB) && in.num_components == 3);
}

// libjpeg smooths a progressive image's blocks on decode (do_block_smoothing, on by default) when one of
// the DC or first nine AC coefficients of a component is not fully refined (coef_bits != 0; -1 when
// never sent); its jdcoefct.c smoothing_ok() looks at these ten.
bool wouldBeSmoothed(const jpeg_decompress_struct& in) {
    constexpr int kSmoothingCoefficients = 10;
    if (!in.progressive_mode || in.coef_bits == nullptr)
        return false;
    for (int c = 0; c < in.num_components; ++c)
        for (int k = 0; k < kSmoothingCoefficients; ++k)
            if (in.coef_bits[c][k] != 0)
                return true;
    return false;
}

// The largest divisor of the MCUs in a row up to kMostMcusPerInterval: every row then starts an interval
// and is split alike, so that a region decode can skip both the rows above and the columns beside it.
// Each interval costs a marker, byte padding and a DC restart (a few bytes).
unsigned restartIntervalFor(const jpeg_decompress_struct& in) {
    constexpr unsigned kMostMcusPerInterval = 4;
    int maxH = 1;
    for (int c = 0; c < in.num_components; ++c)
        maxH = std::max(maxH, in.comp_info[c].h_samp_factor);
    const unsigned mcuWidth = in.num_components == 1 ? 8u : 8u * unsigned(maxH);
    const unsigned perRow = (in.image_width + mcuWidth - 1) / mcuWidth;
    for (unsigned interval = std::min(perRow, kMostMcusPerInterval); interval > 1; --interval)
        if (perRow % interval == 0)
            return interval;
    return 1;
}

// Runs between makeJpegRestartCopy's setjmp and its last libjpeg call: trivially destructible locals only.
Refusal transcode(QByteArrayView source, jpeg_decompress_struct* in, CoefficientWriter& writer,
                  StopCheck* check) {
    in->progress = check != nullptr ? &check->pub : nullptr;
    jpeg_mem_src(in, reinterpret_cast<const unsigned char*>(source.data()),
                 static_cast<unsigned long>(source.size()));
    jpeg_read_header(in, TRUE);
    if (!decodableColourSpace(*in))
        return Refusal::ColourSpace;
    jvirt_barray_ptr* coefficients = jpeg_read_coefficients(in);
    if (wouldBeSmoothed(*in))
        return Refusal::Smoothed;
    jpeg_compress_struct* out = writer.info();
    jpeg_copy_critical_parameters(in, out); // sampling, quantisation tables, colour space; baseline Huffman
    out->restart_interval = restartIntervalFor(*in); // after copy_critical_parameters (resets the defaults)
    out->optimize_coding = FALSE;                    // one pass: the copy is built while a preview waits
    out->progress = in->progress;
    writer.writeToMemory();
    jpeg_write_coefficients(out, coefficients);
    jpeg_finish_compress(out);
    jpeg_abort_decompress(in);
    return Refusal::None;
}

Error unsupported(const QString& path, const char* why) {
    return makeError(ErrorKind::Unsupported,
                     QStringLiteral("%1: no restart-marker copy: %2").arg(path, QLatin1String(why)));
}

} // namespace

Result<QByteArray> makeJpegRestartCopy(QByteArrayView source, const std::function<bool()>& stop,
                                       const QString& pathForMessages) {
    JpegDecompressor reader(FailOn::Error); // any warning: the source is damaged, decode it directly
    if (!reader.valid())
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1: out of memory").arg(pathForMessages));
    CoefficientWriter writer(reader);
    if (!writer.valid())
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1: out of memory").arg(pathForMessages));
    StopCheck check;
    check.pub.progress_monitor = &checkStop;
    check.stop = &stop;
    if (setjmp(reader.jump()) != 0) {
        if (check.stopped)
            return makeError(ErrorKind::Cancelled,
                             QStringLiteral("%1: restart-marker copy cancelled").arg(pathForMessages));
        return reader.error(pathForMessages);
    }
    switch (transcode(source, reader.info(), writer, stop ? &check : nullptr)) {
    case Refusal::ColourSpace:
        return unsupported(pathForMessages, "only 8-bit gray, YCbCr and RGB JPEGs are copied");
    case Refusal::Smoothed:
        return unsupported(pathForMessages, "progressive scans leave low-frequency coefficients unrefined, "
                                            "which libjpeg smooths on decode");
    case Refusal::None:
        break;
    }
    return writer.bytes();
}

} // namespace cropdeck
