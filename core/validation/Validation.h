// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Checks an annotation set against its images before a batch: every image is found and its header
// readable, declared sizes are the images' sizes (and what a mismatch says about EXIF orientation,
// ValidationConvention.h), every box has a size and lies inside its image, no box is repeated, every
// label is in the class list, no box is smaller than the minimum size. Findings are described in
// ValidationReport.h.
//
// Only image headers are read (io/ImageProbe.h), never pixels, each image once, in parallel: 10,000
// images take seconds. An image that is missing gets the closest existing name in the image folder
// (or the --images list) as a suggestion (ValidationNames.h).
//
// Reentrant; the threads are its own (ValidationOptions::threads), no global pool is touched.

#include "annotations/Annotation.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/MinBoxSize.h"
#include "validation/ValidationProbes.h"
#include "validation/ValidationReport.h"

#include <QString>
#include <QStringList>

namespace cropdeck {

struct ValidationOptions {
    QString imageRoot;     // folder the image paths are relative to; empty = the set's imageRoot
    QStringList imageList; // not empty: images are looked up in this list of absolute paths by the
                           // rule --batch uses too (ImageListIndex.h)
    bool boxesOnStoredPixels =
        false; // --stored-coordinates; the set's own coordinatesOnStoredPixels counts too
    qint64 maxPixels = 180'000'000; // images above this are reported (TooLarge); 0 = no limit
    int threads = 0;                // probe threads; 0 = twice the cores (probes mostly wait for the disk)
    // Boxes narrower or lower than this many pixels are reported (SmallBox, MinBoxSize.h); 0 = none.
    int minBoxSize = kDefaultMinBoxSize;
    // Missing images whose closest name is searched by edit distance; the rest get only the cheap
    // look-ups (same name ignoring case, same stem), so that a wrong folder does not take minutes.
    int maxEditDistanceSearches = 200;
};

// `readerIssues` are the issues readAnnotations() reported for `set`; they become findings too.
// `probes` (may be null) holds headers already probed, e.g. by the reader's size provider; when given,
// its own pixel limit applies instead of options.maxPixels.
ValidationReport validateAnnotations(const AnnotationSet& set, const QList<AnnotationIssue>& readerIssues,
                                     const ValidationOptions& options, ImageProbeCache* probes = nullptr);

} // namespace cropdeck
