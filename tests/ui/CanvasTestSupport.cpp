// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasTestSupport.h"

#include <QTest>

namespace cropdeck::test {

bool showCanvasFor(CanvasOnScreen& screen, const AnnotationSet& set) {
    screen.canvas.reset();
    screen.document = std::make_unique<ui::AnnotationDocument>();
    screen.document->setAnnotations(set);
    screen.canvas = std::make_unique<ui::CropCanvas>();
    screen.canvas->setFrameShape(QFrame::NoFrame);
    screen.canvas->resize(400, 300);
    screen.canvas->setDocument(screen.document.get());
    screen.canvas->show();
    return QTest::qWaitForWindowExposed(screen.canvas.get());
}

} // namespace cropdeck::test
