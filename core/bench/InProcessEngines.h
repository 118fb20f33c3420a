// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Engines that crop inside this process, one image per task on a thread pool (or one image after
// another): CropDeck's planner (cropImage), CropDeck's strategies forced one at a time
// (ForcedEngines.h), and OpenCV's full decode + crop, serial and pooled. When the case asks for encoded
// outputs (BenchOutput.h) every crop is also encoded, and written, in the timed pass (CropOutputs.h).
// cropImage() writes upright outputs whatever the coordinates (the batch's rule); its crops of an image
// with an EXIF orientation are turned back to the stored pixels, losslessly, before they are verified.

#include "bench/BenchEngine.h"
#include "bench/BenchOutput.h"

#include <functional>
#include <memory>

namespace cropdeck::bench {

// Crops every window of one image (in window order), 8-bit pixels as core returns them.
using ImageCropFunction = std::function<Result<std::vector<cv::Mat>>(const BenchImage&)>;

struct InProcessSpec {
    QString name;
    EngineKind kind = EngineKind::InProcess;
    bool parallel = true; // false: images one after another on the calling thread
    QString detail;
    ImageCropFunction crop;
    // The crops to verify, when they differ from `crop`'s by a lossless step kept out of the timing
    // (CropDeck writes upright outputs: they are turned back to the stored orientation). Empty: `crop`.
    ImageCropFunction verifiedCrop = {};
    // Untimed, once per case: what the engine does with the case's first image (CropDeck's decode plan).
    std::function<QString(const BenchImage&)> describe = {};
    // How encoded outputs are made and written (BenchOutput.h): CropDeck's way or OpenCV's.
    WriterStyle writer = WriterStyle::CropDeck;
    // Turns a crop as written back to the stored pixels for the verifier (CropDeck writes upright
    // crops); empty: written crops are in stored pixels already. Lossless (a pixel permutation).
    std::function<cv::Mat(const BenchImage&, cv::Mat)> writtenToStored = {};
    // Empty when the engine applies to the image; else why not (BenchEngine::notApplicableTo names the
    // first image that does not qualify). Empty function: applies everywhere.
    std::function<QString(const BenchImage&)> notApplicable = {};
    // Engines whose crops are not the stored pixels by design (DCT-scaled, lossless JPEG) do not apply
    // to cases with encoded outputs: their expectation describes their own pixels, not an encoding's.
    CropExpectation expectation = {};
    // The crops resized to `size`, upright (BenchCase::resizeTo), in stored pixels when `toStored`; empty:
    // the engine does not resize (cases that resize skip it).
    std::function<Result<std::vector<cv::Mat>>(const BenchImage&, QSize size, bool toStored)> cropResized =
        {};
};

// An engine from a crop function; tests build deliberately wrong or slow ones this way.
std::unique_ptr<BenchEngine> makeInProcessEngine(InProcessSpec spec);

// "cropdeck", the forced engines of makeForcedEngines(), "opencv-serial", "opencv-pool".
std::vector<std::unique_ptr<BenchEngine>> makeInProcessEngines();

// A cheap fold of a crop (a few samples per row) so that no compiler can drop the work that made it.
quint64 foldPixels(const cv::Mat& pixels);

} // namespace cropdeck::bench
