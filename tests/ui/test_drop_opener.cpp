// SPDX-License-Identifier: GPL-3.0-or-later
// Dropping files and folders: local paths are accepted (as a copy: nothing moves) and reported in order;
// drags that carry no local path (text, web links) are not taken.

#include "ui/DropOpener.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>
#include <QWidget>

using namespace cropdeck::ui;

class TestDropOpener : public QObject {
    Q_OBJECT
private slots:
    void localPathsOnly() {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile("/data/a.jpg"), QUrl("https://example.org/b.jpg"),
                      QUrl::fromLocalFile("/data/set")});
        QCOMPARE(localPathsIn(&mime), (QStringList{"/data/a.jpg", "/data/set"}));
        QMimeData text;
        text.setText("/data/a.jpg");
        QVERIFY(localPathsIn(&text).isEmpty());
        QVERIFY(localPathsIn(nullptr).isEmpty());
    }

    void dropReportsThePaths() {
        QWidget window;
        auto* opener = new DropOpener(&window);
        QVERIFY(window.acceptDrops());
        QSignalSpy dropped(opener, &DropOpener::dropped);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile("/data/train.json"), QUrl::fromLocalFile("/data/images")});

        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction | Qt::MoveAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        enter.ignore(); // only the opener may accept it
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QCOMPARE(enter.dropAction(), Qt::CopyAction);

        QDropEvent drop(QPointF(5, 5), Qt::CopyAction | Qt::MoveAction, &mime, Qt::LeftButton,
                        Qt::NoModifier);
        drop.ignore();
        QApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.at(0).at(0).toStringList(), (QStringList{"/data/train.json", "/data/images"}));
    }

    void textDragIsNotTaken() {
        QWidget window;
        auto* opener = new DropOpener(&window);
        QSignalSpy dropped(opener, &DropOpener::dropped);
        QMimeData mime;
        mime.setText("hello");
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        enter.ignore();
        QApplication::sendEvent(&window, &enter);
        QVERIFY(!enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        drop.ignore();
        QApplication::sendEvent(&window, &drop);
        QCOMPARE(dropped.size(), 0);
    }
};

QTEST_MAIN(TestDropOpener)
#include "test_drop_opener.moc"
