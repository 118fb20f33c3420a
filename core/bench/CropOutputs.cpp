// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/CropOutputs.h"

#include "io/AtomicFileGroup.h"
#include "io/OpenCvCodecs.h"

#include <QDir>

#include <opencv2/imgcodecs.hpp>

namespace cropdeck::bench {

namespace {

// OpenCV's parameters for the spec's format, as an OpenCV user passes them.
std::vector<int> openCvParameters(const OutputSpec& spec) {
    switch (spec.effectiveFormat()) {
    case OutputFormat::Jpeg:
        return {cv::IMWRITE_JPEG_QUALITY, spec.quality};
    case OutputFormat::Png:
        return {cv::IMWRITE_PNG_COMPRESSION, spec.pngLevel};
    case OutputFormat::WebP:
        return {cv::IMWRITE_WEBP_QUALITY, spec.quality};
    default:
        return {};
    }
}

quint64 foldBytes(const QByteArray& bytes) {
    quint64 fold = quint64(bytes.size());
    if (!bytes.isEmpty())
        fold = fold * 1099511628211ull + uchar(bytes.front()) + quint64(uchar(bytes.back())) * 257u;
    return fold;
}

} // namespace

Status CropOutputs::begin(const OutputSpec& spec, const QString& engineName) {
    m_spec = spec;
    m_scratch.reset();
    if (spec.target == OutputTarget::Memory)
        return {};
    m_scratch = std::make_unique<QTemporaryDir>(
        QDir(spec.folder).filePath(QStringLiteral("cropdeck-bench-%1-XXXXXX").arg(engineName)));
    if (!m_scratch->isValid())
        return makeError(ErrorKind::Io, QStringLiteral("cannot make a scratch folder in %1: %2")
                                            .arg(spec.folder, m_scratch->errorString()));
    return {};
}

QString CropOutputs::pathFor(int imageIndex, int window) const {
    return QDir(m_scratch->path())
        .filePath(QStringLiteral("%1_%2.%3").arg(imageIndex).arg(window).arg(m_spec.extension()));
}

Result<QByteArray> CropOutputs::encode(const cv::Mat& crop, const QString& name) const {
    if (m_style == WriterStyle::CropDeck)
        return encodeCrop(crop, m_spec, name);
    std::vector<uchar> buffer;
    if (!codecs::imencode("." + m_spec.extension().toStdString(), crop, buffer, openCvParameters(m_spec)))
        return makeError(ErrorKind::Io, QStringLiteral("%1: cv::imencode failed").arg(name));
    return QByteArray(reinterpret_cast<const char*>(buffer.data()), qsizetype(buffer.size()));
}

Result<quint64> CropOutputs::writeCrops(int imageIndex, const std::vector<cv::Mat>& crops) const {
    quint64 fold = 0;
    if (m_spec.target == OutputTarget::Memory) {
        for (size_t w = 0; w < crops.size(); ++w) {
            Result<QByteArray> bytes = encode(crops[w], QStringLiteral("crop %1_%2").arg(imageIndex).arg(w));
            if (!bytes)
                return bytes.error();
            fold = fold * 31 + foldBytes(*bytes);
        }
        return fold;
    }
    if (m_style == WriterStyle::OpenCv) {
        for (size_t w = 0; w < crops.size(); ++w) {
            const QString path = pathFor(imageIndex, int(w));
            if (!codecs::imwrite(QFile::encodeName(path).toStdString(), crops[w], openCvParameters(m_spec)))
                return makeError(ErrorKind::Io, QStringLiteral("%1: cv::imwrite failed").arg(path));
            fold = fold * 31 + quint64(crops[w].total());
        }
        return fold;
    }
    AtomicFileGroup group;
    for (size_t w = 0; w < crops.size(); ++w) {
        const QString path = pathFor(imageIndex, int(w));
        Result<QByteArray> bytes = encode(crops[w], path);
        if (!bytes)
            return bytes.error();
        if (Status added = group.add(path, *bytes); !added)
            return added.error();
        fold = fold * 31 + foldBytes(*bytes);
    }
    for (const Status& placed : group.commit())
        if (!placed)
            return placed.error();
    return fold;
}

Result<std::vector<cv::Mat>> CropOutputs::written(int imageIndex, const std::vector<cv::Mat>& crops,
                                                  int windowCount) const {
    std::vector<cv::Mat> decoded;
    if (m_spec.target == OutputTarget::Memory) {
        for (size_t w = 0; w < crops.size(); ++w) {
            Result<QByteArray> bytes = encode(crops[w], QStringLiteral("crop %1_%2").arg(imageIndex).arg(w));
            if (!bytes)
                return bytes.error();
            decoded.push_back(decodeOutputBytes(*bytes));
        }
        return decoded;
    }
    for (int w = 0; w < windowCount; ++w)
        decoded.push_back(decodeOutputFile(pathFor(imageIndex, w)));
    return decoded;
}

} // namespace cropdeck::bench
