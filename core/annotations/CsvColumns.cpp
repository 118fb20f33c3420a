// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/CsvColumns.h"

#include <array>

namespace cropdeck {
namespace {

struct Key {
    const char* name;
    QString CsvColumns::*member;
};

constexpr std::array<Key, 11> kKeys{{
    {"path", &CsvColumns::path},
    {"x", &CsvColumns::x},
    {"y", &CsvColumns::y},
    {"w", &CsvColumns::w},
    {"h", &CsvColumns::h},
    {"x2", &CsvColumns::x2},
    {"y2", &CsvColumns::y2},
    {"label", &CsvColumns::label},
    {"image_width", &CsvColumns::imageWidth},
    {"image_height", &CsvColumns::imageHeight},
    {"scale", &CsvColumns::scale},
}};

QString validKeys() {
    QStringList names;
    for (const Key& key : kKeys)
        names << QString::fromLatin1(key.name);
    return names.join(QStringLiteral(", ")) + QStringLiteral(", corners, header");
}

Status applyOption(CsvColumns& columns, const QString& key, const QString& value) {
    if (key == u"corners") {
        if (value.compare(u"voc", Qt::CaseInsensitive) == 0 ||
            value.compare(u"inclusive", Qt::CaseInsensitive) == 0)
            columns.corners = CornerConvention::OneBasedInclusive;
        else if (value.compare(u"edges", Qt::CaseInsensitive) == 0)
            columns.corners = CornerConvention::ZeroBasedEdges;
        else
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("CSV columns: corners=%1 is not voc or edges").arg(value));
        return Status::success();
    }
    if (value.compare(u"yes", Qt::CaseInsensitive) == 0 || value == u"1" || value == u"true")
        columns.hasHeader = true;
    else if (value.compare(u"no", Qt::CaseInsensitive) == 0 || value == u"0" || value == u"false")
        columns.hasHeader = false;
    else
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("CSV columns: header=%1 is not yes or no").arg(value));
    return Status::success();
}

Status applyPair(CsvColumns& columns, const QString& pair) {
    const qsizetype eq = pair.indexOf(u'=');
    if (eq <= 0 || eq == pair.size() - 1)
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("CSV columns: '%1' is not key=column (keys: %2)").arg(pair, validKeys()));
    const QString key = pair.left(eq).trimmed().toLower();
    const QString value = pair.mid(eq + 1).trimmed();
    if (key == u"corners" || key == u"header")
        return applyOption(columns, key, value);
    for (const Key& known : kKeys) {
        if (key == QLatin1String(known.name)) {
            columns.*known.member = value;
            return Status::success();
        }
    }
    return makeError(ErrorKind::Invalid,
                     QStringLiteral("CSV columns: unknown key '%1' (keys: %2)").arg(key, validKeys()));
}

} // namespace

Result<CsvColumns> CsvColumns::parse(const QString& spec) {
    CsvColumns columns;
    for (const QString& pair : spec.split(u',', Qt::SkipEmptyParts)) {
        if (Status status = applyPair(columns, pair.trimmed()); !status)
            return status.error();
    }
    if (Status status = columns.validate(); !status)
        return status.error();
    return columns;
}

Status CsvColumns::validate() const {
    auto missing = [](const char* what) {
        return makeError(ErrorKind::Invalid, QStringLiteral("CSV columns: %1").arg(QLatin1String(what)));
    };
    if (path.isEmpty() || x.isEmpty() || y.isEmpty())
        return missing("path, x and y are required");
    const bool size = !w.isEmpty() || !h.isEmpty();
    const bool corner = !x2.isEmpty() || !y2.isEmpty();
    if (int(size) + int(corner) + int(!scale.isEmpty()) != 1)
        return missing("give exactly one of w+h (box size), x2+y2 (far corner) or scale (centre/scale list)");
    if (size && (w.isEmpty() || h.isEmpty()))
        return missing("w and h go together");
    if (corner && (x2.isEmpty() || y2.isEmpty()))
        return missing("x2 and y2 go together");
    return Status::success();
}

QString CsvColumns::toString() const {
    QStringList pairs;
    for (const Key& key : kKeys) {
        if (!(this->*key.member).isEmpty())
            pairs << QLatin1String(key.name) + u'=' + this->*key.member;
    }
    if (corners == CornerConvention::OneBasedInclusive)
        pairs << QStringLiteral("corners=voc");
    if (!hasHeader)
        pairs << QStringLiteral("header=no");
    return pairs.join(u',');
}

CsvColumns CsvColumns::plain() {
    CsvColumns c;
    c.path = QStringLiteral("path");
    c.x = QStringLiteral("x");
    c.y = QStringLiteral("y");
    c.w = QStringLiteral("w");
    c.h = QStringLiteral("h");
    c.label = QStringLiteral("label");
    return c;
}

CsvColumns CsvColumns::tensorflow() {
    CsvColumns c;
    c.path = QStringLiteral("filename");
    c.imageWidth = QStringLiteral("width");
    c.imageHeight = QStringLiteral("height");
    c.label = QStringLiteral("class");
    c.x = QStringLiteral("xmin");
    c.y = QStringLiteral("ymin");
    c.x2 = QStringLiteral("xmax");
    c.y2 = QStringLiteral("ymax");
    // xml_to_csv.py, which made this layout common, copies VOC coordinates unchanged.
    c.corners = CornerConvention::OneBasedInclusive;
    return c;
}

CsvColumns CsvColumns::centreScale() {
    CsvColumns c;
    c.path = QStringLiteral("path");
    c.x = QStringLiteral("x");
    c.y = QStringLiteral("y");
    c.scale = QStringLiteral("scale");
    return c;
}

bool operator==(const CsvColumns& a, const CsvColumns& b) {
    for (const Key& key : kKeys) {
        if (a.*key.member != b.*key.member)
            return false;
    }
    return a.corners == b.corners && a.hasHeader == b.hasHeader;
}

} // namespace cropdeck
