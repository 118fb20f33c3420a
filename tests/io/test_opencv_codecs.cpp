// SPDX-License-Identifier: GPL-3.0-or-later
// io/OpenCvCodecs: on Linux core reaches cv::imdecode, imencode, imread and imwrite through dlopen() and
// symbol names written in the source. This test links OpenCV's codecs directly and checks that each
// function reached that way gives what the linked one gives, byte for byte and pixel for pixel; a wrong
// symbol name makes the call throw, which fails here.

#include "TestUtils.h"
#include "io/OpenCvCodecs.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

cv::Mat sample() {
    cv::Mat image(37, 53, CV_8UC3);
    for (int y = 0; y < image.rows; ++y)
        for (int x = 0; x < image.cols; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x * 4), uchar(y * 6), uchar((x * y) % 251));
    return image;
}

} // namespace

class TestOpenCvCodecs : public QObject {
    Q_OBJECT
private slots:
    void loadedOnFirstUseOnLinux() {
#if defined(Q_OS_LINUX)
        QVERIFY(codecs::loadedOnFirstUse());
#else
        QVERIFY(!codecs::loadedOnFirstUse());
#endif
    }

    void encodesAsOpenCvDoes_data() {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<int>("parameter");
        QTest::addColumn<int>("value");
        QTest::newRow("png") << ".png" << int(cv::IMWRITE_PNG_COMPRESSION) << 3;
        QTest::newRow("webp") << ".webp" << int(cv::IMWRITE_WEBP_QUALITY) << 80;
        QTest::newRow("tiff") << ".tif" << -1 << 0;
        QTest::newRow("bmp") << ".bmp" << -1 << 0;
    }

    void encodesAsOpenCvDoes() {
        QFETCH(QString, extension);
        QFETCH(int, parameter);
        QFETCH(int, value);
        const std::vector<int> params =
            parameter < 0 ? std::vector<int>{} : std::vector<int>{parameter, value};
        std::vector<uchar> ours;
        std::vector<uchar> linked;
        QVERIFY(codecs::imencode(extension.toStdString(), sample(), ours, params));
        QVERIFY(cv::imencode(extension.toStdString(), sample(), linked, params));
        QVERIFY(!ours.empty());
        QVERIFY(ours == linked);

        const cv::Mat decoded = codecs::imdecode(ours, cv::IMREAD_UNCHANGED);
        const cv::Mat reference = cv::imdecode(linked, cv::IMREAD_UNCHANGED);
        QCOMPARE(decoded.size(), reference.size());
        QCOMPARE(differingPixels(decoded, reference), 0LL);
    }

    void writesAndReadsFilesAsOpenCvDoes() {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const std::string ours = QDir(folder.path()).filePath("ours.png").toStdString();
        const std::string linked = QDir(folder.path()).filePath("linked.png").toStdString();
        QVERIFY(codecs::imwrite(ours, sample(), {cv::IMWRITE_PNG_COMPRESSION, 9}));
        QVERIFY(cv::imwrite(linked, sample(), {cv::IMWRITE_PNG_COMPRESSION, 9}));
        QCOMPARE(fileContents(QString::fromStdString(ours)), fileContents(QString::fromStdString(linked)));

        const cv::Mat read = codecs::imread(ours, cv::IMREAD_UNCHANGED);
        QCOMPARE(differingPixels(read, sample()), 0LL);
        QCOMPARE(differingPixels(read, cv::imread(linked, cv::IMREAD_UNCHANGED)), 0LL);
    }

    void failuresAreOpenCvsOwn() {
        // Not a picture: empty, as from OpenCV, not an exception from the loader.
        const std::vector<uchar> garbage(64, 7);
        QVERIFY(codecs::imdecode(garbage, cv::IMREAD_UNCHANGED).empty());
        QVERIFY(codecs::imread("/nonexistent/cropdeck/none.png", cv::IMREAD_UNCHANGED).empty());
    }
};

QTEST_GUILESS_MAIN(TestOpenCvCodecs)
#include "test_opencv_codecs.moc"
