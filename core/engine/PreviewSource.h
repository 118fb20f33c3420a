// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the output preview cuts a large JPEG from once its first window has been shown: a restart-marker
// copy of the file kept in memory (makeJpegRestartCopy: the same DCT coefficients, hence the same
// pixels, with restart intervals of a few MCUs that split every MCU row alike). Cutting a window from a
// JPEG without restart markers entropy-decodes every row above it (most of the image for a window near
// the bottom) across the whole width; from the copy, decodeJpegRegionFromRestart decodes the MCUs under
// the window only. Building it costs
// about two entropy passes over the image (read every coefficient, write them again), once per image.
//
// Decoded outputs only: lossless output (CropSettings::lossless) copies the file's own entropy data, so
// it is always cut from the file (cropImage ignores the copy there).

#include "Result.h"
#include "engine/ImageCropper.h"
#include "io/ImageInfo.h"

#include <QString>

#include <functional>

namespace cropdeck {

// Which version of a file a copy was made from: a file rewritten since has another size or time.
struct FileStamp {
    QString path;
    qint64 size = -1;
    qint64 modifiedMs = 0;

    bool operator==(const FileStamp&) const = default;
};

// The file's stamp now; size -1 when it does not exist.
FileStamp fileStampOf(const QString& path);

struct PreviewSource {
    FileStamp file;          // the version of the file the copy was made from
    InMemoryJpeg decodeFrom; // the copy, and its ImageInfo (for cropImage)

    qint64 memoryBytes() const { return decodeFrom.jpeg.size(); }
};

// True when a copy would make this image's windows cheaper to cut: a JPEG of at least `minPixels`
// whose windows are otherwise decoded from the top of the file (no restart markers, or progressive or
// arithmetic coding), in a form the copy can hold (8-bit, gray or colour, not lossless SOF3).
bool previewSourcePays(const ImageInfo& info, qint64 minPixels);

// Reads the file (whose header probe is `info`) and makes its copy; `stop` is asked once per MCU row.
// Errors: the file's read errors, and makeJpegRestartCopy's (any but Cancelled: cut from the file).
Result<PreviewSource> buildPreviewSource(const QString& path, const ImageInfo& info,
                                         const std::function<bool()>& stop);

} // namespace cropdeck
