// SPDX-License-Identifier: GPL-3.0-or-later
// PreviewSourceCache: one restart-marker copy per image, made on the first request and shared by the
// next ones (also by requests that arrive while it is being made), a new one when the file is rewritten,
// none for images where it would not pay or cannot be made, bounded in images and bytes, and a build
// that stops when every request waiting for it is cancelled.

#include "JpegTestImages.h"
#include "TestUtils.h"
#include "engine/PreviewSourceCache.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

QString writeJpeg(const QString& path, int width, int height, const JpegOptions& options, unsigned seed) {
    const QByteArray jpeg = encodeJpeg(naturalImage(width, height, true, seed), options);
    QFile file(path);
    if (jpeg.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(jpeg) != jpeg.size())
        return {};
    return path;
}

ImageInfo probe(const QString& path) {
    const Result<ImageInfo> info = probeImage(path, 0);
    return info ? *info : ImageInfo{};
}

PreviewSourceLimits anySize(int maxImages = 2) {
    PreviewSourceLimits limits;
    limits.minPixels = 0;
    limits.maxImages = maxImages;
    return limits;
}

} // namespace

class TestPreviewSource : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void madeOnceThenShared() {
        const QString path = writeJpeg(m_dir.filePath(u"a.jpg"_qs), 640, 480, {}, 1);
        PreviewSourceCache cache(anySize());
        const std::shared_ptr<const PreviewSource> first = cache.acquire(path, probe(path));
        QVERIFY(first);
        QVERIFY(cache.acquire(path, probe(path)) == first);
        QCOMPARE(cache.builds(), 1);
        QCOMPARE(cache.images(), 1);
        QCOMPARE(cache.memoryBytes(), first->memoryBytes());
        QVERIFY(first->file == fileStampOf(path));
        QVERIFY(first->decodeFrom.info.restartInterval > 0);
        QVERIFY(!first->decodeFrom.info.progressive);
        QCOMPARE(first->decodeFrom.info.width, 640);
        // The copy decodes to the file's pixels.
        QCOMPARE(differingPixels(referenceDecodeBytes(first->decodeFrom.jpeg), referenceDecode(path)), 0LL);
    }

    void requestsArrivingTogetherShareOneBuild() {
        JpegOptions progressive;
        progressive.progressive = true;
        const QString path = writeJpeg(m_dir.filePath(u"together.jpg"_qs), 1600, 1200, progressive, 2);
        const ImageInfo info = probe(path);
        PreviewSourceCache cache(anySize());
        const QList<int> requests{0, 1, 2, 3, 4, 5};
        const QList<const PreviewSource*> got =
            QtConcurrent::blockingMapped(requests, [&](int) { return cache.acquire(path, info).get(); });
        QCOMPARE(cache.builds(), 1);
        QVERIFY(got.first() != nullptr);
        QCOMPARE(got.count(got.first()), requests.size());
    }

    void rewrittenFileGetsANewCopy() {
        const QString path = m_dir.filePath(u"rewritten.jpg"_qs);
        writeJpeg(path, 640, 480, {}, 3);
        PreviewSourceCache cache(anySize());
        const std::shared_ptr<const PreviewSource> before = cache.acquire(path, probe(path));
        QVERIFY(before);
        QVERIFY(writeJpeg(path, 800, 480, {}, 4) == path); // another size: another stamp
        const std::shared_ptr<const PreviewSource> after = cache.acquire(path, probe(path));
        QVERIFY(after && after != before);
        QCOMPARE(after->decodeFrom.info.width, 800);
        QCOMPARE(cache.builds(), 2);
        QCOMPARE(cache.images(), 1); // the old version is dropped
    }

    void noCopyWhereItDoesNotPay() {
        JpegOptions withMarkers;
        withMarkers.restartRows = 1;
        const QString restart = writeJpeg(m_dir.filePath(u"restart.jpg"_qs), 640, 480, withMarkers, 5);
        const QString png = m_dir.filePath(u"image.png"_qs);
        QVERIFY(cv::imwrite(png.toStdString(), naturalImage(64, 48, true, 6)));
        const QString small = writeJpeg(m_dir.filePath(u"small.jpg"_qs), 640, 480, {}, 7);
        PreviewSourceCache cache(anySize());
        QVERIFY(!cache.acquire(restart, probe(restart))); // already has random access
        QVERIFY(!cache.acquire(png, probe(png)));
        PreviewSourceLimits defaults;
        PreviewSourceCache large(defaults);
        QVERIFY(!large.acquire(small, probe(small))); // below minPixels: decoding from the top is cheap
        PreviewSourceLimits lowTranscodeMemory = anySize();
        lowTranscodeMemory.maxTranscodeBytes = 640 * 480 * 3 * 2 - 1; // the coefficients would not fit
        PreviewSourceCache bounded(lowTranscodeMemory);
        QVERIFY(!bounded.acquire(small, probe(small)));
        QCOMPARE(cache.builds() + large.builds() + bounded.builds(), 0);
    }

    void damagedFileIsRememberedAsCutFromTheFile() {
        const QString whole = writeJpeg(m_dir.filePath(u"whole.jpg"_qs), 640, 480, {}, 8);
        const QString path = m_dir.filePath(u"damaged.jpg"_qs);
        const QByteArray bytes = fileContents(whole);
        writeTextFile(path, bytes.left(bytes.size() / 2));
        PreviewSourceCache cache(anySize());
        const ImageInfo info = probe(path);
        QVERIFY(!cache.acquire(path, info));
        QVERIFY(!cache.acquire(path, info));
        QCOMPARE(cache.builds(), 1); // tried once, not on every click
        QCOMPARE(cache.images(), 0);
        QCOMPARE(cache.memoryBytes(), 0);
    }

    void boundedInImagesAndBytes() {
        const QString a = writeJpeg(m_dir.filePath(u"bound-a.jpg"_qs), 640, 480, {}, 9);
        const QString b = writeJpeg(m_dir.filePath(u"bound-b.jpg"_qs), 640, 480, {}, 10);
        const QString c = writeJpeg(m_dir.filePath(u"bound-c.jpg"_qs), 640, 480, {}, 11);
        PreviewSourceCache cache(anySize(2));
        for (const QString& path : {a, b, c})
            QVERIFY(cache.acquire(path, probe(path)));
        QCOMPARE(cache.images(), 2);
        QVERIFY(cache.acquire(b, probe(b))); // still held: no new build
        QCOMPARE(cache.builds(), 3);
        cache.keepOnly(c);
        QCOMPARE(cache.images(), 1);
        QVERIFY(cache.acquire(c, probe(c)));
        QCOMPARE(cache.builds(), 3);

        PreviewSourceLimits tiny = anySize();
        tiny.maxBytes = 1000; // smaller than any copy: none is kept
        PreviewSourceCache small(tiny);
        QVERIFY(!small.acquire(a, probe(a)));
        QCOMPARE(small.memoryBytes(), 0);
    }

    void cancelledBuildStopsAndIsNotKept() {
        const QString path = writeJpeg(m_dir.filePath(u"cancel.jpg"_qs), 640, 480, {}, 12);
        PreviewSourceCache cache(anySize());
        const std::atomic_bool cancelled{true};
        QVERIFY(!cache.acquire(path, probe(path), &cancelled));
        QCOMPARE(cache.images(), 0);
        const std::atomic_bool live{false};
        QVERIFY(cache.acquire(path, probe(path), &live)); // the next request builds it again
        QCOMPARE(cache.images(), 1);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestPreviewSource)
#include "test_preview_source.moc"
