// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What validateAnnotations() (Validation.h) found: one finding per problem, naming the annotation file or
// the image, the box (index and id) and the problem, plus counts per kind for the summary.
//
// Severity decides the exit status of `cropdeck --validate`: an Error means the crops would be wrong or
// missing (an image that cannot be found or read or whose name is ambiguous in an image list, a box
// outside its image or of no size, a declared size that is not the image's, a box the reader dropped); a
// Warning means the data is suspicious but crops as written (a duplicate box, a box below the minimum
// size, a label missing from the class list, an EXIF orientation hint, a reader's stated assumption).

#include "annotations/AnnotationIssue.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>

namespace cropdeck {

enum class FindingKind {
    AnnotationFile, // an issue the reader reported (AnnotationIssue)
    ImageNotFound,
    ImageUnreadable, // the header probe failed: unsupported, corrupt, truncated or over the pixel limit
    SizeMismatch,    // the declared width × height is not the image's
    ExifConvention,  // the declared size is the image's other orientation: boxes may use other pixels
    BoxOutside,      // the box crosses or lies beyond the image edge
    EmptyBox,        // zero or negative width or height (or a non-finite coordinate)
    DuplicateBox,    // same image, same rectangle, same label as an earlier box
    UnknownLabel,    // the set has a class list and the label is not in it
    AmbiguousImage,  // an --images list holds several files of the image's name, none at its path
    SmallBox,        // narrower or lower than the minimum box size (a click without a drag)
};
inline constexpr int kFindingKindCount = 11;

// "annotation-file", "image-not-found", "image-unreadable", "size-mismatch", "exif-convention",
// "box-outside", "empty-box", "duplicate-box", "unknown-label", "image-ambiguous", "small-box"
// (stable: scripts read them in --json).
const char* findingKindName(FindingKind kind);

struct ValidationFinding {
    IssueSeverity severity = IssueSeverity::Error;
    FindingKind kind = FindingKind::AnnotationFile;
    // AnnotationFile findings: where in the annotation file (as AnnotationIssue has them).
    QString file;
    int line = 0;
    QString element;
    // Image and box findings: the image path as written in the annotation file and its index in the set;
    // the box index within the image (-1 for image findings) and its id.
    QString image;
    int imageIndex = -1;
    int windowIndex = -1;
    QString windowId;
    QString message;
    QString closestMatch; // ImageNotFound: the most similar image file that exists, empty when none

    // "error: raccoon-1.jpg: box 2 (id 7): 12 px past the right edge ... [box-outside]"
    QString toString() const;
};

struct ValidationReport {
    QString annotationFile;
    QString format;
    QString imageRoot;
    int images = 0;
    int windows = 0;
    int imagesReadable = 0;            // images whose header was read
    QList<ValidationFinding> findings; // reader issues first, then by image, then by box
    QStringList notes;                 // conclusions about the whole set (the EXIF convention, ...)
    std::array<int, kFindingKindCount> counts{};

    void add(ValidationFinding finding);
    int count(FindingKind kind) const { return counts[size_t(kind)]; }
    int errorCount() const;
    int warningCount() const;
    // "N images, M boxes: E errors, W warnings (box-outside 2, duplicate-box 1)"
    QString summary() const;
};

} // namespace cropdeck
