// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchCase.h"

namespace cropdeck::bench {

int BenchCase::windowCount() const {
    int count = 0;
    for (const BenchImage& image : images)
        count += int(image.windows.size());
    return count;
}

double BenchCase::sourceMegapixels() const {
    double pixels = 0;
    for (const BenchImage& image : images)
        pixels += double(image.storedSize.width()) * image.storedSize.height();
    return pixels / 1e6;
}

} // namespace cropdeck::bench
