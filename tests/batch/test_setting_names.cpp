// SPDX-License-Identifier: GPL-3.0-or-later
// Every setting's value names: what format prints, parse reads back; aliases; errors say what is expected.

#include "batch/SettingNames.h"

#include <QTest>

using namespace cropdeck;

class TestSettingNames : public QObject {
    Q_OBJECT
private slots:
    void enumsRoundTrip() {
        for (OutputFormat f : {OutputFormat::SameAsInput, OutputFormat::Jpeg, OutputFormat::Png,
                               OutputFormat::WebP, OutputFormat::Tiff, OutputFormat::Bmp})
            QCOMPARE(parseOutputFormat(formatOutputFormat(f)).value(), f);
        for (BoundsPolicy b : {BoundsPolicy::Clip, BoundsPolicy::Shift, BoundsPolicy::Pad, BoundsPolicy::Skip,
                               BoundsPolicy::Error})
            QCOMPARE(parseBoundsPolicy(formatBoundsPolicy(b)).value(), b);
        for (ResizeMode m : {ResizeMode::Exact, ResizeMode::Fit, ResizeMode::Fill})
            QCOMPARE(parseResizeMode(formatResizeMode(m)).value(), m);
        for (FailOn f : {FailOn::Error, FailOn::Truncated, FailOn::None})
            QCOMPARE(parseFailOn(formatFailOn(f)).value(), f);
        for (auto k :
             {GeneratedWindows::Kind::None, GeneratedWindows::Kind::Centre, GeneratedWindows::Kind::Random})
            QCOMPARE(parseGeneratedKind(formatGeneratedKind(k)).value(), k);
        for (AnnotationFormat a : {AnnotationFormat::Auto, AnnotationFormat::Csv,
                                   AnnotationFormat::CentreScale, AnnotationFormat::Voc,
                                   AnnotationFormat::Coco, AnnotationFormat::Yolo, AnnotationFormat::LabelMe})
            QCOMPARE(parseAnnotationFormatSetting(formatAnnotationFormatSetting(a)).value(), a);
    }

    void aliasesAndCase() {
        QCOMPARE(parseOutputFormat("JPG").value(), OutputFormat::Jpeg);
        QCOMPARE(parseOutputFormat(" tif ").value(), OutputFormat::Tiff);
        QCOMPARE(formatOutputFormat(OutputFormat::Jpeg), QStringLiteral("jpeg"));
        QCOMPARE(parseGeneratedKind("center").value(), GeneratedWindows::Kind::Centre);
        QCOMPARE(formatResizeMode(ResizeMode::None), QStringLiteral("none"));
    }

    void errorsListTheCanonicalNames() {
        const Result<BoundsPolicy> bad = parseBoundsPolicy("wrap");
        QVERIFY(!bad);
        QCOMPARE(bad.error().message, QStringLiteral("expected one of clip, shift, pad, skip, error"));
        QCOMPARE(parseOutputFormat("gif").error().message,
                 QStringLiteral("expected one of same, jpeg, png, webp, tiff, bmp"));
        QVERIFY(!parseAnnotationFormatSetting("pascal"));
    }

    void pad() {
        const PadSetting orange = parsePad("#ff8000").value();
        QCOMPARE(orange.mode, PadMode::Constant);
        QCOMPARE(orange.bgr[0], 0);
        QCOMPARE(orange.bgr[1], 128);
        QCOMPARE(orange.bgr[2], 255);
        QCOMPARE(formatPad(orange.mode, orange.bgr), QStringLiteral("#ff8000"));
        const PadSetting triple = parsePad("1,2,3").value();
        QCOMPARE(formatPad(triple.mode, triple.bgr), QStringLiteral("#010203"));
        QCOMPARE(parsePad("EDGE").value().mode, PadMode::Edge);
        const int none[3] = {0, 0, 0};
        QCOMPARE(formatPad(PadMode::Edge, none), QStringLiteral("edge"));
        QVERIFY(!parsePad("256,0,0"));
        QVERIFY(!parsePad("#12345"));
        QVERIFY(!parsePad("red"));
    }

    void margin() {
        const Margin percent = parseMargin("10%").value();
        QVERIFY(percent.percent);
        QCOMPARE(percent.value, 10.0);
        QCOMPARE(formatMargin(percent), QStringLiteral("10%"));
        const Margin negative = parseMargin("-3.25").value();
        QVERIFY(!negative.percent);
        QCOMPARE(negative.value, -3.25);
        QCOMPARE(parseMargin(formatMargin({0.1 + 0.2, false})).value().value, 0.1 + 0.2);
        QVERIFY(!parseMargin("nan"));
        QVERIFY(!parseMargin("inf%"));
        QVERIFY(!parseMargin("ten"));
    }

    void aspect() {
        QCOMPARE(parseAspect("4:3").value(), 4.0 / 3.0);
        QCOMPARE(parseAspect("1.5").value(), 1.5);
        QVERIFY(!parseAspect("4:0"));
        QVERIFY(!parseAspect("1:2:3"));
        QVERIFY(!parseAspect("-1"));
    }

    void sizeAndShard() {
        QCOMPARE(parseSize("512x256").value(), QSize(512, 256));
        QCOMPARE(parseSize(formatSize(QSize(7, 9))).value(), QSize(7, 9));
        QCOMPARE(formatSize(QSize()), QString());
        QVERIFY(!parseSize("0x5"));
        QVERIFY(!parseSize("5"));
        const ShardSetting shard = parseShard("3/8").value();
        QCOMPARE(shard.index, 3);
        QCOMPARE(shard.count, 8);
        QCOMPARE(formatShard(3, 8), QStringLiteral("3/8"));
        QVERIFY(!parseShard("8/8"));
        QVERIFY(!parseShard("1/0"));
    }
};

QTEST_GUILESS_MAIN(TestSettingNames)
#include "test_setting_names.moc"
