// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtils.h"
#include "engine/CropSettings.h"
#include "io/Encoder.h"

#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <thread>
#include <turbojpeg.h>
#include <vector>

using namespace cropdeck;

Q_DECLARE_METATYPE(OutputFormat)
Q_DECLARE_METATYPE(ImageFormat)
Q_DECLARE_METATYPE(JpegSubsampling)

class TestEncoder : public QObject {
    Q_OBJECT
private slots:
    void losslessRoundTrip_data();
    void losslessRoundTrip();
    void bmpDropsAlpha();
    void jpegQuality_data();
    void jpegQuality();
    void jpegOfAView();
    void jpegOptionsChangeTheOutput();
    void jpegFromManyThreads();
    void jpegIsTurboJpegsEncoding_data();
    void jpegIsTurboJpegsEncoding();
    void jpegLargerThanTheKeptBuffer();
    void jpegPastItsSizeLimitIsRefused();
    void webpLossy();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void extensions_data();
    void extensions();
    void formatForInputs_data();
    void formatForInputs();
    void optionsFromSettings();
};

namespace {

// Smooth gradients with some texture, like a photo: random noise would make JPEG quality meaningless.
cv::Mat photoLike(int width, int height, int channels) {
    cv::Mat image(height, width, CV_8UC(channels));
    cv::RNG rng(12345);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            uchar* pixel = image.ptr(y) + x * channels;
            for (int c = 0; c < channels; ++c) {
                const double wave = 60 * std::sin((x + 7 * c) / 13.0) * std::cos((y - 3 * c) / 17.0);
                pixel[c] = cv::saturate_cast<uchar>(110 + wave + (x + y) / 8 + rng.uniform(-4, 5));
            }
            if (channels == 4)
                pixel[3] = uchar(1 + (x * 3 + y) % 255); // every alpha visible: lossless WebP keeps those
        }
    }
    return image;
}

cv::Mat randomImage(int width, int height, int channels) {
    cv::Mat image(height, width, CV_8UC(channels));
    cv::randu(image, 0, 256);
    return image;
}

cv::Mat decode(const QByteArray& bytes, int flags = cv::IMREAD_UNCHANGED) {
    const std::vector<uchar> buffer(bytes.begin(), bytes.end());
    return cv::imdecode(buffer, flags);
}

} // namespace

void TestEncoder::losslessRoundTrip_data() {
    QTest::addColumn<OutputFormat>("format");
    QTest::addColumn<int>("channels");
    QTest::addColumn<bool>("webpLossless");
    for (int channels : {1, 3, 4}) {
        QTest::addRow("PNG %d channel(s)", channels) << OutputFormat::Png << channels << false;
        QTest::addRow("TIFF %d channel(s)", channels) << OutputFormat::Tiff << channels << false;
        QTest::addRow("WebP lossless %d channel(s)", channels) << OutputFormat::WebP << channels << true;
    }
    QTest::newRow("BMP gray") << OutputFormat::Bmp << 1 << false;
    QTest::newRow("BMP BGR") << OutputFormat::Bmp << 3 << false;
}

void TestEncoder::losslessRoundTrip() {
    QFETCH(OutputFormat, format);
    QFETCH(int, channels);
    QFETCH(bool, webpLossless);
    // Odd sizes catch row padding mistakes (BMP rows are 4-byte aligned).
    const cv::Mat pixels =
        format == OutputFormat::WebP ? photoLike(37, 23, channels) : randomImage(37, 23, channels);
    EncodeOptions options;
    options.webpLossless = webpLossless;
    const Result<QByteArray> bytes = encodeImage(pixels, format, options, QStringLiteral("out/x"));
    QVERIFY2(bytes.ok(), bytes.ok() ? "" : qPrintable(bytes.error().message));
    cv::Mat decoded = decode(*bytes);
    if (format == OutputFormat::WebP && channels == 1) {
        // WebP has no gray: each colour channel must equal the gray value.
        QCOMPARE(decoded.channels(), 3);
        cv::cvtColor(decoded, decoded, cv::COLOR_BGR2GRAY);
    }
    QVERIFY2(test::differingPixels(decoded, pixels) == 0,
             qPrintable(test::describeDifference(decoded, pixels)));
}

void TestEncoder::bmpDropsAlpha() {
    const cv::Mat pixels = randomImage(13, 7, 4);
    const Result<QByteArray> bytes =
        encodeImage(pixels, OutputFormat::Bmp, EncodeOptions(), QStringLiteral("a.bmp"));
    QVERIFY(bytes.ok());
    cv::Mat expected;
    cv::cvtColor(pixels, expected, cv::COLOR_BGRA2BGR);
    QCOMPARE(test::differingPixels(decode(*bytes), expected), 0LL);
}

void TestEncoder::jpegQuality_data() {
    QTest::addColumn<int>("channels");
    QTest::addColumn<JpegSubsampling>("subsampling");
    QTest::addColumn<double>("minPsnr");
    QTest::newRow("gray") << 1 << JpegSubsampling::Yuv420 << 35.0;
    QTest::newRow("BGR 4:2:0") << 3 << JpegSubsampling::Yuv420 << 35.0;
    QTest::newRow("BGR 4:4:4") << 3 << JpegSubsampling::Yuv444 << 35.0;
    QTest::newRow("BGRA drops alpha") << 4 << JpegSubsampling::Yuv420 << 35.0;
}

void TestEncoder::jpegQuality() {
    QFETCH(int, channels);
    QFETCH(JpegSubsampling, subsampling);
    QFETCH(double, minPsnr);
    const cv::Mat pixels = photoLike(203, 131, channels);
    EncodeOptions options;
    options.jpegQuality = 90;
    options.jpegSubsampling = subsampling;
    const Result<QByteArray> bytes =
        encodeImage(pixels, OutputFormat::Jpeg, options, QStringLiteral("a.jpg"));
    QVERIFY(bytes.ok());
    QVERIFY(bytes->startsWith("\xFF\xD8"));
    const cv::Mat decoded = decode(*bytes);
    cv::Mat expected = pixels;
    if (channels == 4)
        cv::cvtColor(pixels, expected, cv::COLOR_BGRA2BGR);
    QCOMPARE(decoded.channels(), expected.channels());
    QCOMPARE(decoded.size(), expected.size());
    const double psnr = cv::PSNR(decoded, expected);
    QVERIFY2(psnr > minPsnr, qPrintable(QStringLiteral("PSNR %1 dB").arg(psnr)));
}

void TestEncoder::jpegOfAView() {
    // A sub-rectangle has a row stride larger than its width: the encoder must honour it.
    const cv::Mat whole = photoLike(300, 200, 3);
    const cv::Mat view = whole(cv::Rect(17, 9, 101, 77));
    QVERIFY(!view.isContinuous());
    const Result<QByteArray> bytes =
        encodeImage(view, OutputFormat::Jpeg, EncodeOptions(), QStringLiteral("v.jpg"));
    QVERIFY(bytes.ok());
    const cv::Mat decoded = decode(*bytes);
    QVERIFY(cv::PSNR(decoded, view) > 35.0);
}

void TestEncoder::jpegOptionsChangeTheOutput() {
    const cv::Mat pixels = photoLike(160, 120, 3);
    const auto sizeWith = [&pixels](int quality, JpegSubsampling subsampling) {
        EncodeOptions options;
        options.jpegQuality = quality;
        options.jpegSubsampling = subsampling;
        const Result<QByteArray> bytes =
            encodeImage(pixels, OutputFormat::Jpeg, options, QStringLiteral("a.jpg"));
        return bytes.ok() ? bytes->size() : -1;
    };
    QVERIFY(sizeWith(50, JpegSubsampling::Yuv420) < sizeWith(95, JpegSubsampling::Yuv420));
    QVERIFY(sizeWith(90, JpegSubsampling::Yuv420) < sizeWith(90, JpegSubsampling::Yuv444));
}

void TestEncoder::jpegFromManyThreads() {
    // Each thread has its own compressor; the bytes must not depend on which thread encoded them.
    const cv::Mat pixels = photoLike(96, 64, 3);
    const Result<QByteArray> reference =
        encodeImage(pixels, OutputFormat::Jpeg, EncodeOptions(), QStringLiteral("r.jpg"));
    QVERIFY(reference.ok());
    std::vector<QByteArray> results(8);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&pixels, &results, t] {
            for (int i = 0; i < 20; ++i) {
                const Result<QByteArray> bytes =
                    encodeImage(pixels, OutputFormat::Jpeg, EncodeOptions(), QStringLiteral("t.jpg"));
                results[t] = bytes.ok() && (i == 0 || results[t] == *bytes) ? *bytes : QByteArray("mismatch");
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    for (const QByteArray& bytes : results)
        QCOMPARE(bytes, *reference);
}

namespace {

// What tjCompress2 makes of the same pixels and options: the encoder reuses one libjpeg compressor per
// thread and must give exactly these bytes.
QByteArray turboJpegBytes(const cv::Mat& pixels, const EncodeOptions& options) {
    const tjhandle handle = tjInitCompress();
    const int channels = pixels.channels();
    const int format = channels == 1 ? TJPF_GRAY : channels == 3 ? TJPF_BGR : TJPF_BGRX;
    const int sampling = channels == 1                                        ? TJSAMP_GRAY
                         : options.jpegSubsampling == JpegSubsampling::Yuv444 ? TJSAMP_444
                         : options.jpegSubsampling == JpegSubsampling::Yuv422 ? TJSAMP_422
                                                                              : TJSAMP_420;
    unsigned char* out = nullptr;
    unsigned long size = 0;
    const int flags = options.jpegAccurateDct ? TJFLAG_ACCURATEDCT : 0;
    QByteArray bytes;
    if (tjCompress2(handle, pixels.data, pixels.cols, int(pixels.step[0]), pixels.rows, format, &out, &size,
                    sampling, options.jpegQuality, flags) == 0)
        bytes = QByteArray(reinterpret_cast<const char*>(out), qsizetype(size));
    tjFree(out);
    tjDestroy(handle);
    return bytes;
}

// After an image that took the thread's compressor off its usual path (a large output, an error): the next
// small one still encodes to TurboJPEG's bytes.
bool nextSmallImageEncodesRight() {
    const cv::Mat small = photoLike(40, 30, 3);
    const Result<QByteArray> after =
        encodeImage(small, OutputFormat::Jpeg, EncodeOptions(), QStringLiteral("s.jpg"));
    return after.ok() && *after == turboJpegBytes(small, EncodeOptions());
}

} // namespace

void TestEncoder::jpegIsTurboJpegsEncoding_data() {
    QTest::addColumn<int>("channels");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("quality");
    QTest::addColumn<JpegSubsampling>("subsampling");
    QTest::addColumn<bool>("accurate");
    QTest::addColumn<bool>("view");
    // One thread runs the rows in turn, so each row also checks that changed settings are applied.
    const QList<QSize> sizes{{32, 32}, {33, 17}, {1, 1}, {301, 203}};
    for (const int channels : {1, 3, 4})
        for (const JpegSubsampling subsampling :
             {JpegSubsampling::Yuv420, JpegSubsampling::Yuv422, JpegSubsampling::Yuv444})
            for (const int quality : {1, 50, 90, 96, 100})
                for (const bool accurate : {false, true}) {
                    const QSize size = sizes[(quality + channels) % sizes.size()];
                    const bool view = quality == 90;
                    QTest::addRow("%dch %dx%d q%d s%d %s%s", channels, size.width(), size.height(), quality,
                                  int(subsampling), accurate ? "accurate" : "fast", view ? " view" : "")
                        << channels << size << quality << subsampling << accurate << view;
                }
}

void TestEncoder::jpegIsTurboJpegsEncoding() {
    QFETCH(int, channels);
    QFETCH(QSize, size);
    QFETCH(int, quality);
    QFETCH(JpegSubsampling, subsampling);
    QFETCH(bool, accurate);
    QFETCH(bool, view);
    const cv::Mat whole = photoLike(size.width() + (view ? 40 : 0), size.height() + (view ? 9 : 0), channels);
    const cv::Mat pixels = view ? whole(cv::Rect(17, 5, size.width(), size.height())) : whole;
    EncodeOptions options;
    options.jpegQuality = quality;
    options.jpegSubsampling = subsampling;
    options.jpegAccurateDct = accurate;
    const Result<QByteArray> bytes =
        encodeImage(pixels, OutputFormat::Jpeg, options, QStringLiteral("a.jpg"));
    QVERIFY2(bytes.ok(), qPrintable(bytes.ok() ? QString() : bytes.error().message));
    const QByteArray expected = turboJpegBytes(pixels, options);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(bytes->size(), expected.size());
    QVERIFY(*bytes == expected);
}

void TestEncoder::jpegLargerThanTheKeptBuffer() {
    // Noise compresses badly: the output outgrows the first buffer (16 KiB) and the one a thread keeps
    // (1 MiB), which is then given back; the next small image still encodes right.
    cv::Mat noise(1200, 1000, CV_8UC3);
    cv::randu(noise, 0, 256);
    EncodeOptions options;
    options.jpegQuality = 100;
    options.jpegSubsampling = JpegSubsampling::Yuv444;
    const Result<QByteArray> big = encodeImage(noise, OutputFormat::Jpeg, options, QStringLiteral("n.jpg"));
    QVERIFY(big.ok());
    QVERIFY(big->size() > (1 << 20));
    QVERIFY(*big == turboJpegBytes(noise, options));
    QVERIFY(nextSmallImageEncodesRight());
}

void TestEncoder::jpegPastItsSizeLimitIsRefused() {
    const cv::Mat wide(1, 70000, CV_8UC3, cv::Scalar(1, 2, 3)); // JPEG stops at 65,500 pixels a side
    const Result<QByteArray> bytes =
        encodeImage(wide, OutputFormat::Jpeg, EncodeOptions(), QStringLiteral("w.jpg"));
    QVERIFY(!bytes.ok());
    QCOMPARE(bytes.error().kind, ErrorKind::TooLarge);
    QVERIFY2(bytes.error().message.startsWith(u"w.jpg: cannot encode: ") &&
                 bytes.error().message.contains(u"65500"),
             qPrintable(bytes.error().message));
    QVERIFY(nextSmallImageEncodesRight()); // the thread's compressor is still usable
}

void TestEncoder::webpLossy() {
    const cv::Mat pixels = photoLike(120, 80, 3);
    EncodeOptions options;
    options.webpQuality = 90;
    const Result<QByteArray> bytes =
        encodeImage(pixels, OutputFormat::WebP, options, QStringLiteral("a.webp"));
    QVERIFY(bytes.ok());
    QVERIFY(bytes->startsWith("RIFF"));
    QVERIFY(cv::PSNR(decode(*bytes), pixels) > 30.0);
}

void TestEncoder::rejectsBadInput_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<OutputFormat>("format");
    QTest::addColumn<int>("jpegQuality");
    QTest::addColumn<int>("pngCompression");
    QTest::addColumn<int>("kind");

    QTest::newRow("empty") << -1 << OutputFormat::Png << 90 << 1 << int(ErrorKind::Invalid);
    QTest::newRow("16-bit") << CV_16UC1 << OutputFormat::Png << 90 << 1 << int(ErrorKind::Unsupported);
    QTest::newRow("two channels") << CV_8UC2 << OutputFormat::Jpeg << 90 << 1 << int(ErrorKind::Unsupported);
    QTest::newRow("same as input") << CV_8UC3 << OutputFormat::SameAsInput << 90 << 1
                                   << int(ErrorKind::Invalid);
    QTest::newRow("JPEG quality 0") << CV_8UC3 << OutputFormat::Jpeg << 0 << 1 << int(ErrorKind::Invalid);
    QTest::newRow("JPEG quality 101") << CV_8UC3 << OutputFormat::Jpeg << 101 << 1 << int(ErrorKind::Invalid);
    QTest::newRow("PNG compression 10")
        << CV_8UC1 << OutputFormat::Png << 90 << 10 << int(ErrorKind::Invalid);
}

void TestEncoder::rejectsBadInput() {
    QFETCH(int, type);
    QFETCH(OutputFormat, format);
    QFETCH(int, jpegQuality);
    QFETCH(int, pngCompression);
    QFETCH(int, kind);
    const cv::Mat pixels = type < 0 ? cv::Mat() : cv::Mat(8, 8, type, cv::Scalar::all(0));
    EncodeOptions options;
    options.jpegQuality = jpegQuality;
    options.pngCompression = pngCompression;
    const Result<QByteArray> bytes = encodeImage(pixels, format, options, QStringLiteral("out/ёжик.png"));
    QVERIFY(!bytes.ok());
    QCOMPARE(int(bytes.error().kind), kind);
    QVERIFY2(bytes.error().message.startsWith(QStringLiteral("out/ёжик.png: ")),
             qPrintable(bytes.error().message));
}

void TestEncoder::extensions_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<OutputFormat>("format");
    QTest::newRow("jpg") << QStringLiteral("jpg") << OutputFormat::Jpeg;
    QTest::newRow(".JPEG") << QStringLiteral(".JPEG") << OutputFormat::Jpeg;
    QTest::newRow("jfif") << QStringLiteral("jfif") << OutputFormat::Jpeg;
    QTest::newRow("file name") << QStringLiteral("crops/ёжик_猫.PNG") << OutputFormat::Png;
    QTest::newRow("webp") << QStringLiteral("webp") << OutputFormat::WebP;
    QTest::newRow("tiff") << QStringLiteral("a.tiff") << OutputFormat::Tiff;
    QTest::newRow("tif") << QStringLiteral("tif") << OutputFormat::Tiff;
    QTest::newRow("bmp") << QStringLiteral("BMP") << OutputFormat::Bmp;
    QTest::newRow("unknown") << QStringLiteral("gif") << OutputFormat::SameAsInput;
    QTest::newRow("empty") << QString() << OutputFormat::SameAsInput;
    QTest::newRow("dot in a folder") << QStringLiteral("out.v2/file") << OutputFormat::SameAsInput;
}

void TestEncoder::extensions() {
    QFETCH(QString, name);
    QFETCH(OutputFormat, format);
    QCOMPARE(formatFromExtension(name), format);
    if (format != OutputFormat::SameAsInput)
        QCOMPARE(formatFromExtension(extensionFor(format)), format);
}

void TestEncoder::formatForInputs_data() {
    QTest::addColumn<ImageFormat>("input");
    QTest::addColumn<OutputFormat>("output");
    QTest::newRow("JPEG") << ImageFormat::Jpeg << OutputFormat::Jpeg;
    QTest::newRow("PNG") << ImageFormat::Png << OutputFormat::Png;
    QTest::newRow("BMP") << ImageFormat::Bmp << OutputFormat::Bmp;
    QTest::newRow("TIFF") << ImageFormat::Tiff << OutputFormat::Tiff;
    QTest::newRow("WebP") << ImageFormat::WebP << OutputFormat::WebP;
    QTest::newRow("PNM") << ImageFormat::Pnm << OutputFormat::Png;
    QTest::newRow("other") << ImageFormat::Other << OutputFormat::Png;
    QTest::newRow("unknown") << ImageFormat::Unknown << OutputFormat::Png;
}

void TestEncoder::formatForInputs() {
    QFETCH(ImageFormat, input);
    QFETCH(OutputFormat, output);
    QCOMPARE(formatForInput(input), output);
    QVERIFY(!extensionFor(output).isEmpty());
}

void TestEncoder::optionsFromSettings() {
    CropSettings settings;
    settings.jpegQuality = 77;
    settings.pngCompression = 6;
    settings.webpQuality = 55;
    const EncodeOptions options = encodeOptionsFor(settings);
    QCOMPARE(options.jpegQuality, 77);
    QCOMPARE(options.pngCompression, 6);
    QCOMPARE(options.webpQuality, 55);
    QCOMPARE(options.jpegSubsampling, JpegSubsampling::Yuv420);
}

QTEST_APPLESS_MAIN(TestEncoder)
#include "test_encoder.moc"
