// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/SetValidation.h"

namespace cropdeck {

ValidationOptions validationOptionsFor(const BatchRequest& request, const QString& imageRoot,
                                       const QStringList& imageList, int minBoxSize) {
    ValidationOptions options;
    options.imageRoot = imageRoot;
    options.imageList = imageList;
    options.boxesOnStoredPixels = !request.settings.orientationFromExif;
    options.maxPixels = request.settings.maxPixels;
    options.threads = request.threads;
    options.minBoxSize = minBoxSize;
    return options;
}

} // namespace cropdeck
