// SPDX-License-Identifier: GPL-3.0-or-later
// NumberParse.h: the plain-decimal fast path gives exactly (bit for bit) what QString::toDouble() gives,
// takes only the text it promises to, and parseNumber()'s checks and messages hold on both paths.

#include "annotations/NumberParse.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace cropdeck;

namespace {

quint64 bitsOf(double value) {
    quint64 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

} // namespace

class TestNumberParse : public QObject {
    Q_OBJECT

private slots:
    // Random plain decimals of every length the fast path takes, with and without a fraction, signs and
    // leading zeros: each must equal toDouble() bit for bit (a fast path that multiplied by 0.1 per digit,
    // or summed the fraction apart, fails here within the first few hundred values).
    void plainDecimalsMatchToDouble() {
        QRandomGenerator random(20261207);
        int compared = 0;
        for (int n = 0; n < 200000; ++n) {
            const int digits = 1 + int(random.bounded(kPlainDecimalDigits));
            QString text;
            if (random.bounded(3) == 0)
                text += u'-';
            const int point = int(random.bounded(digits + 1)); // digits before the point; == digits: none
            for (int d = 0; d < digits; ++d) {
                if (d == point && d > 0)
                    text += u'.';
                text += QChar(u'0' + char16_t(random.bounded(10)));
            }
            bool ok = false;
            const double expected = QStringView(text).toDouble(&ok);
            QVERIFY2(ok, qPrintable(text));
            const std::optional<double> fast = parsePlainDecimal(text);
            QVERIFY2(fast.has_value(), qPrintable(text));
            QVERIFY2(bitsOf(*fast) == bitsOf(expected), qPrintable(QStringLiteral("%1: %2 vs toDouble %3")
                                                                       .arg(text)
                                                                       .arg(*fast, 0, 'g', 17)
                                                                       .arg(expected, 0, 'g', 17)));
            ++compared;
        }
        QCOMPARE(compared, 200000);
    }

    void plainDecimalEdges_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("value");
        QTest::newRow("zero") << "0" << 0.0;
        QTest::newRow("tenth") << "0.1" << 0.1;
        QTest::newRow("fifteen digits") << "999999999999999" << 999999999999999.0;
        QTest::newRow("fifteen fraction digits") << "0.12345678901234" << 0.12345678901234;
        QTest::newRow("leading zeros") << "007.50" << 7.5;
        QTest::newRow("negative") << "-35.25" << -35.25;
    }
    void plainDecimalEdges() {
        QFETCH(QString, text);
        QFETCH(double, value);
        const std::optional<double> fast = parsePlainDecimal(text);
        QVERIFY(fast.has_value());
        QCOMPARE(bitsOf(*fast), bitsOf(value));
    }

    void negativeZeroKeepsItsSign() {
        const std::optional<double> fast = parsePlainDecimal(u"-0");
        QVERIFY(fast.has_value());
        QVERIFY(std::signbit(*fast));
        QCOMPARE(std::signbit(QStringView(u"-0").toDouble()), true);
    }

    // Everything else goes to the full parser, which decides.
    void otherTextIsLeftToTheFullParser_data() {
        QTest::addColumn<QString>("text");
        for (const char* text : {"", "-", "+5", "5.", ".5", "-.5", "1e5", "1E-3", " 5", "5 ", "1,5", "0x10",
                                 "nan", "inf", "1.2.3", "--1", "1234567890123456", "0.000000000000001"})
            QTest::newRow(text) << QString::fromLatin1(text);
    }
    void otherTextIsLeftToTheFullParser() {
        QFETCH(QString, text);
        QVERIFY(!parsePlainDecimal(text).has_value());
    }

    // parseNumber() takes the same values either way and keeps its checks.
    void parseNumberChecks() {
        QString why;
        QCOMPARE(parseNumber(u" 120 ", 1e8, &why), std::optional<double>(120.0));
        QCOMPARE(parseNumber(u"1e2", 1e8, &why), std::optional<double>(100.0)); // the full parser
        QCOMPARE(parseNumber(u"+7.5", 1e8, &why), std::optional<double>(7.5));  // the full parser
        QCOMPARE(parseNumber(u"1234567890123456", 1e20, &why), std::optional<double>(1234567890123456.0));
        QVERIFY(!parseNumber(u"200000000", 1e8, &why));
        QCOMPARE(why, QStringLiteral("'200000000' is out of range (limit 1e+08)"));
        QVERIFY(!parseNumber(u"-100000001", 1e8, &why));
        QVERIFY(why.contains(QStringLiteral("out of range")));
        QVERIFY(!parseNumber(u"12a", 1e8, &why));
        QCOMPARE(why, QStringLiteral("'12a' is not a number"));
        QVERIFY(!parseNumber(u"nan", 1e8, &why));
        QCOMPARE(why, QStringLiteral("'nan' is not a number"));
        QVERIFY(!parseNumber(u"  ", 1e8, &why));
        QCOMPARE(why, QStringLiteral("empty where a number is expected"));
    }
};

QTEST_APPLESS_MAIN(TestNumberParse)
#include "test_number_parse.moc"
