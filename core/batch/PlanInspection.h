// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a prepared batch will do with each window, without decoding a pixel: each image's header is
// probed and every window planned through the engine's own planWindow(), so a dry run (or the GUI's
// window table) shows exactly what the run will cut.

#include "Result.h"
#include "batch/PrepareBatch.h"
#include "io/ImageInfo.h"

#include <QRect>
#include <QString>

#include <functional>
#include <optional>

namespace cropdeck {

struct InspectedWindow {
    enum class Action { Crop, AlreadyDone, Skip, Fail };

    const PlannedImage* image = nullptr;
    int windowIndex = -1; // -1: the image itself cannot be processed (see error)
    Action action = Action::Crop;
    QRect window;               // the window as shaped (margin, aspect, size), in the boxes' coordinates
                                // (empty for a Fail whose window could not be shaped)
    std::optional<QRect> cut;   // the pixels the bounds policy cuts, when they differ from `window`
    QString skipReason;         // Action::Skip
    std::optional<Error> error; // Action::Fail: names the file (and window) and the problem
};

// What the batch will do with one window of an image whose header is `info`: inspectPlan's answer for
// that window, without a prepared batch (the GUI asks it for the image it shows). `image` stays null and
// errors name the window, not the file; Action::AlreadyDone never comes back.
[[nodiscard]] InspectedWindow inspectWindow(const CropWindow& window, const ImageInfo& info,
                                            const CropSettings& settings);

// Calls `visit` once per window of every planned image, in plan order (once with windowIndex -1 for
// an image that cannot be processed). Returns the number of problems: failed windows and images.
int inspectPlan(const PreparedBatch& batch, const std::function<void(const InspectedWindow&)>& visit);

QString actionName(InspectedWindow::Action action); // "crop", "done", "skip", "error"

} // namespace cropdeck
