// SPDX-License-Identifier: GPL-3.0-or-later
// File → Open Recent: newest first, no duplicates, at most kMaxRecent, gone files left out, and each
// entry reopens what it opened (a project, or images with their annotations).

#include "batch/ProjectFile.h"
#include "ui/RecentSessions.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::ui;

class TestRecentSessions : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        for (int i = 0; i < 12; ++i)
            QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("set%1").arg(i))));
        QFile file(m_dir.filePath("boxes.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    void newestFirstWithoutDuplicates() {
        QSettings settings(m_dir.filePath("a.ini"), QSettings::IniFormat);
        RecentSessions recent(settings);
        const RecentSession a{{}, m_dir.filePath("set0"), m_dir.filePath("boxes.csv")};
        const RecentSession b{{}, m_dir.filePath("set1"), {}};
        recent.add(a);
        recent.add(b);
        recent.add(a);
        QCOMPARE(recent.sessions(), (QList<RecentSession>{a, b}));
        recent.add({}); // nothing opened: nothing recorded
        QCOMPARE(recent.sessions().size(), 2);
    }

    void keepsAtMostTheLimit() {
        QSettings settings(m_dir.filePath("b.ini"), QSettings::IniFormat);
        RecentSessions recent(settings);
        for (int i = 0; i < 12; ++i)
            recent.add({{}, m_dir.filePath(QStringLiteral("set%1").arg(i)), {}});
        const QList<RecentSession> sessions = recent.sessions();
        QCOMPARE(sessions.size(), RecentSessions::kMaxRecent);
        QCOMPARE(sessions.first().images, m_dir.filePath("set11"));
        QCOMPARE(sessions.last().images, m_dir.filePath("set2"));
    }

    void survivesRestartAndDropsGoneFiles() {
        {
            QSettings settings(m_dir.filePath("c.ini"), QSettings::IniFormat);
            RecentSessions recent(settings);
            recent.add({{}, m_dir.filePath("set3"), {}});
            recent.add({{}, m_dir.filePath("set4"), {}});
        }
        QVERIFY(QDir(m_dir.filePath("set4")).removeRecursively());
        QSettings settings(m_dir.filePath("c.ini"), QSettings::IniFormat);
        RecentSessions recent(settings);
        QCOMPARE(recent.sessions(), (QList<RecentSession>{{{}, m_dir.filePath("set3"), {}}}));
        recent.clear();
        QVERIFY(recent.sessions().isEmpty());
    }

    void labels() {
        QCOMPARE((RecentSession{"/d/poles.cropdeck", "/d/img", "/d/a.xml"}.label()),
                 QString("poles.cropdeck"));
        QCOMPARE((RecentSession{{}, "/d/images", "/d/train.json"}.label()), QString("train.json — images"));
        QCOMPARE((RecentSession{{}, "/d/photos", {}}.label()), QString("photos"));
        QCOMPARE((RecentSession{{}, {}, "/d/train.json"}.label()), QString("train.json"));
    }

    void reopensWhatItOpened() {
        OpenRequest opened;
        opened.request.images = m_dir.filePath("set5");
        opened.request.annotations = m_dir.filePath("boxes.csv");
        opened.request.settings.jpegQuality = 50; // batch settings are not part of a recent entry
        const Result<OpenRequest> again = openRequestFor(recentSessionFor(opened));
        QVERIFY(again);
        QCOMPARE(again->request.images, opened.request.images);
        QCOMPARE(again->request.annotations, opened.request.annotations);

        CropProject project;
        project.request.images = m_dir.filePath("set6");
        QVERIFY(saveProject(project, m_dir.filePath("p.cropdeck")));
        OpenRequest fromProject;
        fromProject.projectPath = m_dir.filePath("p.cropdeck");
        const RecentSession session = recentSessionFor(fromProject);
        QCOMPARE(session.project, m_dir.filePath("p.cropdeck"));
        const Result<OpenRequest> reopened = openRequestFor(session);
        QVERIFY2(reopened, reopened ? "" : qPrintable(reopened.error().message));
        QCOMPARE(reopened->projectPath, m_dir.filePath("p.cropdeck"));
        QCOMPARE(reopened->request.images, m_dir.filePath("set6"));

        const Result<OpenRequest> gone = openRequestFor(RecentSession{{}, m_dir.filePath("nope"), {}});
        QVERIFY(!gone);
        QVERIFY(gone.error().message.contains(m_dir.filePath("nope")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestRecentSessions)
#include "test_recent_sessions.moc"
