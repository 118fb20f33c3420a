// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ImageConversion.h"

namespace cropdeck::ui {

QImage toQImage(const DisplayPixels& pixels) {
    if (pixels.size.isEmpty() || pixels.data.isEmpty())
        return {};
    const QImage::Format format = pixels.channels == 1   ? QImage::Format_Grayscale8
                                  : pixels.channels == 3 ? QImage::Format_RGB888
                                                         : QImage::Format_RGBA8888;
    const QImage view(reinterpret_cast<const uchar*>(pixels.data.constData()), pixels.size.width(),
                      pixels.size.height(), pixels.bytesPerLine, format);
    return view.copy();
}

} // namespace cropdeck::ui
