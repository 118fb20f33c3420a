// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation/ValidationBoxes.h"

#include "annotations/MinBoxSize.h"

#include <QHash>
#include <QStringList>

#include <cmath>
#include <optional>
#include <utility>

namespace cropdeck {
namespace {

// Reaching past an edge by less than this is rounding noise of the readers' unit conversions.
constexpr double kEdgeTolerance = 1e-6;

QString number(double value) {
    return QString::number(value, 'g', 10);
}

QString boxText(const QRectF& box) {
    return QStringLiteral("x=%1 y=%2 w=%3 h=%4")
        .arg(number(box.x()), number(box.y()), number(box.width()), number(box.height()));
}

ValidationFinding boxFinding(const ImageEntry& image, int imageIndex, int windowIndex, IssueSeverity severity,
                             FindingKind kind, QString message) {
    ValidationFinding finding;
    finding.severity = severity;
    finding.kind = kind;
    finding.image = image.path;
    finding.imageIndex = imageIndex;
    finding.windowIndex = windowIndex;
    finding.windowId = image.windows[windowIndex].id;
    finding.message = std::move(message);
    return finding;
}

bool finite(const QRectF& box) {
    return std::isfinite(box.x()) && std::isfinite(box.y()) && std::isfinite(box.width()) &&
           std::isfinite(box.height());
}

// The geometry problem of a window (empty, non-finite, outside), as a finding kind and message.
std::optional<std::pair<FindingKind, QString>> geometryProblem(const CropWindow& window, QSize imageSize) {
    if (window.kind == CropWindow::Kind::NormalizedSquare) {
        const NormalizedSquare& s = window.square;
        if (!std::isfinite(s.scale) || s.scale <= 0)
            return std::pair{FindingKind::EmptyBox,
                             QStringLiteral("scale %1 gives no window").arg(number(s.scale))};
        if (!(s.x >= 0 && s.x <= 1 && s.y >= 0 && s.y <= 1 && s.scale <= 1))
            return std::pair{FindingKind::BoxOutside,
                             QStringLiteral("x=%1 y=%2 scale=%3: every value must be in [0, 1]")
                                 .arg(number(s.x), number(s.y), number(s.scale))};
        return std::nullopt;
    }
    const QRectF& box = window.box;
    if (!finite(box))
        return std::pair{FindingKind::EmptyBox, QStringLiteral("not a number: %1").arg(boxText(box))};
    if (box.width() <= 0 || box.height() <= 0)
        return std::pair{FindingKind::EmptyBox,
                         QStringLiteral("zero or negative size: %1").arg(boxText(box))};
    if (imageSize.isValid()) {
        const QString outside = outsideDescription(box, imageSize);
        if (!outside.isEmpty())
            return std::pair{FindingKind::BoxOutside, outside};
    }
    return std::nullopt;
}

QString duplicateKey(const CropWindow& window) {
    const QRectF& b = window.box;
    const NormalizedSquare& s = window.square;
    return window.kind == CropWindow::Kind::Box ? QStringLiteral("b %1 %2 %3 %4|")
                                                          .arg(b.x(), 0, 'g', 17)
                                                          .arg(b.y(), 0, 'g', 17)
                                                          .arg(b.width(), 0, 'g', 17)
                                                          .arg(b.height(), 0, 'g', 17) +
                                                      window.label
                                                : QStringLiteral("s %1 %2 %3|")
                                                          .arg(s.x, 0, 'g', 17)
                                                          .arg(s.y, 0, 'g', 17)
                                                          .arg(s.scale, 0, 'g', 17) +
                                                      window.label;
}

} // namespace

QString outsideDescription(const QRectF& box, QSize imageSize) {
    const double width = imageSize.width(), height = imageSize.height();
    const QString on = QStringLiteral("(%1 on a %2x%3 image)")
                           .arg(boxText(box))
                           .arg(imageSize.width())
                           .arg(imageSize.height());
    if (box.right() <= 0 || box.bottom() <= 0 || box.left() >= width || box.top() >= height)
        return QStringLiteral("entirely outside the image %1").arg(on);
    QStringList sides;
    const auto past = [&](double amount, const char* edge) {
        if (amount > kEdgeTolerance)
            sides << QStringLiteral("%1 px past the %2 edge").arg(number(amount), QLatin1String(edge));
    };
    past(-box.left(), "left");
    past(-box.top(), "top");
    past(box.right() - width, "right");
    past(box.bottom() - height, "bottom");
    if (sides.isEmpty())
        return {};
    return QStringLiteral("outside the image: %1 %2").arg(sides.join(QStringLiteral(", ")), on);
}

void checkWindows(const ImageEntry& image, int imageIndex, QSize imageSize, const QSet<QString>& classes,
                  int minBoxSize, QList<ValidationFinding>& findings) {
    QHash<QString, int> firstWithKey;
    for (int w = 0; w < image.windows.size(); ++w) {
        const CropWindow& window = image.windows[w];
        const auto problem = geometryProblem(window, imageSize);
        if (problem)
            findings << boxFinding(image, imageIndex, w, IssueSeverity::Error, problem->first,
                                   problem->second);
        if ((!problem || problem->first != FindingKind::EmptyBox) && isBelowMinBoxSize(window, minBoxSize))
            findings << boxFinding(image, imageIndex, w, IssueSeverity::Warning, FindingKind::SmallBox,
                                   QStringLiteral("%1x%2 px, smaller than the minimum box size %3 px "
                                                  "(--min-box-size): %4")
                                       .arg(number(window.box.width()), number(window.box.height()))
                                       .arg(minBoxSize)
                                       .arg(boxText(window.box)));
        const QString key = duplicateKey(window);
        if (const auto first = firstWithKey.constFind(key); first != firstWithKey.cend()) {
            findings << boxFinding(image, imageIndex, w, IssueSeverity::Warning, FindingKind::DuplicateBox,
                                   QStringLiteral("same box and label as box %1 (id %2)")
                                       .arg(*first)
                                       .arg(image.windows[*first].id));
        } else {
            firstWithKey.insert(key, w);
        }
        if (!classes.isEmpty() && !classes.contains(window.label))
            findings << boxFinding(
                image, imageIndex, w, IssueSeverity::Warning, FindingKind::UnknownLabel,
                window.label.isEmpty()
                    ? QStringLiteral("no label, and the file has a class list")
                    : QStringLiteral("label \"%1\" is not in the class list").arg(window.label));
    }
}

} // namespace cropdeck
