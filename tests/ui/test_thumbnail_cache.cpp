// SPDX-License-Identifier: GPL-3.0-or-later
// The thumbnail cache: thumbnails are made in the background by core's makeThumbnail (the very pixels,
// scaled into the box), the list's rows update as they arrive, broken images fail once (named) and are
// not retried, and the waiting line stays bounded however far the user scrolls.

#include "batch/PrepareBatch.h"
#include "engine/Thumbnail.h"
#include "ui/DatasetModel.h"
#include "ui/ImageConversion.h"
#include "ui/ThumbnailCache.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck;
using namespace cropdeck::ui;

namespace {

QString writePhoto(const QTemporaryDir& dir, int i) {
    const QString path = dir.filePath(QStringLiteral("photos/p%1.jpg").arg(i, 2, 10, QLatin1Char('0')));
    QDir().mkpath(QFileInfo(path).absolutePath());
    cv::Mat image(300 + 10 * i, 400, CV_8UC3, cv::Scalar(20 * (i % 12), 100, 255 - 20 * (i % 12)));
    cv::circle(image, {200, 150}, 40 + i, cv::Scalar(255, 255, 255), cv::FILLED);
    cv::imwrite(path.toStdString(), image);
    return path;
}

QImage rgb(const QImage& image) {
    return image.convertToFormat(QImage::Format_RGB32);
}

} // namespace

class TestThumbnailCache : public QObject {
    Q_OBJECT
private slots:
    void makesCoresThumbnailsInTheBackground() {
        QTemporaryDir dir;
        QStringList paths;
        for (int i = 0; i < 24; ++i)
            paths << writePhoto(dir, i);
        const QSize box(96, 72);
        ThumbnailCache cache(box);
        QSignalSpy ready(&cache, &ThumbnailCache::ready);
        for (const QString& path : paths)
            QVERIFY(cache.thumbnail(path).isNull()); // not made yet: asked for
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), paths.size(), 30000);
        QCOMPARE(cache.waiting(), 0);
        for (const QString& path : paths) {
            const QPixmap shown = cache.thumbnail(path);
            QVERIFY(!shown.isNull());
            const Result<Thumbnail> made = makeThumbnail(path, box, 0);
            QVERIFY(made);
            const QImage expected =
                toQImage(made->pixels).scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            QCOMPARE(shown.size(), expected.size());
            QCOMPARE(rgb(shown.toImage()), rgb(expected));
        }
        QCOMPARE(ready.size(), paths.size()); // served from the cache: nothing made twice
    }

    void brokenImageFailsOnce() {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.jpg");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\xFF\xD8 this is not a JPEG");
        file.close();
        ThumbnailCache cache(QSize(64, 64));
        QSignalSpy failed(&cache, &ThumbnailCache::failed);
        QVERIFY(cache.thumbnail(broken).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(failed.at(0).at(0).toString(), broken);
        QVERIFY2(failed.at(0).at(1).toString().contains("broken.jpg"),
                 qPrintable(failed.at(0).at(1).toString()));
        QVERIFY(cache.thumbnail(broken).isNull());
        QCOMPARE(cache.waiting(), 0);                // not asked again
        cache.reset(DisplayOrientation::Upright, 0); // a new set tries again
        QVERIFY(cache.thumbnail(broken).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 10000);
    }

    void waitingLineIsBounded() {
        QTemporaryDir dir;
        const QString photo = writePhoto(dir, 1);
        ThumbnailCache cache(QSize(64, 64));
        // Scrolling through a huge set: every row asks once.
        for (int i = 0; i < 3 * ThumbnailCache::kMaxWaiting; ++i)
            cache.thumbnail(dir.filePath(QStringLiteral("missing-%1.jpg").arg(i)));
        QVERIFY(cache.waiting() <= ThumbnailCache::kMaxWaiting + QThread::idealThreadCount());
        QTRY_COMPARE_WITH_TIMEOUT(cache.waiting(), 0, 30000);
        // A row that shows again is made, newest first.
        QSignalSpy ready(&cache, &ThumbnailCache::ready);
        cache.thumbnail(photo);
        QVERIFY(ready.wait(10000));
        QCOMPARE(ready.at(0).at(0).toString(), photo);
    }

    void listRowsShowThemAsTheyArrive() {
        QTemporaryDir dir;
        for (int i = 0; i < 3; ++i)
            writePhoto(dir, i);
        BatchRequest request;
        request.images = dir.filePath("photos");
        Result<PreparedBatch> batch = prepareBatch(request, PrepareFor::Browse);
        QVERIFY(batch);
        ThumbnailCache cache(QSize(80, 60));
        DatasetModel model;
        model.setThumbnails(&cache);
        model.setBatch(std::move(batch.value()));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.index(row).data(Qt::DecorationRole).value<QPixmap>().isNull());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 3, 30000);
        for (const QList<QVariant>& signal : changed)
            QCOMPARE(signal.at(2).value<QList<int>>(), QList<int>{Qt::DecorationRole});
        for (int row = 0; row < model.rowCount(); ++row) {
            const QPixmap thumbnail = model.index(row).data(Qt::DecorationRole).value<QPixmap>();
            QVERIFY(!thumbnail.isNull());
            // Fitted into the box: one side fills it.
            QVERIFY(thumbnail.width() <= 80 && thumbnail.height() <= 60);
            QVERIFY(thumbnail.width() == 80 || thumbnail.height() == 60);
        }
    }
};

QTEST_MAIN(TestThumbnailCache)
#include "test_thumbnail_cache.moc"
