// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Data sets and output checks shared by the batch panel and preview tests.

#include <QByteArray>
#include <QMap>
#include <QSize>
#include <QString>
#include <QStringList>

namespace cropdeck::test {

// `count` photo-like JPEGs of `size` in `folder` (one in a sub-folder), three windows each (one across
// the right edge), listed in `folder`/annotations.csv (path,x,y,w,h,label); returns the CSV's path.
QString makeJpegSet(const QString& folder, int count, QSize size);

// Every file under `dir` (relative path → bytes), the manifest left out.
QMap<QString, QByteArray> outputTree(const QString& dir);

// The .cropdeck-*.tmp files under `dir`.
QStringList temporariesIn(const QString& dir);

// Every "ok" manifest line names an existing output of the recorded size: their number, or -1.
int checkedManifestOutputs(const QString& dir);

} // namespace cropdeck::test
