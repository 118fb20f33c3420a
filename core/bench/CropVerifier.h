// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Checks every crop of an engine against the reference: OpenCV's full decode of the *stored* pixels
// (IMREAD_UNCHANGED | IMREAD_IGNORE_ORIENTATION) cut at the same rectangle. Outputs are compared as
// they are, with two normalisations that lose nothing: three equal channels count as one gray channel
// when the reference is gray, and an opaque alpha channel is dropped when the reference has none.
//
// Verdicts: identical; close (every sample within `tolerance`, default 2, which covers decoders that
// round their IDCT or upsampling differently: the crop is of the right place); wrong (a larger
// difference, another size or channel count, a missing or unreadable crop, a failed pass).
//
// Lossy outputs (JPEG, WebP: BenchOutput.h) differ from the reference by design, so a sample tolerance
// cannot judge them. Each such crop is held to what an honest encoder makes of the right pixels: its PSNR
// against the reference must reach that of the reference crop round-tripped through CropDeck's own
// encoder at the same settings (capped at kLossyCeilingDb), less kLossyMarginDb (encoders differ by a dB or
// two at one quality; a crop of the wrong place, shifted by one pixel, loses far more on natural pictures).
// Such crops are "close" (or identical when every sample matches).
//
// An engine whose output differs from the stored pixels by design states a CropExpectation instead:
// DCT-domain downscaling is compared with the reference downscaled the same way (cv::resize INTER_AREA
// of the whole reference to the scaled image size, ceil(W/s) x ceil(H/s), cut at the window's scaled
// rectangle, DecodeTypes.h); a lossy expectation judges by PSNR over every compared sample (right when
// at least minimumPsnr dB) instead of the largest difference. Every crop must still be there, with the
// expected size and channels.

#include "Result.h"
#include "bench/BenchCase.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <vector>

namespace cropdeck::bench {

enum class Verdict { NotRun, Identical, Close, Wrong };

inline constexpr int kDefaultTolerance = 2;
// Resized crops (BenchCase::resizeTo) against the reference crop resized by OpenCV (area). Decoding at a
// DCT scale before the resize, as CropDeck's planner does, is another resampling: 1024x1024 to 224x224
// through a 1/4 DCT decode measured 35-42 dB on the seed pictures. A window 8 pixels off measured 29 dB,
// 32 pixels off 21 dB, swapped colours 15 dB; shifts under the resize's own step (4 pixels here) cannot be
// told from resampling and are not claimed.
inline constexpr double kResizedMinimumPsnr = 30.0;
inline constexpr double kLossyMarginDb = 3.0;
inline constexpr double kLossyCeilingDb = 50.0; // PSNRs above this count as this (rounding only)

struct CropExpectation {
    int dctScale = 1;       // 2, 4, 8: crops are the windows decoded at 1/dctScale (DecodeTypes.h)
    double minimumPsnr = 0; // > 0: lossy by design, right when PSNR >= this; 0: the tolerance rule

    // "" for the default; else e.g. "judged by PSNR (...): right at 40 dB or more against the reference
    // downscaled 1/2 (INTER_AREA)", for engine details.
    QString describe() const;
};

struct Verification {
    int cropsExpected = 0;
    int cropsChecked = 0; // compared with the reference, whatever the outcome
    int cropsDiffering = 0;
    int maxAbsDiff = 0;
    double squaredError = 0; // summed over every compared sample
    double samples = 0;
    QString problem; // the first reason for a wrong verdict; empty otherwise
    // Lossy outputs (compareLossyCrop): the verdict ignores the tolerance and a crop below its round
    // trip's PSNR less kLossyMarginDb is a problem. worstMarginDb is the lowest crop PSNR minus round-trip
    // PSNR seen (negative: worse than CropDeck's own encode).
    bool lossy = false;
    double worstMarginDb = 0;
    int marginsMeasured = 0;

    Verdict verdict(int tolerance = kDefaultTolerance, double minimumPsnr = 0) const;
    double psnr() const; // dB over every compared sample; +inf when identical, 0 when nothing was compared
};

// The reference crops of one image, in window order; with dctScale > 1, the reference downscaled as
// the header says.
Result<std::vector<cv::Mat>> referenceCrops(const BenchImage& image, int dctScale = 1);

// A window's rectangle in an image decoded at 1/scale: [floor(x/s), ceil((x+w)/s)) on each axis, clipped
// to ceil(W/s) x ceil(H/s) (what a DCT-scaled decode returns, DecodeTypes.h).
QRect scaledWindow(const QRect& window, QSize imageSize, int scale);

// The reference crops resized to `upright` (the size of the upright output: swapped for images whose EXIF
// orientation transposes them, since the crops compared are in stored pixels), area when shrinking,
// bilinear when enlarging, as CropDeck's resize step.
Result<std::vector<cv::Mat>> resizedReferenceCrops(const BenchImage& image, QSize upright);

// Adds one crop's comparison; `where` names it in a problem ("img_003.jpg window 2").
void compareCrop(Verification& verification, const cv::Mat& reference, const cv::Mat& output,
                 const QString& where);

// The same for a lossy output: `roundTrip` is the reference crop encoded by CropDeck at the run's
// settings and decoded (BenchOutput.h).
void compareLossyCrop(Verification& verification, const cv::Mat& reference, const cv::Mat& roundTrip,
                      const cv::Mat& output, const QString& where);

// Records a crop that could not be compared (missing, unreadable, the engine failed).
void addMissingCrop(Verification& verification, const QString& where, const QString& why);

QString verdictName(Verdict verdict); // "identical", "close", "wrong", "not-run"
Verdict verdictFromName(const QString& name);

} // namespace cropdeck::bench
