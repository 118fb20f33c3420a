// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/Annotation.h"

namespace cropdeck {

qsizetype AnnotationSet::windowCount() const {
    qsizetype count = 0;
    for (const ImageEntry& image : images)
        count += image.windows.size();
    return count;
}

} // namespace cropdeck
