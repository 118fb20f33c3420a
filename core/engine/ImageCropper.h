// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Crops the windows of one source image: probe → plan → decode only what is needed → cut → pad /
// resize / colour → (encode). The batch runner, the CLI, the GUI preview and the benchmarks all call
// this, so every shell produces byte-identical outputs.
//
// cropImageEach() hands each window to a sink as soon as it is cut, so that a caller which encodes and
// writes it at once holds one crop at a time, whatever the number of windows (dense annotation sets
// have thousands per image). cropImage() collects them all, for callers that want a few windows in
// memory (preview, benchmarks, tests).

#include "Result.h"
#include "annotations/Annotation.h"
#include "engine/CropSettings.h"
#include "engine/ForcedStrategy.h"
#include "geometry/McuGrid.h"
#include "io/ImageInfo.h"

#include <QByteArray>
#include <QList>
#include <QRect>

#include <opencv2/core/mat.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace cropdeck {

// One window's result: pixels (decode path) or encoded bytes (lossless path), or a per-window error.
struct CroppedWindow {
    int windowIndex = -1;
    QRect sourceRect;        // the window in upright-image pixels after geometry (before bounds clipping)
    cv::Mat pixels;          // final pixels (empty on the lossless path or on error)
    QByteArray losslessJpeg; // set on the lossless path
    bool mcuAligned = false; // lossless: the rectangle had to move to the MCU grid
    QRect writtenRect;       // lossless: the rectangle the output holds, in the boxes' coordinates
    bool skipped = false;    // nothing to cut (bounds policy): skipReason says why
    QString skipReason;
    QString damage; // FailOn::None: why some pixels are not from the file (damaged data); empty when whole
    std::optional<Error> error;
};

struct CroppedImage {
    ImageInfo info;
    QString decodePlan; // which decoders were used, e.g. "jpeg-restart×3", for reports
    QString damage;     // FailOn::None: why the pixels are not all from the file (empty when they are)
    std::vector<CroppedWindow> windows;
};

// Receives the windows of one range, one at a time on one thread; end() is called after the range's
// last window (also when cancelled or when the image fails midway).
// A window's pixels may be a view of the decoded image: a sink that holds them beyond take() copies
// them first (keepPixels() in engine/WindowFinish.h), or it holds the whole decoded image.
class WindowSink {
public:
    virtual ~WindowSink() = default;
    virtual void take(CroppedWindow&& window) = 0;
    virtual void end() {}
};

// How cropImageEach() delivers windows. newSink is called once per range (possibly on several threads at
// once: each range's sink is used by one thread only). forRanges, when set, runs body(begin, end) over
// ranges that cover [0, count), possibly in parallel, and returns when all are done; without it the
// windows are delivered in one range on the calling thread.
struct CropStream {
    std::function<std::unique_ptr<WindowSink>()> newSink;
    std::function<void(int count, const std::function<void(int begin, int end)>& body)> forRanges;
};

// What cropImageEach() tells about the image once every window has been delivered.
struct CropReport {
    QString decodePlan;
    QString damage; // see CroppedImage::damage
};

// Decodes and cuts every window of the image at `imagePath`, whose header probe is `info`, handing each
// to a sink (CroppedWindow::windowIndex is the index in `windows`). A bad window gives that window an
// error. Fails as a whole only when the image itself cannot be read (windows delivered before that stay
// delivered) or when `cancel` is set (ErrorKind::Cancelled, checked before each window).
Result<CropReport> cropImageEach(const QString& imagePath, const ImageInfo& info,
                                 const QList<CropWindow>& windows, const CropSettings& settings,
                                 const std::atomic_bool* cancel, const CropStream& stream);

// The same, collecting every window (in window order).
Result<CroppedImage> cropImage(const QString& imagePath, const ImageInfo& info,
                               const QList<CropWindow>& windows, const CropSettings& settings,
                               const std::atomic_bool* cancel = nullptr);

// Another encoding of the image at imagePath, kept in memory, with exactly the file's pixels but cheaper
// to cut from: the preview's restart-marker copy of a large JPEG (PreviewSource). `info` describes
// `jpeg` (restart interval, not progressive); the file's own ImageInfo still drives the geometry.
struct InMemoryJpeg {
    QByteArray jpeg;
    ImageInfo info;
};

// The same, decoding `decodeFrom` instead of the file. The outputs are those of the call without it,
// byte for byte, because the decoded pixels are. The lossless path ignores it and reads the file: its
// output bytes are the file's own entropy data.
Result<CroppedImage> cropImage(const QString& imagePath, const ImageInfo& info,
                               const QList<CropWindow>& windows, const CropSettings& settings,
                               const InMemoryJpeg& decodeFrom, const std::atomic_bool* cancel = nullptr);

// The same with the planner's choices overridden (ForcedStrategy.h), for benchmarks and tests that
// measure or check one strategy alone. A default ForcedStrategy is exactly the call without it.
Result<CroppedImage> cropImageForced(const QString& imagePath, const ImageInfo& info,
                                     const QList<CropWindow>& windows, const CropSettings& settings,
                                     const ForcedStrategy& forced, const std::atomic_bool* cancel = nullptr);

// The same, probing the header first (refusing images over settings.maxPixels).
Result<CroppedImage> cropImage(const QString& imagePath, const QList<CropWindow>& windows,
                               const CropSettings& settings, const std::atomic_bool* cancel = nullptr);

// True when `settings` ask for JPEG → JPEG without re-encoding and this image allows it.
bool usesLosslessPath(const ImageInfo& info, const CropSettings& settings);

// The MCU grid the lossless path aligns this image's crops to, in the boxes' coordinates (the EXIF
// orientation as these settings apply it); std::nullopt when the image does not take the lossless path.
[[nodiscard]] std::optional<McuGrid> losslessGrid(const ImageInfo& info, const CropSettings& settings);

} // namespace cropdeck
