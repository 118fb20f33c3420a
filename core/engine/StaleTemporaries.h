// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Temporary files that interrupted runs left in an output folder, and how a run tells its own from
// those of a run that died.
//
// io/AtomicFileWriter writes every output to ".cropdeck-<random>.tmp" beside it (Unix), then renames it.
// A process killed between the two (kill -9, power loss, OOM killer) leaves the temporary behind.
// Its name carries no process id, so ownership is decided per output folder with a claim file:
// every batch holds ".cropdeck-run-<pid>-<random>.lock" (a QLockFile: pid, host name, program name) in
// the top of its output folder while it runs. On claiming, a run
//   * removes claim files whose process is gone (same host, pid no longer running that program);
//   * if another claim is still live (a concurrent run into the same folder, in this or another
//     process, or any claim from another host, which cannot be checked), removes no temporaries at all;
//   * otherwise removes every file in the folder and its sub-folders whose name matches the writer's
//     pattern exactly (isWriterTemporaryName) and whose modification time is before its own claim's.
// User files (any other name, including other ".tmp" files), folders and symbolic links are never
// touched. A run that was killed leaves its claim file; the next run removes it.
//
// Threading: an OutputFolderClaim is used from one thread; different claims are independent.

#include <QString>
#include <QStringList>

#include <memory>

class QLockFile;

namespace cropdeck {

// True for names AtomicFileWriter gives its temporaries: ".cropdeck-" + 1 to 13 base-36 digits + ".tmp".
// Keep in step with createTemporary() in io/AtomicFileWriter.cpp.
bool isWriterTemporaryName(const QString& fileName);

struct TemporaryCleanup {
    int removed = 0;
    int keptForLiveRun = 0; // left because another run may be writing them
    QStringList liveRuns;   // "pid 123 on host" of the claims that are still live
    QStringList failures;   // "path: reason" of temporaries that could not be removed
    QString claimProblem;   // set when this run could not create its own claim (then nothing is removed)

    // What to tell the user, one line each; empty when there is nothing to say.
    QStringList messages(const QString& outputDir) const;
};

class OutputFolderClaim {
public:
    OutputFolderClaim();
    ~OutputFolderClaim(); // releases the claim (removes its file)
    OutputFolderClaim(const OutputFolderClaim&) = delete;
    OutputFolderClaim& operator=(const OutputFolderClaim&) = delete;

    // Claims `outputDir` (which must exist) for this run and removes what dead runs left (see above).
    TemporaryCleanup claim(const QString& outputDir);
    void release();

private:
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace cropdeck
