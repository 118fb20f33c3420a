// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the bench's CropDeck engines: CropDeck's own calls on a bench image, on stored coordinates
// with no resize or colour change, the planner's choices left alone or forced (ForcedStrategy.h).
// cropImage() writes upright outputs (the batch's rule); `toStored` turns them back, losslessly, to the
// stored orientation the verification compares with (kept out of the timed passes).

#include "Result.h"
#include "annotations/Annotation.h"
#include "bench/BenchCase.h"
#include "engine/CropSettings.h"
#include "engine/ForcedStrategy.h"

#include <QList>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <vector>

namespace cropdeck::bench {

// The image's windows as crop windows on stored pixels (ids "0", "1", ...).
QList<CropWindow> storedWindows(const BenchImage& image);

// The settings every CropDeck engine crops with: boxes on stored pixels, nothing else changed.
CropSettings benchCropSettings();

// Every window's pixels, in window order, by cropImage() (forced.isAuto()) or cropImageForced(); with
// `resizeTo` valid, resized to it as --resize WxH does (the planner may then decode at a DCT scale).
Result<std::vector<cv::Mat>> cropDeckCrops(const BenchImage& image, const ForcedStrategy& forced,
                                           bool toStored, QSize resizeTo = {});

// "plan jpeg-bands×1": the decoders the same call used (RegionReader::plan()), for engine details.
QString cropDeckPlan(const BenchImage& image, const ForcedStrategy& forced);

} // namespace cropdeck::bench
