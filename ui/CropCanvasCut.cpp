// SPDX-License-Identifier: GPL-3.0-or-later
// The canvas's view of what the batch will cut (CutPreview.h): each window's cut drawn over it, and the
// editing modes the batch settings imply (fixed-size windows added by a click; MCU snapping is applied
// where the gestures make boxes, in CropCanvasEditing.cpp).
#include "geometry/WindowShaping.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/WindowItem.h"

#include <cmath>

namespace cropdeck::ui {

void CropCanvas::setCutPreview(const CropSettings& settings) {
    m_cutSettings = settings;
    refreshCuts();
}

void CropCanvas::setImageInfo(const ImageInfo& info) {
    m_imageInfo = info;
    refreshCuts();
}

void CropCanvas::refreshCuts() {
    m_cutPreview = m_cutSettings ? CutPreview(*m_cutSettings, m_imageInfo) : CutPreview();
    for (WindowItem* item : windowItems())
        if (const CropWindow* window =
                m_document ? m_document->window(m_image, item->windowIndex()) : nullptr)
            showCut(item, *window);
}

void CropCanvas::showCut(WindowItem* item, const CropWindow& window) const {
    item->setCut(m_cutPreview.cutOf(window));
    item->setResizable(!m_cutPreview.fixedSize().isValid());
}

bool CropCanvas::addFixedSizeWindow(QPointF scene) {
    const QSize size = m_cutPreview.fixedSize();
    if (!QRectF(QPointF(0, 0), QSizeF(m_sceneSize)).contains(scene)) {
        emit message(tr("Click inside the image to add a %1×%2 window").arg(size.width()).arg(size.height()));
        return false;
    }
    // Centred on the clicked pixel by the batch's own rule (fixedSizeAround), so the batch cuts exactly
    // this window; on the MCU grid when the output is lossless.
    const QRect pixel(int(std::floor(scene.x())), int(std::floor(scene.y())), 1, 1);
    const QRectF box = m_cutPreview.snapped(QRectF(*fixedSizeAround(pixel, size)));
    const int added = m_document->addWindow(m_image, box, m_document->defaultLabel());
    if (added >= 0)
        setSelectedWindows({added});
    return added >= 0;
}

} // namespace cropdeck::ui
