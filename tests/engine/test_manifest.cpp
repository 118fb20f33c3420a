// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Manifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace cropdeck;

Q_DECLARE_METATYPE(cropdeck::ManifestEntry)

namespace {
void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A line cut short by a crash or a full disk (moc cannot read an unbalanced brace in a raw string).
const QByteArray kTornLine = "{\"source\":\"s.jpg\",\"wi";

OutputInputs sampleInputs(const QString& digest) {
    return {digest, QStringLiteral("box 1,2,30,40.5"), SourceStamp{123456, 1700000000123}};
}

// What a manifest line was before it was written by hand: the reference the fast writer must equal.
QByteArray lineThroughQJson(const ManifestEntry& entry) {
    QJsonObject object{{"source", entry.source}, {"window", entry.window}, {"index", entry.index},
                       {"output", entry.output}, {"status", entry.status}, {"bytes", double(entry.bytes)}};
    if (!entry.error.isEmpty())
        object.insert("error", entry.error);
    if (!entry.note.isEmpty())
        object.insert("note", entry.note);
    if (!entry.damage.isEmpty())
        object.insert("damaged", entry.damage);
    if (entry.inputs.isKnown()) {
        object.insert("settings", entry.inputs.settingsDigest);
        object.insert("box", entry.inputs.window);
        object.insert("source_bytes", double(entry.inputs.source.bytes));
        object.insert("source_mtime_ms", double(entry.inputs.source.modifiedMs));
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

ManifestEntry okEntry(const QString& output, qint64 bytes, const OutputInputs& inputs = {}) {
    return {"s.jpg", "0", 0, output, "ok", bytes, {}, {}, inputs};
}
} // namespace

class TestManifest : public QObject {
    Q_OBJECT
private slots:
    void linesAreWhatQJsonDocumentWrites_data() {
        QTest::addColumn<ManifestEntry>("entry");
        const QString awkward = QStringLiteral("a \"quoted\" \\back\\slash/ \b\f\n\r\t \x01\x1f \x7f end");
        QTest::newRow("plain ok") << okEntry("crops/a_0.jpg", 848, sampleInputs("d41d8cd98f00b204"));
        QTest::newRow("old line, no inputs") << okEntry("a.jpg", 5);
        QTest::newRow("error") << ManifestEntry{"s.jpg", "7", 7, "s_7.png", "error", 0, awkward, {}, {}, {}};
        QTest::newRow("skipped") << ManifestEntry{"dir/s.jpg", "", 3,         {}, "skipped",
                                                  0,           {}, "outside", {}, {}};
        QTest::newRow("note and damage") << ManifestEntry{"s.jpg",
                                                          "w",
                                                          1,
                                                          "o.jpg",
                                                          "ok",
                                                          1ll << 40,
                                                          {},
                                                          "aligned to the MCU grid: 0,0 16x16",
                                                          sampleInputs("x"),
                                                          "PNG data ends early"};
        QTest::newRow("unicode") << ManifestEntry{QStringLiteral("Ünïcødé/日本/🙂 ä.jpg"),
                                                  QStringLiteral("窓"),
                                                  2,
                                                  QStringLiteral("Ünïcødé/🙂_窓.jpg"),
                                                  "ok",
                                                  12,
                                                  {},
                                                  {},
                                                  sampleInputs(awkward),
                                                  {}};
        QTest::newRow("large numbers") << ManifestEntry{
            "s.jpg", "0",  2147483647,
            "o.jpg", "ok", (1ll << 53) - 1,
            {},      {},   OutputInputs{"d", "box 0,0,1,1", SourceStamp{(1ll << 50) + 3, 4102444800000}},
            {}};
    }

    void linesAreWhatQJsonDocumentWrites() {
        QFETCH(ManifestEntry, entry);
        QCOMPARE(manifestLine(entry), lineThroughQJson(entry));
    }

    void finishedOutputsNeedOkStatusAndMatchingFile() {
        QTemporaryDir dir;
        const QString manifestPath = QDir(dir.path()).filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        writeFile(dir.filePath("b.jpg"), "123");
        writeFile(dir.filePath("c.jpg"), "123");
        {
            ManifestWriter writer;
            QVERIFY(writer.open(manifestPath).ok());
            QVERIFY(writer.append({"s.jpg", "0", 0, "a.jpg", "ok", 5, {}}).ok());
            QVERIFY(writer.append({"s.jpg", "1", 1, "b.jpg", "ok", 99, {}}).ok());      // size differs
            QVERIFY(writer.append({"s.jpg", "2", 2, "c.jpg", "error", 0, "bad"}).ok()); // failed
            QVERIFY(writer.append({"s.jpg", "3", 3, "gone.jpg", "ok", 3, {}}).ok());    // file missing
        }
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->outputs.keys(), QList<QString>{"a.jpg"});
        QCOMPARE(finished->malformedLines, 0);
    }

    void tornLastLineIsIgnored() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        writeFile(manifestPath,
                  manifestLine({"s.jpg", "0", 0, "a.jpg", "ok", 5, {}}) + "{\"source\":\"s.jpg\",\"win");
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->outputs.size(), 1);
        QCOMPARE(finished->malformedLines, 1);
    }

    void missingManifestMeansNothingFinished() {
        QTemporaryDir dir;
        const Result<FinishedOutputs> finished = readFinishedOutputs(dir.filePath("none.jsonl"), dir.path());
        QVERIFY(finished.ok());
        QVERIFY(finished->outputs.isEmpty());
    }

    void appendsAcrossRuns() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        for (int run = 0; run < 2; ++run) {
            ManifestWriter writer;
            QVERIFY(writer.open(manifestPath).ok());
            QVERIFY(writer.append({"s.jpg", QString::number(run), run, "o.jpg", "ok", 1, {}}).ok());
        }
        QFile file(manifestPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 2);
    }

    void recordsAndReadsWhatAnOutputWasMadeFrom() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        const OutputInputs inputs = sampleInputs(QStringLiteral("0123456789abcdef0123456789abcdef"));
        {
            ManifestWriter writer;
            QVERIFY(writer.open(manifestPath).ok());
            QVERIFY(writer.append(okEntry("a.jpg", 5, inputs)).ok());
        }
        const QByteArray line = readAll(manifestPath);
        QVERIFY2(line.contains("\"settings\":\"0123456789abcdef0123456789abcdef\""), line.constData());
        QVERIFY2(line.contains("\"box\":\"box 1,2,30,40.5\""), line.constData());
        QVERIFY2(line.contains("\"source_bytes\":123456"), line.constData());
        QVERIFY2(line.contains("\"source_mtime_ms\":1700000000123"), line.constData());
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->outputs.value("a.jpg"), inputs);
    }

    // Manifests written before the inputs were recorded: their outputs are listed with unknown inputs
    // (the plan then redoes them with a warning).
    void oldLinesHaveUnknownInputs() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        writeFile(manifestPath,
                  R"({"source":"s.jpg","window":"0","index":0,"output":"a.jpg","status":"ok","bytes":5})"
                  "\n");
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QVERIFY(finished->outputs.contains("a.jpg"));
        QVERIFY(!finished->outputs.value("a.jpg").isKnown());
    }

    void latestLineOfAnOutputDecides() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        writeFile(dir.filePath("b.jpg"), "1234");
        {
            ManifestWriter writer;
            QVERIFY(writer.open(manifestPath).ok());
            QVERIFY(writer.append(okEntry("a.jpg", 5, sampleInputs("old"))).ok());
            QVERIFY(writer.append(okEntry("b.jpg", 4, sampleInputs("old"))).ok());
            // A later run with other settings failed on a.jpg (the old file is still there) and redid b.jpg.
            QVERIFY(writer.append({"s.jpg", "0", 0, "a.jpg", "error", 0, "disk full"}).ok());
            QVERIFY(writer.append(okEntry("b.jpg", 4, sampleInputs("new"))).ok());
        }
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->outputs.keys(), QList<QString>{"b.jpg"});
        QCOMPARE(finished->outputs.value("b.jpg").settingsDigest, QStringLiteral("new"));
    }

    // Regression: after a torn last line (disk full, kill), the next run's first record was glued to it
    // and lost.
    void appendAfterATornLineStartsANewLine() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        writeFile(dir.filePath("b.jpg"), "123");
        writeFile(manifestPath, manifestLine(okEntry("a.jpg", 5, sampleInputs("d"))) + kTornLine);
        {
            ManifestWriter writer;
            QVERIFY(writer.open(manifestPath).ok());
            QVERIFY(writer.append(okEntry("b.jpg", 3, sampleInputs("d"))).ok());
        }
        const QList<QByteArray> lines = readAll(manifestPath).split('\n');
        QCOMPARE(lines.size(), 4); // ok a, torn, ok b, "" after the last '\n'
        QCOMPARE(lines[1], QByteArray(kTornLine));
        QCOMPARE(lines[2] + '\n', manifestLine(okEntry("b.jpg", 3, sampleInputs("d"))));
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->outputs.size(), 2);
        QCOMPARE(finished->malformedLines, 1);
    }

    void appendToAWholeManifestAddsNoEmptyLine() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        const QByteArray first = manifestLine(okEntry("a.jpg", 5));
        writeFile(manifestPath, first);
        {
            ManifestWriter writer;
            QVERIFY(writer.open(manifestPath).ok());
            QVERIFY(writer.append(okEntry("b.jpg", 3)).ok());
        }
        QCOMPARE(readAll(manifestPath), first + manifestLine(okEntry("b.jpg", 3)));
    }

    // A group's lines go out in one write: each line is exactly the one manifestLine() gives on its own.
    void groupAppendWritesEachLineWhole() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        const std::vector<ManifestEntry> group{okEntry("a.jpg", 5, sampleInputs("d")), okEntry("b.jpg", 3),
                                               okEntry("c\"q.jpg", 7, sampleInputs("e"))};
        {
            ManifestWriter writer;
            QVERIFY(writer.open(manifestPath).ok());
            QVERIFY(writer.append(group).ok());
        }
        QCOMPARE(readAll(manifestPath),
                 manifestLine(group[0]) + manifestLine(group[1]) + manifestLine(group[2]));
        Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->malformedLines, 0);
    }

    // Regression: a full disk was reported as "Unknown error".
    void diskFullNamesTheManifestAndTheReason() {
        if (!QFileInfo::exists("/dev/full"))
            QSKIP("/dev/full is not available on this system");
        ManifestWriter writer;
        QVERIFY(writer.open("/dev/full").ok());
        const Status status = writer.append(okEntry("a.jpg", 5));
        QVERIFY(!status.ok());
        QCOMPARE(status.error().kind, ErrorKind::Io);
        QVERIFY2(status.error().message.contains("/dev/full"), qPrintable(status.error().message));
        QVERIFY2(status.error().message.contains(QString::fromLocal8Bit(strerror(ENOSPC))),
                 qPrintable(status.error().message));
        QVERIFY2(!status.error().message.contains("Unknown error"), qPrintable(status.error().message));
        // Still failing, still the real reason (the torn-line newline must not hide it).
        const Status again = writer.append(okEntry("b.jpg", 5));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QString::fromLocal8Bit(strerror(ENOSPC))),
                 qPrintable(again.error().message));
    }

#ifdef Q_OS_UNIX
    // Regression: a write that the disk cuts short (some bytes written, then no space) was reported as
    // "Unknown error", and the next record was glued to the torn line. A file size limit
    // (RLIMIT_FSIZE) makes the kernel cut the write the same way a full disk does.
    void writeCutShortGivesTheReasonAndTheNextRecordIsWhole() {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        writeFile(dir.filePath("b.jpg"), "123");
        ManifestWriter writer;
        QVERIFY(writer.open(manifestPath).ok());
        QVERIFY(writer.append(okEntry("a.jpg", 5, sampleInputs("d"))).ok());
        const qint64 sizeBefore = QFileInfo(manifestPath).size();

        struct rlimit saved;
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        struct rlimit limited = saved;
        limited.rlim_cur = rlim_t(sizeBefore + 20);
        const auto oldHandler = ::signal(SIGXFSZ, SIG_IGN);
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
        const Status cut = writer.append(okEntry("b.jpg", 3, sampleInputs("d")));
        ::setrlimit(RLIMIT_FSIZE, &saved);
        ::signal(SIGXFSZ, oldHandler);

        QVERIFY(!cut.ok());
        QVERIFY2(cut.error().message.contains(manifestPath), qPrintable(cut.error().message));
        QVERIFY2(cut.error().message.contains(QString::fromLocal8Bit(strerror(EFBIG))),
                 qPrintable(cut.error().message));
        QCOMPARE(QFileInfo(manifestPath).size(), sizeBefore + 20); // the torn part is on disk

        QVERIFY(writer.append(okEntry("b.jpg", 3, sampleInputs("d"))).ok());
        writer.close();
        const QList<QByteArray> lines = readAll(manifestPath).split('\n');
        QCOMPARE(lines.size(), 4); // a, the torn part, b whole, "" after the last '\n'
        QCOMPARE(lines[1].size(), 20);
        QCOMPARE(lines[2] + '\n', manifestLine(okEntry("b.jpg", 3, sampleInputs("d"))));
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->outputs.size(), 2);
        QCOMPARE(finished->malformedLines, 1);
    }
#endif

    void unwritableManifestIsAnError() {
        ManifestWriter writer;
        const Status status = writer.open("/nonexistent-folder/cropdeck-manifest.jsonl");
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains("/nonexistent-folder/cropdeck-manifest.jsonl"));
    }
};

QTEST_APPLESS_MAIN(TestManifest)
#include "test_manifest.moc"
