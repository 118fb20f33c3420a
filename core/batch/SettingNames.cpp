// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/SettingNames.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <utility>

namespace cropdeck {
namespace {

// One row per accepted spelling; the first row of a value is its canonical name.
template <typename Enum> using NameTable = std::initializer_list<std::pair<const char*, Enum>>;

template <typename Enum> Result<Enum> parseFrom(NameTable<Enum> table, const QString& text) {
    QStringList canonical;
    QList<Enum> named;
    for (const auto& [name, value] : table) {
        if (text.trimmed().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return value;
        if (!named.contains(value)) {
            named << value;
            canonical << QString::fromLatin1(name);
        }
    }
    return makeError(ErrorKind::Invalid, QStringLiteral("expected one of %1").arg(canonical.join(", ")));
}

template <typename Enum> QString nameIn(NameTable<Enum> table, Enum value) {
    for (const auto& [name, candidate] : table)
        if (candidate == value)
            return QString::fromLatin1(name);
    return {};
}

const NameTable<OutputFormat> kOutputFormats = {
    {"same", OutputFormat::SameAsInput}, {"jpeg", OutputFormat::Jpeg}, {"jpg", OutputFormat::Jpeg},
    {"png", OutputFormat::Png},          {"webp", OutputFormat::WebP}, {"tiff", OutputFormat::Tiff},
    {"tif", OutputFormat::Tiff},         {"bmp", OutputFormat::Bmp}};

const NameTable<BoundsPolicy> kBoundsPolicies = {{"clip", BoundsPolicy::Clip},
                                                 {"shift", BoundsPolicy::Shift},
                                                 {"pad", BoundsPolicy::Pad},
                                                 {"skip", BoundsPolicy::Skip},
                                                 {"error", BoundsPolicy::Error}};

const NameTable<ResizeMode> kResizeModes = {
    {"exact", ResizeMode::Exact}, {"fit", ResizeMode::Fit}, {"fill", ResizeMode::Fill}};

const NameTable<FailOn> kFailOnLevels = {
    {"error", FailOn::Error}, {"truncated", FailOn::Truncated}, {"none", FailOn::None}};

const NameTable<GeneratedWindows::Kind> kGeneratedKinds = {{"none", GeneratedWindows::Kind::None},
                                                           {"centre", GeneratedWindows::Kind::Centre},
                                                           {"center", GeneratedWindows::Kind::Centre},
                                                           {"random", GeneratedWindows::Kind::Random}};

Result<double> parseFinite(const QString& text) {
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok)
        return makeError(ErrorKind::Invalid, QStringLiteral("expected a number"));
    if (!std::isfinite(value))
        return makeError(ErrorKind::Invalid, QStringLiteral("expected a finite number"));
    return value;
}

// Shortest text that reads back as the same double.
QString exactNumber(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace

Result<OutputFormat> parseOutputFormat(const QString& text) {
    return parseFrom(kOutputFormats, text);
}
QString formatOutputFormat(OutputFormat format) {
    return nameIn(kOutputFormats, format);
}

Result<BoundsPolicy> parseBoundsPolicy(const QString& text) {
    return parseFrom(kBoundsPolicies, text);
}
QString formatBoundsPolicy(BoundsPolicy policy) {
    return nameIn(kBoundsPolicies, policy);
}

Result<ResizeMode> parseResizeMode(const QString& text) {
    return parseFrom(kResizeModes, text);
}
QString formatResizeMode(ResizeMode mode) {
    return mode == ResizeMode::None ? QStringLiteral("none") : nameIn(kResizeModes, mode);
}

Result<FailOn> parseFailOn(const QString& text) {
    return parseFrom(kFailOnLevels, text);
}
QString formatFailOn(FailOn level) {
    return nameIn(kFailOnLevels, level);
}

Result<GeneratedWindows::Kind> parseGeneratedKind(const QString& text) {
    return parseFrom(kGeneratedKinds, text);
}
QString formatGeneratedKind(GeneratedWindows::Kind kind) {
    return nameIn(kGeneratedKinds, kind);
}

Result<AnnotationFormat> parseAnnotationFormatSetting(const QString& text) {
    if (text.trimmed().compare(QLatin1String("auto"), Qt::CaseInsensitive) == 0)
        return AnnotationFormat::Auto;
    const std::optional<AnnotationFormat> format = parseAnnotationFormat(text.trimmed());
    if (!format || *format == AnnotationFormat::Unknown)
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("expected auto or one of %1").arg(annotationFormatNames().join(", ")));
    return *format;
}
QString formatAnnotationFormatSetting(AnnotationFormat format) {
    return format == AnnotationFormat::Auto ? QStringLiteral("auto") : annotationFormatName(format);
}

Result<PadSetting> parsePad(const QString& text) {
    PadSetting pad;
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("edge"), Qt::CaseInsensitive) == 0) {
        pad.mode = PadMode::Edge;
        return pad;
    }
    static const QRegularExpression hex(QStringLiteral("^#([0-9a-fA-F]{6})$"));
    static const QRegularExpression triple(QStringLiteral("^(\\d{1,3}),(\\d{1,3}),(\\d{1,3})$"));
    int rgb[3] = {256, 256, 256};
    if (const auto m = hex.match(trimmed); m.hasMatch()) {
        const uint value = m.captured(1).toUInt(nullptr, 16);
        rgb[0] = int(value >> 16) & 0xff, rgb[1] = int(value >> 8) & 0xff, rgb[2] = int(value) & 0xff;
    } else if (const auto t = triple.match(trimmed); t.hasMatch()) {
        for (int i = 0; i < 3; ++i)
            rgb[i] = t.captured(i + 1).toInt();
    }
    if (rgb[0] > 255 || rgb[1] > 255 || rgb[2] > 255)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("expected 'edge', #rrggbb or r,g,b with values 0-255"));
    pad.bgr[0] = rgb[2], pad.bgr[1] = rgb[1], pad.bgr[2] = rgb[0];
    return pad;
}

QString formatPad(PadMode mode, const int bgr[3]) {
    if (mode == PadMode::Edge)
        return QStringLiteral("edge");
    return QStringLiteral("#%1%2%3")
        .arg(bgr[2], 2, 16, QLatin1Char('0'))
        .arg(bgr[1], 2, 16, QLatin1Char('0'))
        .arg(bgr[0], 2, 16, QLatin1Char('0'));
}

Result<Margin> parseMargin(const QString& text) {
    Margin margin;
    QString number = text.trimmed();
    margin.percent = number.endsWith(u'%');
    if (margin.percent)
        number.chop(1);
    Result<double> value = parseFinite(number);
    if (!value || std::abs(*value) > 1e6)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("expected N or N% with N a number from -1000000 to 1000000"));
    margin.value = *value;
    return margin;
}

QString formatMargin(const Margin& margin) {
    return exactNumber(margin.value) + (margin.percent ? QStringLiteral("%") : QString());
}

Result<double> parseAspect(const QString& text) {
    const auto expected = [] {
        return makeError(ErrorKind::Invalid, QStringLiteral("expected W:H or a positive number, e.g. 4:3"));
    };
    const QStringList parts = text.split(u':');
    if (parts.size() > 2)
        return expected();
    double ratio = 1;
    for (int i = 0; i < parts.size(); ++i) {
        Result<double> value = parseFinite(parts[i]);
        if (!value || *value < 1e-6 || *value > 1e6)
            return expected();
        ratio = i == 0 ? *value : ratio / *value;
    }
    return ratio;
}

Result<QSize> parseSize(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,6})[xX×](\\d{1,6})$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch() || match.captured(1).toInt() < 1 || match.captured(2).toInt() < 1)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("expected WxH with positive integers, e.g. 512x512"));
    return QSize(match.captured(1).toInt(), match.captured(2).toInt());
}

QString formatSize(QSize size) {
    return size.isValid() && !size.isEmpty() ? QStringLiteral("%1x%2").arg(size.width()).arg(size.height())
                                             : QString();
}

Result<ShardSetting> parseShard(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,6})/(\\d{1,6})$"));
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch() || m.captured(2).toInt() < 1 || m.captured(1).toInt() >= m.captured(2).toInt())
        return makeError(ErrorKind::Invalid, QStringLiteral("expected i/N with 0 <= i < N, e.g. 0/4"));
    return ShardSetting{m.captured(1).toInt(), m.captured(2).toInt()};
}

QString formatShard(int index, int count) {
    return QStringLiteral("%1/%2").arg(index).arg(count);
}

} // namespace cropdeck
