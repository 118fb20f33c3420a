// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchPhotos.h"

#include <QFile>
#include <QFileInfo>

namespace cropdeck::benchmark {

QString keepPhoto(const QString& path, const std::function<Result<QByteArray>()>& encode) {
    if (QFileInfo::exists(path))
        return path;
    const Result<QByteArray> bytes = encode();
    QFile file(path + QStringLiteral(".part"));
    if (!bytes || !file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size())
        return {};
    file.close();
    return QFile::rename(file.fileName(), path) ? path : QString();
}

} // namespace cropdeck::benchmark
