// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Image file names and path keys shared by the annotation readers, validation and the batch planner,
// so that every part agrees on what an image file is and when two paths name the same file.

#include <QString>
#include <QStringList>

namespace cropdeck {

// Extensions (lower case, without dots) of the files CropDeck decodes: what an --images folder lists.
const QStringList& readableImageExtensions();

// readableImageExtensions() plus those datasets name images with that CropDeck does not decode (GIF,
// DNG, MPO; YOLO tools accept them). Used where an annotation names an image without its extension
// (YOLO) or a missing image looks for its closest name: such a file is then found and reported as
// unreadable, not as missing.
const QStringList& knownImageExtensions();

// The key two paths are compared by: '\' separators as '/', cleaned, case-folded. Case-insensitive
// file systems (Windows, macOS) see "A.jpg" and "a.jpg" as one file, so every comparison of paths
// (image look-ups, output collisions, an output overwriting an input) folds case everywhere.
QString pathKey(const QString& path);

} // namespace cropdeck
