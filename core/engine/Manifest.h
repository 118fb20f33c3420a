// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The batch manifest: an append-only JSON-lines file in the output folder, one line per finished
// window: {"source", "window", "index", "output", "status": "ok"|"error"|"skipped", "bytes", "error",
// "note", "damaged"}, and on "ok" lines what the output was made from (OutputDigest.h): "settings" (digest of
// the crop settings), "box" (the window's geometry), "source_bytes" and "source_mtime_ms".
//
// Resume rule: an output counts as finished when its LATEST line says "ok", the file exists with the
// recorded size, and the recorded inputs equal the ones the new run would use. Outputs made with other
// settings, for a changed box or from a changed source are cropped again (the plan says how many).
// "ok" lines with "damaged" (crops written from damaged data under FailOn::None, with what was wrong)
// are not finished either: their pixels are not all from the file, so --resume crops them again (and
// says again what is wrong), rather than keep them silently.
// Lines without the inputs (written by CropDeck before they were recorded) are not trusted: their
// outputs are cropped again, with a warning, because nothing shows they match the new settings.
//
// Robustness: lines are written whole, one write each, unbuffered. An interrupted batch or a full disk
// leaves at worst one torn line, which reading skips (and counts). A writer that opens a manifest not
// ending in '\n', or whose previous append failed, starts its next line with '\n', so a torn line never
// swallows the following record. Write errors carry the OS's reason and the manifest's path.
//
// Threading: ManifestWriter::append is safe to call from any thread.

#include "Result.h"
#include "engine/OutputDigest.h"

#include <QFile>
#include <QHash>
#include <QString>

#include <mutex>
#include <vector>

namespace cropdeck {

inline constexpr const char* kManifestFileName = "cropdeck-manifest.jsonl";

struct ManifestEntry {
    QString source; // source path as in the annotation file
    QString window; // window id
    int index = 0;  // window index within the image
    QString output; // output path relative to the output folder ('/' separated); empty when none
    QString status; // "ok", "error" or "skipped"
    qint64 bytes = 0;
    QString error;
    QString note;             // e.g. the MCU-aligned rectangle a lossless crop holds
    OutputInputs inputs = {}; // "ok" lines: what the output was made from (PlannedOutput::inputs)
    QString damage;           // "ok" lines written from damaged data (FailOn::None): what was wrong
};

class ManifestWriter {
public:
    ManifestWriter() = default;
    ManifestWriter(const ManifestWriter&) = delete;
    ManifestWriter& operator=(const ManifestWriter&) = delete;

    // Opens (creating) the manifest for appending.
    Status open(const QString& path);
    Status append(const ManifestEntry& entry);
    // Several lines in one write (a group of outputs made durable together).
    Status append(const std::vector<ManifestEntry>& entries);
    void close();

private:
    std::mutex m_mutex;
    QFile m_file;
    bool m_tornTail = false; // the file may end mid-line: the next append starts with '\n'
};

// Outputs (relative paths) that the manifest records as finished (latest line "ok", file present with
// the recorded size), with the inputs that line records (isKnown() false for lines of older versions).
// A missing manifest gives an empty set; torn or malformed lines are skipped and counted.
struct FinishedOutputs {
    QHash<QString, OutputInputs> outputs;
    int malformedLines = 0;
};
Result<FinishedOutputs> readFinishedOutputs(const QString& manifestPath, const QString& outputDir);

QByteArray manifestLine(const ManifestEntry& entry);
// The same line appended to `lines` (a group's lines go to the manifest in one write).
void appendManifestLine(QByteArray& lines, const ManifestEntry& entry);

} // namespace cropdeck
