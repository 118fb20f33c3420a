// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzEntry.h"

#include "annotations/AnnotationFormat.h"
#include "annotations/AnnotationIO.h"
#include "annotations/NumberParse.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace cropdeck::fuzz {
namespace {

// The size every image has for readers that need one (YOLO fractions).
constexpr QSize kImageSize(640, 480);
// Box edges may reach a little past kMaxPixelCoordinate: a VOC corner at the limit moves by one pixel and
// a CSV box of limit size may start at the limit.
constexpr double kEdgeLimit = 2 * kMaxPixelCoordinate + 2;

struct ReaderName {
    FuzzReader reader;
    const char* name;
};

constexpr ReaderName kNames[] = {{FuzzReader::Voc, "voc"},      {FuzzReader::Coco, "coco"},
                                 {FuzzReader::Yolo, "yolo"},    {FuzzReader::LabelMe, "labelme"},
                                 {FuzzReader::Csv, "csv"},      {FuzzReader::CentreScale, "centre_scale"},
                                 {FuzzReader::Detect, "detect"}};

// What one input became on disk and how the reader is called on it.
struct Case {
    QString readPath; // the file or folder handed to readAnnotations()
    ReadOptions options;
};

bool writeFile(const QString& path, QByteArrayView bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes.data(), bytes.size()) == bytes.size();
}

// Splits a YOLO input into label file, classes.txt and data.yaml (absent parts stay nullopt).
QList<std::optional<QByteArray>> yoloParts(QByteArrayView input) {
    const QByteArray bytes = input.toByteArray();
    const QByteArray separator(kYoloPartSeparator);
    QList<std::optional<QByteArray>> parts{std::nullopt, std::nullopt, std::nullopt};
    qsizetype start = 0;
    for (int i = 0; i < 3; ++i) {
        const qsizetype end = i < 2 ? bytes.indexOf(separator, start) : -1;
        parts[i] = bytes.mid(start, end < 0 ? -1 : end - start);
        if (end < 0)
            break;
        start = end + separator.size();
    }
    return parts;
}

std::optional<Case> prepareYolo(QByteArrayView input, const QString& dir) {
    const QList<std::optional<QByteArray>> parts = yoloParts(input);
    const char* names[] = {"labels/a.txt", "classes.txt", "data.yaml"};
    for (int i = 0; i < 3; ++i) {
        const QString path = QDir(dir).filePath(QLatin1String(names[i]));
        if (parts[i] ? !writeFile(path, *parts[i]) : QFile::exists(path) && !QFile::remove(path))
            return std::nullopt;
    }
    if (!writeFile(QDir(dir).filePath(QStringLiteral("images/a.jpg")), {}))
        return std::nullopt;
    Case c{dir, {}};
    c.options.format = AnnotationFormat::Yolo;
    return c;
}

std::optional<Case> prepare(FuzzReader reader, QByteArrayView input, const QString& dir) {
    if (reader == FuzzReader::Yolo)
        return prepareYolo(input, dir);
    struct Layout {
        FuzzReader reader;
        const char* file;
        AnnotationFormat format;
    };
    // Detection sees a .txt file with an image beside it, so that a YOLO guess reads the labels too.
    static constexpr Layout layouts[] = {{FuzzReader::Voc, "annotation.xml", AnnotationFormat::Voc},
                                         {FuzzReader::Coco, "annotations.json", AnnotationFormat::Coco},
                                         {FuzzReader::LabelMe, "image.json", AnnotationFormat::LabelMe},
                                         {FuzzReader::Csv, "boxes.csv", AnnotationFormat::Csv},
                                         {FuzzReader::CentreScale, "list.csv", AnnotationFormat::CentreScale},
                                         {FuzzReader::Detect, "annotation.txt", AnnotationFormat::Auto}};
    for (const Layout& layout : layouts) {
        if (layout.reader != reader)
            continue;
        Case c{QDir(dir).filePath(QLatin1String(layout.file)), {}};
        c.options.format = layout.format;
        if (!writeFile(c.readPath, input))
            return std::nullopt;
        if (reader == FuzzReader::Detect &&
            !writeFile(QDir(dir).filePath(QStringLiteral("annotation.jpg")), {}))
            return std::nullopt;
        return c;
    }
    return std::nullopt;
}

QString checkError(const Error& error, const QString& named) {
    if (error.message.trimmed().isEmpty())
        return QStringLiteral("an error without a message");
    if (!error.message.contains(named))
        return QStringLiteral("the error does not name %1: %2").arg(named, error.message);
    return QString();
}

QString checkIssues(const QList<AnnotationIssue>& issues, const ReadOptions& options, const QString& dir) {
    if (issues.size() > options.maxIssues + 1)
        return QStringLiteral("%1 issues listed, over the bound of %2")
            .arg(issues.size())
            .arg(options.maxIssues);
    for (const AnnotationIssue& issue : issues) {
        if (!issue.file.startsWith(dir))
            return QStringLiteral("an issue that names no file of the input: %1").arg(issue.toString());
        if (issue.message.trimmed().isEmpty() || issue.line < 0)
            return QStringLiteral("an issue without a message or with a bad line: %1").arg(issue.toString());
    }
    return QString();
}

QString checkWindow(const CropWindow& window) {
    if (window.kind == CropWindow::Kind::NormalizedSquare) {
        const NormalizedSquare& s = window.square;
        for (const double v : {s.x, s.y, s.scale}) {
            if (!(v >= 0 && v <= 1))
                return QStringLiteral("centre/scale value %1 outside [0, 1]").arg(v);
        }
        return QString();
    }
    const QRectF& b = window.box;
    for (const double v : {b.x(), b.y(), b.width(), b.height()}) {
        if (!std::isfinite(v))
            return QStringLiteral("box with a value that is not finite");
    }
    if (b.width() < 0 || b.height() < 0)
        return QStringLiteral("box of negative size %1 × %2").arg(b.width()).arg(b.height());
    for (const double v : {b.left(), b.top(), b.right(), b.bottom()}) {
        if (std::abs(v) > kEdgeLimit)
            return QStringLiteral("box edge %1 past the coordinate limit").arg(v);
    }
    return QString();
}

QString checkImage(const ImageEntry& image) {
    const QSize size = image.declaredSize;
    if (size.isValid() &&
        (size.isEmpty() || size.width() > kMaxDeclaredSide || size.height() > kMaxDeclaredSide))
        return QStringLiteral("%1: declared size %2×%3").arg(image.path).arg(size.width()).arg(size.height());
    QSet<QString> ids;
    for (const CropWindow& window : image.windows) {
        if (const QString problem = checkWindow(window); !problem.isEmpty())
            return image.path + QStringLiteral(": ") + problem;
        if (window.id.isEmpty() || ids.contains(window.id))
            return QStringLiteral("%1: window id '%2' empty or used twice").arg(image.path, window.id);
        ids.insert(window.id);
    }
    return QString();
}

QString checkSet(const AnnotationSet& set) {
    for (const ImageEntry& image : set.images) {
        if (const QString problem = checkImage(image); !problem.isEmpty())
            return problem;
    }
    return QString();
}

// Detection on the file and on its folder must answer without trouble; the folder sniff is cheap here.
void detectBoth(const QString& file) {
    (void)detectAnnotationFormat(file);
    (void)detectAnnotationFormat(QFileInfo(file).absolutePath());
}

} // namespace

QString fuzzReaderName(FuzzReader reader) {
    for (const ReaderName& entry : kNames) {
        if (entry.reader == reader)
            return QLatin1String(entry.name);
    }
    return QString();
}

std::optional<FuzzReader> fuzzReaderFromName(const QString& name) {
    for (const ReaderName& entry : kNames) {
        if (name == QLatin1String(entry.name))
            return entry.reader;
    }
    return std::nullopt;
}

const QList<FuzzReader>& allFuzzReaders() {
    static const QList<FuzzReader> readers = [] {
        QList<FuzzReader> list;
        for (const ReaderName& entry : kNames)
            list << entry.reader;
        return list;
    }();
    return readers;
}

QString runFuzzInput(FuzzReader reader, QByteArrayView input, const QString& workDir) {
    // The case folder is reused between inputs, to spare the fuzzer file-system work: files are
    // overwritten, and YOLO parts missing from an input are removed.
    const QString dir = QDir(workDir).filePath(QStringLiteral("case"));
    if (!QDir().mkpath(dir))
        return QStringLiteral("cannot prepare the folder %1").arg(dir);
    std::optional<Case> c = prepare(reader, input, dir);
    if (!c)
        return QStringLiteral("cannot write the input under %1").arg(dir);
    c->options.imageSize = [](const QString&) {
        return std::optional<QSize>(kImageSize);
    };
    c->options.normalizedWindowSize = 224;
    if (reader == FuzzReader::Detect)
        detectBoth(c->readPath);
    QList<AnnotationIssue> issues;
    const Result<AnnotationSet> set = readAnnotations(c->readPath, c->options, &issues);
    if (!set)
        return checkError(set.error(), c->readPath);
    if (const QString problem = checkIssues(issues, c->options, dir); !problem.isEmpty())
        return problem;
    return checkSet(*set);
}

void fuzzOneInput(FuzzReader reader, const uint8_t* data, size_t size) {
    static QTemporaryDir workDir;
    const QString problem = runFuzzInput(
        reader, QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)), workDir.path());
    if (problem.isEmpty())
        return;
    std::fprintf(stderr, "reader contract broken (%s): %s\n", qPrintable(fuzzReaderName(reader)),
                 qPrintable(problem));
    std::abort();
}

} // namespace cropdeck::fuzz
