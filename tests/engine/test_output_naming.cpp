// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/OutputNaming.h"

#include <QTest>

using namespace cropdeck;

class TestOutputNaming : public QObject {
    Q_OBJECT
private slots:
    void expands_data() {
        QTest::addColumn<QString>("nameTemplate");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default") << "{stem}_{index}_{label}.{ext}"
                                 << "a/photo.jpeg"
                                 << "cat"
                                 << "photo_3_cat.jpg";
        QTest::newRow("empty label") << "{stem}_{label}.{ext}"
                                     << "photo.jpg"
                                     << ""
                                     << "photo_unlabeled.jpg";
        QTest::newRow("label with slash") << "{stem}_{label}.{ext}"
                                          << "p.jpg"
                                          << "../../etc/passwd"
                                          << "p__.._etc_passwd.jpg";
        QTest::newRow("dir kept") << "{dir}/{stem}_{id}.{ext}"
                                  << "a/b/p.jpg"
                                  << "x"
                                  << "a/b/p_w7.jpg";
        QTest::newRow("dir flat") << "{dir}/{stem}.{ext}"
                                  << "p.jpg"
                                  << "x"
                                  << "p.jpg";
        QTest::newRow("dir escape") << "{dir}/{stem}.{ext}"
                                    << "../../p.jpg"
                                    << "x"
                                    << "p.jpg";
        QTest::newRow("reserved name") << "{label}.{ext}"
                                       << "p.jpg"
                                       << "CON"
                                       << "_CON.jpg";
        QTest::newRow("unicode") << "{stem}_{label}.{ext}"
                                 << "ёжик.jpg"
                                 << "猫"
                                 << "ёжик_猫.jpg";
        QTest::newRow("image index") << "{image}-{name}-{index}.{ext}"
                                     << "p.jpg"
                                     << "x"
                                     << "5-p.jpg-3.jpg";
    }
    void expands() {
        QFETCH(QString, nameTemplate);
        QFETCH(QString, source);
        QFETCH(QString, label);
        QFETCH(QString, expected);
        QVERIFY(validateNameTemplate(nameTemplate).ok());
        QCOMPARE(expandNameTemplate(nameTemplate,
                                    {source, label, QStringLiteral("w7"), 3, 5, QStringLiteral("jpg")}),
                 expected);
    }

    // One namer for a whole plan (images, then their windows) names every window as a fresh expansion
    // does, whatever came before: the image's parts and the cached label follow each change.
    void reusedNamerMatchesFreshExpansion() {
        struct Window {
            QString source;
            QString label;
            QString id;
            int index;
            int image;
            QString extension;
        };
        const QList<Window> windows = {
            {"a/photo.jpeg", "cat", "w1", 0, 0, "jpg"}, {"a/photo.jpeg", "cat", "", 1, 0, "jpg"},
            {"a/photo.jpeg", "dog", "w3", 2, 0, "jpg"}, {"a/photo.jpeg", "", "w4", 3, 0, "jpg"},
            {"a/photo.jpeg", "cat", "w5", 4, 0, "jpg"}, {"b/c/scan.tif", "cat", "x", 0, 1, "png"},
            {"b/c/scan.tif", "CON", "y", 1, 1, "png"},  {"top.png", "a/b", "z", 0, 2, "png"},
            {"../up.jpg", "..", "..", 0, 3, "webp"},    {"a/photo.jpeg", "cat", "w1", 0, 4, "jpg"},
        };
        for (const QString& nameTemplate :
             {QStringLiteral("{stem}_{index}_{label}.{ext}"),
              QStringLiteral("{dir}/{label}/{id}-{image}.{ext}"), QStringLiteral("{name}{label}"),
              QStringLiteral("fixed/{dir}/{stem}.{ext}")}) {
            QVERIFY(validateNameTemplate(nameTemplate).ok());
            OutputNamer namer(nameTemplate);
            int image = -1;
            for (const Window& w : windows) {
                if (w.image != image) {
                    namer.setImage(w.source, w.image, w.extension);
                    image = w.image;
                }
                QCOMPARE(namer.name(w.label, w.id, w.index),
                         expandNameTemplate(nameTemplate,
                                            {w.source, w.label, w.id, w.index, w.image, w.extension}));
            }
        }
        OutputNamer namer(QStringLiteral("{stem}_{label}.{ext}"));
        namer.setImage(QStringLiteral("p.jpg"), 0, QStringLiteral("jpg"));
        QCOMPARE(namer.name(QStringLiteral("cat"), {}, 0), QStringLiteral("p_cat.jpg"));
        QCOMPARE(namer.name(QStringLiteral("dog"), {}, 1), QStringLiteral("p_dog.jpg"));
        QCOMPARE(namer.name(QString(), {}, 2), QStringLiteral("p_unlabeled.jpg"));
        namer.setImage(QStringLiteral("q.png"), 1, QStringLiteral("png"));
        QCOMPARE(namer.name(QStringLiteral("dog"), {}, 0), QStringLiteral("q_dog.png"));
    }

    void rejectsBadTemplates_data() {
        QTest::addColumn<QString>("nameTemplate");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown") << "{stem}_{colour}.{ext}"
                                 << "unknown placeholder {colour}";
        QTest::newRow("unclosed") << "{stem"
                                  << "unclosed";
        QTest::newRow("stray close") << "stem}"
                                     << "unbalanced";
        QTest::newRow("absolute") << "/tmp/{stem}"
                                  << "relative path";
        QTest::newRow("parent") << "../{stem}"
                                << "relative path";
        QTest::newRow("empty") << "  "
                               << "empty";
    }
    void rejectsBadTemplates() {
        QFETCH(QString, nameTemplate);
        QFETCH(QString, messagePart);
        const Status status = validateNameTemplate(nameTemplate);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(messagePart), qPrintable(status.error().message));
    }

    void sanitizes_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "cat"
                               << "cat";
        QTest::newRow("separators") << "a/b\\c"
                                    << "a_b_c";
        QTest::newRow("reserved chars") << "a:b*c?\"<>|"
                                        << "a_b_c_____";
        QTest::newRow("dots") << "..."
                              << "_";
        QTest::newRow("trailing") << " x. "
                                  << "x";
        QTest::newRow("control") << QString("a\nb") << "a_b";
        QTest::newRow("lpt") << "lpt1.txt"
                             << "_lpt1.txt";
        QTest::newRow("device alone") << "nul"
                                      << "_nul";
        QTest::newRow("device, dot") << "aux."
                                     << "_aux";
        QTest::newRow("device, two dots") << "com9.tar.gz"
                                          << "_com9.tar.gz";
        QTest::newRow("device prefix") << "console"
                                       << "console";
        QTest::newRow("device in a word") << "conx.txt"
                                          << "conx.txt";
        QTest::newRow("device, ten") << "com10"
                                     << "com10";
    }
    void sanitizes() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(sanitizeFileNameComponent(input), expected);
    }
};

QTEST_APPLESS_MAIN(TestOutputNaming)
#include "test_output_naming.moc"
