// SPDX-License-Identifier: GPL-3.0-or-later
// io/DescriptorTable: reserveDescriptorTable() grows the descriptor table at once (Linux reports its size
// as FDSize in /proc/self/status), leaves no descriptor open, and stays within the descriptor limit.

#include "io/DescriptorTable.h"

#include <QDir>
#include <QFile>
#include <QTest>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif

using namespace cropdeck;

namespace {

// The table's size as Linux reports it; -1 elsewhere.
int descriptorTableSize() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("FDSize:"))
            return line.mid(7).trimmed().toInt();
    return -1;
}

int openDescriptors() {
    return int(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size());
}

int descriptorLimit() {
#if defined(Q_OS_UNIX)
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        return int(std::min<rlim_t>(limit.rlim_cur, 1 << 20));
#endif
    return 1 << 20;
}

} // namespace

class TestDescriptorTable : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (descriptorTableSize() < 0)
            QSKIP("no /proc/self/status FDSize here (not Linux): nothing to observe");
    }

    void growsTheTableAtOnceAndLeavesNothingOpen() {
        const int before = descriptorTableSize();
        const int wanted = std::min(before * 8, descriptorLimit());
        if (wanted <= before)
            QSKIP("the descriptor limit leaves no room to grow the table");
        const int open = openDescriptors();
        reserveDescriptorTable(wanted);
        QVERIFY2(descriptorTableSize() >= wanted,
                 qPrintable(
                     QStringLiteral("FDSize %1 after reserving %2").arg(descriptorTableSize()).arg(wanted)));
        QCOMPARE(openDescriptors(), open);
    }

    void staysWithinTheLimit() {
        const int open = openDescriptors();
        reserveDescriptorTable(descriptorLimit() + 1000); // past the limit: as far as the limit allows
        QVERIFY(descriptorTableSize() >= descriptorLimit());
        QCOMPARE(openDescriptors(), open);
        reserveDescriptorTable(0); // nothing to do
        reserveDescriptorTable(-5);
        QCOMPARE(openDescriptors(), open);
    }
};

QTEST_APPLESS_MAIN(TestDescriptorTable)
#include "test_descriptor_table.moc"
