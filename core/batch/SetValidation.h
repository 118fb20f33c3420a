// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `cropdeck --validate` and the GUI's validation panel check a set the same way: validateAnnotations()
// (validation/Validation.h) with the options the request gives (pixel limit, EXIF convention, threads)
// and the resolved image set, built here once.

#include "batch/BatchRequest.h"
#include "validation/Validation.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cropdeck {

// The options for `request` with the images resolved (`imageRoot`, `imageList`, as AnnotationInput or
// BatchOptions hold them) and the minimum box size to report.
ValidationOptions validationOptionsFor(const BatchRequest& request, const QString& imageRoot,
                                       const QStringList& imageList, int minBoxSize = kDefaultMinBoxSize);

} // namespace cropdeck
