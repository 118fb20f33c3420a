// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Class names of a YOLO dataset: classes.txt (one name per line) or the simple YAML of an
// Ultralytics/Roboflow data.yaml. Only the forms those files use are read, not YAML in general:
//   names: [a, 'b c', "d"]          names: {0: a, 1: b}
//   names:                          names:
//     - a                             0: a
//     - b                             1: b
//   nc: 2        train/val/test/path: scalar paths        # comments, quoted strings
// Anything else in the file is ignored.

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck {

struct YoloDataYaml {
    QStringList names;
    std::optional<int> nc;
    QMap<QString, QString> paths; // "path", "train", "val", "test" as written (lists joined by ';')
    QStringList problems;         // "line 4: ..." for lines of the names block that could not be read
};

YoloDataYaml parseYoloDataYaml(const QString& text);

// Lines of classes.txt, CR and surrounding spaces removed, trailing blank lines dropped.
QStringList parseYoloClassesTxt(const QString& text);

// Text for data.yaml's names list: ['a', 'b'] with YAML single quotes.
QString yoloYamlNames(const QStringList& names);

} // namespace cropdeck
