// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunTestSupport.h"

#include "engine/Manifest.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace cropdeck::test {
namespace {

cv::Mat photoLike(int width, int height, int seed) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(uchar(x * 255 / width), uchar(y * 255 / height), uchar(seed * 37));
    cv::circle(image, cv::Point(width / 3 + seed % 7, height / 2), height / 3, cv::Scalar(30, 200, 90),
               cv::FILLED);
    cv::Mat noise(image.size(), image.type());
    cv::theRNG().state = quint64(seed);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(10));
    return image + noise;
}

} // namespace

QString makeJpegSet(const QString& folder, int count, QSize size) {
    QDir(folder).mkpath(QStringLiteral("sub"));
    QString csv = QStringLiteral("path,x,y,w,h,label\n");
    const int w = size.width(), h = size.height();
    for (int i = 0; i < count; ++i) {
        const QString path =
            QStringLiteral("%1img%2.jpg").arg(i == 1 ? "sub/" : "").arg(i, 3, 10, QChar('0'));
        cv::imwrite(QDir(folder).filePath(path).toStdString(), photoLike(w, h, i + 1),
                    {cv::IMWRITE_JPEG_QUALITY, 90});
        csv += QStringLiteral("%1,%2,%3,%4,%5,cat\n").arg(path).arg(3 + i % 5).arg(5).arg(w / 2).arg(h / 2);
        csv +=
            QStringLiteral("%1,%2,%3,%4,%5,dog\n").arg(path).arg(w / 4 + 1).arg(h / 4).arg(w / 2).arg(h / 3);
        csv +=
            QStringLiteral("%1,%2,%3,%4,%5,edge\n").arg(path).arg(w - w / 4).arg(h / 3).arg(w / 2).arg(h / 3);
    }
    const QString file = QDir(folder).filePath(QStringLiteral("annotations.csv"));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(csv.toUtf8()) < 0)
        return {};
    return file;
}

QMap<QString, QByteArray> outputTree(const QString& dir) {
    QMap<QString, QByteArray> tree;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName() == QLatin1String(kManifestFileName))
            continue;
        QFile file(path);
        tree.insert(QDir(dir).relativeFilePath(path), file.open(QIODevice::ReadOnly) ? file.readAll() : "?");
    }
    return tree;
}

QStringList temporariesIn(const QString& dir) {
    QStringList found;
    QDirIterator it(dir, {".cropdeck-*.tmp"}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    return found;
}

int checkedManifestOutputs(const QString& dir) {
    QFile file(QDir(dir).filePath(kManifestFileName));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    int ok = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject entry = QJsonDocument::fromJson(line).object();
        if (entry.isEmpty())
            return -1; // a torn or invalid line
        if (entry["status"].toString() != u"ok")
            continue;
        const QFileInfo info(QDir(dir).filePath(entry["output"].toString()));
        if (!info.isFile() || info.size() != qint64(entry["bytes"].toDouble()))
            return -1;
        ++ok;
    }
    return ok;
}

} // namespace cropdeck::test
