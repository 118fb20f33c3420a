// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The entry code shared by the libFuzzer targets (fuzz_*.cpp) and test_fuzz_regressions: one input, as
// bytes, becomes the file or folder a reader expects; the reader runs with its format forced (or, for
// "detect", found by content); the outcome is checked against the readers' contract (AnnotationIO.h):
// either an Error whose message names the file, or a set whose issues name their file and whose boxes are
// finite, bounded and uniquely named. The fuzzer aborts on a broken contract; the test reports it.

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace cropdeck::fuzz {

enum class FuzzReader { Voc, Coco, Yolo, LabelMe, Csv, CentreScale, Detect };

// "voc", "coco", "yolo", "labelme", "csv", "centre_scale", "detect": the fuzz target suffix and the
// corpus/ and regressions/ folder names.
QString fuzzReaderName(FuzzReader reader);
std::optional<FuzzReader> fuzzReaderFromName(const QString& name);
const QList<FuzzReader>& allFuzzReaders();

// A YOLO input holds up to three files separated by this line: the label file (labels/a.txt, beside an
// image images/a.jpg of 640×480), classes.txt and data.yaml.
inline constexpr char kYoloPartSeparator[] = "\n---8<---\n";

// Writes `input` as the reader's file(s) under workDir/case (replacing what an earlier input left there),
// reads it, and returns what broke the contract, or an empty string when the reader kept it.
QString runFuzzInput(FuzzReader reader, QByteArrayView input, const QString& workDir);

// For LLVMFuzzerTestOneInput: runFuzzInput() in a temporary folder kept for the process; prints the
// problem and aborts when the contract is broken, so that libFuzzer saves the input.
void fuzzOneInput(FuzzReader reader, const uint8_t* data, size_t size);

} // namespace cropdeck::fuzz
