// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The main window: the image list beside the canvas, menus, status line. Small on purpose: the list is a
// DatasetModel, the picture a CropCanvas fed by an ImageLoader, and opening a set is core's prepareBatch
// (PrepareFor::Browse) run off the GUI thread.

#include "batch/PrepareBatch.h"
#include "ui/OpenRequest.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <optional>

class QLabel;
class QListView;

namespace cropdeck::ui {

class BatchPanel;
class CropCanvas;
class DatasetModel;
class ImageLoader;
class PreviewPanel;
struct LoadedImage;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the set in the background; opened() or openFailed() follows.
    void open(const OpenRequest& request);

    DatasetModel* dataset() const { return m_dataset; }
    CropCanvas* canvas() const { return m_canvas; }
    QListView* imageList() const { return m_list; }
    BatchPanel* batchPanel() const { return m_batchPanel; }
    PreviewPanel* previewPanel() const { return m_preview; }
    int currentImage() const;
    void selectImage(int row);

signals:
    void opened(int images, int windows);
    void openFailed(const QString& message);
    void imageShown(const QString& path);

private:
    void createMenus();
    void openFolderDialog();
    void openAnnotationsDialog();
    void finishOpening();
    void showImage(int row);
    void pictureLoaded(const LoadedImage& image);
    void showShortcuts();
    void updateTitle();
    // The Batch and Output Preview docks (ui/RunDocks.cpp).
    void createRunDocks();
    void previewSelectedWindow(int windowIndex);
    CropSettings settingsInEffect() const;

    DatasetModel* m_dataset;
    QListView* m_list;
    CropCanvas* m_canvas;
    ImageLoader* m_loader;
    QLabel* m_imageStatus;
    QFutureWatcher<Result<PreparedBatch>> m_opening;
    OpenRequest m_pending;
    std::optional<OpenRequest> m_queued; // asked for while another set was opening: opened next
    QString m_title;
    BatchPanel* m_batchPanel = nullptr;
    PreviewPanel* m_preview = nullptr;
    int m_previewWindow = -1;
};

} // namespace cropdeck::ui
