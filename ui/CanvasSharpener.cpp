// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CanvasSharpener.h"

#include "ui/CropCanvas.h"
#include "ui/ImageConversion.h"
#include "ui/SharpenGeometry.h"

#include <QGraphicsObject>
#include <QGraphicsScene>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace cropdeck::ui {
namespace {

// Long enough that a wheel spin or a pan is one request, short enough to feel immediate.
constexpr int kSettleMs = 120;
// A full-resolution region larger than this is not worth decoding: the view is not zoomed in far.
constexpr qint64 kMaxRegionPixels = 24'000'000;
// Above the picture (z -1), below the windows (z 0).
constexpr double kPatchZ = -0.5;

} // namespace

// The sharp pixels of one region, drawn over the scaled picture at their place in the image.
class SharpPatch : public QGraphicsObject {
public:
    SharpPatch(QRect region, QImage image)
        : m_region(region)
        , m_pixmap(QPixmap::fromImage(std::move(image))) {
        setZValue(kPatchZ);
        setAcceptedMouseButtons(Qt::NoButton); // clicks go to the windows and the canvas
    }
    QRect region() const { return m_region; }
    QRectF boundingRect() const override { return QRectF(m_region); }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override {
        painter->setRenderHint(QPainter::SmoothPixmapTransform, painter->transform().m11() < 1);
        painter->drawPixmap(QRectF(m_region), m_pixmap, QRectF(m_pixmap.rect()));
    }

private:
    QRect m_region;
    QPixmap m_pixmap;
};

CanvasSharpener::CanvasSharpener(CropCanvas* canvas, QObject* parent)
    : QObject(parent)
    , m_canvas(canvas)
    , m_settle(new QTimer(this)) {
    m_settle->setSingleShot(true);
    m_settle->setInterval(kSettleMs);
    connect(m_settle, &QTimer::timeout, this, &CanvasSharpener::update);
    connect(canvas, &CropCanvas::zoomChanged, this, &CanvasSharpener::viewChanged);
    connect(canvas->horizontalScrollBar(), &QScrollBar::valueChanged, this, &CanvasSharpener::viewChanged);
    connect(canvas->verticalScrollBar(), &QScrollBar::valueChanged, this, &CanvasSharpener::viewChanged);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CanvasSharpener::deliver);
}

CanvasSharpener::~CanvasSharpener() {
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

void CanvasSharpener::setImage(const QString& path, int pictureScaleDenom, qint64 maxPixels,
                               DisplayOrientation orientation) {
    clear();
    m_path = path;
    m_pictureScaleDenom = pictureScaleDenom;
    m_maxPixels = maxPixels;
    m_orientation = orientation;
    viewChanged(); // a canvas that stays zoomed in sharpens the new image too
}

void CanvasSharpener::clear() {
    m_settle->stop();
    if (m_cancel)
        m_cancel->store(true);
    m_path.clear();
    m_requested = {};
    delete m_patch; // null when the canvas's scene was cleared first
}

QRect CanvasSharpener::sharpRegion() const {
    return m_patch ? m_patch->region() : QRect();
}

void CanvasSharpener::viewChanged() {
    if (!m_path.isEmpty())
        m_settle->start();
}

void CanvasSharpener::update() {
    // Only a DCT-scaled picture has detail left to show; other formats are shown at full size.
    const double devicePerImagePixel = m_canvas->zoom() * m_canvas->devicePixelRatioF();
    if (m_path.isEmpty() || m_pictureScaleDenom <= 1 ||
        !pictureIsMagnified(devicePerImagePixel, m_pictureScaleDenom))
        return;
    const QRectF visible = m_canvas->mapToScene(m_canvas->viewport()->rect()).boundingRect();
    const QRect shown = m_patch ? m_patch->region() : m_requested;
    if (!shown.isEmpty() &&
        QRectF(shown).contains(visible.intersected(QRectF(QPointF(0, 0), m_canvas->sceneSize()))))
        return; // what is in view is sharp already, or about to be
    const std::optional<QRect> region = sharpenRegion(visible, m_canvas->sceneSize(), kMaxRegionPixels);
    if (!region)
        return;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_requested = *region;
    const std::shared_ptr<std::atomic_bool> flag = m_cancel;
    m_watcher.setFuture(QtConcurrent::run(
        [path = m_path, rect = *region, maxPixels = m_maxPixels, orientation = m_orientation, flag] {
            return decodeDisplayRegion(path, rect, maxPixels, flag.get(), orientation);
        }));
}

void CanvasSharpener::deliver() {
    // setFuture() on a running watcher disconnects the old future: finished() is the newest request's.
    const QFuture<Result<DisplayRegion>> future = m_watcher.future();
    if (m_path.isEmpty() || m_cancel->load() || future.resultCount() == 0)
        return;
    const Result<DisplayRegion> region = future.result();
    m_requested = {};
    if (!region || !m_canvas->scene())
        return; // the scaled picture stays; the image's own errors are the loader's to report
    delete m_patch;
    auto* patch = new SharpPatch(region->rect, toQImage(region->pixels));
    m_canvas->scene()->addItem(patch);
    m_patch = patch;
    emit sharpened(region->rect);
}

} // namespace cropdeck::ui
