// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The main window: the image list beside the canvas, menus, status line. Small on purpose: the list is a
// DatasetModel, the picture a CropCanvas fed by an ImageLoader, and opening a set is core's prepareBatch
// (PrepareFor::Browse) run off the GUI thread. The open set's windows are edited in an AnnotationDocument
// (canvas, window table dock, Edit menu with undo); closing or opening another set with unsaved edits
// asks first.

#include "batch/PrepareBatch.h"
#include "ui/OpenRequest.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <functional>
#include <optional>

class QLabel;
class QListView;

namespace cropdeck::ui {

class AnnotationDocument;
class BatchPanel;
class CropCanvas;
class DatasetModel;
class ImageLoader;
class PreviewPanel;
struct LoadedImage;
class WindowTable;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the set in the background; opened() or openFailed() follows. With unsaved edits it asks
    // first, and does nothing when the user cancels.
    void open(const OpenRequest& request);
    // What "Save" does when unsaved edits would be lost: true once saved. Without one the question
    // offers only Discard and Cancel.
    void setSaveHandler(std::function<bool()> save) { m_save = std::move(save); }
    // True when there are no unsaved edits or the user saved or discarded them.
    bool confirmDiscardEdits();

    DatasetModel* dataset() const { return m_dataset; }
    CropCanvas* canvas() const { return m_canvas; }
    AnnotationDocument* document() const { return m_document; }
    WindowTable* windowTable() const { return m_windowTable; }
    QListView* imageList() const { return m_list; }
    BatchPanel* batchPanel() const { return m_batchPanel; }
    PreviewPanel* previewPanel() const { return m_preview; }
    int currentImage() const;
    void selectImage(int row);

signals:
    void opened(int images, int windows);
    void openFailed(const QString& message);
    void imageShown(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createWindowDock();
    void startOpening(const OpenRequest& request);
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

    AnnotationDocument* m_document;
    DatasetModel* m_dataset;
    QListView* m_list;
    CropCanvas* m_canvas;
    ImageLoader* m_loader;
    WindowTable* m_windowTable;
    QLabel* m_imageStatus;
    QFutureWatcher<Result<PreparedBatch>> m_opening;
    OpenRequest m_pending;
    std::optional<OpenRequest> m_queued; // asked for while another set was opening: opened next
    QString m_title;
    std::function<bool()> m_save;
    BatchPanel* m_batchPanel = nullptr;
    PreviewPanel* m_preview = nullptr;
    int m_previewWindow = -1;
};

} // namespace cropdeck::ui
