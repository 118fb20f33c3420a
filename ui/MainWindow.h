// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The main window: the image list beside the canvas, menus, status line. Small on purpose: the list is a
// DatasetModel, the picture a CropCanvas fed by an ImageLoader, and opening a set is core's prepareBatch
// (PrepareFor::Browse) run off the GUI thread. The open set's windows are edited in an AnnotationDocument
// (canvas, window table dock, Edit menu with undo); closing or opening another set with unsaved edits
// asks first. The rest lives beside it, each in its own file: the File menu (projects, export, recent
// sessions: ui/FileMenu.cpp), the Batch and Output Preview docks (ui/RunDocks.cpp), the Benchmark dock
// (ui/BenchmarkDock.cpp), the Validation dock (ui/ValidationDock.cpp) and what is kept between sessions
// (ui/MainWindowSettings.cpp).

#include "annotations/AnnotationFormat.h"
#include "batch/AnnotationExport.h"
#include "batch/PrepareBatch.h"
#include "engine/DisplayImage.h"
#include "ui/OpenRequest.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <functional>
#include <optional>
#include <utility>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QTimer;

namespace cropdeck::ui {

class AnnotationDocument;
class BatchPanel;
class BenchmarkPanel;
class CanvasSharpener;
class CropCanvas;
class DatasetModel;
class ImageFilterBar;
class ImageFilterModel;
class ImageLoader;
class LabelModel;
class PreviewPanel;
struct LoadedImage;
class ThumbnailCache;
class ValidationPanel;
class WindowTable;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the set in the background; opened() or openFailed() follows. With unsaved edits it asks
    // first, and does nothing when the user cancels.
    void open(const OpenRequest& request);
    // What the same paths on the command line open (a drop, Open Recent); errors go to the status line
    // and openFailed().
    void openPaths(const QStringList& paths);
    // What "Save" does when unsaved edits would be lost: true once saved. saveProject() unless replaced;
    // with an empty one the question offers only Discard and Cancel.
    void setSaveHandler(std::function<bool()> save) { m_save = std::move(save); }
    // True when there are no unsaved edits or the user saved or discarded them.
    bool confirmDiscardEdits();

    // The open set as a project (.cropdeck): its request with the Batch dock's settings, and the windows
    // as edited when they differ from the annotation file. saveProject() writes to the open project, or
    // asks where first; the document is clean after a save. Errors are shown and give false.
    bool saveProject();
    bool saveProjectAs();
    bool saveProjectTo(const QString& path);
    // The open set's windows, as edited, written to `output` in `format` in the background; exported()
    // or exportFailed() follows. The annotation source is replaced only with SourceReplacement::Allowed
    // (the menu asks the user first).
    void exportAnnotations(const QString& output, AnnotationFormat format, SourceReplacement replacement);
    // The request, project and edits of the set now open (empty before the first open).
    const OpenRequest& openedRequest() const { return m_opened; }

    DatasetModel* dataset() const { return m_dataset; }
    CropCanvas* canvas() const { return m_canvas; }
    CanvasSharpener* sharpener() const { return m_sharpener; }
    AnnotationDocument* document() const { return m_document; }
    WindowTable* windowTable() const { return m_windowTable; }
    QListView* imageList() const { return m_list; }
    BatchPanel* batchPanel() const { return m_batchPanel; }
    BenchmarkPanel* benchmarkPanel() const { return m_benchmark; }
    PreviewPanel* previewPanel() const { return m_preview; }
    ValidationPanel* validationPanel() const { return m_validation; }
    LabelModel* labels() const { return m_labels; }
    ThumbnailCache* thumbnails() const { return m_thumbnails; }
    void setThumbnailGrid(bool grid);
    bool isThumbnailGrid() const;
    ImageFilterModel* imageFilter() const { return m_filter; }
    ImageFilterBar* imageFilterBar() const { return m_filterBar; }
    // Rows of the dataset (every image of the set, whatever the list's filter shows).
    int currentImage() const;
    // Shows the image of dataset row `row`, clearing a filter that hides it.
    void selectImage(int row);

signals:
    void opened(int images, int windows);
    void openFailed(const QString& message);
    void imageShown(const QString& path);
    void exported(const cropdeck::AnnotationExport& result, const QString& output);
    void exportFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    // The File menu (ui/FileMenu.cpp).
    void createFileMenu();
    void rebuildRecentMenu();
    void openProjectDialog();
    void saveAnnotationsToSource();
    void exportAnnotationsDialog();
    void exportFinished();
    void showError(const QString& title, const QString& message);
    QString dialogFolder(const QString& key) const;
    void rememberDialogFolder(const QString& key, const QString& path);
    // The Validation dock (ui/ValidationDock.cpp): the open set checked as --validate checks it, again
    // shortly after edits; a finding shows its image and selects its box.
    void createValidationDock();
    // The Labels dock (ui/LabelDock.cpp).
    void createLabelDock();
    void validateOpenSet();
    void showFinding(int imageIndex, int windowIndex);
    // The orientation the canvas shows the open set in (its boxes' convention).
    DisplayOrientation displayOrientation() const;
    // Row `listRow` of the list as filtered (the Go menu walks what the user sees).
    void selectListRow(int listRow);
    // Window geometry and dock layout, the list's mode, the last batch settings (ui/MainWindowSettings.cpp).
    void restoreSettings();
    void saveSettings() const;
    BatchRequest requestWithRememberedSettings(const OpenRequest& opened) const;
    void createWindowDock();
    void startOpening(const OpenRequest& request);
    void openFolderDialog();
    void openAnnotationsDialog();
    void finishOpening();
    void showImage(int row);
    void pictureLoaded(const LoadedImage& image);
    void showShortcuts();
    void updateTitle();
    // The canvas and the window table show what the batch's settings cut (ui/CutPreviewWiring.cpp).
    void connectCutPreview();
    // The Batch and Output Preview docks (ui/RunDocks.cpp).
    void createRunDocks();
    void previewSelectedWindow(int windowIndex);
    CropSettings settingsInEffect() const;
    // The Benchmark dock, a tab beside the Batch dock (ui/BenchmarkDock.cpp).
    void createBenchmarkDock();

    AnnotationDocument* m_document;
    DatasetModel* m_dataset;
    ImageFilterModel* m_filter; // what the list shows of m_dataset
    ImageFilterBar* m_filterBar = nullptr;
    QListView* m_list;
    CropCanvas* m_canvas;
    CanvasSharpener* m_sharpener = nullptr; // the visible region at full resolution when zoomed in
    ImageLoader* m_loader;
    WindowTable* m_windowTable;
    QLabel* m_imageStatus;
    QFutureWatcher<Result<PreparedBatch>> m_opening;
    OpenRequest m_pending;               // being opened
    OpenRequest m_opened;                // open now (its project path follows Save As)
    std::optional<OpenRequest> m_queued; // asked for while another set was opening: opened next
    QString m_title;
    std::function<bool()> m_save;
    BatchPanel* m_batchPanel = nullptr;
    BenchmarkPanel* m_benchmark = nullptr;
    PreviewPanel* m_preview = nullptr;
    int m_previewWindow = -1;
    ThumbnailCache* m_thumbnails = nullptr;
    ValidationPanel* m_validation = nullptr;
    LabelModel* m_labels = nullptr;
    QMenu* m_viewMenu = nullptr;
    QTimer* m_revalidate = nullptr;
    // A finding's image and window: the window is selected once that image is shown.
    std::pair<int, int> m_selectWhenShown{-1, -1};
    QMenu* m_recentMenu = nullptr;
    QAction* m_saveAnnotations = nullptr;
    QAction* m_gridAction = nullptr;
    QFutureWatcher<Result<AnnotationExport>> m_exporting;
    QString m_exportOutput;
    bool m_exportToSource = false; // the running export writes the edits back to their source
};

} // namespace cropdeck::ui
