// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchOutput.h"

#include "batch/SettingNames.h"
#include "io/Encoder.h"
#include "io/OpenCvCodecs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>

#include <opencv2/imgcodecs.hpp>

namespace cropdeck::bench {

namespace {

constexpr int kDecodeFlags = cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION;

QString fileSystemOf(const QString& folder) {
    return QString::fromUtf8(QStorageInfo(folder).fileSystemType());
}

} // namespace

OutputFormat OutputSpec::effectiveFormat() const {
    return format == OutputFormat::SameAsInput ? OutputFormat::Png : format;
}

bool OutputSpec::lossy() const {
    const OutputFormat f = effectiveFormat();
    return encodes() && (f == OutputFormat::Jpeg || f == OutputFormat::WebP);
}

EncodeOptions OutputSpec::encodeOptions() const {
    EncodeOptions options;
    options.jpegQuality = quality;
    options.webpQuality = quality;
    options.pngCompression = pngLevel;
    return options;
}

QString OutputSpec::extension() const {
    return extensionFor(effectiveFormat());
}

QString OutputSpec::describe() const {
    QString encoding = QStringLiteral("pixels");
    if (encodes()) {
        const OutputFormat f = effectiveFormat();
        encoding = formatOutputFormat(f);
        if (f == OutputFormat::Png)
            encoding += QStringLiteral(" level %1").arg(pngLevel);
        else if (lossy())
            encoding += QStringLiteral(" q%1").arg(quality);
    }
    QString head = QStringLiteral("%1 (%2)").arg(outputTargetName(target), encoding);
    if (target == OutputTarget::Memory || folder.isEmpty())
        return head;
    return QStringLiteral("%1 in %2 (%3)").arg(head, folder, fileSystemOf(folder));
}

QString outputTargetName(OutputTarget target) {
    switch (target) {
    case OutputTarget::Disk:
        return QStringLiteral("disk");
    case OutputTarget::Tmpfs:
        return QStringLiteral("tmpfs");
    case OutputTarget::Memory:
        break;
    }
    return QStringLiteral("memory");
}

Result<OutputTarget> parseOutputTarget(const QString& text) {
    for (OutputTarget t : {OutputTarget::Memory, OutputTarget::Disk, OutputTarget::Tmpfs})
        if (outputTargetName(t) == text.trimmed().toLower())
            return t;
    return makeError(ErrorKind::Invalid,
                     QStringLiteral("--output \"%1\": expected memory, disk or tmpfs").arg(text));
}

Status resolveOutputFolder(OutputSpec& spec, const QString& chosen) {
    if (spec.target == OutputTarget::Memory) {
        spec.folder.clear();
        return {};
    }
    const bool tmpfs = spec.target == OutputTarget::Tmpfs;
    const QString target = outputTargetName(spec.target);
    const QString folder = !chosen.isEmpty() ? chosen : tmpfs ? QStringLiteral("/dev/shm") : QDir::tempPath();
    const QFileInfo info(folder);
    if (!info.isDir())
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("--output %1: %2 is not a folder%3")
                .arg(target, folder, chosen.isEmpty() ? QStringLiteral(" (give --out DIR)") : QString()));
    if (!info.isWritable())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--output %1: %2 is not writable").arg(target, folder));
    // A figure labelled "disk" that was measured in memory (or the reverse) would mislead.
    const QString type = fileSystemOf(folder);
    const bool isTmpfs = type == QLatin1String("tmpfs") || type == QLatin1String("ramfs");
    if (tmpfs && !isTmpfs)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--output tmpfs: %1 is on %2, not a tmpfs (give --out DIR on a "
                                        "tmpfs, or --output disk)")
                             .arg(folder, type.isEmpty() ? QStringLiteral("an unknown file system") : type));
    if (!tmpfs && isTmpfs)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--output disk: %1 is a %2, in memory (give --out DIR on a disk, "
                                        "or --output tmpfs)")
                             .arg(folder, type));
    spec.folder = info.absoluteFilePath();
    return {};
}

Result<QByteArray> encodeCrop(const cv::Mat& pixels, const OutputSpec& spec, const QString& nameForMessages) {
    return encodeImage(pixels, spec.effectiveFormat(), spec.encodeOptions(), nameForMessages);
}

cv::Mat decodeOutputFile(const QString& path) {
    return codecs::imread(QFile::encodeName(path).toStdString(), kDecodeFlags);
}

cv::Mat decodeOutputBytes(const QByteArray& bytes) {
    if (bytes.isEmpty())
        return {};
    const cv::Mat buffer(1, int(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
    return codecs::imdecode(buffer, kDecodeFlags);
}

} // namespace cropdeck::bench
