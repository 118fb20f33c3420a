// SPDX-License-Identifier: GPL-3.0-or-later
// PreviewLoader keeps the current image's restart-marker copy between requests: clicking through the
// windows of a large JPEG makes the copy once and cuts every later window from it (same bytes as a
// preview from the file), and a request for another image releases it.

#include "TestUtils.h"
#include "engine/WindowPreview.h"
#include "ui/PreviewLoader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck;
using namespace cropdeck::test;
using cropdeck::ui::PreviewLoader;

namespace {

constexpr int kWaitMs = 60'000;

// Large enough for the copy to pay (PreviewSourceLimits::minPixels), baseline without restart markers.
QString writeLargeJpeg(const QString& path) {
    cv::Mat image(1800, 2400, CV_8UC3);
    cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::GaussianBlur(image, image, cv::Size(0, 0), 3.0);
    return cv::imwrite(path.toStdString(), image, {cv::IMWRITE_JPEG_QUALITY, 90}) ? path : QString();
}

} // namespace

class TestPreviewLoader : public QObject {
    Q_OBJECT

private slots:
    void keepsTheCurrentImagesCopyBetweenRequests() {
        QTemporaryDir dir;
        const QString large = writeLargeJpeg(dir.filePath(u"large.jpg"_qs));
        QVERIFY(!large.isEmpty());
        const QString small = dir.filePath(u"small.png"_qs);
        QVERIFY(cv::imwrite(small.toStdString(), cv::Mat(40, 60, CV_8UC3, cv::Scalar(10, 200, 30))));
        const QList<CropWindow> windows =
            windowsAt({QRect(100, 80, 300, 200), QRect(1200, 900, 400, 300), QRect(2000, 1500, 400, 300)});
        const CropSettings settings;

        PreviewLoader loader;
        QSignalSpy rendered(&loader, &PreviewLoader::rendered);
        for (int i = 0; i < windows.size(); ++i) {
            loader.render(large, windows[i], settings);
            QVERIFY(rendered.wait(kWaitMs));
            const auto preview = rendered.takeFirst().first().value<WindowPreview>();
            const Result<WindowPreview> fromFile = previewWindow(large, windows[i], settings);
            QVERIFY(fromFile.ok());
            QCOMPARE(preview.encoded, fromFile->encoded);
            if (i > 0)
                QCOMPARE(preview.decodePlan, u"jpeg-restart"_qs); // cut from the copy
        }
        QCOMPARE(loader.sources().builds(), 1);
        QCOMPARE(loader.sources().images(), 1);
        QVERIFY(loader.sources().memoryBytes() > 0);

        loader.render(small, windowsAt({QRect(5, 5, 20, 20)}).first(), settings);
        QVERIFY(rendered.wait(kWaitMs));
        QCOMPARE(loader.sources().images(), 0);
        QCOMPARE(loader.sources().memoryBytes(), 0);
    }
};

QTEST_MAIN(TestPreviewLoader)
#include "test_preview_loader.moc"
