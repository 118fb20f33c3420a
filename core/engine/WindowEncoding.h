// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The bytes the batch writes for one cut window. The batch's output writer and the GUI preview both call
// encodeWindow(), so a preview shows exactly the file the batch would write, lossy artefacts included.
// Reentrant.

#include "Result.h"
#include "engine/CropSettings.h"
#include "engine/ImageCropper.h"
#include "io/OutputFormat.h"

#include <QByteArray>
#include <QString>

namespace cropdeck {

// The lossless path's JPEG as it is; else the window's pixels encoded as `format` with the settings'
// encoder options (encodeOptionsFor). Errors are encodeImage()'s, naming `pathForMessages`. The window
// must have been cut (no error, not skipped).
[[nodiscard]] Result<QByteArray> encodeWindow(const CroppedWindow& window, OutputFormat format,
                                              const CropSettings& settings, const QString& pathForMessages);

// The format the batch writes the crops of `sourcePath` in: settings.format, SameAsInput resolved the
// way output names are (outputExtensionFor in BatchPlan.h).
[[nodiscard]] OutputFormat outputFormatFor(const QString& sourcePath, const CropSettings& settings);

} // namespace cropdeck
