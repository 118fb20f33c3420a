// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/ImagePaths.h"

#include <QDir>

namespace cropdeck {
namespace {

struct Extension {
    const char* name;
    bool readable;
};

// The one list of image file extensions.
constexpr Extension kExtensions[] = {
    {"jpg", true}, {"jpeg", true}, {"jpe", true},  {"jfif", true}, {"png", true},  {"bmp", true},
    {"dib", true}, {"tif", true},  {"tiff", true}, {"webp", true}, {"pbm", true},  {"pgm", true},
    {"ppm", true}, {"pnm", true},  {"gif", false}, {"dng", false}, {"mpo", false},
};

QStringList extensions(bool readableOnly) {
    QStringList list;
    for (const Extension& extension : kExtensions)
        if (extension.readable || !readableOnly)
            list << QLatin1String(extension.name);
    return list;
}

} // namespace

const QStringList& readableImageExtensions() {
    static const QStringList list = extensions(true);
    return list;
}

const QStringList& knownImageExtensions() {
    static const QStringList list = extensions(false);
    return list;
}

QString pathKey(const QString& path) {
    QString normalized = path;
    normalized.replace(u'\\', u'/');
    return QDir::cleanPath(normalized).toCaseFolded();
}

} // namespace cropdeck
