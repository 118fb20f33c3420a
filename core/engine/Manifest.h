// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The batch manifest: an append-only JSON-lines file in the output folder, one line per finished
// window: {"source", "window", "index", "output", "status": "ok"|"error"|"skipped", "bytes", "error"}.
// A re-run with --resume skips every window whose line says "ok" and whose output still exists with the
// recorded size. Lines are written whole and flushed one at a time, so an interrupted batch leaves at
// worst one torn last line, which reading ignores.
//
// Threading: ManifestWriter::append is safe to call from any thread.

#include "Result.h"

#include <QFile>
#include <QSet>
#include <QString>

#include <mutex>

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
    QString note; // e.g. the MCU-aligned rectangle a lossless crop holds
};

class ManifestWriter {
public:
    ManifestWriter() = default;
    ManifestWriter(const ManifestWriter&) = delete;
    ManifestWriter& operator=(const ManifestWriter&) = delete;

    // Opens (creating) the manifest for appending.
    Status open(const QString& path);
    Status append(const ManifestEntry& entry);
    void close();

private:
    std::mutex m_mutex;
    QFile m_file;
};

// Outputs (relative paths) recorded as "ok" whose file exists in `outputDir` with the recorded size.
// A missing manifest gives an empty set; torn or malformed lines are skipped and counted.
struct FinishedOutputs {
    QSet<QString> outputs;
    int malformedLines = 0;
};
Result<FinishedOutputs> readFinishedOutputs(const QString& manifestPath, const QString& outputDir);

QByteArray manifestLine(const ManifestEntry& entry);

} // namespace cropdeck
