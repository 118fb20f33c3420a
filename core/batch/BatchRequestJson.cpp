// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/BatchRequestJson.h"

#include "batch/JsonFile.h"
#include "batch/JsonObjectReader.h"
#include "batch/SettingNames.h"
#include "io/AtomicFileWriter.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace cropdeck {
namespace {

// Seeds are 64-bit: JSON numbers hold 53 bits exactly, so a seed is written as a decimal string.
QJsonObject generatedToJson(const GeneratedWindows& generated) {
    return {{"kind", formatGeneratedKind(generated.kind)},
            {"size", formatSize(generated.size)},
            {"count", generated.count},
            {"seed", QString::number(generated.seed)}};
}

QJsonObject inputToJson(const BatchRequest& r) {
    return {{"images", r.images},
            {"annotations", r.annotations},
            {"annotation_format", formatAnnotationFormatSetting(r.annotationFormat)},
            {"csv_columns", r.csvColumns},
            {"min_box_size", r.minBoxSize},
            {"generated", generatedToJson(r.generated)}};
}

QJsonObject cropToJson(const CropSettings& s) {
    return {{"bounds", formatBoundsPolicy(s.bounds)},
            {"pad", formatPad(s.padMode, s.padBgr)},
            {"margin", formatMargin(s.margin)},
            {"aspect", s.aspect},
            {"size", formatSize(s.fixedSize)},
            {"resize", s.resize == ResizeMode::None ? QString() : formatSize(s.resizeTo)},
            {"resize_mode", formatResizeMode(s.resize)},
            {"gray", s.grayscale},
            {"stored_coordinates", !s.orientationFromExif},
            {"window_size", s.normalizedWindowSize},
            {"max_fraction", s.normalizedMaxFraction},
            {"fail_on", formatFailOn(s.failOn)},
            {"max_pixels", double(s.maxPixels)},
            {"lossless", s.lossless}};
}

QJsonObject outputToJson(const BatchRequest& r) {
    const CropSettings& s = r.settings;
    return {{"folder", r.outputDir},
            {"name", r.nameTemplate},
            {"format", formatOutputFormat(s.format)},
            {"jpeg_quality", s.jpegQuality},
            {"png_level", s.pngCompression},
            {"webp_quality", s.webpQuality}};
}

QJsonObject runToJson(const BatchRequest& r) {
    return {{"threads", r.threads},
            {"max_memory_bytes", double(r.memoryBudgetBytes)},
            {"resume", r.resume},
            {"shard", formatShard(r.shardIndex, r.shardCount)}};
}

// Reads `key` of `parent` as an object with `read`, then refuses the keys `read` left.
template <typename Read> Status readSection(JsonObjectReader& parent, const char* key, Read read) {
    Result<JsonObjectReader> section = parent.object(key);
    if (!section)
        return section.error();
    if (Status status = read(*section); !status)
        return status;
    return section->finish();
}

// Runs each read in turn and stops at the first error.
Status firstError(std::initializer_list<std::function<Status()>> reads) {
    for (const auto& read : reads)
        if (Status status = read(); !status)
            return status;
    return {};
}

Status readGenerated(JsonObjectReader& in, GeneratedWindows& g) {
    QString seed = QString::number(g.seed);
    return firstError({
        [&] { return in.named<GeneratedWindows::Kind>("kind", parseGeneratedKind, g.kind); },
        [&] {
            QString size;
            Status read = in.text("size", size);
            if (!read || size.isEmpty())
                return read;
            Result<QSize> parsed = parseSize(size);
            if (!parsed)
                return Status(
                    in.invalid("size", QStringLiteral("\"%1\": %2").arg(size, parsed.error().message)));
            g.size = *parsed;
            return Status();
        },
        [&] { return in.integer("count", 1, 100000, g.count); },
        [&] {
            Status read = in.text("seed", seed);
            bool ok = false;
            g.seed = seed.toULongLong(&ok);
            return !read || ok ? read
                               : Status(in.invalid("seed", QStringLiteral("expected a non-negative integer "
                                                                          "as a string, e.g. \"42\"")));
        },
    });
}

// An optional "WxH": empty text is no size.
Status readOptionalSize(JsonObjectReader& in, const char* key, QSize& out) {
    QString text = formatSize(out);
    if (Status read = in.text(key, text); !read)
        return read;
    if (text.isEmpty()) {
        out = QSize();
        return {};
    }
    Result<QSize> parsed = parseSize(text);
    if (!parsed)
        return in.invalid(key, QStringLiteral("\"%1\": %2").arg(text, parsed.error().message));
    out = *parsed;
    return {};
}

Status readResize(JsonObjectReader& in, CropSettings& s) {
    QSize size = s.resize == ResizeMode::None ? QSize() : s.resizeTo;
    if (Status read = readOptionalSize(in, "resize", size); !read)
        return read;
    QString mode =
        s.resize == ResizeMode::None && size.isValid() ? QStringLiteral("exact") : formatResizeMode(s.resize);
    if (Status read = in.text("resize_mode", mode); !read)
        return read;
    if (!size.isValid()) {
        if (mode != u"none" && in.has("resize_mode"))
            return in.invalid("resize_mode", QStringLiteral("\"%1\" needs crop.resize WxH").arg(mode));
        s.resize = ResizeMode::None;
        s.resizeTo = QSize();
        return {};
    }
    Result<ResizeMode> parsed = parseResizeMode(mode);
    if (!parsed)
        return in.invalid("resize_mode", QStringLiteral("\"%1\": %2").arg(mode, parsed.error().message));
    s.resize = *parsed;
    s.resizeTo = size;
    return {};
}

Status readCrop(JsonObjectReader& in, CropSettings& s) {
    bool stored = !s.orientationFromExif;
    return firstError({
        [&] { return in.named<BoundsPolicy>("bounds", parseBoundsPolicy, s.bounds); },
        [&] {
            PadSetting pad{s.padMode, {s.padBgr[0], s.padBgr[1], s.padBgr[2]}};
            Status read = in.named<PadSetting>("pad", parsePad, pad);
            s.padMode = pad.mode;
            std::copy(pad.bgr, pad.bgr + 3, s.padBgr);
            return read;
        },
        [&] { return in.named<Margin>("margin", parseMargin, s.margin); },
        [&] { return in.number("aspect", 0, 1e6, s.aspect); },
        [&] { return readOptionalSize(in, "size", s.fixedSize); },
        [&] { return readResize(in, s); },
        [&] { return in.boolean("gray", s.grayscale); },
        [&] {
            Status read = in.boolean("stored_coordinates", stored);
            s.orientationFromExif = !stored;
            return read;
        },
        [&] { return in.integer("window_size", 0, 65535, s.normalizedWindowSize); },
        [&] { return in.number("max_fraction", 1e-9, 1, s.normalizedMaxFraction); },
        [&] { return in.named<FailOn>("fail_on", parseFailOn, s.failOn); },
        [&] {
            qint64 pixels = s.maxPixels;
            Status read = in.integer("max_pixels", qint64(1), qint64(1) << 50, pixels);
            s.maxPixels = pixels;
            return read;
        },
        [&] { return in.boolean("lossless", s.lossless); },
    });
}

Status readOutput(JsonObjectReader& in, BatchRequest& r) {
    CropSettings& s = r.settings;
    return firstError({
        [&] { return in.text("folder", r.outputDir); },
        [&] { return in.text("name", r.nameTemplate); },
        [&] { return in.named<OutputFormat>("format", parseOutputFormat, s.format); },
        [&] { return in.integer("jpeg_quality", 1, 100, s.jpegQuality); },
        [&] { return in.integer("png_level", 0, 9, s.pngCompression); },
        [&] { return in.integer("webp_quality", 1, 100, s.webpQuality); },
    });
}

Status readRun(JsonObjectReader& in, BatchRequest& r) {
    return firstError({
        [&] { return in.integer("threads", 0, 1024, r.threads); },
        [&] { return in.integer("max_memory_bytes", qint64(0), qint64(1) << 50, r.memoryBudgetBytes); },
        [&] { return in.boolean("resume", r.resume); },
        [&] {
            ShardSetting shard{r.shardIndex, r.shardCount};
            Status read = in.named<ShardSetting>("shard", parseShard, shard);
            r.shardIndex = shard.index, r.shardCount = shard.count;
            return read;
        },
    });
}

Status readInput(JsonObjectReader& in, BatchRequest& r) {
    return firstError({
        [&] { return in.text("images", r.images); },
        [&] { return in.text("annotations", r.annotations); },
        [&] {
            return in.named<AnnotationFormat>("annotation_format", parseAnnotationFormatSetting,
                                              r.annotationFormat);
        },
        [&] { return in.text("csv_columns", r.csvColumns); },
        [&] { return in.integer("min_box_size", 0, 65535, r.minBoxSize); },
        [&] {
            return readSection(in, "generated",
                               [&](JsonObjectReader& g) { return readGenerated(g, r.generated); });
        },
    });
}

} // namespace

bool BatchRequest::operator==(const BatchRequest& o) const {
    const CropSettings &a = settings, &b = o.settings;
    const bool sameSettings =
        a.bounds == b.bounds && a.padMode == b.padMode && std::equal(a.padBgr, a.padBgr + 3, b.padBgr) &&
        a.margin.value == b.margin.value && a.margin.percent == b.margin.percent && a.aspect == b.aspect &&
        a.fixedSize == b.fixedSize && a.resize == b.resize && a.resizeTo == b.resizeTo &&
        a.grayscale == b.grayscale && a.orientationFromExif == b.orientationFromExif &&
        a.normalizedWindowSize == b.normalizedWindowSize &&
        a.normalizedMaxFraction == b.normalizedMaxFraction && a.failOn == b.failOn &&
        a.maxPixels == b.maxPixels && a.lossless == b.lossless && a.format == b.format &&
        a.jpegQuality == b.jpegQuality && a.pngCompression == b.pngCompression &&
        a.webpQuality == b.webpQuality;
    return sameSettings && images == o.images && annotations == o.annotations &&
           annotationFormat == o.annotationFormat && csvColumns == o.csvColumns && generated == o.generated &&
           minBoxSize == o.minBoxSize && outputDir == o.outputDir && nameTemplate == o.nameTemplate &&
           threads == o.threads && memoryBudgetBytes == o.memoryBudgetBytes && resume == o.resume &&
           shardIndex == o.shardIndex && shardCount == o.shardCount;
}

QJsonObject batchRequestToJson(const BatchRequest& request) {
    return {{"cropdeck_request", kBatchRequestVersion},
            {"input", inputToJson(request)},
            {"crop", cropToJson(request.settings)},
            {"output", outputToJson(request)},
            {"run", runToJson(request)}};
}

Result<BatchRequest> batchRequestFromJson(const QJsonObject& json) {
    JsonObjectReader root(json, QString());
    int version = 0;
    if (!root.has("cropdeck_request"))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("not a CropDeck request: key \"cropdeck_request\" "
                                        "(the format version) is missing"));
    if (Status read = root.integer("cropdeck_request", 1, 1 << 20, version); !read)
        return read.error();
    if (version > kBatchRequestVersion)
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("request format version %1 is newer than this CropDeck reads (%2): "
                                        "update CropDeck")
                             .arg(version)
                             .arg(kBatchRequestVersion));
    BatchRequest request;
    const Status read = firstError({
        [&] {
            return readSection(root, "input", [&](JsonObjectReader& in) { return readInput(in, request); });
        },
        [&] {
            return readSection(root, "crop",
                               [&](JsonObjectReader& in) { return readCrop(in, request.settings); });
        },
        [&] {
            return readSection(root, "output", [&](JsonObjectReader& in) { return readOutput(in, request); });
        },
        [&] { return readSection(root, "run", [&](JsonObjectReader& in) { return readRun(in, request); }); },
        [&] { return root.finish(); },
    });
    if (!read)
        return read.error();
    return request;
}

Result<BatchRequest> loadBatchRequest(const QString& path) {
    Result<QJsonObject> json = readJsonObjectFile(path, QStringLiteral("request file"), 64 << 20);
    if (!json)
        return json.error();
    Result<BatchRequest> request = batchRequestFromJson(*json);
    if (!request)
        return makeError(request.error().kind, QStringLiteral("%1: %2").arg(path, request.error().message));
    return withPathsResolvedAgainst(std::move(request.value()), QFileInfo(path).absolutePath());
}

bool isBatchRequestFile(const QString& path) {
    // Saved requests are small, and their keys are written sorted: only the "crop" section comes before the
    // version key, so it lies in the first few hundred bytes.
    return jsonFileStartsWithKey(path, "cropdeck_request");
}

BatchRequest withPathsResolvedAgainst(BatchRequest request, const QString& folder) {
    request.images = resolvedAgainst(folder, request.images);
    request.annotations = resolvedAgainst(folder, request.annotations);
    request.outputDir = resolvedAgainst(folder, request.outputDir);
    return request;
}

Status saveBatchRequest(const BatchRequest& request, const QString& path) {
    const QByteArray json = QJsonDocument(batchRequestToJson(request)).toJson(QJsonDocument::Indented);
    return writeFileAtomically(path, json);
}

} // namespace cropdeck
