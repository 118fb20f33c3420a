// SPDX-License-Identifier: GPL-3.0-or-later
// ProtectedFiles, the overwrite guard's set of sources: any spelling of a protected file is caught (a
// link to its folder, a hard link), in existing folders and in folders that do not exist yet (a new
// output folder, checked with one look at the folder instead of one per output).

#include "io/FileIdentity.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

using namespace cropdeck;

class TestFileIdentity : public QObject {
    Q_OBJECT

private slots:
    void spellingsOfAProtectedFileAreCaught() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("images"));
        const QString source = dir.filePath("images/a.jpg");
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("x") == 1);
        file.close();
        ProtectedFiles sources;
        sources.insert(source);
        QVERIFY(sources.contains(source));
        QVERIFY(sources.contains(dir.filePath("images/./a.jpg")));
        QVERIFY(!sources.contains(dir.filePath("images/b.jpg")));
#if defined(Q_OS_UNIX)
        QVERIFY(QFile::link(dir.filePath("images"), dir.filePath("link")));
        QVERIFY(sources.contains(dir.filePath("link/a.jpg"))); // the folder through a link
        QVERIFY(::link(QFile::encodeName(source).constData(),
                       QFile::encodeName(dir.filePath("hard.jpg")).constData()) == 0);
        QVERIFY(sources.contains(dir.filePath("hard.jpg"))); // another name for the same inode
#endif
    }

    // Outputs in a folder that does not exist: nothing can be there, only a protected name can match;
    // asked again after the folder appeared, the set keeps its first answer (one plan, one look).
    void missingFolderHoldsOnlyNames() {
        QTemporaryDir dir;
        ProtectedFiles sources;
        sources.insert(dir.filePath("new/a.jpg")); // protected by name: it does not exist either
        QVERIFY(sources.contains(dir.filePath("new/a.jpg")));
        QVERIFY(!sources.contains(dir.filePath("new/b.jpg")));
        QVERIFY(!sources.contains(dir.filePath("new/deeper/a.jpg")));
#if defined(Q_OS_UNIX)
        // Under a link to a real folder, the missing part is resolved through the link.
        QVERIFY(QDir(dir.path()).mkpath("real"));
        QVERIFY(QFile::link(dir.filePath("real"), dir.filePath("alias")));
        ProtectedFiles linked;
        linked.insert(dir.filePath("real/sub/x.jpg"));
        QVERIFY(linked.contains(dir.filePath("alias/sub/x.jpg")));
#endif
    }
};

QTEST_GUILESS_MAIN(TestFileIdentity)
#include "test_file_identity.moc"
