// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which CSV column holds what. Parsed from the user's --csv-columns text, e.g.
//   "path=filename,x=xmin,y=ymin,x2=xmax,y2=ymax,label=class"
// Keys: path, x, y, w, h (box size) or x2, y2 (far corner), label, image_width, image_height (declared
// image size), scale (centre/scale lists: x, y, scale in [0, 1]), corners=voc|edges (how x/y/x2/y2 count
// pixels, see BoxConventions.h; default edges), header=yes|no. A value names a header column (matched
// without regard to case) or, for files without a header, a 1-based column number.

#include "Result.h"
#include "annotations/BoxConventions.h"

#include <QString>
#include <QStringList>

namespace cropdeck {

struct CsvColumns {
    QString path;
    QString x;
    QString y;
    QString w;
    QString h;
    QString x2;
    QString y2;
    QString label;
    QString imageWidth;
    QString imageHeight;
    QString scale;
    CornerConvention corners = CornerConvention::ZeroBasedEdges;
    bool hasHeader = true;

    bool isEmpty() const { return path.isEmpty(); }
    bool usesCorners() const { return !x2.isEmpty(); }
    bool isCentreScale() const { return !scale.isEmpty(); }

    static Result<CsvColumns> parse(const QString& spec);
    QString toString() const; // the text parse() reads back to the same value

    static CsvColumns plain();       // path,x,y,w,h,label
    static CsvColumns tensorflow();  // filename,width,height,class,xmin,ymin,xmax,ymax (VOC corners)
    static CsvColumns centreScale(); // path,x,y,scale

    // Checks that the keys make one complete layout (path, x, y and one of w+h, x2+y2, scale).
    Status validate() const;
};

bool operator==(const CsvColumns& a, const CsvColumns& b);

} // namespace cropdeck
