// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The quantised DCT coefficients of a JPEG, per component, for tests that prove a transform lossless:
// block grids compared exactly, independently of any IDCT or upsampling.

#include <QByteArray>

#include <array>
#include <vector>

namespace cropdeck::test {

using Block = std::array<short, 64>; // natural (row-major) order: index = 8 * v + u

struct CoefficientPlane {
    int widthInBlocks = 0;
    int heightInBlocks = 0;
    int h = 1; // sampling factors
    int v = 1;
    std::array<unsigned short, 64> quant{};
    std::vector<Block> blocks; // row-major

    const Block& at(int bx, int by) const { return blocks[size_t(by) * size_t(widthInBlocks) + size_t(bx)]; }
};

// Empty on failure.
std::vector<CoefficientPlane> readCoefficients(const QByteArray& jpeg);

// Lossless transforms of a block grid, as jpegtran defines them.
CoefficientPlane transposePlane(const CoefficientPlane& plane);
CoefficientPlane flipPlaneHorizontally(const CoefficientPlane& plane);
CoefficientPlane flipPlaneVertically(const CoefficientPlane& plane);

// The grid that makes the stored image upright for an EXIF orientation (1..8).
CoefficientPlane orientPlane(const CoefficientPlane& plane, int orientation);

} // namespace cropdeck::test
