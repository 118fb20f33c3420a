// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtils.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <vector>

namespace cropdeck::test {

QString sharedDataDir() {
    QString dir = qEnvironmentVariable("CROPDECK_SHARED_DATA");
    if (dir.isEmpty())
        dir = QStringLiteral(CROPDECK_SHARED_DATA_DEFAULT);
    return QFileInfo(dir).isDir() ? QDir(dir).absolutePath() : QString();
}

void writeTextFile(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(text), text.size());
}

QByteArray fileContents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void useSettingsFolder(const QString& folder) {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
}

QString cropdeckBinary() {
    return qEnvironmentVariable("CROPDECK_BINARY");
}

cv::Mat referenceDecode(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    const std::vector<uchar> buffer(bytes.begin(), bytes.end());
    cv::Mat decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
    if (decoded.empty())
        return {};
    if (decoded.depth() == CV_16U)
        decoded.convertTo(decoded, CV_8U, 1.0 / 257.0);
    if (decoded.channels() == 2) {
        cv::Mat gray;
        cv::extractChannel(decoded, gray, 0);
        decoded = gray;
    }
    return decoded;
}

long long differingPixels(const cv::Mat& a, const cv::Mat& b) {
    if (a.size() != b.size() || a.type() != b.type())
        return -1;
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    // One row per pixel, one column per channel: a pixel differs when any of its channels does.
    cv::Mat anyChannel;
    cv::reduce(diff.reshape(1, int(diff.total())), anyChannel, 1, cv::REDUCE_MAX);
    return cv::countNonZero(anyChannel);
}

QString describeDifference(const cv::Mat& a, const cv::Mat& b) {
    if (a.size() != b.size() || a.type() != b.type())
        return QStringLiteral("size/type differ: %1x%2 type %3 vs %4x%5 type %6")
            .arg(a.cols)
            .arg(a.rows)
            .arg(a.type())
            .arg(b.cols)
            .arg(b.rows)
            .arg(b.type());
    for (int y = 0; y < a.rows; ++y) {
        const uchar* pa = a.ptr(y);
        const uchar* pb = b.ptr(y);
        const int rowBytes = a.cols * int(a.elemSize());
        for (int i = 0; i < rowBytes; ++i)
            if (pa[i] != pb[i])
                return QStringLiteral("first difference at x=%1 y=%2 channel %3: %4 vs %5")
                    .arg(i / int(a.elemSize()))
                    .arg(y)
                    .arg(i % int(a.elemSize()))
                    .arg(pa[i])
                    .arg(pb[i]);
    }
    return QStringLiteral("identical");
}

QList<CropWindow> windowsAt(const QList<QRect>& boxes) {
    QList<CropWindow> windows;
    for (const QRect& box : boxes) {
        CropWindow window;
        window.box = QRectF(box);
        window.id = QString::number(windows.size());
        windows.append(window);
    }
    return windows;
}

} // namespace cropdeck::test
