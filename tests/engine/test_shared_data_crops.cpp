// SPDX-License-Identifier: GPL-3.0-or-later
// The cropper on files nobody on the team made (../shared/data): every hard file either yields the
// reference pixels or a clear error naming it, never a crash or a hang; real annotations crop exactly.

#include "TestUtils.h"
#include "annotations/AnnotationIO.h"
#include "engine/ImageCropper.h"
#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTest>

#include <opencv2/core.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

struct EdgeCase {
    QString category;
    QString file;
};

QList<EdgeCase> edgeCases() {
    QList<EdgeCase> cases;
    QFile index(QDir(sharedDataDir()).filePath("edge_cases/INDEX.tsv"));
    if (!index.open(QIODevice::ReadOnly))
        return cases;
    index.readLine(); // header
    while (!index.atEnd()) {
        const QStringList fields = QString::fromUtf8(index.readLine()).trimmed().split(u'\t');
        if (fields.size() >= 2)
            cases.append({fields[0], fields[1]});
    }
    return cases;
}

// Windows that exercise a decoder: the top-left pixel, a centre window, the bottom-right corner, the
// whole image (small images only).
QList<CropWindow> probeWindows(QSize size) {
    QList<QRect> rects = {QRect(0, 0, 1, 1),
                          QRect(size.width() / 3, size.height() / 3, std::max(1, size.width() / 3),
                                std::max(1, size.height() / 3)),
                          QRect(size.width() - std::min(size.width(), 37),
                                size.height() - std::min(size.height(), 29), std::min(size.width(), 37),
                                std::min(size.height(), 29))};
    if (qint64(size.width()) * size.height() <= 4'000'000)
        rects.append(QRect(QPoint(0, 0), size));
    return windowsAt(rects);
}

} // namespace

class TestSharedDataCrops : public QObject {
    Q_OBJECT
private slots:
    // Stored coordinates, so the reference is OpenCV's stored-pixel decode, turned upright. Where CropDeck
    // refuses a file (corrupt, truncated, a bomb over the pixel limit, a variant no decoder reads) the error
    // must name the file; where it decodes, the pixels must be OpenCV's. CMYK JPEGs are the one place the two
    // may disagree by rounding of the CMYK→BGR conversion: they are compared within a small tolerance.
    void everyEdgeCaseCropsExactlyOrFailsClearly() {
        CROPDECK_REQUIRE_SHARED_DATA();
        const QList<EdgeCase> cases = edgeCases();
        QVERIFY2(cases.size() > 100, "edge_cases/INDEX.tsv lists the hard files");
        CropSettings settings;
        settings.orientationFromExif = false;
        settings.maxPixels = 50'000'000;
        int decoded = 0;
        QStringList refused;
        QStringList mismatches;
        for (const EdgeCase& edge : cases) {
            const QString path =
                QDir(sharedDataDir())
                    .filePath(QStringLiteral("edge_cases/%1/%2").arg(edge.category, edge.file));
            const Result<ImageInfo> info = probeImage(path, settings.maxPixels);
            if (!info) {
                QVERIFY2(info.error().message.contains(edge.file), qPrintable(info.error().message));
                refused << info.error().message;
                continue;
            }
            const QList<CropWindow> windows =
                probeWindows(QSize(info->width, info->height)); // stored size: stored coordinates
            const Result<CroppedImage> cropped = cropImage(path, *info, windows, settings);
            if (!cropped) {
                QVERIFY2(cropped.error().message.contains(edge.file), qPrintable(cropped.error().message));
                refused << cropped.error().message;
                continue;
            }
            const cv::Mat reference = referenceDecode(path);
            for (const CroppedWindow& window : cropped->windows) {
                if (window.error) {
                    QVERIFY2(window.error->message.contains(edge.file), qPrintable(window.error->message));
                    continue;
                }
                if (reference.empty()) {
                    // CropDeck decoded what OpenCV cannot: nothing to compare against, but it must be whole.
                    QVERIFY(!window.pixels.empty());
                    continue;
                }
                const QRect r = windows[window.windowIndex].box.toRect();
                // OpenCV turns oriented TIFFs upright itself: there the reference is already upright.
                const bool referenceUpright =
                    info->format == ImageFormat::Tiff && info->orientation != 1 &&
                    QSize(reference.cols, reference.rows) != QSize(info->width, info->height);
                const QRect storedSize(0, 0, info->width, info->height);
                const QRect inReference =
                    referenceUpright ? storedToUpright(r, storedSize.size(), info->orientation) : r;
                if (!QRect(0, 0, reference.cols, reference.rows).contains(inReference)) {
                    mismatches << QStringLiteral("%1: reference is %2x%3, probe said %4x%5")
                                      .arg(edge.file)
                                      .arg(reference.cols)
                                      .arg(reference.rows)
                                      .arg(info->width)
                                      .arg(info->height);
                    break;
                }
                const cv::Mat cut = reference(
                    cv::Rect(inReference.x(), inReference.y(), inReference.width(), inReference.height()));
                // Stored coordinates pick the stored pixels; the output is still upright.
                const cv::Mat expected = referenceUpright ? cut : applyOrientation(cut, info->orientation);
                const bool cmyk = edge.category.contains("cmyk") || edge.file.contains("cmyk");
                const long long differing = differingPixels(window.pixels, expected);
                const bool same = differing == 0 || (cmyk && differing > 0 &&
                                                     cv::norm(window.pixels, expected, cv::NORM_INF) <= 2);
                if (!same) {
                    mismatches << QStringLiteral("%1 window %2 (%3) via %4: %5")
                                      .arg(edge.file, windows[window.windowIndex].id, edge.category,
                                           cropped->decodePlan, describeDifference(window.pixels, expected));
                    break;
                }
            }
            ++decoded;
        }
        qInfo("%d edge cases decoded and compared, %d refused with a clear error:\n  %s", decoded,
              int(refused.size()), qPrintable(refused.join("\n  ").remove(sharedDataDir() + u'/')));
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join("\n")));
        QVERIFY(decoded > 60); // most hard files are readable: a decoder that refuses everything fails here
    }

    // The raccoon CSV's boxes, cropped from the real photos (three of them gray JPEGs in an RGB set),
    // equal the same boxes cut from a full reference decode.
    void raccoonCsvBoxesCropExactly() {
        CROPDECK_REQUIRE_SHARED_DATA();
        const QString root = QDir(sharedDataDir()).filePath("raccoon_voc_csv");
        ReadOptions options;
        options.imageRoot = QDir(root).filePath("images");
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readAnnotations(QDir(root).filePath("data/raccoon_labels.csv"), options, &issues);
        QVERIFY2(set.ok(), set.ok() ? "" : qPrintable(set.error().message));
        QVERIFY(set->images.size() >= 190);
        int windows = 0, gray = 0;
        for (const ImageEntry& image : set->images) {
            const QString path = QDir(options.imageRoot).filePath(image.path);
            const Result<CroppedImage> cropped = cropImage(path, image.windows, CropSettings());
            QVERIFY2(cropped.ok(), cropped.ok() ? "" : qPrintable(cropped.error().message));
            const cv::Mat reference = referenceDecode(path);
            gray += reference.channels() == 1 ? 1 : 0;
            for (const CroppedWindow& window : cropped->windows) {
                QVERIFY2(!window.error, window.error ? qPrintable(window.error->message) : "");
                const QRect r = window.sourceRect & QRect(0, 0, reference.cols, reference.rows);
                const cv::Mat expected = reference(cv::Rect(r.x(), r.y(), r.width(), r.height()));
                QVERIFY2(
                    differingPixels(window.pixels, expected) == 0,
                    qPrintable(QStringLiteral("%1 window %2 via %3: %4")
                                   .arg(image.path)
                                   .arg(window.windowIndex)
                                   .arg(cropped->decodePlan, describeDifference(window.pixels, expected))));
                ++windows;
            }
        }
        QVERIFY(windows >= 200);
        QCOMPARE(gray, 3); // the README's three gray photos keep one channel
    }
};

QTEST_GUILESS_MAIN(TestSharedDataCrops)
#include "test_shared_data_crops.moc"
