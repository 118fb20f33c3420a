// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One way of cropping a case, behind the small interface the harness times and verifies.
//
// Life of an engine on a case: begin(case) (untimed setup: scratch files, a jobs list), warmUp(threads)
// (one untimed pass; fills the page cache), runPass(threads) for each trial, crops(i) for every image
// when the trials are done (the crops of the last pass where the engine writes files, else recomputed
// untimed by the same code), end(). Engines are used from one thread; a pass may use `threads` workers.
// Cancellation: the harness hands every engine its cancel flag (watchCancel) before begin(); an engine
// that can stop a pass midway cheaply polls it (the in-process ones between images; peers and commands
// kill the program they are waiting for, WatchedProcess.h). A pass cut short
// is never reported: the run then ends as cancelled.

#include "Result.h"
#include "bench/BenchCase.h"
#include "bench/CropVerifier.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <atomic>
#include <vector>

namespace cropdeck::bench {

enum class EngineKind {
    CropDeck,  // CropDeck's own code paths
    InProcess, // other libraries called from this process (OpenCV C++)
    Peer,      // other programs, run the way their users run them
};

struct PassResult {
    double seconds = 0;
    quint64 fold = 0; // a checksum of the outputs, so no work can be skipped; 0 for engines that write files
    int failures = 0; // crops the pass could not make
};

class BenchEngine {
public:
    virtual ~BenchEngine() = default;

    virtual QString name() const = 0;
    virtual EngineKind kind() const = 0;
    // Empty when the engine can run here; otherwise "unavailable: <reason>" without the prefix.
    virtual QString unavailableReason() const { return {}; }
    // Empty when the engine applies to every image of the case; otherwise why not, naming the image
    // (e.g. "img_003.jpg: no restart markers"). Such a case is reported as not applicable, never run.
    // Called before begin(); may read the images' headers.
    virtual QString notApplicableTo(const BenchCase& benchCase) const {
        (void)benchCase;
        return {};
    }
    // How the crops are verified: the reference's pixels (the default), or what CropExpectation says
    // for an output that differs from the stored pixels by design.
    virtual CropExpectation expectation() const { return {}; }
    // True when the engine honours BenchCase::resizeTo (cases that resize skip the others).
    virtual bool resizes() const { return false; }
    // False: the engine runs on one thread whatever --threads says (reported as 1 thread).
    virtual bool takesThreads() const { return true; }
    // Versions, commands, CropDeck's decode plan: what a reader needs to reproduce the figure.
    virtual QString detail() const { return {}; }

    // Set before begin(); may be null. Engines that cannot stop midway ignore it (the harness also
    // checks it between passes).
    virtual void watchCancel(const std::atomic_bool* cancel) { (void)cancel; }

    virtual Status begin(const BenchCase& benchCase) = 0;
    virtual Status warmUp(int threads) {
        Result<PassResult> pass = runPass(threads);
        return pass ? Status() : Status(pass.error());
    }
    virtual Result<PassResult> runPass(int threads) = 0;
    // The crops of image `imageIndex` of the begun case, in window order (8-bit gray, BGR or BGRA).
    virtual Result<std::vector<cv::Mat>> crops(int imageIndex) = 0;
    virtual void end() {}
};

} // namespace cropdeck::bench
