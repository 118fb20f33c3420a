// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Manifest.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;

namespace {
void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}
} // namespace

class TestManifest : public QObject {
    Q_OBJECT
private slots:
    void finishedOutputsNeedOkStatusAndMatchingFile()
    {
        QTemporaryDir dir;
        const QString manifestPath = QDir(dir.path()).filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        writeFile(dir.filePath("b.jpg"), "123");
        writeFile(dir.filePath("c.jpg"), "123");
        {
            ManifestWriter writer;
            QVERIFY(writer.open(manifestPath).ok());
            QVERIFY(writer.append({"s.jpg", "0", 0, "a.jpg", "ok", 5, {}}).ok());
            QVERIFY(writer.append({"s.jpg", "1", 1, "b.jpg", "ok", 99, {}}).ok());    // size differs
            QVERIFY(writer.append({"s.jpg", "2", 2, "c.jpg", "error", 0, "bad"}).ok()); // failed
            QVERIFY(writer.append({"s.jpg", "3", 3, "gone.jpg", "ok", 3, {}}).ok());  // file missing
        }
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->outputs, QSet<QString>{"a.jpg"});
        QCOMPARE(finished->malformedLines, 0);
    }

    void tornLastLineIsIgnored()
    {
        QTemporaryDir dir;
        const QString manifestPath = dir.filePath(kManifestFileName);
        writeFile(dir.filePath("a.jpg"), "12345");
        writeFile(manifestPath, manifestLine({"s.jpg", "0", 0, "a.jpg", "ok", 5, {}}) + "{\"source\":\"s.jpg\",\"win");
        const Result<FinishedOutputs> finished = readFinishedOutputs(manifestPath, dir.path());
        QVERIFY(finished.ok());
        QCOMPARE(finished->outputs.size(), 1);
        QCOMPARE(finished->malformedLines, 1);
    }

    void missingManifestMeansNothingFinished()
    {
        QTemporaryDir dir;
        const Result<FinishedOutputs> finished = readFinishedOutputs(dir.filePath("none.jsonl"), dir.path());
        QVERIFY(finished.ok());
        QVERIFY(finished->outputs.isEmpty());
    }

    void appendsAcrossRuns()
    {
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

    void unwritableManifestIsAnError()
    {
        ManifestWriter writer;
        const Status status = writer.open("/nonexistent-folder/cropdeck-manifest.jsonl");
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains("/nonexistent-folder/cropdeck-manifest.jsonl"));
    }
};

QTEST_APPLESS_MAIN(TestManifest)
#include "test_manifest.moc"
