// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/bench: what an in-process engine does with each image's crops when the run asks for
// encoded outputs (BenchOutput.h), written the way the library that made them writes:
//   CropDeck  its encoder (io/Encoder, the batch's), a temporary per file and, per image, one sync
//             before the renames (io/AtomicFileGroup, as --batch writes: durable files);
//   OpenCV    cv::imencode into memory, cv::imwrite to files (no sync).
// Files go to a scratch folder made in begin() under the spec's folder, named <image>_<window>.<ext>,
// and are removed by end(). written() gives back what was written, decoded, for the verifier.
//
// Threading: writeCrops() may run on several threads at once (one image each); the rest on one thread.

#include "Result.h"
#include "bench/BenchOutput.h"

#include <QTemporaryDir>

#include <opencv2/core/mat.hpp>

#include <memory>
#include <vector>

namespace cropdeck::bench {

class CropOutputs {
public:
    explicit CropOutputs(WriterStyle style)
        : m_style(style) {}

    Status begin(const OutputSpec& spec, const QString& engineName);
    bool encodes() const { return m_spec.encodes(); }

    // Encodes (and for files writes) the crops of image `imageIndex`; returns a fold of what was made
    // (sizes and a few bytes, so that no encoder work can be dropped).
    Result<quint64> writeCrops(int imageIndex, const std::vector<cv::Mat>& crops) const;

    // The outputs of image `imageIndex` decoded: its files as the last pass wrote them, or for memory
    // outputs `crops` encoded again (the same call the pass made) and decoded.
    Result<std::vector<cv::Mat>> written(int imageIndex, const std::vector<cv::Mat>& crops,
                                         int windowCount) const;

    void end() { m_scratch.reset(); }

private:
    Result<QByteArray> encode(const cv::Mat& crop, const QString& name) const;
    QString pathFor(int imageIndex, int window) const;

    WriterStyle m_style;
    OutputSpec m_spec;
    std::unique_ptr<QTemporaryDir> m_scratch;
};

} // namespace cropdeck::bench
