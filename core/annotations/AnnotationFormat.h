// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The annotation formats CropDeck reads and writes, their names on the command line, and detection
// by content (a file's own structure, not only its extension).

#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck {

enum class AnnotationFormat {
    Auto,        // detect by content (ReadOptions default)
    Unknown,     // detection found nothing it recognises
    Csv,         // path,x,y,w,h[,label]; TensorFlow filename,width,height,class,xmin,...; user mapping
    CentreScale, // path,x,y,scale with x, y, scale in [0, 1] (parallel_image_crop lists)
    Voc,         // Pascal VOC XML: one file per image, or a folder of them
    Coco,        // COCO JSON
    Yolo,        // YOLO txt: a folder of label files + classes.txt or data.yaml
    LabelMe,     // LabelMe JSON: one file per image, or a folder of them
};

// "csv", "centre-scale", "voc", "coco", "yolo", "labelme" (also the AnnotationSet::format strings).
QString annotationFormatName(AnnotationFormat format);
// Accepts the names above and a few spellings people use ("center-scale", "pascal-voc", "xml").
std::optional<AnnotationFormat> parseAnnotationFormat(const QString& name);
QStringList annotationFormatNames();

// Looks at the file or folder and says which format it holds:
//   folder: .xml files (or an Annotations/ folder) → VOC; data.yaml, classes.txt, a labels/ folder or
//           label .txt files → YOLO; .json files with "shapes" → LabelMe;
//   .json:  "images"/"annotations"/"categories" keys → COCO, "shapes" → LabelMe;
//   .xml → VOC; data.yaml → YOLO; text: CSV by its header columns (scale → centre-scale), or a YOLO
//   label file when every line is whitespace-separated numbers.
// Reads at most the first few megabytes of any file. Returns Unknown when nothing matches.
AnnotationFormat detectAnnotationFormat(const QString& path);

} // namespace cropdeck
