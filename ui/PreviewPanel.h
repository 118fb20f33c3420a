// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Output Preview dock's content: the selected window as the batch will write it (core's
// previewWindow through a PreviewLoader, off the GUI thread), with its output size, format and encoded
// byte count, or why nothing is written for it. It renders again whenever the window or the settings
// change; only the newest request is shown.

#include "annotations/Annotation.h"
#include "engine/CropSettings.h"
#include "engine/WindowPreview.h"

#include <QImage>
#include <QWidget>

#include <optional>

class QLabel;

namespace cropdeck::ui {

class PreviewLoader;

class PreviewPanel : public QWidget {
    Q_OBJECT

public:
    explicit PreviewPanel(QWidget* parent = nullptr);

    // `settings` as the batch runs them (annotation settings adopted).
    void showWindow(const QString& imagePath, const CropWindow& window, const CropSettings& settings);
    // The same window again under other settings (nothing when no window is shown).
    void setSettings(const CropSettings& settings);
    void clear();

    // What is shown now (the last delivered preview).
    QSize shownSize() const { return m_shown ? m_shown->outputSize : QSize(); }
    qint64 shownBytes() const { return m_shown ? m_shown->encoded.size() : -1; }
    QImage shownImage() const { return m_image; }
    QString detailsText() const;
    bool isRendering() const;

signals:
    void previewShown(); // a preview (or its failure) is on screen

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void render();
    void showPreview(const WindowPreview& preview);
    void showMessage(const QString& message);
    void updatePicture();

    PreviewLoader* m_loader;
    QLabel* m_picture;
    QLabel* m_details;
    QString m_path;
    std::optional<CropWindow> m_window;
    CropSettings m_settings;
    std::optional<WindowPreview> m_shown;
    QImage m_image;
};

} // namespace cropdeck::ui
