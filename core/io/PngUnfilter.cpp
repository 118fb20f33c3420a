// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/PngUnfilter.h"

#include <cstdlib>

namespace cropdeck {

namespace {

// The stride is a template parameter so that each loop is compiled for its pixel size: the filters chain
// each byte to the one a pixel before, and a constant distance lets the compiler keep that chain in
// registers.
template <int Stride> void unfilterSub(uchar* s, size_t n) {
    for (size_t i = Stride; i < n; ++i)
        s[i] = uchar(s[i] + s[i - Stride]);
}

void unfilterUp(uchar* s, const uchar* above, size_t n) {
    for (size_t i = 0; i < n; ++i)
        s[i] = uchar(s[i] + above[i]);
}

template <int Stride> void unfilterAverage(uchar* s, const uchar* above, size_t n) {
    const size_t first = n < size_t(Stride) ? n : size_t(Stride);
    for (size_t i = 0; i < first; ++i)
        s[i] = uchar(s[i] + (above[i] >> 1));
    for (size_t i = Stride; i < n; ++i)
        s[i] = uchar(s[i] + ((s[i - Stride] + above[i]) >> 1));
}

inline int paethPredictor(int a, int b, int c) {
    const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}

template <int Stride> void unfilterPaeth(uchar* s, const uchar* above, size_t n) {
    const size_t first = n < size_t(Stride) ? n : size_t(Stride);
    for (size_t i = 0; i < first; ++i) // left and upper-left are 0: the predictor is the byte above
        s[i] = uchar(s[i] + above[i]);
    for (size_t i = Stride; i < n; ++i)
        s[i] = uchar(s[i] + paethPredictor(s[i - Stride], above[i], above[i - Stride]));
}

template <int Stride> bool unfilter(int type, uchar* s, const uchar* above, size_t n) {
    switch (type) {
    case 0:
        return true;
    case 1:
        unfilterSub<Stride>(s, n);
        return true;
    case 2:
        unfilterUp(s, above, n);
        return true;
    case 3:
        unfilterAverage<Stride>(s, above, n);
        return true;
    case 4:
        unfilterPaeth<Stride>(s, above, n);
        return true;
    default:
        return false;
    }
}

} // namespace

bool unfilterPngRow(uchar* row, const uchar* above, size_t rowBytes, int stride) {
    const int type = row[0];
    uchar* s = row + 1;
    switch (stride) {
    case 1:
        return unfilter<1>(type, s, above, rowBytes);
    case 2:
        return unfilter<2>(type, s, above, rowBytes);
    case 3:
        return unfilter<3>(type, s, above, rowBytes);
    case 4:
        return unfilter<4>(type, s, above, rowBytes);
    case 6:
        return unfilter<6>(type, s, above, rowBytes);
    case 8:
        return unfilter<8>(type, s, above, rowBytes);
    default:
        return false; // no PNG pixel has another size
    }
}

} // namespace cropdeck
