// SPDX-License-Identifier: GPL-3.0-or-later
// Seed workloads and the demo set: same bytes for a seed, right sizes and formats, window lists and
// annotations that read back as valid boxes, and no overwriting of a user's folder.
#include "TestUtils.h"
#include "bench/DatasetGenerator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <map>
#include <optional>

using namespace cropdeck;

Q_DECLARE_METATYPE(cropdeck::SeedWorkload)

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList readLines(const QString& path) {
    return QString::fromUtf8(readAll(path)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Every file of a folder, name → bytes.
std::map<QString, QByteArray> folderContents(const QString& dir) {
    std::map<QString, QByteArray> contents;
    for (const QFileInfo& info : QDir(dir).entryInfoList(QDir::Files))
        contents[info.fileName()] = readAll(info.absoluteFilePath());
    return contents;
}

// Component 1's sampling byte in the first SOF0 segment (0x22 for 4:2:0, 0x11 for 4:4:4 or gray).
int lumaSampling(const QByteArray& jpeg) {
    qsizetype sof = jpeg.indexOf(QByteArray("\xFF\xC0", 2));
    if (sof < 0)
        sof = jpeg.indexOf(QByteArray("\xFF\xC2", 2)); // progressive
    return sof < 0 ? -1 : uchar(jpeg.at(sof + 11));
}

// True when the frame header is SOF2 (progressive DCT).
bool jpegIsProgressive(const QByteArray& jpeg) {
    qsizetype at = 2;
    while (at + 4 <= jpeg.size() && uchar(jpeg[at]) == 0xFF && uchar(jpeg[at + 1]) != 0xDA) {
        if (uchar(jpeg[at + 1]) == 0xC2)
            return true;
        at += 2 + (uchar(jpeg[at + 2]) << 8 | uchar(jpeg[at + 3]));
    }
    return false;
}

// True when a JPEG's header segments (before the first scan) hold a DRI with a non-zero interval.
bool jpegHasRestartInterval(const QByteArray& jpeg) {
    qsizetype at = 2;
    while (at + 4 <= jpeg.size() && uchar(jpeg[at]) == 0xFF && uchar(jpeg[at + 1]) != 0xDA) {
        const int length = uchar(jpeg[at + 2]) << 8 | uchar(jpeg[at + 3]);
        if (uchar(jpeg[at + 1]) == 0xDD && at + 6 <= jpeg.size())
            return (uchar(jpeg[at + 4]) << 8 | uchar(jpeg[at + 5])) > 0;
        at += 2 + length;
    }
    return false;
}

} // namespace

class TestDatasetGenerator : public QObject {
    Q_OBJECT
    QTemporaryDir m_sandbox;
    QString m_demo; // one demo set shared by the read-only checks: generating it is the slow part
    std::optional<Result<QString>> m_demoAnnotations;

private slots:
    void initTestCase() {
        QVERIFY(m_sandbox.isValid());
        m_demo = QDir(m_sandbox.path()).filePath("demo"); // does not exist yet: created on the way
        m_demoAnnotations = makeDemoDataset(m_demo);
    }

    void specsCoverEveryWorkload() {
        QCOMPARE(seedWorkloads().size(), 9);
        for (const SeedWorkloadSpec& spec : seedWorkloads()) {
            QCOMPARE(seedWorkloadFromName(QString::fromLatin1(spec.name)), std::optional(spec.kind));
            QCOMPARE(seedWorkloadSpec(spec.kind).name, spec.name);
            QVERIFY(spec.side == 4000 || spec.side == 512);
        }
        QCOMPARE(seedWorkloadSpec(SeedWorkload::ColorJpeg512).side, 512);
        QCOMPARE(seedWorkloadSpec(SeedWorkload::GrayBmp).channels, 1);
        QVERIFY(!seedWorkloadFromName(QStringLiteral("gray-tiff")).has_value());
    }

    void seedWorkload_data() {
        QTest::addColumn<SeedWorkload>("kind");
        for (const SeedWorkloadSpec& spec : seedWorkloads())
            QTest::newRow(spec.name) << spec.kind;
    }
    void seedWorkload() {
        QFETCH(SeedWorkload, kind);
        const SeedWorkloadSpec& spec = seedWorkloadSpec(kind);
        QTemporaryDir first, second;
        const int count = 3, side = 96;
        QVERIFY(makeSeedWorkload(first.path(), kind, count, 11, side, 2).ok());
        QVERIFY(makeSeedWorkload(second.path(), kind, count, 11, side, 1).ok());
        const auto files = folderContents(first.path());
        QCOMPARE(files.size(), size_t(count + 3)); // pictures, two window lists, stamp
        QVERIFY(files == folderContents(second.path()));

        for (int i = 0; i < count; ++i) {
            const QString name =
                QStringLiteral("img_%1.%2").arg(i, 3, 10, QLatin1Char('0')).arg(spec.extension);
            const cv::Mat pixels = test::referenceDecode(QDir(first.path()).filePath(name));
            QCOMPARE(pixels.cols, side);
            QCOMPARE(pixels.rows, side);
            QCOMPARE(pixels.channels(), spec.channels);
            const QByteArray& bytes = files.at(name);
            const bool jpeg = QLatin1String(spec.extension) == QLatin1String("jpg");
            QCOMPARE(bytes.startsWith("\xFF\xD8"), jpeg);
            QCOMPARE(bytes.startsWith("\x89PNG"), QLatin1String(spec.extension) == QLatin1String("png"));
            QCOMPARE(bytes.startsWith("BM"), QLatin1String(spec.extension) == QLatin1String("bmp"));
            const bool restart =
                kind == SeedWorkload::GrayJpegRestart || kind == SeedWorkload::ColorJpegRestart;
            if (jpeg) {
                QCOMPARE(jpegHasRestartInterval(bytes), restart);
                QCOMPARE(jpegIsProgressive(bytes), kind == SeedWorkload::GrayJpegProgressive);
                QCOMPARE(lumaSampling(bytes), spec.channels == 3 ? 0x22 : 0x11);
            }
        }
    }

    void windowListsAreValidAndPaired() {
        QTemporaryDir dir;
        const int count = 5;
        QVERIFY(makeSeedWorkload(dir.path(), SeedWorkload::GrayBmp, count, 3, 40).ok());
        const QStringList random = readLines(QDir(dir.path()).filePath(kRandomWindowsFile));
        const QStringList corner = readLines(QDir(dir.path()).filePath(kBottomRightWindowsFile));
        QCOMPARE(random.size(), count + 1);
        QCOMPARE(random.first(), QStringLiteral("path,x,y,scale"));
        QCOMPARE(corner.first(), QStringLiteral("path,x,y,scale"));
        for (int i = 1; i <= count; ++i) {
            const QStringList r = random[i].split(','), c = corner[i].split(',');
            QCOMPARE(r.size(), 4);
            QCOMPARE(r[0], QStringLiteral("img_%1.bmp").arg(i - 1, 3, 10, QLatin1Char('0')));
            QVERIFY(QFileInfo::exists(QDir(dir.path()).filePath(r[0])));
            for (int f = 1; f <= 3; ++f)
                QVERIFY(r[f].toDouble() >= 0 && r[f].toDouble() <= 1);
            QVERIFY(r[3].toDouble() >= 0.05 && r[3].toDouble() <= 0.3);
            QCOMPARE(c[0], r[0]);
            QCOMPARE(c[1].toDouble(), 1.0);
            QCOMPARE(c[2].toDouble(), 1.0);
            QCOMPARE(c[3], r[3]); // same scale, only the position differs
        }
    }

    void stampSaysWhenAWorkloadCanBeReused() {
        QTemporaryDir dir;
        QVERIFY(!seedWorkloadIsCurrent(dir.path(), SeedWorkload::GrayPng, 2, 5, 32));
        QVERIFY(makeSeedWorkload(dir.path(), SeedWorkload::GrayPng, 2, 5, 32).ok());
        QVERIFY(seedWorkloadIsCurrent(dir.path(), SeedWorkload::GrayPng, 2, 5, 32));
        QVERIFY(!seedWorkloadIsCurrent(dir.path(), SeedWorkload::GrayPng, 2, 6, 32));
        QVERIFY(!seedWorkloadIsCurrent(dir.path(), SeedWorkload::GrayPng, 3, 5, 32));
        QVERIFY(!seedWorkloadIsCurrent(dir.path(), SeedWorkload::GrayPng, 2, 5, 0));
        QVERIFY(!seedWorkloadIsCurrent(dir.path(), SeedWorkload::GrayBmp, 2, 5, 32));
        QVERIFY(QFile::remove(QDir(dir.path()).filePath("img_001.png")));
        QVERIFY(!seedWorkloadIsCurrent(dir.path(), SeedWorkload::GrayPng, 2, 5, 32));
    }

    void seedWorkloadRejectsBadArguments() {
        QTemporaryDir dir;
        const Status noCount = makeSeedWorkload(dir.path(), SeedWorkload::GrayJpeg, 0, 1, 32);
        QVERIFY(!noCount.ok());
        QCOMPARE(noCount.error().kind, ErrorKind::Invalid);
        QVERIFY(!makeSeedWorkload(dir.path(), SeedWorkload::GrayJpeg, 1, 1, 4).ok());
        QVERIFY(!makeSeedWorkload(QString(), SeedWorkload::GrayJpeg, 1, 1, 32).ok());
    }

    void demoSetReadsBackAsValidBoxes() {
        const QString root = m_demo;
        const Result<QString>& annotations = *m_demoAnnotations;
        QVERIFY2(annotations.ok(), annotations.ok() ? "" : qPrintable(annotations.error().message));
        QCOMPARE(annotations.value(), QFileInfo(QDir(root).filePath("annotations.csv")).absoluteFilePath());
        QVERIFY(readAll(QDir(root).filePath("README.txt")).startsWith("CropDeck demo dataset"));

        const QStringList lines = readLines(annotations.value());
        QCOMPARE(lines.first(), QStringLiteral("path,x,y,w,h,label"));
        std::map<QString, int> boxesPerImage;
        for (const QString& line : lines.mid(1)) {
            const QStringList f = line.split(',');
            QCOMPARE(f.size(), 6);
            const QString path = QDir(root).filePath(f[0]);
            const cv::Mat upright = cv::imread(path.toStdString(), cv::IMREAD_COLOR); // EXIF applied
            QVERIFY2(!upright.empty(), qPrintable(path));
            bool ok[4];
            const QRect box(f[1].toInt(&ok[0]), f[2].toInt(&ok[1]), f[3].toInt(&ok[2]), f[4].toInt(&ok[3]));
            QVERIFY(ok[0] && ok[1] && ok[2] && ok[3]);
            QVERIFY2(!box.isEmpty() && QRect(0, 0, upright.cols, upright.rows).contains(box),
                     qPrintable(line));
            QVERIFY(f[5] == "ellipse" || f[5] == "polygon");
            ++boxesPerImage[f[0]];
        }
        QCOMPARE(boxesPerImage.size(), size_t(12));
        for (const auto& [path, boxes] : boxesPerImage)
            QVERIFY2(boxes >= 1 && boxes <= 4, qPrintable(path));
    }

    void demoSetHasTheAdvertisedVariety() {
        QVERIFY(m_demoAnnotations->ok());
        const QDir root(m_demo);
        const auto images = folderContents(root.filePath("images"));
        int jpeg = 0, png = 0, bmp = 0, exif6 = 0, restart = 0;
        for (const auto& [name, bytes] : images) {
            jpeg += bytes.startsWith("\xFF\xD8");
            png += bytes.startsWith("\x89PNG");
            bmp += bytes.startsWith("BM");
            restart += bytes.startsWith("\xFF\xD8") && jpegHasRestartInterval(bytes);
            if (bytes.contains(QByteArray("Exif\0\0", 6))) {
                ++exif6;
                const cv::Mat stored = test::referenceDecode(root.filePath("images/" + name));
                const cv::Mat upright = cv::imread(root.filePath("images/" + name).toStdString());
                QCOMPARE(stored.cols, upright.rows);
                QCOMPARE(stored.rows, upright.cols);
            }
        }
        QCOMPARE(images.size(), size_t(12));
        QCOMPARE(png, 1);
        QCOMPARE(bmp, 1);
        QCOMPARE(jpeg, 10);
        QCOMPARE(exif6, 1);
        QCOMPARE(restart, 1);
    }

    void demoSetRewritesItselfIdentically() {
        QTemporaryDir dir;
        QVERIFY(makeDemoDataset(dir.path()).ok());
        const auto before = folderContents(QDir(dir.path()).filePath("images"));
        const QByteArray csv = readAll(QDir(dir.path()).filePath("annotations.csv"));
        QVERIFY(makeDemoDataset(dir.path()).ok());
        QVERIFY(before == folderContents(QDir(dir.path()).filePath("images")));
        QCOMPARE(readAll(QDir(dir.path()).filePath("annotations.csv")), csv);
    }

    void demoRefusesAnUnrelatedFolder_data() {
        QTest::addColumn<QString>("intruder");
        QTest::newRow("a file at the top") << "notes.txt";
        QTest::newRow("a foreign picture in images/") << "images/holiday.jpg";
        QTest::newRow("a hidden file") << ".keep";
        QTest::newRow("an unknown folder") << "other/";
    }
    void demoRefusesAnUnrelatedFolder() {
        QFETCH(QString, intruder);
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath(intruder);
        if (intruder.endsWith('/')) {
            QVERIFY(QDir().mkpath(path));
        } else {
            QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("mine");
        }
        const Result<QString> made = makeDemoDataset(dir.path());
        QVERIFY(!made.ok());
        QCOMPARE(made.error().kind, ErrorKind::Invalid);
        QVERIFY2(
            made.error().message.contains(QFileInfo(intruder.chopped(intruder.endsWith('/'))).fileName()),
            qPrintable(made.error().message));
        QVERIFY(!QFileInfo::exists(QDir(dir.path()).filePath("annotations.csv")));
        if (!intruder.endsWith('/'))
            QCOMPARE(readAll(path), QByteArray("mine"));
    }

    void demoRefusesAFile() {
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath("plain");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(!makeDemoDataset(path).ok());
        QVERIFY(!makeDemoDataset(QString()).ok());
    }
};

QTEST_GUILESS_MAIN(TestDatasetGenerator)
#include "test_dataset_generator.moc"
