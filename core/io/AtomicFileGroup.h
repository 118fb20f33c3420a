// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Many small files made durable together. writeFileAtomically() pays two syncs per file (the file,
// then its folder), one after the other: for thousands of small crops that wait is the whole run.
// A group writes each file to a temporary (add): an unnamed file in the target's folder where Linux has
// them (O_TMPFILE, held open until commit), else a named one beside the target. commit() makes every
// temporary durable at once (one syncfs(2) per file system on Linux, else an fsync per file), gives
// each its name (linkat, or rename over a file being replaced) and syncs each folder once. The guarantee per
// file is writeFileAtomically()'s: a target only ever holds its old content or the complete new one. Until
// commit() no target is touched; temporaries of a group that is discarded (or destroyed uncommitted) are
// removed, and unnamed ones vanish by themselves if the process dies. Parent folders must exist
// (createFolders in io/AtomicFileWriter.h).
//
// Threading: a group is used by one thread at a time (it may be moved to another); different groups are
// independent.

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace cropdeck {

class AtomicFileGroup {
public:
    AtomicFileGroup() = default;
    ~AtomicFileGroup();
    AtomicFileGroup(const AtomicFileGroup&) = delete;
    AtomicFileGroup& operator=(const AtomicFileGroup&) = delete;
    // Moving hands the temporaries over (to the thread that commits them); the source is left empty.
    AtomicFileGroup(AtomicFileGroup&& other) noexcept;
    AtomicFileGroup& operator=(AtomicFileGroup&&) = delete;

    // Writes `data` to a temporary for `path`. On failure nothing of it is left and the group goes on.
    [[nodiscard]] Status add(const QString& path, QByteArrayView data);

    // Says that nothing more will be added before commit() (which may run later, on another thread):
    // a sync of the file system that begins from now on, by any group, makes these files durable, and
    // commit() skips its own when one has. Optional; commit() alone assumes the group was just written.
    void finishWriting();

    // Makes the added files durable and puts them in place; one status per add() that succeeded, in
    // order. The group is empty afterwards.
    std::vector<Status> commit();

    // Removes the temporaries; the group is empty afterwards.
    void discard();

    int size() const { return int(m_pending.size()); }
    qint64 bytes() const { return m_bytes; }

    // One added file (internal to the implementation).
    struct Pending {
        QString path;
        QByteArray target;
        QByteArray temporary; // the named temporary, when the file has no unnamed descriptor
        QByteArray folder;
        int unnamed = -1; // the open unnamed file, or -1
    };

private:
    // The absolute, encoded folder of the last path added (dense batches add thousands to one folder).
    const QByteArray& encodedFolderOf(const QString& path, qsizetype slash);

    std::vector<Pending> m_pending;
    qint64 m_bytes = 0;
    quint64 m_writtenAt = 0;    // finishWriting()'s ticket, or 0
    QString m_folderText;       // as spelled in the last path
    QByteArray m_folderEncoded; // empty until the first add()
};

} // namespace cropdeck
