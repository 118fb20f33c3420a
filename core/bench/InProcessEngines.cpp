// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/InProcessEngines.h"

#include "bench/CropDeckCalls.h"
#include "bench/CropOutputs.h"
#include "bench/ForcedEngines.h"
#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"
#include "io/ImageProbe.h"
#include "io/OpenCvCodecs.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/core/version.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>

namespace cropdeck::bench {

namespace {

class InProcessEngine final : public BenchEngine {
public:
    explicit InProcessEngine(InProcessSpec spec)
        : m_spec(std::move(spec))
        , m_outputs(m_spec.writer) {
        m_pool.setExpiryTimeout(-1); // threads made by the warm-up stay for the timed passes
    }

    QString name() const override { return m_spec.name; }
    EngineKind kind() const override { return m_spec.kind; }
    bool takesThreads() const override { return m_spec.parallel; }
    QString detail() const override {
        const QString detail = m_caseDetail.isEmpty() ? m_spec.detail : m_caseDetail;
        const QString expected = m_spec.expectation.describe();
        return expected.isEmpty() ? detail : QStringLiteral("%1; %2").arg(detail, expected);
    }
    QString notApplicableTo(const BenchCase& benchCase) const override {
        const CropExpectation& expected = m_spec.expectation;
        if (benchCase.output.encodes() && (expected.dctScale > 1 || expected.minimumPsnr > 0))
            return QStringLiteral(
                       "its crops are not the stored pixels by design, so encoded outputs (%1) are "
                       "not measured for it")
                .arg(benchCase.output.describe());
        if (!m_spec.notApplicable)
            return {};
        for (const BenchImage& image : benchCase.images)
            if (const QString why = m_spec.notApplicable(image); !why.isEmpty())
                return QStringLiteral("%1: %2").arg(QFileInfo(image.path).fileName(), why);
        return {};
    }
    CropExpectation expectation() const override { return m_spec.expectation; }
    bool resizes() const override { return bool(m_spec.cropResized); }

    void watchCancel(const std::atomic_bool* cancel) override { m_cancel = cancel; }

    Status begin(const BenchCase& benchCase) override {
        m_case = &benchCase;
        m_caseDetail.clear();
        if (m_spec.describe && !benchCase.images.empty())
            m_caseDetail = QStringLiteral("%1; %2: %3")
                               .arg(m_spec.detail, QFileInfo(benchCase.images.front().path).fileName(),
                                    m_spec.describe(benchCase.images.front()));
        return m_outputs.begin(benchCase.output, m_spec.name);
    }

    void end() override { m_outputs.end(); }

    Result<PassResult> runPass(int threads) override {
        std::atomic<quint64> fold{0};
        std::atomic<int> failures{0};
        const auto one = [&](const BenchImage& image) {
            if (m_cancel && m_cancel->load(std::memory_order_relaxed))
                return; // the images left are skipped: the harness discards this pass
            Result<std::vector<cv::Mat>> crops = cut(image, false);
            if (!crops) {
                failures.fetch_add(int(image.windows.size()), std::memory_order_relaxed);
                return;
            }
            if (m_outputs.encodes()) {
                Result<quint64> made = m_outputs.writeCrops(int(&image - m_case->images.data()), *crops);
                if (!made)
                    failures.fetch_add(int(image.windows.size()), std::memory_order_relaxed);
                else
                    fold.fetch_add(*made, std::memory_order_relaxed);
                return;
            }
            for (const cv::Mat& crop : *crops)
                fold.fetch_add(foldPixels(crop), std::memory_order_relaxed);
        };
        m_pool.setMaxThreadCount(m_spec.parallel ? threads : 1);
        QElapsedTimer timer;
        timer.start();
        if (m_spec.parallel)
            QtConcurrent::blockingMap(&m_pool, m_case->images, one);
        else
            for (const BenchImage& image : m_case->images)
                one(image);
        return PassResult{double(timer.nsecsElapsed()) * 1e-9, fold.load(), failures.load()};
    }

    Result<std::vector<cv::Mat>> crops(int imageIndex) override {
        const BenchImage& image = m_case->images[size_t(imageIndex)];
        if (!m_outputs.encodes())
            return cut(image, true);
        std::vector<cv::Mat> again; // memory outputs are encoded again from the same crops
        if (image.windows.size() > 0 && m_case->output.target == OutputTarget::Memory) {
            Result<std::vector<cv::Mat>> crops = cut(image, false);
            if (!crops)
                return crops.error();
            again = std::move(*crops);
        }
        Result<std::vector<cv::Mat>> written =
            m_outputs.written(imageIndex, again, int(image.windows.size()));
        if (written && m_spec.writtenToStored)
            for (cv::Mat& crop : *written)
                if (!crop.empty())
                    crop = m_spec.writtenToStored(image, std::move(crop));
        return written;
    }

private:
    // The crops of `image` as the pass makes them (verified: as the verifier compares them, in stored
    // pixels), resized when the case asks for it.
    Result<std::vector<cv::Mat>> cut(const BenchImage& image, bool verified) const {
        if (m_case->resizeTo.isValid())
            return m_spec.cropResized(image, m_case->resizeTo, verified);
        if (verified && m_spec.verifiedCrop)
            return m_spec.verifiedCrop(image);
        return m_spec.crop(image);
    }

    InProcessSpec m_spec;
    CropOutputs m_outputs;
    QThreadPool m_pool;
    const BenchCase* m_case = nullptr;
    const std::atomic_bool* m_cancel = nullptr;
    QString m_caseDetail;
};

// The planner's upright crop of `image` turned back to its stored pixels.
cv::Mat uprightToStored(const BenchImage& image, const cv::Mat& crop) {
    Result<ImageInfo> info = probeImage(image.path, CropSettings().maxPixels);
    const int undo = info ? inverseOrientation(info->orientation) : 1;
    return undo == 1 ? crop : applyOrientation(crop, undo);
}

Result<std::vector<cv::Mat>> openCvFullDecode(const BenchImage& image) {
    const cv::Mat full =
        codecs::imread(image.path.toStdString(), cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
    if (full.empty())
        return makeError(ErrorKind::Unsupported, QStringLiteral("%1: cv::imread failed").arg(image.path));
    std::vector<cv::Mat> crops;
    for (const QRect& r : image.windows) {
        const cv::Rect rect(r.x(), r.y(), r.width(), r.height());
        if ((rect & cv::Rect(0, 0, full.cols, full.rows)) != rect)
            return makeError(ErrorKind::OutOfBounds,
                             QStringLiteral("%1: window outside the image").arg(image.path));
        crops.push_back(full(rect).clone());
    }
    return crops;
}

// OpenCV's full decode + crop, then cv::resize as an OpenCV user shrinks (area) or enlarges (bilinear).
Result<std::vector<cv::Mat>> openCvResized(const BenchImage& image, QSize size, bool) {
    Result<std::vector<cv::Mat>> crops = openCvFullDecode(image);
    if (!crops)
        return crops;
    for (cv::Mat& crop : *crops) {
        const bool shrinking = size.width() <= crop.cols && size.height() <= crop.rows;
        cv::Mat resized;
        cv::resize(crop, resized, cv::Size(size.width(), size.height()), 0, 0,
                   shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
        crop = resized;
    }
    return crops;
}

} // namespace

quint64 foldPixels(const cv::Mat& pixels) {
    quint64 sum = quint64(pixels.cols) * 31 + quint64(pixels.rows);
    if (pixels.empty())
        return sum;
    const size_t lastByte = size_t(pixels.cols) * pixels.elemSize() - 1;
    for (int y = 0; y < pixels.rows; ++y) {
        const uchar* row = pixels.ptr<uchar>(y);
        sum = sum * 1099511628211ull + row[0] + row[lastByte];
    }
    return sum;
}

std::unique_ptr<BenchEngine> makeInProcessEngine(InProcessSpec spec) {
    return std::make_unique<InProcessEngine>(std::move(spec));
}

std::vector<std::unique_ptr<BenchEngine>> makeInProcessEngines() {
    const QString openCv =
        QStringLiteral("OpenCV %1 imread(IMREAD_UNCHANGED | IMREAD_IGNORE_ORIENTATION) + crop")
            .arg(QLatin1String(CV_VERSION));
    std::vector<std::unique_ptr<BenchEngine>> engines;
    engines.push_back(
        makeInProcessEngine({QStringLiteral("cropdeck"),
                             EngineKind::CropDeck,
                             true,
                             QStringLiteral("cropImage(): the planner, as --batch runs it"),
                             [](const BenchImage& image) { return cropDeckCrops(image, {}, false); },
                             [](const BenchImage& image) { return cropDeckCrops(image, {}, true); },
                             [](const BenchImage& image) { return cropDeckPlan(image, {}); },
                             WriterStyle::CropDeck,
                             uprightToStored,
                             {},
                             {},
                             [](const BenchImage& image, QSize size, bool toStored) {
                                 return cropDeckCrops(image, {}, toStored, size);
                             }}));
    for (std::unique_ptr<BenchEngine>& forced : makeForcedEngines())
        engines.push_back(std::move(forced));
    for (const bool pooled : {false, true}) {
        InProcessSpec spec;
        spec.name = pooled ? QStringLiteral("opencv-pool") : QStringLiteral("opencv-serial");
        spec.kind = EngineKind::InProcess;
        spec.parallel = pooled;
        spec.detail = openCv;
        spec.crop = openCvFullDecode;
        spec.writer = WriterStyle::OpenCv;
        spec.cropResized = openCvResized;
        engines.push_back(makeInProcessEngine(std::move(spec)));
    }
    return engines;
}

} // namespace cropdeck::bench
