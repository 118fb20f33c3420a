// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/McuGrid.h"

#include "geometry/Orientation.h"

#include <array>
#include <cmath>
#include <limits>

namespace cropdeck {
namespace {

// One axis of the boxes' coordinates: which stored axis it shows, mirrored or not.
struct Axis {
    double length = 0; // of the stored axis it shows
    double step = 8;
    bool mirrored = false;
};

// Worked out from Orientation.h's table: upright x shows stored x (1..4) or stored y (5..8); it runs
// backwards in 2, 3, 6, 7. Upright y shows stored y (1..4) or stored x (5..8), backwards in 3, 4, 7, 8.
Axis axisX(const McuGrid& grid) {
    const int o = normalizedOrientation(grid.orientation);
    const bool fromStoredY = swapsAxes(o);
    return {double(fromStoredY ? grid.storedSize.height() : grid.storedSize.width()),
            double(fromStoredY ? grid.mcu.height() : grid.mcu.width()), o == 2 || o == 3 || o == 6 || o == 7};
}

Axis axisY(const McuGrid& grid) {
    const int o = normalizedOrientation(grid.orientation);
    const bool fromStoredX = swapsAxes(o);
    return {double(fromStoredX ? grid.storedSize.width() : grid.storedSize.height()),
            double(fromStoredX ? grid.mcu.width() : grid.mcu.height()), o == 3 || o == 4 || o == 7 || o == 8};
}

// The lines next to `value`, a coordinate of the boxes: stored multiples of the step around it and the
// image's edges, mapped onto this axis.
std::array<double, 6> linesAround(double value, const Axis& axis) {
    const double stored = axis.mirrored ? axis.length - value : value;
    const double below = std::floor(stored / axis.step) * axis.step;
    std::array<double, 6> lines = {below - axis.step,     below, below + axis.step,
                                   below + 2 * axis.step, 0,     axis.length};
    if (axis.mirrored)
        for (double& line : lines)
            line = axis.length - line;
    return lines;
}

// Ties go to the smaller coordinate.
double nearestLine(double value, const Axis& axis) {
    double best = value;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (double line : linesAround(value, axis)) {
        const double distance = std::abs(line - value);
        if (distance < bestDistance || (distance == bestDistance && line < best)) {
            best = line;
            bestDistance = distance;
        }
    }
    return best;
}

double nextLineAbove(double value, const Axis& axis) {
    double next = std::numeric_limits<double>::infinity();
    for (double line : linesAround(value, axis))
        if (line > value)
            next = std::min(next, line);
    return next;
}

void snapEdges(double& low, double& high, const Axis& axis) {
    low = nearestLine(low, axis);
    high = nearestLine(high, axis);
    if (high <= low)
        high = nextLineAbove(low, axis);
}

// The box coordinate of the edge where the stored crop starts, moved to its line; the other follows.
void snapStart(double& low, double& high, const Axis& axis) {
    const double size = high - low;
    if (axis.mirrored) {
        high = nearestLine(high, axis);
        low = high - size;
    } else {
        low = nearestLine(low, axis);
        high = low + size;
    }
}

} // namespace

bool McuGrid::isValid() const {
    return !storedSize.isEmpty() && !mcu.isEmpty();
}

QSize mcuStep(const McuGrid& grid) {
    return swapsAxes(normalizedOrientation(grid.orientation)) ? grid.mcu.transposed() : grid.mcu;
}

QRectF snapBoxToMcuGrid(const QRectF& box, const McuGrid& grid) {
    if (!grid.isValid())
        return box;
    double left = box.left(), right = box.right(), top = box.top(), bottom = box.bottom();
    snapEdges(left, right, axisX(grid));
    snapEdges(top, bottom, axisY(grid));
    return QRectF(QPointF(left, top), QPointF(right, bottom));
}

QRectF snapPositionToMcuGrid(const QRectF& box, const McuGrid& grid) {
    if (!grid.isValid())
        return box;
    double left = box.left(), right = box.right(), top = box.top(), bottom = box.bottom();
    snapStart(left, right, axisX(grid));
    snapStart(top, bottom, axisY(grid));
    return QRectF(QPointF(left, top), QPointF(right, bottom));
}

} // namespace cropdeck
