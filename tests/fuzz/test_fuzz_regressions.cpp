// SPDX-License-Identifier: GPL-3.0-or-later
// Every seed of the fuzz corpora and every input a fuzzer once broke a reader with, run through the same
// entry code as the fuzz targets (FuzzEntry.h), so the normal build keeps them fixed.

#include "FuzzEntry.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck::fuzz;

class TestFuzzRegressions : public QObject {
    Q_OBJECT

    static QString fuzzDir() { return QStringLiteral(CROPDECK_FUZZ_DIR); }

    // Files of <fuzzDir>/<kind>/<reader>/, as (reader, path) rows named "<kind>/<reader>/<file>".
    static void addRows(const QString& kind) {
        const QDir root(fuzzDir() + u'/' + kind);
        for (const QString& folder : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const std::optional<FuzzReader> reader = fuzzReaderFromName(folder);
            QVERIFY2(reader, qPrintable(QStringLiteral("%1/%2 names no fuzz target").arg(kind, folder)));
            const QDir dir(root.filePath(folder));
            for (const QString& file : dir.entryList(QDir::Files, QDir::Name))
                QTest::newRow(qPrintable(kind + u'/' + folder + u'/' + file))
                    << int(*reader) << dir.filePath(file);
        }
    }

    static void runFile(FuzzReader reader, const QString& path) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QString problem = runFuzzInput(reader, file.readAll(), work.path());
        QVERIFY2(problem.isEmpty(), qPrintable(path + QStringLiteral(": ") + problem));
    }

private slots:
    void everyReaderHasSeeds() {
        for (const FuzzReader reader : allFuzzReaders()) {
            const QDir dir(fuzzDir() + QStringLiteral("/corpus/") + fuzzReaderName(reader));
            QVERIFY2(!dir.entryList(QDir::Files).isEmpty(),
                     qPrintable(QStringLiteral("no seed inputs in %1").arg(dir.path())));
        }
    }

    void seeds_data() {
        QTest::addColumn<int>("reader");
        QTest::addColumn<QString>("path");
        addRows(QStringLiteral("corpus"));
    }

    void seeds() {
        QFETCH(int, reader);
        QFETCH(QString, path);
        runFile(FuzzReader(reader), path);
    }

    void regressions_data() {
        QTest::addColumn<int>("reader");
        QTest::addColumn<QString>("path");
        addRows(QStringLiteral("regressions"));
    }

    void regressions() {
        if (!QTest::currentDataTag())
            QSKIP("no saved fuzz inputs in regressions/");
        QFETCH(int, reader);
        QFETCH(QString, path);
        runFile(FuzzReader(reader), path);
    }

    // The inputs land where FuzzEntry.h says (YOLO parts split at the separator), or the rows above would
    // exercise something else than the corpus files suggest.
    void inputsBecomeTheDocumentedFiles() {
        QTemporaryDir work;
        QVERIFY(work.isValid());
        QCOMPARE(runFuzzInput(FuzzReader::Csv, QByteArrayView("path,x,y,w,h\na.jpg,1,2,3,4\n"), work.path()),
                 QString());
        QVERIFY(QFile::exists(work.filePath(QStringLiteral("case/boxes.csv"))));
        QCOMPARE(runFuzzInput(FuzzReader::Yolo,
                              QByteArrayView("0 0.5 0.5 0.1 0.1\n---8<---\ncat\n---8<---\nnames: [cat]\n"),
                              work.path()),
                 QString());
        QFile classes(work.filePath(QStringLiteral("case/classes.txt")));
        QVERIFY(classes.open(QIODevice::ReadOnly));
        QCOMPARE(classes.readAll(), QByteArray("cat"));
        QVERIFY(QFile::exists(work.filePath(QStringLiteral("case/data.yaml"))));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"
