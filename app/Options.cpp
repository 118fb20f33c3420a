// SPDX-License-Identifier: GPL-3.0-or-later
#include "Options.h"

#include "FlagValues.h"
#include "batch/BatchRequestJson.h"
#include "batch/PrepareBatch.h"
#include "batch/ProjectFile.h"
#include "batch/SettingNames.h"
#include "engine/OutputNaming.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QThread>

#include <cmath>

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
        {"seed",
         "Seed for --random-crop and --bench --random-windows (default 0; --bench --dataset seed: 1); the "
         "same "
         "seed gives the same windows.",
         "N"},
        {"window-size", "Centre/scale lists: output side in pixels (default 224).", "W"},
        {"max-fraction", "Centre/scale lists: cap on the scale, 0-1 (default 1).", "f"},
        {"gray", "Write grayscale outputs."},
        {"stored-coordinates", "Boxes refer to the stored pixels, not the image as displayed with its EXIF "
                               "orientation. Outputs are upright either way."},
        {"lossless", "JPEG to JPEG without re-encoding (no resize/pad/gray); windows move to the 8/16-pixel "
                     "MCU grid and the run says which did."},
        {"threads",
         "Worker threads (default: one per core). --bench: a list, e.g. 1,2,4 (default 1, 2, ... cores + 1).",
         "N"},
        {"max-pixels", "Refuse images larger than N megapixels before decoding (default 180).", "MP"},
        {"max-memory", "Budget for decoded pixels in flight, in MiB (default: a quarter of RAM, 512-8192).",
         "MiB"},
        {"fail-on",
         "Damaged image data: error (default: any corruption or warning fails the image), truncated "
         "(only truncated data fails), none (decode what can be decoded).",
         "level"},
        {"resume", "Skip windows the manifest in the output folder records as written (with the same "
                   "settings, from the same source)."},
        {"request",
         "--batch: run the request saved in FILE (JSON, see --save-request); flags given too "
         "change it.",
         "file"},
        {"project",
         "--batch: run the project saved by the GUI in FILE (.cropdeck: the request and the windows "
         "as edited); flags given too change its settings.",
         "file"},
        {"save-request",
         "With --dry-run: write the request the flags describe to FILE (JSON), for "
         "--batch --request FILE.",
         "file"},
        {"min-box-size",
         "Boxes narrower or lower than N pixels (a click without a drag): --batch skips them, naming "
         "each (default 0: none); --validate warns about them (default 2; 0 = no check).",
         "N"},
        {"dry-run", "Check everything and list the planned outputs without decoding pixels."},
        {"shard", "Process only shard i of N (0-based): N machines can split one batch.", "i/N"},
        {"json",
         "Machine-readable output on stdout. --batch: one JSON object per line (progress, errors, "
         "summary). --validate: one JSON document on one line: {annotations, format, image_root, images, "
         "boxes, images_readable, errors, warnings, outcome (clean|warnings|errors), counts {kind: n}, "
         "findings [{severity, kind, message, image, image_index, box_index, box_id, closest, file, line, "
         "element}], notes [...]}."},
        {"quiet", "Print only errors and the summary (--batch, --validate, --convert)."},
    };
    return options;
}

#define CROPDECK_TRY_ASSIGN(target, expression)                                                              \
    do {                                                                                                     \
        auto parsed = (expression);                                                                          \
        if (!parsed)                                                                                         \
            return parsed.error();                                                                           \
        (target) = *parsed;                                                                                  \
    } while (false)

// Where the images and windows come from. Each flag changes the request only when given, so flags
// refine a --request file.
Status applyInputOptions(const QCommandLineParser& parser, BatchRequest& r) {
    const auto has = [&](const char* name) {
        return parser.isSet(QString::fromLatin1(name));
    };
    const auto value = [&](const char* name) {
        return parser.value(QString::fromLatin1(name));
    };
    if (has("images"))
        r.images = value("images");
    if (has("annotations"))
        r.annotations = value("annotations");
    if (has("annotation-format"))
        CROPDECK_TRY_ASSIGN(r.annotationFormat,
                            parseFlag<AnnotationFormat>("annotation-format", value("annotation-format"),
                                                        parseAnnotationFormatSetting));
    if (has("csv-columns"))
        r.csvColumns = value("csv-columns");
    if (has("min-box-size"))
        CROPDECK_TRY_ASSIGN(r.minBoxSize, parseInt("min-box-size", value("min-box-size"), 0, 65535));
    if (has("stored-coordinates"))
        r.settings.orientationFromExif = false;
    if (has("window-size"))
        CROPDECK_TRY_ASSIGN(r.settings.normalizedWindowSize,
                            parseInt("window-size", value("window-size"), 1, 65535));
    if (has("max-fraction"))
        CROPDECK_TRY_ASSIGN(r.settings.normalizedMaxFraction,
                            parseNumber("max-fraction", value("max-fraction"), 1e-9, 1));
    if (has("max-pixels")) {
        double mp = 0;
        CROPDECK_TRY_ASSIGN(mp, parseNumber("max-pixels", value("max-pixels"), 0.000001, 1e6));
        r.settings.maxPixels = qint64(mp * 1e6);
    }
    if (has("threads"))
        CROPDECK_TRY_ASSIGN(r.threads, parseInt("threads", value("threads"), 1, 1024));
    return {};
}

Status applyGeneratedOptions(const QCommandLineParser& parser, GeneratedWindows& g) {
    const auto has = [&](const char* name) {
        return parser.isSet(QString::fromLatin1(name));
    };
    const auto value = [&](const char* name) {
        return parser.value(QString::fromLatin1(name));
    };
    if (has("centre-crop") && has("random-crop"))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--centre-crop and --random-crop exclude each other"));
    if (has("centre-crop")) {
        g.kind = GeneratedWindows::Kind::Centre;
        CROPDECK_TRY_ASSIGN(g.size, parseFlag<QSize>("centre-crop", value("centre-crop"), parseSize));
    }
    if (has("random-crop")) {
        g.kind = GeneratedWindows::Kind::Random;
        CROPDECK_TRY_ASSIGN(g.size, parseFlag<QSize>("random-crop", value("random-crop"), parseSize));
    }
    if (has("random-count"))
        CROPDECK_TRY_ASSIGN(g.count, parseInt("random-count", value("random-count"), 1, 100000));
    if (has("seed")) {
        bool ok = false;
        g.seed = value("seed").toULongLong(&ok);
        if (!ok)
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--seed \"%1\": expected a non-negative integer").arg(value("seed")));
    }
    return {};
}

// How each window is cut and encoded.
Status applyCropOptions(const QCommandLineParser& parser, CropSettings& s) {
    const auto has = [&](const char* name) {
        return parser.isSet(QString::fromLatin1(name));
    };
    const auto value = [&](const char* name) {
        return parser.value(QString::fromLatin1(name));
    };
    if (has("gray"))
        s.grayscale = true;
    if (has("lossless"))
        s.lossless = true;
    if (has("format"))
        CROPDECK_TRY_ASSIGN(s.format, parseFlag<OutputFormat>("format", value("format"), parseOutputFormat));
    if (has("quality")) {
        CROPDECK_TRY_ASSIGN(s.jpegQuality, parseInt("quality", value("quality"), 1, 100));
        s.webpQuality = s.jpegQuality;
    }
    if (has("png-level"))
        CROPDECK_TRY_ASSIGN(s.pngCompression, parseInt("png-level", value("png-level"), 0, 9));
    if (has("resize")) {
        CROPDECK_TRY_ASSIGN(s.resizeTo, parseFlag<QSize>("resize", value("resize"), parseSize));
        s.resize = ResizeMode::Exact;
    }
    if (has("resize-mode")) {
        if (s.resize == ResizeMode::None)
            return makeError(ErrorKind::Invalid, QStringLiteral("--resize-mode needs --resize WxH"));
        CROPDECK_TRY_ASSIGN(s.resize,
                            parseFlag<ResizeMode>("resize-mode", value("resize-mode"), parseResizeMode));
    }
    if (has("bounds"))
        CROPDECK_TRY_ASSIGN(s.bounds, parseFlag<BoundsPolicy>("bounds", value("bounds"), parseBoundsPolicy));
    if (has("pad")) {
        if (has("bounds") && s.bounds != BoundsPolicy::Pad)
            return makeError(ErrorKind::Invalid, QStringLiteral("--pad only applies with --bounds pad"));
        PadSetting pad;
        CROPDECK_TRY_ASSIGN(pad, parseFlag<PadSetting>("pad", value("pad"), parsePad));
        s.bounds = BoundsPolicy::Pad;
        s.padMode = pad.mode;
        std::copy(pad.bgr, pad.bgr + 3, s.padBgr);
    }
    if (has("margin"))
        CROPDECK_TRY_ASSIGN(s.margin, parseFlag<Margin>("margin", value("margin"), parseMargin));
    if (has("aspect"))
        CROPDECK_TRY_ASSIGN(s.aspect, parseFlag<double>("aspect", value("aspect"), parseAspect));
    if (has("size"))
        CROPDECK_TRY_ASSIGN(s.fixedSize, parseFlag<QSize>("size", value("size"), parseSize));
    if (has("fail-on"))
        CROPDECK_TRY_ASSIGN(s.failOn, parseFlag<FailOn>("fail-on", value("fail-on"), parseFailOn));
    return {};
}

// Where outputs go and how the run is spread.
Status applyRunOptions(const QCommandLineParser& parser, BatchRequest& r) {
    const auto has = [&](const char* name) {
        return parser.isSet(QString::fromLatin1(name));
    };
    const auto value = [&](const char* name) {
        return parser.value(QString::fromLatin1(name));
    };
    if (has("out"))
        r.outputDir = value("out");
    if (has("name"))
        r.nameTemplate = value("name");
    if (has("resume"))
        r.resume = true;
    if (has("max-memory")) {
        int mib = 0;
        CROPDECK_TRY_ASSIGN(mib, parseInt("max-memory", value("max-memory"), 16, 1 << 24));
        r.memoryBudgetBytes = qint64(mib) << 20;
    }
    if (has("shard")) {
        ShardSetting shard;
        CROPDECK_TRY_ASSIGN(shard, parseFlag<ShardSetting>("shard", value("shard"), parseShard));
        r.shardIndex = shard.index;
        r.shardCount = shard.count;
    }
    return {};
}

#undef CROPDECK_TRY_ASSIGN

// Every option of --batch: the request (from --request FILE, flags on top) and how to print.
Status applyBatchOptions(const QCommandLineParser& parser, CommandLine& line) {
    if (parser.isSet("request") && parser.isSet("project"))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--request and --project both say what to run: give one of them"));
    if (parser.isSet("request")) {
        Result<BatchRequest> loaded = loadBatchRequest(parser.value("request"));
        if (!loaded)
            return loaded.error();
        line.request = std::move(loaded.value());
    }
    if (parser.isSet("project")) {
        Result<CropProject> loaded = loadProject(parser.value("project"));
        if (!loaded)
            return loaded.error();
        line.request = std::move(loaded->request);
        line.editedAnnotations = std::move(loaded->editedAnnotations);
    }
    if (line.editedAnnotations)
        for (const char* input :
             {"annotations", "annotation-format", "csv-columns", "centre-crop", "random-crop"})
            if (parser.isSet(QString::fromLatin1(input)))
                return makeError(ErrorKind::Invalid,
                                 QStringLiteral("--%1 would replace the windows edited in the project %2; "
                                                "open the project in the GUI to change them")
                                     .arg(QString::fromLatin1(input), parser.value("project")));
    if (Status applied = applyInputOptions(parser, line.request); !applied)
        return applied;
    if (Status applied = applyGeneratedOptions(parser, line.request.generated); !applied)
        return applied;
    if (Status applied = applyCropOptions(parser, line.request.settings); !applied)
        return applied;
    if (Status applied = applyRunOptions(parser, line.request); !applied)
        return applied;
    line.dryRun = parser.isSet("dry-run");
    line.json = parser.isSet("json");
    line.quiet = parser.isSet("quiet");
    line.saveRequest = parser.value("save-request");
    if (!line.saveRequest.isEmpty() && !line.dryRun)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--save-request needs --dry-run (it writes the request "
                                        "the flags describe; --batch --request FILE runs it)"));
    if (!line.saveRequest.isEmpty() && line.editedAnnotations)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--save-request would lose the windows edited in the project %1: "
                                        "run the project itself with --batch --project")
                             .arg(parser.value("project")));
    // Paths the user typed are relative to this folder; a saved request must not depend on it.
    line.request = withPathsResolvedAgainst(std::move(line.request), QDir::currentPath());
    // With edited windows the input rules do not apply; prepareBatch() checks the rest.
    if (line.editedAnnotations)
        return {};
    return checkBatchRequest(line.request, line.dryRun ? PrepareFor::DryRun : PrepareFor::Run);
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

// Flags that no --batch run reads.
const QStringList& flagsOutsideBatch() {
    static const QStringList flags = [] {
        QStringList names = {"to"};
        for (const QCommandLineOption& option : benchOnlyOptions())
            names << option.names();
        return names;
    }();
    return flags;
}

Status checkBatchFlags(const QCommandLineParser& parser) {
    for (const QString& name : parser.optionNames())
        if (flagsOutsideBatch().contains(name))
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--%1 does not apply to --batch (see cropdeck --help)").arg(name));
    return {};
}

Status applyValidateOptions(const QCommandLineParser& parser, CommandLine& line) {
    if (Status applies =
            checkFlagsApply(parser, "validate", annotationInputFlags() + QStringList{"json", "min-box-size"});
        !applies)
        return applies;
    if (Status applied = applyInputOptions(parser, line.request); !applied)
        return applied;
    line.json = parser.isSet("json");
    line.quiet = parser.isSet("quiet");
    if (parser.isSet("min-box-size"))
        line.minBoxSize = line.request.minBoxSize;
    if (line.request.annotations.isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("--validate needs --annotations FILE"));
    return {};
}

Status applyConvertOptions(const QCommandLineParser& parser, CommandLine& line) {
    if (Status applies =
            checkFlagsApply(parser, "convert", annotationInputFlags() + QStringList{"to", "out"});
        !applies)
        return applies;
    if (Status applied = applyInputOptions(parser, line.request); !applied)
        return applied;
    line.quiet = parser.isSet("quiet");
    line.convertTo = parser.value("to");
    line.convertOut = parser.value("out");
    if (line.request.annotations.isEmpty() || line.convertTo.isEmpty() || line.convertOut.isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--convert needs --annotations IN, --to FORMAT and --out PATH"));
    return {};
}

// No mode: the GUI, opening the paths given (images, folders, an annotation file or a request) or the
// set that --images and --annotations name. Batch settings belong to the GUI's batch panel.
Status applyGuiOptions(const QCommandLineParser& parser, CommandLine& line) {
    for (const QString& name : parser.optionNames())
        if (!annotationInputFlags().contains(name))
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--%1 needs a mode: add --batch, --validate or --convert, or leave it "
                               "out to open the GUI (see cropdeck --help)")
                    .arg(name));
    if (Status applied = applyInputOptions(parser, line.request); !applied)
        return applied;
    line.openPaths = parser.positionalArguments();
    return {};
}

} // namespace

Result<CommandLine> parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "CropDeck crops image sets from annotation files, decoding only the pixels each crop needs.\n\n"
        "  cropdeck --batch --annotations FILE [--images DIR|LIST] --out DIR [options]\n"
        "  cropdeck --batch --images DIR --centre-crop WxH --out DIR\n"
        "  cropdeck --batch --request FILE.json [options]\n"
        "  cropdeck --batch --project FILE.cropdeck [options]\n"
        "  cropdeck --batch --dry-run [options] --save-request FILE.json\n"
        "  cropdeck --validate --annotations FILE [--images DIR|LIST] [--json]\n"
        "  cropdeck --convert --annotations IN --to FORMAT --out PATH [--images DIR|LIST]\n"
        "  cropdeck --make-demo DIR\n"
        "  cropdeck --bench [--dataset seed|--images DIR (--annotations FILE|--random-windows N)] [--engines "
        "LIST]\n"
        "                   [--threads 1,2,...] [--trials N] [--report FILE.json|.csv|.md] [--engine-cmd "
        "NAME=CMD]\n"
        "  cropdeck --bench --list | --compare A.json B.json\n"
        "  cropdeck [PATH...] [--images DIR|LIST] [--annotations FILE]   (the desktop window)\n\n"
        "Exit codes: 0 all done (--validate: no errors; warnings alone give 0), 1 some items failed "
        "(--validate: errors found; --batch and --convert: also when the annotation reader dropped boxes or "
        "lines), 2 usage or configuration "
        "error, 3 fatal."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOptions(declaredOptions());
    parser.addOptions(benchOnlyOptions());

    CommandLine line;
    line.helpText = parser.helpText();
    if (!parser.parse(arguments))
        return makeError(ErrorKind::Invalid, parser.errorText() + QStringLiteral(" (see cropdeck --help)"));
    if (parser.isSet(help))
        return line;
    if (parser.isSet(version)) {
        line.mode = Mode::Version;
        return line;
    }
    QStringList modes;
    for (const char* mode : {"batch", "validate", "convert", "make-demo", "bench"})
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
    if (parser.isSet("bench")) {
        line.mode = Mode::Bench;
        if (Status applied = applyBenchOptions(parser, line.bench); !applied)
            return applied.error();
        line.quiet = parser.isSet("quiet");
        return line;
    }
    if (modes.isEmpty()) {
        line.mode = Mode::Gui;
        if (Status applied = applyGuiOptions(parser, line); !applied)
            return applied.error();
        return line;
    }
    if (!parser.positionalArguments().isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("unexpected argument \"%1\" (see cropdeck --help)")
                             .arg(parser.positionalArguments().first()));
    Status applied;
    if (parser.isSet("validate")) {
        line.mode = Mode::Validate;
        applied = applyValidateOptions(parser, line);
    } else if (parser.isSet("convert")) {
        line.mode = Mode::Convert;
        applied = applyConvertOptions(parser, line);
    } else {
        line.mode = Mode::Batch;
        applied = checkBatchFlags(parser);
        if (applied)
            applied = applyBatchOptions(parser, line);
    }
    if (!applied)
        return applied.error();
    return line;
}

QString describeError(const Error& error) {
    static const QHash<QString, QString> flags = {{"output.folder", "--out"},
                                                  {"input.annotations", "--annotations"},
                                                  {"input.images", "--images"},
                                                  {"input.generated", "--centre-crop/--random-crop"},
                                                  {"input.generated.size", "--centre-crop/--random-crop"},
                                                  {"input.csv_columns", "--csv-columns"},
                                                  {"run.shard", "--shard"},
                                                  {"crop.lossless", "--lossless"},
                                                  {"crop.resize", "--resize"},
                                                  {"export.format", "--to"},
                                                  {"export.output", "--out"}};
    const QString flag = flags.value(error.setting);
    return flag.isEmpty() ? error.message : QStringLiteral("%1 (%2)").arg(error.message, flag);
}

} // namespace cropdeck::app
