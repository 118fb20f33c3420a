// SPDX-License-Identifier: GPL-3.0-or-later
#include "Options.h"

#include "engine/OutputNaming.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

#include <cmath>
#include <cstring>

namespace cropdeck::app {
namespace {

const QList<QCommandLineOption>& declaredOptions() {
    static const QList<QCommandLineOption> options = {
        {"batch", "Crop every window of the annotation file (or generated windows) headless."},
        {"validate",
         "Check the annotation file against the images, reading image headers only: missing images "
         "(with the closest existing name), unreadable images, declared sizes, EXIF orientation "
         "conventions, boxes outside their image or of no size, duplicates, labels outside the class "
         "list. One line per finding, then a summary; exit 1 when there are errors (warnings alone "
         "exit 0)."},
        {"convert", "Write the annotations in another format (--to, --out). What the target cannot hold is "
                    "printed as a warning; the input is never overwritten."},
        {"to", "--convert: target format: coco, voc, yolo, labelme, csv, centre-scale.", "format"},
        {"make-demo", "Write a small demo dataset with annotations into <dir>.", "dir"},
        {"images",
         "Folder of images, sub-folders included (annotation paths are relative to it; default: the "
         "annotation file's "
         "folder), or a text file listing image paths, one per line.",
         "dir|list"},
        {"annotations", "Annotation file or folder (CSV, centre/scale list, VOC, COCO, YOLO, LabelMe).",
         "file"},
        {"annotation-format",
         "Annotation format instead of detecting it: csv, centre-scale, voc, coco, yolo, "
         "labelme.",
         "format"},
        {"csv-columns",
         "CSV layout when the header is not path,x,y,w,h[,label], e.g. "
         "\"path=filename,x=xmin,y=ymin,x2=xmax,y2=ymax,label=class\" (keys: path x y w h x2 y2 "
         "label image_width image_height scale corners=voc|edges header=yes|no).",
         "spec"},
        {"out",
         "--batch: output folder (created if missing; sources are never written). --convert: output "
         "file, or folder for voc, yolo and labelme.",
         "path"},
        {"name",
         QStringLiteral("Output name template; placeholders {stem} {name} {ext} {index} {id} {label} {image} "
                        "{dir}. Default: %1")
             .arg(kDefaultNameTemplate),
         "template"},
        {"format", "Output format: same (as input, default), jpeg, png, webp, tiff, bmp.", "format"},
        {"quality", "JPEG/WebP quality 1-100 (default 90).", "q"},
        {"png-level",
         "PNG compression level 0-9 (default 1: fast; level 6 makes files only 12-17 % smaller "
         "and is many times slower).",
         "level"},
        {"resize", "Resize every output to WxH (see --resize-mode).", "WxH"},
        {"resize-mode",
         "exact (default, stretch), fit (inside WxH, keep aspect), fill (cover WxH, keep aspect, "
         "centre-crop).",
         "mode"},
        {"bounds",
         "Windows crossing the image edge: clip (default), shift (move inside), pad (fill outside, "
         "see --pad), skip (drop the window), error (report it).",
         "policy"},
        {"pad",
         "With --bounds pad: 'edge' to replicate the border, or a colour #rrggbb or r,g,b (default "
         "black).",
         "colour|edge"},
        {"margin", "Grow every box by N pixels, or N% of its size, on every side.", "N[%]"},
        {"aspect", "Widen boxes around their centre to this aspect ratio (W:H or a number).", "ratio"},
        {"size", "Make every window WxH pixels around its box centre (fixed-size windows).", "WxH"},
        {"centre-crop", "No annotation file: crop a WxH window from the centre of every image.", "WxH"},
        {"random-crop", "No annotation file: crop seeded random WxH windows from every image.", "WxH"},
        {"random-count", "Windows per image with --random-crop (default 1).", "N"},
        {"seed", "Seed for --random-crop (default 0); the same seed gives the same windows.", "N"},
        {"window-size", "Centre/scale lists: output side in pixels (default 224).", "W"},
        {"max-fraction", "Centre/scale lists: cap on the scale, 0-1 (default 1).", "f"},
        {"gray", "Write grayscale outputs."},
        {"stored-coordinates", "Boxes refer to the stored pixels, not the image as displayed with its EXIF "
                               "orientation. Outputs are upright either way."},
        {"lossless", "JPEG to JPEG without re-encoding (no resize/pad/gray); windows move to the 8/16-pixel "
                     "MCU grid and the run says which did."},
        {"threads", "Worker threads (default: one per core).", "N"},
        {"max-pixels", "Refuse images larger than N megapixels before decoding (default 180).", "MP"},
        {"max-memory", "Budget for decoded pixels in flight, in MiB (default: a quarter of RAM, 512-8192).",
         "MiB"},
        {"fail-on",
         "Damaged image data: error (default: any corruption or warning fails the image), truncated "
         "(only truncated data fails), none (decode what can be decoded).",
         "level"},
        {"resume", "Skip windows the manifest in the output folder records as written."},
        {"dry-run", "Check everything and list the planned outputs without decoding pixels."},
        {"shard", "Process only shard i of N (0-based): N machines can split one batch.", "i/N"},
        {"json",
         "Machine-readable output on stdout. --batch: one JSON object per line (progress, errors, "
         "summary). --validate: one JSON document on one line: {annotations, format, image_root, images, "
         "boxes, images_readable, errors, warnings, outcome (clean|warnings|errors), counts {kind: n}, "
         "findings [{severity, kind, message, image, image_index, box_index, box_id, closest, file, line, "
         "element}], notes [...]}."},
        {"quiet", "Print only errors and the summary (--batch, --validate, --convert)."},
        {"min-box-size",
         "Boxes narrower or lower than N pixels (a click without a drag): --validate warns about them "
         "(default 2; 0 = no check).",
         "N"},
    };
    return options;
}

Result<QSize> parseSize(const QString& flag, const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,6})[xX×](\\d{1,6})$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch() || match.captured(1).toInt() < 1 || match.captured(2).toInt() < 1)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--%1 \"%2\": expected WxH with positive integers, "
                                        "e.g. 512x512")
                             .arg(flag, text));
    return QSize(match.captured(1).toInt(), match.captured(2).toInt());
}

Result<double> parseNumber(const QString& flag, const QString& text, double low, double high) {
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < low || value > high)
        return makeError(ErrorKind::Invalid, QStringLiteral("--%1 \"%2\": expected a number from %3 to %4")
                                                 .arg(flag, text)
                                                 .arg(low)
                                                 .arg(high));
    return value;
}

Result<int> parseInt(const QString& flag, const QString& text, int low, int high) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < low || value > high)
        return makeError(ErrorKind::Invalid, QStringLiteral("--%1 \"%2\": expected an integer from %3 to %4")
                                                 .arg(flag, text)
                                                 .arg(low)
                                                 .arg(high));
    return value;
}

template <typename Enum>
Result<Enum> parseChoice(const QString& flag, const QString& text,
                         const QList<std::pair<QString, Enum>>& choices) {
    QStringList names;
    for (const auto& [name, value] : choices) {
        if (text.compare(name, Qt::CaseInsensitive) == 0)
            return value;
        names << name;
    }
    return makeError(ErrorKind::Invalid,
                     QStringLiteral("--%1 \"%2\": expected one of %3").arg(flag, text, names.join(", ")));
}

Status parsePad(const QString& text, CropSettings& settings) {
    if (text.compare("edge", Qt::CaseInsensitive) == 0) {
        settings.padMode = PadMode::Edge;
        return {};
    }
    static const QRegularExpression hex(QStringLiteral("^#([0-9a-fA-F]{6})$"));
    static const QRegularExpression triple(QStringLiteral("^(\\d{1,3}),(\\d{1,3}),(\\d{1,3})$"));
    int rgb[3];
    if (const auto m = hex.match(text.trimmed()); m.hasMatch()) {
        const uint value = m.captured(1).toUInt(nullptr, 16);
        rgb[0] = int(value >> 16) & 0xff, rgb[1] = int(value >> 8) & 0xff, rgb[2] = int(value) & 0xff;
    } else if (const auto t = triple.match(text.trimmed()); t.hasMatch() && t.captured(1).toInt() < 256 &&
                                                            t.captured(2).toInt() < 256 &&
                                                            t.captured(3).toInt() < 256) {
        rgb[0] = t.captured(1).toInt(), rgb[1] = t.captured(2).toInt(), rgb[2] = t.captured(3).toInt();
    } else {
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--pad \"%1\": expected 'edge', #rrggbb or r,g,b with "
                                        "values 0-255")
                             .arg(text));
    }
    settings.padMode = PadMode::Constant;
    settings.padBgr[0] = rgb[2], settings.padBgr[1] = rgb[1], settings.padBgr[2] = rgb[0];
    return {};
}

Status parseShard(const QString& text, BatchOptions& batch) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,6})/(\\d{1,6})$"));
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch() || m.captured(2).toInt() < 1 || m.captured(1).toInt() >= m.captured(2).toInt())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--shard \"%1\": expected i/N with 0 <= i < N, e.g. 0/4").arg(text));
    batch.shardIndex = m.captured(1).toInt();
    batch.shardCount = m.captured(2).toInt();
    return {};
}

// Cross-flag rules, checked once so every error names the flags involved.
Status checkBatchConsistency(const CommandLine& line) {
    const CropSettings& s = line.batch.settings;
    if (line.batch.outputDir.isEmpty() && !line.batch.dryRun)
        return makeError(ErrorKind::Invalid, QStringLiteral("--batch needs --out DIR (or --dry-run)"));
    const bool generated = line.generated.kind != GeneratedWindows::Kind::None;
    if (line.annotations.isEmpty() && !generated)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--batch needs --annotations FILE, or --centre-crop / "
                                        "--random-crop WxH with --images"));
    if (!line.annotations.isEmpty() && generated)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--centre-crop/--random-crop replace --annotations; "
                                        "give one or the other"));
    if (generated && line.images.isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--centre-crop/--random-crop need --images DIR|LIST"));
    if (s.lossless) {
        if (s.resize != ResizeMode::None || s.grayscale || s.bounds == BoundsPolicy::Pad)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("--lossless cannot resize, pad or convert to gray: "
                                            "drop --resize/--gray/--bounds pad or --lossless"));
        if (s.format != OutputFormat::SameAsInput && s.format != OutputFormat::Jpeg)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("--lossless writes JPEG: drop --format or use "
                                            "--format jpeg"));
    }
    return {};
}

// Applies every option that shapes the crops or the run to `line`.
Status applyBatchOptions(const QCommandLineParser& parser, CommandLine& line) {
    CropSettings& s = line.batch.settings;
    const auto has = [&](const char* name) {
        return parser.isSet(QString::fromLatin1(name));
    };
    const auto value = [&](const char* name) {
        return parser.value(QString::fromLatin1(name));
    };
#define CROPDECK_TRY_ASSIGN(target, expression)                                                              \
    do {                                                                                                     \
        auto parsed = (expression);                                                                          \
        if (!parsed)                                                                                         \
            return parsed.error();                                                                           \
        target = *parsed;                                                                                    \
    } while (false)

    line.images = value("images");
    line.annotations = value("annotations");
    line.annotationFormat = value("annotation-format");
    line.csvColumns = value("csv-columns");
    line.batch.outputDir = value("out");
    line.batch.nameTemplate = value("name");
    line.json = has("json");
    line.quiet = has("quiet");
    line.batch.resume = has("resume");
    line.batch.dryRun = has("dry-run");
    s.grayscale = has("gray");
    s.orientationFromExif = !has("stored-coordinates");
    s.lossless = has("lossless");
    if (has("format"))
        CROPDECK_TRY_ASSIGN(s.format, parseChoice<OutputFormat>("format", value("format"),
                                                                {{"same", OutputFormat::SameAsInput},
                                                                 {"jpeg", OutputFormat::Jpeg},
                                                                 {"jpg", OutputFormat::Jpeg},
                                                                 {"png", OutputFormat::Png},
                                                                 {"webp", OutputFormat::WebP},
                                                                 {"tiff", OutputFormat::Tiff},
                                                                 {"tif", OutputFormat::Tiff},
                                                                 {"bmp", OutputFormat::Bmp}}));
    if (has("quality")) {
        CROPDECK_TRY_ASSIGN(s.jpegQuality, parseInt("quality", value("quality"), 1, 100));
        s.webpQuality = s.jpegQuality;
    }
    if (has("png-level"))
        CROPDECK_TRY_ASSIGN(s.pngCompression, parseInt("png-level", value("png-level"), 0, 9));
    if (has("resize")) {
        CROPDECK_TRY_ASSIGN(s.resizeTo, parseSize("resize", value("resize")));
        s.resize = ResizeMode::Exact;
    }
    if (has("resize-mode")) {
        if (!has("resize"))
            return makeError(ErrorKind::Invalid, QStringLiteral("--resize-mode needs --resize WxH"));
        CROPDECK_TRY_ASSIGN(s.resize, parseChoice<ResizeMode>("resize-mode", value("resize-mode"),
                                                              {{"exact", ResizeMode::Exact},
                                                               {"fit", ResizeMode::Fit},
                                                               {"fill", ResizeMode::Fill}}));
    }
    if (has("bounds"))
        CROPDECK_TRY_ASSIGN(s.bounds, parseChoice<BoundsPolicy>("bounds", value("bounds"),
                                                                {{"clip", BoundsPolicy::Clip},
                                                                 {"shift", BoundsPolicy::Shift},
                                                                 {"pad", BoundsPolicy::Pad},
                                                                 {"skip", BoundsPolicy::Skip},
                                                                 {"error", BoundsPolicy::Error}}));
    if (has("pad")) {
        if (has("bounds") && s.bounds != BoundsPolicy::Pad)
            return makeError(ErrorKind::Invalid, QStringLiteral("--pad only applies with --bounds pad"));
        s.bounds = BoundsPolicy::Pad;
        if (Status padded = parsePad(value("pad"), s); !padded)
            return padded.error();
    }
    if (has("margin")) {
        QString text = value("margin").trimmed();
        s.margin.percent = text.endsWith(u'%');
        if (s.margin.percent)
            text.chop(1);
        CROPDECK_TRY_ASSIGN(s.margin.value, parseNumber("margin", text, -1e6, 1e6));
    }
    if (has("aspect")) {
        const QStringList parts = value("aspect").split(u':');
        if (parts.size() == 2) {
            double w = 0, h = 0;
            CROPDECK_TRY_ASSIGN(w, parseNumber("aspect", parts[0], 1e-6, 1e6));
            CROPDECK_TRY_ASSIGN(h, parseNumber("aspect", parts[1], 1e-6, 1e6));
            s.aspect = w / h;
        } else {
            CROPDECK_TRY_ASSIGN(s.aspect, parseNumber("aspect", value("aspect"), 1e-6, 1e6));
        }
    }
    if (has("size"))
        CROPDECK_TRY_ASSIGN(s.fixedSize, parseSize("size", value("size")));
    if (has("window-size"))
        CROPDECK_TRY_ASSIGN(s.normalizedWindowSize, parseInt("window-size", value("window-size"), 1, 65535));
    if (has("max-fraction"))
        CROPDECK_TRY_ASSIGN(s.normalizedMaxFraction,
                            parseNumber("max-fraction", value("max-fraction"), 1e-9, 1));
    if (has("threads"))
        CROPDECK_TRY_ASSIGN(line.batch.threads, parseInt("threads", value("threads"), 1, 1024));
    if (has("min-box-size"))
        CROPDECK_TRY_ASSIGN(line.minBoxSize, parseInt("min-box-size", value("min-box-size"), 0, 1 << 20));
    if (has("max-pixels")) {
        double mp = 0;
        CROPDECK_TRY_ASSIGN(mp, parseNumber("max-pixels", value("max-pixels"), 0.000001, 1e6));
        s.maxPixels = qint64(mp * 1e6);
    }
    if (has("max-memory")) {
        int mib = 0;
        CROPDECK_TRY_ASSIGN(mib, parseInt("max-memory", value("max-memory"), 16, 1 << 24));
        line.batch.memoryBudgetBytes = qint64(mib) << 20;
    }
    if (has("fail-on"))
        CROPDECK_TRY_ASSIGN(s.failOn, parseChoice<FailOn>("fail-on", value("fail-on"),
                                                          {{"error", FailOn::Error},
                                                           {"truncated", FailOn::Truncated},
                                                           {"none", FailOn::None}}));
    if (has("shard"))
        if (Status sharded = parseShard(value("shard"), line.batch); !sharded)
            return sharded.error();
    if (has("centre-crop") && has("random-crop"))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--centre-crop and --random-crop exclude each other"));
    if (has("centre-crop")) {
        line.generated.kind = GeneratedWindows::Kind::Centre;
        CROPDECK_TRY_ASSIGN(line.generated.size, parseSize("centre-crop", value("centre-crop")));
    }
    if (has("random-crop")) {
        line.generated.kind = GeneratedWindows::Kind::Random;
        CROPDECK_TRY_ASSIGN(line.generated.size, parseSize("random-crop", value("random-crop")));
    }
    if (has("random-count"))
        CROPDECK_TRY_ASSIGN(line.generated.count, parseInt("random-count", value("random-count"), 1, 100000));
    if (has("seed")) {
        bool ok = false;
        line.generated.seed = value("seed").toULongLong(&ok);
        if (!ok)
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--seed \"%1\": expected a non-negative integer").arg(value("seed")));
    }
#undef CROPDECK_TRY_ASSIGN
    return {};
}

// Flags --validate and --convert read; any other is a usage error rather than silently ignored.
Status checkFlagsApply(const QCommandLineParser& parser, const char* mode, const QStringList& allowed) {
    for (const QString& name : parser.optionNames())
        if (name != QLatin1String(mode) && !allowed.contains(name))
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--%1 does not apply to --%2 (see cropdeck --help)").arg(name, mode));
    return {};
}

const QStringList& annotationInputFlags() {
    static const QStringList flags = {"annotations", "images",       "annotation-format",  "csv-columns",
                                      "window-size", "max-fraction", "stored-coordinates", "max-pixels",
                                      "threads",     "quiet"};
    return flags;
}

Status applyValidateOptions(const QCommandLineParser& parser, CommandLine& line) {
    if (Status applies =
            checkFlagsApply(parser, "validate", annotationInputFlags() + QStringList{"json", "min-box-size"});
        !applies)
        return applies;
    if (Status applied = applyBatchOptions(parser, line); !applied)
        return applied;
    if (line.annotations.isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("--validate needs --annotations FILE"));
    return {};
}

Status applyConvertOptions(const QCommandLineParser& parser, CommandLine& line) {
    if (Status applies =
            checkFlagsApply(parser, "convert", annotationInputFlags() + QStringList{"to", "out"});
        !applies)
        return applies;
    if (Status applied = applyBatchOptions(parser, line); !applied)
        return applied;
    line.convertTo = parser.value("to");
    line.convertOut = parser.value("out");
    line.batch.outputDir.clear();
    if (line.annotations.isEmpty() || line.convertTo.isEmpty() || line.convertOut.isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--convert needs --annotations IN, --to FORMAT and --out PATH"));
    return {};
}

} // namespace

Result<CommandLine> parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "CropDeck crops image sets from annotation files, decoding only the pixels each crop needs.\n\n"
        "  cropdeck --batch --annotations FILE [--images DIR|LIST] --out DIR [options]\n"
        "  cropdeck --batch --images DIR --centre-crop WxH --out DIR\n"
        "  cropdeck --validate --annotations FILE [--images DIR|LIST] [--json]\n"
        "  cropdeck --convert --annotations IN --to FORMAT --out PATH [--images DIR|LIST]\n"
        "  cropdeck --make-demo DIR\n\n"
        "Exit codes: 0 all done (--validate: no errors; warnings alone give 0), 1 some items failed "
        "(--validate: errors found; --batch and --convert: also when the annotation reader dropped boxes or "
        "lines), 2 usage or configuration "
        "error, 3 fatal."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOptions(declaredOptions());

    CommandLine line;
    line.helpText = parser.helpText();
    if (!parser.parse(arguments))
        return makeError(ErrorKind::Invalid, parser.errorText() + QStringLiteral(" (see cropdeck --help)"));
    if (!parser.positionalArguments().isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("unexpected argument \"%1\" (see cropdeck --help)")
                             .arg(parser.positionalArguments().first()));
    if (parser.isSet(help))
        return line;
    if (parser.isSet(version)) {
        line.mode = Mode::Version;
        return line;
    }
    QStringList modes;
    for (const char* mode : {"batch", "validate", "convert", "make-demo"})
        if (parser.isSet(QLatin1String(mode)))
            modes << QStringLiteral("--") + QLatin1String(mode);
    if (modes.size() > 1)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1 exclude each other").arg(modes.join(" and ")));
    if (parser.isSet("make-demo")) {
        line.mode = Mode::MakeDemo;
        line.demoDir = parser.value("make-demo");
        return line;
    }
    if (modes.isEmpty()) {
        line.mode = arguments.size() <= 1 ? Mode::Gui : Mode::Help;
        if (line.mode == Mode::Help)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("options given without a mode: add --batch, "
                                            "--validate or --convert (see cropdeck --help)"));
        return line;
    }
    Status applied;
    if (parser.isSet("validate")) {
        line.mode = Mode::Validate;
        applied = applyValidateOptions(parser, line);
    } else if (parser.isSet("convert")) {
        line.mode = Mode::Convert;
        applied = applyConvertOptions(parser, line);
    } else {
        line.mode = Mode::Batch;
        applied = applyBatchOptions(parser, line);
        if (applied)
            applied = checkBatchConsistency(line);
    }
    if (!applied)
        return applied.error();
    return line;
}

bool isHeadless(int argc, char** argv) {
    static const char* const headlessFlags[] = {
        "--batch",    "--make-demo", "--validate", "--convert", "--help",   "-h",    "--version", "-v",
        "--help-all", "-batch",      "-make-demo", "-validate", "-convert", "-help", "-version"};
    for (int i = 1; i < argc; ++i)
        for (const char* flag : headlessFlags)
            if (std::strncmp(argv[i], flag, std::strlen(flag)) == 0)
                return true;
    return false;
}

} // namespace cropdeck::app
