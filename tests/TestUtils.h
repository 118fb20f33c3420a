// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by every test: where the real test data lives, a sandbox folder, image comparison.

#include "annotations/Annotation.h"

#include <QList>
#include <QRect>
#include <QString>
#include <QTemporaryDir>

#include <opencv2/core/mat.hpp>

namespace cropdeck::test {

// Folder of ../shared/data (or $CROPDECK_SHARED_DATA); empty when it does not exist.
QString sharedDataDir();

// Skips the calling test with a clear message when ../shared/data is absent.
#define CROPDECK_REQUIRE_SHARED_DATA()                                                                       \
    do {                                                                                                     \
        if (cropdeck::test::sharedDataDir().isEmpty())                                                       \
            QSKIP(                                                                                           \
                "../shared/data not found (set CROPDECK_SHARED_DATA to the real-data folder to run this)");  \
    } while (false)

// Writes `text` to `path`, creating its folder (a failed write fails the calling test).
void writeTextFile(const QString& path, const QByteArray& text);
// The bytes of the file at `path`; empty when it cannot be read.
QByteArray fileContents(const QString& path);

// Sends the application's QSettings (recent sessions, window layout, last batch settings) to `folder`,
// so that a test neither reads what a user or an earlier run left nor leaves anything behind.
void useSettingsFolder(const QString& folder);

// Path of the cropdeck binary built beside the tests ($CROPDECK_BINARY, set by CTest).
QString cropdeckBinary();

// Reference full decode of the *stored* pixels with OpenCV (orientation ignored), 8-bit, channels as
// the file has them (gray 1, colour 3 BGR, alpha 4).
cv::Mat referenceDecode(const QString& path);

// Number of pixels that differ between two images of the same size and type, or -1 when size/type differ.
long long differingPixels(const cv::Mat& a, const cv::Mat& b);

// Describes the first difference for a failure message.
QString describeDifference(const cv::Mat& a, const cv::Mat& b);

// Crop windows with these boxes, ids "0", "1", ... in order, no label.
QList<CropWindow> windowsAt(const QList<QRect>& boxes);

} // namespace cropdeck::test
