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
    }
    void sanitizes() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(sanitizeFileNameComponent(input), expected);
    }
};

QTEST_APPLESS_MAIN(TestOutputNaming)
#include "test_output_naming.moc"
