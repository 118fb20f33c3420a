// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to engine/BatchJobContext: the sink that encodes each window of one range as it is cut,
// writes it to a temporary (io/AtomicFileGroup), and every kGroupFiles files (or kGroupBytes) makes the
// group durable with one sync, renames it into place and only then records it in the manifest. A crash
// therefore never leaves a manifest line for a file that is not complete on disk, and the crops of an
// image cost one sync per group, not two per file. The output folder's identity is checked before a
// group's first file and before its renames: a folder deleted or replaced midway is a fatal error.
// The sync, the renames and the manifest lines run on the batch's committer thread
// (engine/GroupCommitter) while the writer goes on with the next windows; the image waits for its
// commits (Shared::commits) before it counts as done.
//
// Threading: one writer per range, used by one thread; the Shared state is the image's.

#include "engine/BatchJobContext.h"
#include "engine/GroupCommitter.h"
#include "engine/ImageCropper.h"
#include "io/AtomicFileGroup.h"

#include <QList>

#include <atomic>
#include <optional>
#include <vector>

namespace cropdeck {

class OutputGroupWriter : public WindowSink {
public:
    // Small enough that the commits of one dense image overlap (engine/GroupCommitter).
    static constexpr int kGroupFiles = 256;
    static constexpr qint64 kGroupBytes = 64ll << 20;
    // The unnamed files a batch on `workers` threads may hold open at once: a group filling on each
    // worker, one committing on each committer thread, and the commits waiting in its queue.
    static int filesHeldAtMost(int workers) {
        return (workers + GroupCommitter::threadsFor(workers) + GroupCommitter::waitingFor(workers)) *
               kGroupFiles;
    }

    struct Shared {
        BatchJobContext& context;
        const PlannedImage& image;
        const QList<int>& pendingIndex; // window index in the cropper's list → index in the image
        std::vector<char>& delivered;   // per cropper window: reached a writer
        GroupCommitter& committer;
        QString outputPrefix; // the output folder as QDir::filePath() joins it, up to the name
        std::atomic_bool damageReported{false};
        CommitCount commits; // submitted, not yet recorded

        // Every Shared outlives its writers' commits (they refer to it).
        ~Shared() { commits.waitForAll(); }
    };

    explicit OutputGroupWriter(Shared& shared)
        : m_shared(shared) {}
    ~OutputGroupWriter() override = default; // an uncommitted group removes its temporaries

    void take(CroppedWindow&& window) override;
    void end() override { commit(); }

private:
    void write(int w, const CroppedWindow& window);
    // Hands the group to the committer; the writer starts a new one.
    void commit();
    static void commitGroup(Shared& shared, AtomicFileGroup& group, std::vector<WrittenOutput>& written);

    Shared& m_shared;
    AtomicFileGroup m_group;
    std::vector<WrittenOutput> m_written; // one per file in m_group, same order
    QString m_preparedFolder;             // of the last output, made by prepareFolderFor()
    QString m_formatSuffix;               // the last output's extension, and its format
    std::optional<OutputFormat> m_format;
};

} // namespace cropdeck
