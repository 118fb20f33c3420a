// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One window of one image rendered exactly as the batch writes it, for the GUI's output preview: the
// same cut (cropImage, the call the batch makes), the same encoder (encodeWindow, the batch's writer
// calls it too), so `encoded` is byte for byte the file a batch with these settings writes. `display` is
// those bytes decoded again by core's decoder, so lossy artefacts show as they will in the file.
//
// `settings` must be the ones the batch runs with, annotation settings adopted (PreparedBatch::options,
// or adoptAnnotationSettings(): boxes on stored pixels switch EXIF mapping off there).
//
// Reentrant: call it on a worker thread. `cancel` is checked between the steps and inside the decode;
// a cancelled preview returns ErrorKind::Cancelled.
//
// For a large JPEG without restart markers, the overloads that take a PreviewSource or a
// PreviewSourceCache cut from a restart-marker copy of the image kept in memory: the same bytes, decoding
// only the window's MCUs instead of every row above it (PreviewSource.h).

#include "Result.h"
#include "annotations/Annotation.h"
#include "engine/CropSettings.h"
#include "engine/DisplayImage.h"
#include "engine/PreviewSourceCache.h"
#include "io/ImageInfo.h"
#include "io/OutputFormat.h"

#include <QByteArray>
#include <QRect>
#include <QSize>
#include <QString>

#include <atomic>
#include <optional>

namespace cropdeck {

struct WindowPreview {
    OutputFormat format = OutputFormat::SameAsInput; // what the batch writes (SameAsInput resolved)
    QByteArray encoded;                              // the output file's bytes; empty when skipped or failed
    QSize outputSize;                                // of the output image
    DisplayPixels display;                           // `encoded` decoded again, upright, R G B(A)
    bool lossless = false;                           // the lossless JPEG path cut it (no re-encode)
    bool mcuAligned = false;                         // lossless: moved to the MCU grid
    QRect writtenRect;                               // lossless: what the output holds
    QString decodePlan;   // which decoder cut it ("jpeg-restart", "jpeg-region", "jpeg-lossless"...)
    bool skipped = false; // the bounds policy writes nothing for it
    QString skipReason;
    std::optional<Error> error; // the batch would report this window as failed, for this reason
};

// The image itself failing (unreadable, over maxPixels) or cancellation is the Result's error; a window
// that is skipped or fails is a WindowPreview saying so.
[[nodiscard]] Result<WindowPreview> previewWindow(const QString& imagePath, const ImageInfo& info,
                                                  const CropWindow& window, const CropSettings& settings,
                                                  const std::atomic_bool* cancel = nullptr);

// The same, probing the header first as the batch does.
[[nodiscard]] Result<WindowPreview> previewWindow(const QString& imagePath, const CropWindow& window,
                                                  const CropSettings& settings,
                                                  const std::atomic_bool* cancel = nullptr);

// The same, cutting from `source`, the image's restart-marker copy, instead of the file when the output
// is decoded (the lossless path reads the file): the same bytes, because the same pixels.
[[nodiscard]] Result<WindowPreview> previewWindow(const QString& imagePath, const ImageInfo& info,
                                                  const CropWindow& window, const CropSettings& settings,
                                                  const PreviewSource& source,
                                                  const std::atomic_bool* cancel = nullptr);

// The same, probing the header first and taking the copy from `sources` (made on the image's first
// preview when it pays, which makes that preview slower: about two entropy passes over the image): for
// clicking through the windows of one large JPEG, where every preview after the first then decodes only
// the MCUs under its window. Lossless output never asks `sources` for a copy. Several previews may share
// `sources` at once (it is thread-safe); one that finds the copy being made waits for it, and the making
// stops early when every preview waiting for it is cancelled.
[[nodiscard]] Result<WindowPreview> previewWindow(const QString& imagePath, const CropWindow& window,
                                                  const CropSettings& settings, PreviewSourceCache& sources,
                                                  const std::atomic_bool* cancel = nullptr);

} // namespace cropdeck
