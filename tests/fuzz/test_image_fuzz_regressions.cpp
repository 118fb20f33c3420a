// SPDX-License-Identifier: GPL-3.0-or-later
// Every seed of the image fuzz corpora (image/corpus/<target>/) and every input an image fuzzer once broke
// a parser or decoder with (image/regressions/<target>/), run through the fuzz targets' own entry code
// (ImageFuzzEntry.h), so the normal build keeps them fixed.

#include "ImageFuzzEntry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck::fuzz;

class TestImageFuzzRegressions : public QObject {
    Q_OBJECT

    static QString imageDir() { return QStringLiteral(CROPDECK_FUZZ_DIR "/image"); }

    static void addRows(const QString& kind) {
        const QDir root(imageDir() + u'/' + kind);
        for (const QString& folder : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const std::optional<ImageFuzzTarget> target = imageFuzzTargetFromName(folder);
            QVERIFY2(target,
                     qPrintable(QStringLiteral("%1/%2 names no image fuzz target").arg(kind, folder)));
            const QDir dir(root.filePath(folder));
            for (const QString& file : dir.entryList(QDir::Files, QDir::Name))
                QTest::newRow(qPrintable(kind + u'/' + folder + u'/' + file))
                    << int(*target) << dir.filePath(file);
        }
    }

    static void runFile(ImageFuzzTarget target, const QString& path) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QString problem = runImageFuzzInput(target, file.readAll(), work.path());
        QVERIFY2(problem.isEmpty(), qPrintable(path + QStringLiteral(": ") + problem));
    }

private slots:
    void everyTargetHasSeeds() {
        for (const ImageFuzzTarget target : allImageFuzzTargets()) {
            const QDir dir(imageDir() + QStringLiteral("/corpus/") + imageFuzzTargetName(target));
            QVERIFY2(!dir.entryList(QDir::Files).isEmpty(),
                     qPrintable(QStringLiteral("no seeds in %1").arg(dir.path())));
        }
    }

    void seeds_data() {
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("path");
        addRows(QStringLiteral("corpus"));
    }

    void seeds() {
        QFETCH(int, target);
        QFETCH(QString, path);
        runFile(ImageFuzzTarget(target), path);
    }

    void regressions_data() {
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("path");
        addRows(QStringLiteral("regressions"));
    }

    void regressions() {
        if (!QTest::currentDataTag())
            QSKIP("no saved image fuzz inputs in image/regressions/");
        QFETCH(int, target);
        QFETCH(QString, path);
        runFile(ImageFuzzTarget(target), path);
    }

    // The first 8 bytes choose the window; a window past the image is reduced into it, never refused.
    void decodeCropWindowsComeFromTheFirstBytes() {
        QFile seed(imageDir() + QStringLiteral("/corpus/decode_crop/rgb-png.bin"));
        QVERIFY(seed.open(QIODevice::ReadOnly));
        QByteArray input = seed.readAll();
        QTemporaryDir work;
        for (const char fill : {'\x00', '\x7f', '\xff'}) {
            input.replace(0, 8, QByteArray(8, fill));
            QCOMPARE(runImageFuzzInput(ImageFuzzTarget::DecodeCrop, input, work.path()), QString());
        }
    }
};

QTEST_GUILESS_MAIN(TestImageFuzzRegressions)
#include "test_image_fuzz_regressions.moc"
