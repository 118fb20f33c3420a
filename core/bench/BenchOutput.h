// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What every engine makes of its crops, so that a write's cost is counted when it is asked for
// (`cropdeck --bench --output memory|disk|tmpfs --format F --quality Q --png-level L`):
//   memory  the crops stay in memory: decoded pixels, or with --format each crop encoded into a buffer
//           (the encoder's cost counted, no file written);
//   disk    each crop encoded (--format, PNG when none is named) and written to a file in a scratch
//           folder in the system's temporary folder, or under --out DIR (never a tmpfs);
//   tmpfs   the same under /dev/shm (or --out DIR on a tmpfs): the write is a memory copy, the disk out.
// Every engine gets the same format and level or quality and writes the way its users write: CropDeck as
// --batch does (its encoder, a temporary per file and one sync per image before the renames: the files
// are durable), OpenCV with cv::imwrite, the peers with their own save calls (none of them syncs). What
// was written is what is verified: the files (or buffers) are decoded and compared with the reference.
// Lossy formats cannot be compared sample by sample, so their crops must be as faithful as CropDeck's
// own encoder makes the reference crop at the same settings (see CropVerifier.h).

#include "Result.h"
#include "io/OutputFormat.h"

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace cropdeck::bench {

enum class OutputTarget { Memory, Disk, Tmpfs };

// How an in-process engine encodes and writes: CropDeck's way or OpenCV's (CropOutputs.h).
enum class WriterStyle { CropDeck, OpenCv };

struct OutputSpec {
    OutputTarget target = OutputTarget::Memory;
    OutputFormat format = OutputFormat::SameAsInput; // SameAsInput: not named (memory: not encoded)
    int quality = 90;                                // JPEG and WebP
    int pngLevel = 1;                                // CropDeck's default
    QString folder; // disk, tmpfs: where the engines' scratch folders are made (resolveOutputFolder)

    // True when the crops are encoded (a format named, or written to files).
    bool encodes() const { return target != OutputTarget::Memory || format != OutputFormat::SameAsInput; }
    // The format written: the one named, PNG for files when none is named.
    OutputFormat effectiveFormat() const;
    // JPEG, or WebP (always lossy here: --quality applies).
    bool lossy() const;
    EncodeOptions encodeOptions() const;
    QString extension() const; // "png", "jpg", ...
    // e.g. "memory (pixels)", "memory (png level 1)", "tmpfs (jpeg q90) in /dev/shm"
    QString describe() const;

    bool operator==(const OutputSpec&) const = default;
};

QString outputTargetName(OutputTarget target); // "memory", "disk", "tmpfs"
Result<OutputTarget> parseOutputTarget(const QString& text);

// Sets spec.folder for disk and tmpfs: `chosen` when given, else the system's temporary folder (disk)
// or /dev/shm (tmpfs). The folder must exist and be writable, and be a tmpfs for tmpfs and not one for
// disk; Invalid with the reason otherwise. Memory outputs need no folder.
Status resolveOutputFolder(OutputSpec& spec, const QString& chosen);

// CropDeck's encoding of a crop at the spec's settings (io/Encoder, the batch's encoder).
Result<QByteArray> encodeCrop(const cv::Mat& pixels, const OutputSpec& spec, const QString& nameForMessages);

// Decodes an output (a file or a buffer) the way the verifier reads outputs: every channel, no EXIF
// rotation; an empty Mat when it cannot be decoded.
cv::Mat decodeOutputFile(const QString& path);
cv::Mat decodeOutputBytes(const QByteArray& bytes);

} // namespace cropdeck::bench
