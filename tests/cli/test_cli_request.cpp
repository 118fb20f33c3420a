// SPDX-License-Identifier: GPL-3.0-or-later
// Saved requests through the real binary: --dry-run --save-request writes what the flags describe,
// --batch --request runs it to the very same output tree; flags that do not apply are refused; the
// overwrite guard follows links; generated windows never take earlier outputs for inputs.

#include "CliRunner.h"
#include "TestUtils.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace cropdeck::test;

namespace {

void writeText(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

// A textured image so that crops of different windows differ.
void writeImage(const QString& path, int width, int height, int seed) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    cv::Mat image(height, width, CV_8UC3);
    cv::randu(image, cv::Scalar::all(seed), cv::Scalar::all(255));
    QVERIFY(cv::imwrite(path.toStdString(), image));
}

// Every file under `dir` (manifest excluded: it records times) with a digest of its bytes.
QMap<QString, QByteArray> tree(const QString& dir) {
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith("cropdeck-manifest.jsonl"))
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            files.insert(QDir(dir).relativeFilePath(path),
                         QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1).toHex());
    }
    return files;
}

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliRequest : public QObject {
    Q_OBJECT
private slots:
    void savedRequestRunsToTheSameTree() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 64, 48, 1);
        writeImage(dir.filePath("images/sub/b.jpg"), 80, 60, 2);
        writeText(
            dir.filePath("boxes.csv"),
            "path,x,y,w,h,label\na.png,4,4,20,10,cat\na.png,50,40,30,30,dog\nsub/b.jpg,10,10,16,16,cat\n");
        const QStringList job = {"--annotations", dir.filePath("boxes.csv"),
                                 "--images",      dir.filePath("images"),
                                 "--margin",      "10%",
                                 "--bounds",      "pad",
                                 "--pad",         "#102030",
                                 "--resize",      "24x24",
                                 "--resize-mode", "fit",
                                 "--format",      "png",
                                 "--name",        "{label}/{stem}_{index}.{ext}"};
        const CliResult direct = runCropdeck(QStringList{"--batch", "--out", dir.filePath("direct")} + job);
        QVERIFY2(direct.exitCode == 0, direct.err.constData());

        const QString request = dir.filePath("job.json");
        const CliResult saved = runCropdeck(
            QStringList{"--batch", "--dry-run", "--out", dir.filePath("viafile"), "--save-request", request} +
            job);
        QVERIFY2(saved.exitCode == 0, saved.err.constData());
        QVERIFY(saved.out.contains("saved the request to"));
        QVERIFY(!QFileInfo::exists(dir.filePath("viafile"))); // a dry run writes no crops
        const QByteArray json = contents(request);
        QVERIFY(json.contains("\"cropdeck_request\": 1"));
        QVERIFY(json.contains("\"bounds\": \"pad\""));
        QVERIFY(json.contains("\"pad\": \"#102030\""));

        const CliResult ran = runCropdeck({"--batch", "--request", request});
        QVERIFY2(ran.exitCode == 0, ran.err.constData());
        const QMap<QString, QByteArray> expected = tree(dir.filePath("direct"));
        QCOMPARE(expected.size(), 3);
        QCOMPARE(tree(dir.filePath("viafile")), expected);

        // Flags given with --request change it: another output folder, the same crops.
        const CliResult moved =
            runCropdeck({"--batch", "--request", request, "--out", dir.filePath("moved")});
        QVERIFY2(moved.exitCode == 0, moved.err.constData());
        QCOMPARE(tree(dir.filePath("moved")), expected);
    }

    void badRequestFilesNameTheFileAndKey() {
        QTemporaryDir dir;
        writeText(dir.filePath("bad.json"), R"({"cropdeck_request": 1, "crop": {"bondz": "clip"}})");
        const CliResult unknown = runCropdeck({"--batch", "--request", dir.filePath("bad.json")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(dir.filePath("bad.json").toUtf8() + ": unknown key \"crop.bondz\""),
                 unknown.err.constData());
        writeText(dir.filePath("type.json"), R"({"cropdeck_request": 1, "run": {"threads": "four"}})");
        const CliResult type = runCropdeck({"--batch", "--request", dir.filePath("type.json")});
        QCOMPARE(type.exitCode, 2);
        QVERIFY2(type.err.contains("key \"run.threads\": expected a number"), type.err.constData());
    }

    void flagsThatDoNotApplyAreRefused() {
        const CliResult to = runCropdeck({"--batch", "--annotations", "a.csv", "--out", "o", "--to", "coco"});
        QCOMPARE(to.exitCode, 2);
        QVERIFY2(to.err.contains("--to does not apply to --batch"), to.err.constData());
        const CliResult save =
            runCropdeck({"--batch", "--annotations", "a.csv", "--out", "o", "--save-request", "r.json"});
        QCOMPARE(save.exitCode, 2);
        QVERIFY(save.err.contains("--save-request needs --dry-run"));
        const CliResult noOut = runCropdeck({"--batch", "--annotations", "a.csv"});
        QCOMPARE(noOut.exitCode, 2);
        QVERIFY2(noOut.err.contains("needs an output folder (--out)"), noOut.err.constData());
    }

    void aLinkedOutputFolderNeverReplacesASource() {
        QTemporaryDir dir;
        writeImage(dir.filePath("s/images/x.png"), 32, 32, 3);
        const QByteArray before = contents(dir.filePath("s/images/x.png"));
        QVERIFY(QFile::link(dir.filePath("s/images"), dir.filePath("s/link")));
        writeText(dir.filePath("boxes.csv"), "path,x,y,w,h\nx.png,0,0,8,8\n");
        const CliResult r =
            runCropdeck({"--batch", "--annotations", dir.filePath("boxes.csv"), "--images",
                         dir.filePath("s/images"), "--out", dir.filePath("s/link"), "--name", "{name}"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("would overwrite a source image"), r.err.constData());
        QCOMPARE(contents(dir.filePath("s/images/x.png")), before);
    }

    void centreCropsIntoTheImagesFolderCropOnlyTheImages() {
        QTemporaryDir dir;
        const QString images = dir.filePath("photos");
        writeImage(images + "/a.png", 40, 30, 4);
        writeImage(images + "/b.png", 50, 20, 5);
        const QStringList job = {"--batch", "--images", images, "--centre-crop", "10x10", "--out", images};
        const CliResult first = runCropdeck(job);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(QDir(images).entryList({"*.png"}, QDir::Files).size(), 4);
        // A second run knows its own outputs from the manifest: two images, both already done.
        const CliResult again = runCropdeck(job + QStringList{"--resume", "--dry-run"});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(again.out.contains("dry run: 2 images, 2 windows planned, 2 already done, 0 problems"),
                 again.out.constData());
    }

    // A project saved by the GUI (request + edited windows, paths relative to it) runs headless to the
    // same tree as the equivalent annotation file; flags on top change settings, not the edited windows.
    void projectRunsItsEditedWindows() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 64, 48, 1);
        writeImage(dir.filePath("images/b.jpg"), 80, 60, 2);
        // What the GUI opened (the CSV) is not what it saved: the first box moved, one added, b's removed.
        writeText(dir.filePath("boxes.csv"), "path,x,y,w,h,label\na.png,0,0,8,8,cat\nb.jpg,1,1,5,5,cat\n");
        // The project format as the README documents it.
        writeText(dir.filePath("p.cropdeck"),
                  "{\"cropdeck_project\":1,\"edited_annotations\":{\"format\":\"csv\",\"source_file\":\"boxes"
                  ".csv\",\"image_root\":\"images\",\"images\":[{\"path\":\"a.png\",\"windows\":[{\"box\":[10"
                  ",12,20,16],\"label\":\"cat\",\"id\":\"0\"},{\"box\":[40,30,30,30],\"label\":\"dog\",\"id\""
                  ":\"1\"}]},{\"path\":\"b.jpg\",\"windows\":[]}]},\"request\":{\"cropdeck_request\":1,\"inpu"
                  "t\":{\"images\":\"images\",\"annotations\":\"boxes.csv\"},\"crop\":{\"bounds\":\"pad\",\"p"
                  "ad\":\"#102030\"},\"output\":{\"folder\":\"crops\",\"format\":\"png\"}}}");
        writeText(dir.filePath("edited.csv"),
                  "path,x,y,w,h,label\na.png,10,12,20,16,cat\na.png,40,30,30,30,dog\n");
        const CliResult fromProject =
            runCropdeck({"--batch", "--project", dir.filePath("p.cropdeck"), "--quiet"});
        QVERIFY2(fromProject.exitCode == 0, fromProject.err.constData());
        const CliResult fromFile =
            runCropdeck({"--batch", "--annotations", dir.filePath("edited.csv"), "--images",
                         dir.filePath("images"), "--bounds", "pad", "--pad", "#102030", "--format", "png",
                         "--out", dir.filePath("ref"), "--quiet"});
        QVERIFY2(fromFile.exitCode == 0, fromFile.err.constData());
        const auto projectTree = tree(dir.filePath("crops"));
        QCOMPARE(projectTree.size(), 2);
        QCOMPARE(projectTree, tree(dir.filePath("ref")));

        // Settings flags on top of the project apply.
        const CliResult gray = runCropdeck({"--batch", "--project", dir.filePath("p.cropdeck"), "--gray",
                                            "--out", dir.filePath("gray"), "--quiet"});
        QVERIFY2(gray.exitCode == 0, gray.err.constData());
        const auto grayTree = tree(dir.filePath("gray"));
        QCOMPARE(grayTree.keys(), projectTree.keys());
        QVERIFY(grayTree != projectTree);
        const cv::Mat crop =
            cv::imread(dir.filePath("gray/" + grayTree.firstKey()).toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(crop.channels(), 1);
    }

    void projectFlagConflictsAreRefused() {
        QTemporaryDir dir;
        writeText(
            dir.filePath("p.cropdeck"),
            R"({"cropdeck_project":1,"request":{"cropdeck_request":1},"edited_annotations":{"images":[]}})");
        writeText(dir.filePath("r.json"), R"({"cropdeck_request":1})");
        const CliResult both = runCropdeck({"--batch", "--project", dir.filePath("p.cropdeck"), "--request",
                                            dir.filePath("r.json"), "--out", dir.filePath("o")});
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains("--request and --project both say what to run"), both.err.constData());
        const CliResult replace =
            runCropdeck({"--batch", "--project", dir.filePath("p.cropdeck"), "--annotations",
                         dir.filePath("x.csv"), "--out", dir.filePath("o")});
        QCOMPARE(replace.exitCode, 2);
        QVERIFY2(replace.err.contains("--annotations would replace the windows edited in the project"),
                 replace.err.constData());
        const CliResult save = runCropdeck({"--batch", "--dry-run", "--project", dir.filePath("p.cropdeck"),
                                            "--save-request", dir.filePath("s.json")});
        QCOMPARE(save.exitCode, 2);
        QVERIFY2(save.err.contains("--save-request would lose the windows edited"), save.err.constData());
        const CliResult noOut = runCropdeck({"--batch", "--project", dir.filePath("p.cropdeck")});
        QCOMPARE(noOut.exitCode, 2);
        QVERIFY2(noOut.err.contains("output folder"), noOut.err.constData());
        writeText(dir.filePath("bad.cropdeck"),
                  R"({"cropdeck_project":1,"request":{"cropdeck_request":1},"x":1})");
        const CliResult bad = runCropdeck({"--batch", "--project", dir.filePath("bad.cropdeck")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(dir.filePath("bad.cropdeck").toUtf8() + ": unknown key \"x\""),
                 bad.err.constData());
        const CliResult validate = runCropdeck({"--validate", "--project", dir.filePath("p.cropdeck")});
        QCOMPARE(validate.exitCode, 2);
        QVERIFY2(validate.err.contains("--project does not apply to --validate"), validate.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliRequest)
#include "test_cli_request.moc"
