// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ImageCropper.h"

#include "engine/CropSettingsCheck.h"
#include "engine/ReadPlanning.h"
#include "engine/RegionReader.h"
#include "geometry/Orientation.h"
#include "io/ImageProbe.h"
#include "io/jpeg/JpegLosslessCrop.h"

#include <algorithm>
#include <mutex>

namespace cropdeck {
namespace {

QString windowLabel(const QList<CropWindow>& windows, int index) {
    const QString& id = windows[index].id;
    return QStringLiteral("window %1").arg(id.isEmpty() ? QString::number(index) : id);
}

Error withFile(const QString& path, const Error& error) {
    return makeError(error.kind, QStringLiteral("%1: %2").arg(path, error.message));
}

bool isSet(const std::atomic_bool* flag) {
    return flag != nullptr && flag->load(std::memory_order_relaxed);
}

Error cancelled(const QString& path) {
    return makeError(ErrorKind::Cancelled, path + QStringLiteral(": cancelled"));
}

// Hands windows to the caller's sinks range by range, and keeps the first error that ends the image.
// Cancellation is checked before every window, so a cancel reaches inside an image of any size.
class Delivery {
public:
    using RangeWork = std::function<std::optional<Error>(int begin, int end, WindowSink& sink)>;

    Delivery(const CropStream& stream, const std::atomic_bool* cancel)
        : m_stream(stream)
        , m_cancel(cancel) {}

    // Runs `work` over ranges covering [first, last), on the caller's pool when `parallel` allows it.
    void run(int first, int last, bool parallel, const RangeWork& work) {
        const auto body = [&](int begin, int end) {
            const std::unique_ptr<WindowSink> sink = m_stream.newSink();
            if (keepGoing())
                if (std::optional<Error> failed = work(first + begin, first + end, *sink)) {
                    std::lock_guard lock(m_mutex);
                    if (!m_error)
                        m_error = std::move(failed);
                    m_stop = true;
                }
            sink->end();
        };
        if (parallel && m_stream.forRanges && last - first > 1)
            m_stream.forRanges(last - first, body);
        else if (last > first)
            body(0, last - first);
    }

    bool keepGoing() const { return !m_stop.load(std::memory_order_relaxed) && !isSet(m_cancel); }

    std::optional<Error> error() const {
        std::lock_guard lock(m_mutex);
        return m_error;
    }

private:
    const CropStream& m_stream;
    const std::atomic_bool* m_cancel;
    mutable std::mutex m_mutex;
    std::optional<Error> m_error;
    std::atomic_bool m_stop{false};
};

CroppedWindow windowFor(const PendingCut& cut) {
    CroppedWindow window;
    window.windowIndex = cut.windowIndex;
    window.sourceRect = cut.plan.window;
    return window;
}

void cropLosslessWindow(QByteArrayView data, const QString& path, const ImageInfo& info,
                        const CropSettings& settings, const PendingCut& cut, CroppedWindow& window) {
    Result<LosslessJpegCrop> crop = cropJpegLossless(data, cut.plan.storedSource, info.orientation, path);
    if (!crop) {
        window.error = crop.error();
        return;
    }
    window.losslessJpeg = std::move(crop->jpeg);
    window.mcuAligned = crop->aligned;
    // Report the rectangle in the convention the user's boxes use.
    window.writtenRect =
        settings.orientationFromExif
            ? storedToUpright(crop->croppedRect, QSize(info.width, info.height), info.orientation)
            : crop->croppedRect;
}

// Plans every window; hands the ones with nothing to cut (errors, skipped) to a sink at once.
std::vector<PendingCut> planCuts(const QString& imagePath, const ImageInfo& info,
                                 const QList<CropWindow>& windows, const CropSettings& settings,
                                 const CropStream& stream) {
    const QSize storedSize(info.width, info.height);
    std::vector<PendingCut> cuts;
    cuts.reserve(size_t(windows.size()));
    const std::unique_ptr<WindowSink> sink = stream.newSink();
    for (int i = 0; i < windows.size(); ++i) {
        Result<WindowPlan> plan =
            planWindow(windows[i], storedSize, info.orientation, storedCoordinates(settings), settings);
        if (plan && !plan->bounds.skip) {
            cuts.push_back({i, std::move(plan.value()), 1});
            continue;
        }
        CroppedWindow window;
        window.windowIndex = i;
        if (!plan) {
            window.error =
                makeError(plan.error().kind, QStringLiteral("%1: %2").arg(imagePath, plan.error().message));
        } else {
            window.sourceRect = plan->window;
            window.skipped = true;
            window.skipReason = plan->bounds.skipReason;
        }
        sink->take(std::move(window));
    }
    sink->end();
    return cuts;
}

// Opens the image for reading: the file, or the in-memory copy that stands for it.
class ReaderFactory {
public:
    ReaderFactory(const QString& path, const ImageInfo& info, const CropSettings& settings,
                  const InMemoryJpeg* decodeFrom, ForcedDecoder forced, const std::atomic_bool* cancel)
        : m_path(path)
        , m_info(info)
        , m_failOn(settings.failOn)
        , m_decodeFrom(decodeFrom)
        , m_forced(forced)
        , m_cancel(cancel) {}

    void emplace(std::optional<RegionReader>& reader) const {
        if (m_decodeFrom != nullptr)
            reader.emplace(m_path, m_decodeFrom->info, m_decodeFrom->jpeg, m_failOn, m_cancel);
        else
            reader.emplace(m_path, m_info, m_failOn, m_cancel);
        reader->forceDecoder(m_forced);
    }
    const ImageInfo& decodedInfo() const { return m_decodeFrom != nullptr ? m_decodeFrom->info : m_info; }

private:
    const QString& m_path;
    const ImageInfo& m_info;
    FailOn m_failOn;
    const InMemoryJpeg* m_decodeFrom;
    ForcedDecoder m_forced;
    const std::atomic_bool* m_cancel;
};

Result<CropReport> cropImageEachFrom(const QString& imagePath, const ImageInfo& info,
                                     const QList<CropWindow>& windows, const CropSettings& settings,
                                     const InMemoryJpeg* decodeFrom, const ForcedStrategy& forced,
                                     const std::atomic_bool* cancel, const CropStream& stream);

} // namespace

bool usesLosslessPath(const ImageInfo& info, const CropSettings& settings) {
    // The settings that allow a lossless crop are checkCropSettings()'s rule, which requests also pass.
    return settings.lossless && info.format == ImageFormat::Jpeg && checkCropSettings(settings).ok();
}

std::optional<McuGrid> losslessGrid(const ImageInfo& info, const CropSettings& settings) {
    if (!usesLosslessPath(info, settings))
        return std::nullopt;
    // cropJpegLossless aligns the stored rectangle planWindow maps the boxes to: the boxes see the stored
    // grid through the orientation planWindow applies to them (none for boxes on stored pixels).
    return McuGrid{QSize(info.width, info.height), QSize(info.mcuWidth, info.mcuHeight),
                   storedCoordinates(settings) ? 1 : normalizedOrientation(info.orientation)};
}

Result<CropReport> cropImageEach(const QString& imagePath, const ImageInfo& info,
                                 const QList<CropWindow>& windows, const CropSettings& settings,
                                 const std::atomic_bool* cancel, const CropStream& stream) {
    return cropImageEachFrom(imagePath, info, windows, settings, nullptr, {}, cancel, stream);
}

namespace {

Result<CropReport> cropImageEachFrom(const QString& imagePath, const ImageInfo& info,
                                     const QList<CropWindow>& windows, const CropSettings& settings,
                                     const InMemoryJpeg* decodeFrom, const ForcedStrategy& forced,
                                     const std::atomic_bool* cancel, const CropStream& stream) {
    CropReport report;
    std::vector<PendingCut> cuts = planCuts(imagePath, info, windows, settings, stream);
    if (cuts.empty())
        return report;
    if (isSet(cancel))
        return cancelled(imagePath);
    const int count = int(cuts.size());
    const bool lossless = usesLosslessPath(info, settings);
    // Lossless output copies the file's entropy data: it must read the file.
    const ReaderFactory readers(imagePath, info, settings, lossless ? nullptr : decodeFrom, forced.decoder,
                                cancel);
    std::optional<RegionReader> opened;
    readers.emplace(opened);
    RegionReader& reader = *opened;
    Delivery delivery(stream, cancel);

    if (lossless) {
        const Result<QByteArrayView> data = reader.bytes();
        delivery.run(0, count, true, [&](int begin, int end, WindowSink& sink) -> std::optional<Error> {
            for (int k = begin; k < end && delivery.keepGoing(); ++k) {
                CroppedWindow window = windowFor(cuts[k]);
                if (data)
                    cropLosslessWindow(*data, imagePath, info, settings, cuts[k], window);
                else
                    window.error = data.error();
                sink.take(std::move(window));
            }
            return std::nullopt;
        });
        report.decodePlan = QStringLiteral("jpeg-lossless");
    } else {
        for (PendingCut& cut : cuts)
            cut.scaleDenom = !reader.supportsScaledDecode() ? 1
                             : forced.dctScale > 0 && !cut.plan.bounds.needsPadding
                                 ? forced.dctScale
                                 : dctScaleFor(cut.plan, info, settings);

        const auto finish = [&](const PendingCut& cut, const DecodedRegion& decoded, const cv::Mat& stored,
                                WindowSink& sink) {
            CroppedWindow window = windowFor(cut);
            Result<cv::Mat> pixels = finishWindow(stored, cut.plan, info, settings, decoded.scaleDenom);
            window.damage = decoded.damage;
            if (pixels)
                window.pixels = std::move(pixels.value());
            else
                window.error =
                    withFile(imagePath, makeError(pixels.error().kind, windowLabel(windows, cut.windowIndex) +
                                                                           QStringLiteral(": ") +
                                                                           pixels.error().message));
            sink.take(std::move(window));
        };
        // Reads one window with `from` and delivers it; a failed read fails the image.
        const auto readOne = [&](RegionReader& from, const PendingCut& cut,
                                 WindowSink& sink) -> std::optional<Error> {
            Result<DecodedRegion> decoded = from.read(cut.plan.storedSource, cut.scaleDenom);
            if (!decoded)
                return decoded.error();
            finish(cut, *decoded,
                   decoded->scaleDenom == 1 ? cutFrom(*decoded, cut.plan.storedSource) : decoded->pixels,
                   sink);
            return std::nullopt;
        };

        std::vector<QRect> rowBands; // filled when planReads() works them out
        const ReadPlan readPlan = planReads(cuts, reader, readers.decodedInfo(), forced.reads, &rowBands);
        switch (readPlan) {
        case ReadPlan::Union:
        case ReadPlan::WholeImage: {
            const ImageInfo& decodedInfo = readers.decodedInfo();
            const Result<DecodedRegion> decoded =
                reader.read(readPlan == ReadPlan::Union ? unionOf(cuts)
                                                        : QRect(0, 0, decodedInfo.width, decodedInfo.height));
            if (!decoded)
                return decoded.error();
            // The decoded union is shared read-only between the ranges.
            delivery.run(0, count, true, [&](int begin, int end, WindowSink& sink) -> std::optional<Error> {
                for (int k = begin; k < end && delivery.keepGoing(); ++k)
                    finish(cuts[k], *decoded, cutFrom(*decoded, cuts[k].plan.storedSource), sink);
                return std::nullopt;
            });
            break;
        }
        case ReadPlan::RowBands: {
            if (rowBands.empty())
                rowBands = rowBandsOf(cuts);
            const Result<std::vector<DecodedRegion>> bands = reader.readRowBands(rowBands);
            if (!bands)
                return bands.error();
            delivery.run(0, count, true, [&](int begin, int end, WindowSink& sink) -> std::optional<Error> {
                for (int k = begin; k < end && delivery.keepGoing(); ++k) {
                    const QRect& source = cuts[k].plan.storedSource;
                    const auto band = std::find_if(bands->begin(), bands->end(), [&](const DecodedRegion& d) {
                        return d.region.contains(source);
                    });
                    Q_ASSERT(band != bands->end());
                    finish(cuts[k], *band, cutFrom(*band, source), sink);
                }
                return std::nullopt;
            });
            break;
        }
        case ReadPlan::EachWindow: {
            // The first read tells whether this image keeps random access or falls back to a decoder
            // that reads once and serves every window from memory (which one reader must then serve).
            delivery.run(0, 1, false,
                         [&](int, int, WindowSink& sink) { return readOne(reader, cuts[0], sink); });
            // Spread over threads only with random access; then decodePlan counts this thread's reads only.
            const bool independent = reader.hasRandomAccess() && bool(stream.forRanges);
            delivery.run(1, count, independent,
                         [&](int begin, int end, WindowSink& sink) -> std::optional<Error> {
                             // Random access: each range reads with a reader of its own (readers are not
                             // shared).
                             std::optional<RegionReader> own;
                             if (independent)
                                 readers.emplace(own);
                             RegionReader& from = independent ? *own : reader;
                             for (int k = begin; k < end && delivery.keepGoing(); ++k)
                                 if (std::optional<Error> failed = readOne(from, cuts[k], sink))
                                     return failed;
                             return std::nullopt;
                         });
            break;
        }
        }
        report.decodePlan = reader.plan();
    }
    if (std::optional<Error> failed = delivery.error())
        return *failed;
    if (isSet(cancel))
        return cancelled(imagePath);
    return report;
}

// Collects the windows of every range (ranges may run at once).
class Collector : public WindowSink {
public:
    Collector(std::vector<CroppedWindow>& windows, std::mutex& mutex)
        : m_windows(windows)
        , m_mutex(mutex) {}
    void take(CroppedWindow&& window) override {
        window.pixels = keepPixels(window.pixels); // not the whole decoded region for each window
        std::lock_guard lock(m_mutex);
        const int index = window.windowIndex;
        m_windows[index] = std::move(window);
    }

private:
    std::vector<CroppedWindow>& m_windows;
    std::mutex& m_mutex;
};

Result<CroppedImage> collectWindows(const QString& imagePath, const ImageInfo& info,
                                    const QList<CropWindow>& windows, const CropSettings& settings,
                                    const InMemoryJpeg* decodeFrom, const ForcedStrategy& forced,
                                    const std::atomic_bool* cancel) {
    CroppedImage result;
    result.info = info;
    result.windows.resize(windows.size());
    std::mutex mutex;
    const CropStream stream{[&] { return std::make_unique<Collector>(result.windows, mutex); }, {}};
    Result<CropReport> report =
        cropImageEachFrom(imagePath, info, windows, settings, decodeFrom, forced, cancel, stream);
    if (!report)
        return report.error();
    result.decodePlan = report->decodePlan;
    result.damage = report->damage;
    return result;
}

} // namespace

Result<CroppedImage> cropImage(const QString& imagePath, const ImageInfo& info,
                               const QList<CropWindow>& windows, const CropSettings& settings,
                               const std::atomic_bool* cancel) {
    return collectWindows(imagePath, info, windows, settings, nullptr, {}, cancel);
}

Result<CroppedImage> cropImage(const QString& imagePath, const ImageInfo& info,
                               const QList<CropWindow>& windows, const CropSettings& settings,
                               const InMemoryJpeg& decodeFrom, const std::atomic_bool* cancel) {
    return collectWindows(imagePath, info, windows, settings, &decodeFrom, {}, cancel);
}

Result<CroppedImage> cropImageForced(const QString& imagePath, const ImageInfo& info,
                                     const QList<CropWindow>& windows, const CropSettings& settings,
                                     const ForcedStrategy& forced, const std::atomic_bool* cancel) {
    return collectWindows(imagePath, info, windows, settings, nullptr, forced, cancel);
}

Result<CroppedImage> cropImage(const QString& imagePath, const QList<CropWindow>& windows,
                               const CropSettings& settings, const std::atomic_bool* cancel) {
    Result<ImageInfo> info = probeImage(imagePath, settings.maxPixels);
    if (!info)
        return info.error();
    return cropImage(imagePath, *info, windows, settings, cancel);
}

} // namespace cropdeck
