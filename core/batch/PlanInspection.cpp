// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/PlanInspection.h"

#include "engine/WindowPipeline.h"
#include "geometry/Orientation.h"
#include "io/ImageProbe.h"

namespace cropdeck {
namespace {

InspectedWindow inspectPlannedWindow(const PlannedImage& image, int w, const ImageInfo& info,
                                     const CropSettings& settings) {
    InspectedWindow inspected = inspectWindow(image.windows[w], info, settings);
    inspected.image = &image;
    inspected.windowIndex = w;
    if (inspected.error)
        inspected.error->message = QStringLiteral("%1: %2").arg(image.relativePath, inspected.error->message);
    else if (image.outputs[w].alreadyDone)
        inspected.action = InspectedWindow::Action::AlreadyDone;
    return inspected;
}

} // namespace

InspectedWindow inspectWindow(const CropWindow& window, const ImageInfo& info, const CropSettings& settings) {
    InspectedWindow inspected;
    Result<WindowPlan> plan = planWindow(window, QSize(info.width, info.height), info.orientation,
                                         !settings.orientationFromExif, settings);
    if (!plan) {
        inspected.action = InspectedWindow::Action::Fail;
        inspected.error = plan.error();
        // Shaped but refused by the Error policy: the window is known, and shows where it sticks out.
        const int orientation = settings.orientationFromExif ? info.orientation : 1;
        if (const Result<QRect> shaped =
                resolveWindowRect(window, uprightSize(QSize(info.width, info.height), orientation), settings))
            inspected.window = *shaped;
        return inspected;
    }
    const BoundsPlan& bounds = plan->bounds;
    inspected.window = plan->window;
    if (bounds.cuts() && bounds.sourceRect != plan->window)
        inspected.cut = bounds.sourceRect;
    inspected.action = bounds.skip ? InspectedWindow::Action::Skip : InspectedWindow::Action::Crop;
    if (bounds.skip)
        inspected.skipReason = bounds.skipReason;
    return inspected;
}

QString actionName(InspectedWindow::Action action) {
    switch (action) {
    case InspectedWindow::Action::Crop:
        return QStringLiteral("crop");
    case InspectedWindow::Action::AlreadyDone:
        return QStringLiteral("done");
    case InspectedWindow::Action::Skip:
        return QStringLiteral("skip");
    case InspectedWindow::Action::Fail:
        return QStringLiteral("error");
    }
    return {};
}

int inspectPlan(const PreparedBatch& batch, const std::function<void(const InspectedWindow&)>& visit) {
    int problems = 0;
    const CropSettings& settings = batch.options.settings;
    for (const PlannedImage& image : batch.plan.images) {
        const auto failImage = [&](const Error& error) {
            InspectedWindow inspected;
            inspected.image = &image;
            inspected.action = InspectedWindow::Action::Fail;
            inspected.error = error;
            visit(inspected);
            ++problems;
        };
        if (!image.problem.isEmpty()) {
            failImage(makeError(ErrorKind::NotFound, image.problem));
            continue;
        }
        Result<ImageInfo> info = probeImage(image.absolutePath, settings.maxPixels);
        if (!info) {
            failImage(info.error());
            continue;
        }
        for (int w = 0; w < image.windows.size(); ++w) {
            const InspectedWindow inspected = inspectPlannedWindow(image, w, *info, settings);
            problems += inspected.action == InspectedWindow::Action::Fail ? 1 : 0;
            visit(inspected);
        }
    }
    return problems;
}

} // namespace cropdeck
