// SPDX-License-Identifier: GPL-3.0-or-later
// The cropdeck binary must never look for shared libraries in the folder it is started from. Regression:
// CMake padded the build tree's RUNPATH with ':' (room for `cmake --install` to rewrite it), the dynamic
// loader read each empty entry as the working directory, and a build-tree cropdeck started inside a
// dataset folder tried ./libopencv_imgcodecs.so.406 and the rest before the system's. The loader's own
// trace (glibc's LD_DEBUG=libs) lists every file it tries; none may be a relative path.
//
// The same trace shows when OpenCV's image codecs are loaded: on first use (io/OpenCvCodecs.h), never
// for a JPEG-to-JPEG batch, which CropDeck decodes and encodes itself, and as soon as a TIFF needs them.
// And that cropdeck runs a batch without Qt Gui, Widgets or Charts: those live in cropdeck-gui
// (app/Application.h).

#include "TestUtils.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck::test;

namespace {

struct TracedRun {
    int exitCode = -1;
    QString trace; // the loader's and cropdeck's stderr
};

TracedRun runTraced(const QString& workingFolder, const QStringList& arguments) {
    QProcess process;
    process.setWorkingDirectory(workingFolder);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("LD_DEBUG", "libs");
    environment.remove("LD_LIBRARY_PATH"); // the binary's own RUNPATH is what is checked
    process.setProcessEnvironment(environment);
    process.start(cropdeckBinary(), arguments);
    if (!process.waitForFinished(120'000))
        return {};
    return {process.exitCode(), QString::fromLocal8Bit(process.readAllStandardError())};
}

bool loadedLibrary(const QString& trace, const QString& name) {
    const QRegularExpression initialised(QStringLiteral("calling init: \\S*%1").arg(name));
    return initialised.match(trace).hasMatch();
}

bool loadedImageCodecs(const QString& trace) {
    static const QRegularExpression initialised(QStringLiteral("calling init: \\S*libopencv_imgcodecs"));
    return initialised.match(trace).hasMatch();
}

cv::Mat gradient(int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x * 3), uchar(y * 5), uchar(x + y));
    return image;
}

} // namespace

class TestCliLibraryPath : public QObject {
    Q_OBJECT
private slots:
    void neverSearchesTheWorkingFolder() {
#if !defined(Q_OS_LINUX) || !defined(__GLIBC__)
        QSKIP("LD_DEBUG is glibc's; the RUNPATH padding is an ELF matter");
#else
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const TracedRun run = runTraced(folder.path(), {"--version"});
        QCOMPARE(run.exitCode, 0);
        const QString& trace = run.trace;
        static const QRegularExpression tried(QStringLiteral("trying file=(\\S+)"));
        int files = 0;
        for (auto it = tried.globalMatch(trace); it.hasNext();) {
            const QString file = it.next().captured(1);
            ++files;
            QVERIFY2(file.startsWith(u'/'),
                     qPrintable(QStringLiteral("looked for %1 in the working folder").arg(file)));
        }
        QVERIFY2(files > 0, "the loader's trace listed no file: LD_DEBUG is not honoured here");
#endif
    }

    void imageCodecsLoadOnlyWhenAnImageNeedsThem() {
#if !defined(Q_OS_LINUX) || !defined(__GLIBC__)
        QSKIP("LD_DEBUG is glibc's; the codecs are loaded on first use on Linux only");
#else
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QDir dir(folder.path());
        const cv::Mat pixels = gradient(64, 48);
        QVERIFY(cv::imwrite(dir.filePath("a.jpg").toStdString(), pixels, {cv::IMWRITE_JPEG_QUALITY, 90}));
        QVERIFY(cv::imwrite(dir.filePath("b.tif").toStdString(), pixels));
        writeTextFile(dir.filePath("jpeg.csv"), "path,x,y,w,h,label\na.jpg,8,4,16,12,box\n");
        writeTextFile(dir.filePath("tiff.csv"), "path,x,y,w,h,label\nb.tif,8,4,16,12,box\n");

        const TracedRun jpeg = runTraced(folder.path(), {"--batch", "--annotations", "jpeg.csv", "--images",
                                                         ".", "--out", "jpeg-out", "--quiet"});
        QCOMPARE(jpeg.exitCode, 0);
        QVERIFY2(jpeg.trace.contains(QLatin1String("calling init:")), "LD_DEBUG is not honoured here");
        QVERIFY2(!loadedImageCodecs(jpeg.trace), "a JPEG-only batch loaded OpenCV's image codecs");
        QVERIFY2(loadedLibrary(jpeg.trace, "libQt6Core"), "the trace does not show Qt Core's init");
        for (const char* gui : {"libQt6Gui", "libQt6Widgets", "libQt6Charts"})
            QVERIFY2(!loadedLibrary(jpeg.trace, QLatin1String(gui)),
                     qPrintable(QStringLiteral("a batch loaded %1").arg(QLatin1String(gui))));
        QCOMPARE(QDir(dir.filePath("jpeg-out")).entryList({"*.jpg"}).size(), 1);

        const TracedRun tiff =
            runTraced(folder.path(), {"--batch", "--annotations", "tiff.csv", "--images", ".", "--out",
                                      "tiff-out", "--format", "png", "--quiet"});
        QCOMPARE(tiff.exitCode, 0);
        QVERIFY2(loadedImageCodecs(tiff.trace), "a TIFF batch ran without OpenCV's image codecs");
        const QStringList crops = QDir(dir.filePath("tiff-out")).entryList({"*.png"});
        QCOMPARE(crops.size(), 1);
        const cv::Mat crop =
            cv::imread(dir.filePath("tiff-out/" + crops.first()).toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(differingPixels(crop, pixels(cv::Rect(8, 4, 16, 12))), 0LL);
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliLibraryPath)
#include "test_cli_library_path.moc"
