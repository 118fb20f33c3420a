// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/PreviewPanel.h"

#include "batch/SettingNames.h"
#include "ui/ImageConversion.h"
#include "ui/PreviewLoader.h"

#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

namespace cropdeck::ui {

PreviewPanel::PreviewPanel(QWidget* parent)
    : QWidget(parent)
    , m_loader(new PreviewLoader(this))
    , m_picture(new QLabel)
    , m_details(new QLabel) {
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(64, 64);
    m_picture->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored); // the pixmap never grows the dock
    m_picture->setAccessibleName(tr("Output preview"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAccessibleName(tr("Output details"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_picture, 1);
    layout->addWidget(m_details);
    connect(m_loader, &PreviewLoader::rendered, this, &PreviewPanel::showPreview);
    connect(m_loader, &PreviewLoader::failed, this, &PreviewPanel::showMessage);
    clear();
}

void PreviewPanel::showWindow(const QString& imagePath, const CropWindow& window,
                              const CropSettings& settings) {
    m_path = imagePath;
    m_window = window;
    m_settings = settings;
    render();
}

void PreviewPanel::setSettings(const CropSettings& settings) {
    m_settings = settings;
    if (m_window)
        render();
}

void PreviewPanel::clear() {
    m_loader->cancel();
    m_window.reset();
    m_shown.reset();
    m_image = {};
    m_picture->clear();
    m_details->setText(tr("Select a window to see its output."));
}

bool PreviewPanel::isRendering() const {
    return m_loader->isRendering();
}

QString PreviewPanel::detailsText() const {
    return m_details->text();
}

void PreviewPanel::render() {
    m_details->setText(tr("Rendering…"));
    m_loader->render(m_path, *m_window, m_settings);
}

void PreviewPanel::showPreview(const WindowPreview& preview) {
    m_shown = preview;
    m_image = toQImage(preview.display);
    updatePicture();
    if (preview.error)
        m_details->setText(tr("Not written: %1").arg(preview.error->message));
    else if (preview.skipped)
        m_details->setText(tr("Skipped, nothing written: %1").arg(preview.skipReason));
    else
        m_details->setText(tr("%1×%2 %3 · %4 bytes%5")
                               .arg(preview.outputSize.width())
                               .arg(preview.outputSize.height())
                               .arg(formatOutputFormat(preview.format).toUpper())
                               .arg(preview.encoded.size())
                               .arg(preview.lossless ? tr(" · lossless") : QString()));
    emit previewShown();
}

void PreviewPanel::showMessage(const QString& message) {
    m_shown.reset();
    m_image = {};
    m_picture->clear();
    m_details->setText(message);
    emit previewShown();
}

void PreviewPanel::updatePicture() {
    if (m_image.isNull()) {
        m_picture->clear();
        return;
    }
    // Small crops are enlarged without smoothing so that their pixels (and artefacts) stay visible.
    const QSize target = m_picture->size();
    const bool enlarge = m_image.width() < target.width() && m_image.height() < target.height();
    const QImage scaled = m_image.scaled(target, Qt::KeepAspectRatio,
                                         enlarge ? Qt::FastTransformation : Qt::SmoothTransformation);
    m_picture->setPixmap(QPixmap::fromImage(scaled));
}

void PreviewPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updatePicture();
}

} // namespace cropdeck::ui
