// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "ui/AnnotationDocument.h"
#include "ui/CanvasSharpener.h"
#include "ui/CropCanvas.h"
#include "ui/DatasetModel.h"
#include "ui/DropOpener.h"
#include "ui/EditMenu.h"
#include "ui/ImageFilterBar.h"
#include "ui/ImageFilterModel.h"
#include "ui/ImageLoader.h"
#include "ui/ThumbnailCache.h"
#include "ui/WindowTable.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace cropdeck::ui {
namespace {

// Thumbnails in the list and the grid, in device-independent pixels (4:3, as most photos).
constexpr QSize kThumbnailSize(96, 72);
constexpr QSize kGridCell(128, 112);

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_document(new AnnotationDocument(this))
    , m_dataset(new DatasetModel(this))
    , m_filter(new ImageFilterModel(m_document, this))
    , m_list(new QListView)
    , m_canvas(new CropCanvas)
    , m_loader(new ImageLoader(this))
    , m_windowTable(new WindowTable(m_document))
    , m_imageStatus(new QLabel) {
    m_filter->setSourceModel(m_dataset);
    m_list->setModel(m_filter);        // rows are the dataset's, some hidden: map with imageRow()/listIndex()
    m_list->setUniformItemSizes(true); // 10,000 rows lay out without measuring each
    m_list->setTextElideMode(Qt::ElideMiddle); // long dataset names keep their window count visible
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setAccessibleName(tr("Images"));
    m_list->setAccessibleDescription(tr("The images of the open set, with their number of crop windows"));
    // Made in the background as rows show (ui/ThumbnailCache.h), at the screen's pixel density.
    m_thumbnails = new ThumbnailCache(kThumbnailSize * devicePixelRatio(), this);
    m_dataset->setThumbnails(m_thumbnails);
    m_list->setIconSize(kThumbnailSize);
    m_filterBar = new ImageFilterBar(m_filter);
    auto* imagePane = new QWidget;
    auto* imageLayout = new QVBoxLayout(imagePane);
    imageLayout->setContentsMargins(0, 0, 0, 0);
    imageLayout->addWidget(m_filterBar);
    imageLayout->addWidget(m_list);
    auto* splitter = new QSplitter;
    splitter->addWidget(imagePane);
    splitter->addWidget(m_canvas);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({300, 1000}); // room for a thumbnail, the name and the window count
    setCentralWidget(splitter);
    statusBar()->addPermanentWidget(m_imageStatus);
    m_imageStatus->setAccessibleName(tr("Image details"));
    m_canvas->setDocument(m_document);
    m_sharpener = new CanvasSharpener(m_canvas, this);
    m_dataset->setWindowCounter([this](int image) { return m_document->windows(image).size(); });
    connect(m_document, &AnnotationDocument::windowsChanged, m_dataset, &DatasetModel::windowsEdited);
    createWindowDock();
    createMenus();
    createRunDocks();
    createBenchmarkDock();
    createValidationDock();
    createLabelDock();
    connectCutPreview();
    resize(1280, 800);
    restoreSettings();
    m_save = [this] {
        return saveProject();
    };
    // Files and folders dropped on the window open as the same paths on the command line do.
    connect(new DropOpener(this), &DropOpener::dropped, this, &MainWindow::openPaths);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showImage(m_filter->mapToSource(current).row()); });
    connect(m_loader, &ImageLoader::loaded, this, &MainWindow::pictureLoaded);
    connect(m_loader, &ImageLoader::failed, this, [this](const QString&, const QString& message) {
        m_sharpener->clear();
        m_canvas->clear();
        statusBar()->showMessage(message);
    });
    connect(&m_opening, &QFutureWatcherBase::finished, this, &MainWindow::finishOpening);
    connect(m_canvas, &CropCanvas::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(m_document, &AnnotationDocument::modifiedChanged, this, &QWidget::setWindowModified);
    updateTitle();
}

void MainWindow::createWindowDock() {
    auto* dock = new QDockWidget(tr("Window List"), this);
    dock->setObjectName(QStringLiteral("windowListDock"));
    dock->setWidget(m_windowTable);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    // Selection in step both ways; neither side echoes a selection it was given.
    connect(m_canvas, &CropCanvas::selectionChanged, m_windowTable, &WindowTable::setSelectedWindows);
    connect(m_windowTable, &WindowTable::windowsSelected, m_canvas, &CropCanvas::setSelectedWindows);
    // After the table's reset for added or removed windows (connected earlier), take the canvas's again.
    connect(m_document, &AnnotationDocument::windowsChanged, this, [this](int image) {
        if (image == m_canvas->imageIndex())
            m_windowTable->setSelectedWindows(m_canvas->selectedWindows());
    });
}

MainWindow::~MainWindow() {
    m_opening.waitForFinished();
    m_exporting.waitForFinished();
    // The children outlive this window's members: their signals must not reach it any more.
    for (QObject* sender : std::initializer_list<QObject*>{m_document, m_canvas, m_windowTable, m_loader})
        disconnect(sender, nullptr, this, nullptr);
    m_dataset->setWindowCounter({}); // it reads the document, which goes first
}

void MainWindow::createMenus() {
    createFileMenu();

    addEditMenu(menuBar(), m_document, m_canvas);

    QMenu* view = m_viewMenu = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom to &Fit"), QKeySequence(tr("Ctrl+0")), m_canvas, &CropCanvas::zoomToFit);
    view->addAction(tr("Zoom to &Selection"), QKeySequence(tr("Ctrl+2")), m_canvas,
                    &CropCanvas::zoomToSelection);
    view->addAction(tr("&Actual Pixels"), QKeySequence(tr("Ctrl+1")), m_canvas, &CropCanvas::zoomOneToOne);
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_canvas, &CropCanvas::zoomIn);
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_canvas, &CropCanvas::zoomOut);
    view->addSeparator();
    m_gridAction = view->addAction(tr("Thumbnail &Grid"), QKeySequence(tr("Ctrl+G")), this,
                                   &MainWindow::setThumbnailGrid);
    m_gridAction->setCheckable(true);
    view->addSeparator();
    view->addAction(findChild<QDockWidget*>(QStringLiteral("windowListDock"))->toggleViewAction());

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    // Through the images the list shows (a filter hides some).
    go->addAction(tr("&Next Image"), QKeySequence(Qt::Key_PageDown), this,
                  [this] { selectListRow(m_list->currentIndex().row() + 1); });
    go->addAction(tr("&Previous Image"), QKeySequence(Qt::Key_PageUp), this,
                  [this] { selectListRow(m_list->currentIndex().row() - 1); });
    go->addAction(tr("&First Image"), QKeySequence(Qt::CTRL | Qt::Key_Home), this,
                  [this] { selectListRow(0); });
    go->addAction(tr("&Last Image"), QKeySequence(Qt::CTRL | Qt::Key_End), this,
                  [this] { selectListRow(m_filter->rowCount() - 1); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
}

void MainWindow::open(const OpenRequest& request) {
    if (confirmDiscardEdits())
        startOpening(request);
}

bool MainWindow::confirmDiscardEdits() {
    if (!m_document->isModified())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved edits"),
                    tr("The windows of %1 have unsaved edits.").arg(m_title), QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("unsavedEditsQuestion"));
    box.setInformativeText(m_save ? tr("Save them first?") : tr("Discard them?"));
    QAbstractButton* save = m_save ? box.addButton(QMessageBox::Save) : nullptr;
    QAbstractButton* discard = box.addButton(QMessageBox::Discard);
    box.setDefaultButton(box.addButton(QMessageBox::Cancel));
    box.exec();
    if (box.clickedButton() == save)
        return m_save();
    return box.clickedButton() == discard;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmDiscardEdits())
        return event->ignore();
    saveSettings();
    event->accept();
}

void MainWindow::setThumbnailGrid(bool grid) {
    // One model, two views of it: a list with small thumbnails beside the names, or a wrapping grid.
    m_list->setViewMode(grid ? QListView::IconMode : QListView::ListMode);
    m_list->setFlow(grid ? QListView::LeftToRight : QListView::TopToBottom);
    m_list->setWrapping(grid);
    m_list->setResizeMode(grid ? QListView::Adjust : QListView::Fixed);
    m_list->setGridSize(grid ? kGridCell : QSize());
    m_list->setMovement(QListView::Static); // a grid's items are not rearranged by dragging
    m_list->setWordWrap(grid);
    if (m_gridAction)
        m_gridAction->setChecked(grid);
    m_list->scrollTo(m_list->currentIndex());
}

bool MainWindow::isThumbnailGrid() const {
    return m_list->viewMode() == QListView::IconMode;
}

void MainWindow::startOpening(const OpenRequest& request) {
    // prepareBatch cannot be interrupted; the GUI thread never waits for it: the newest request waits.
    if (m_opening.isRunning()) {
        m_queued = request;
        return;
    }
    m_pending = request;
    statusBar()->showMessage(tr("Opening…"));
    m_opening.setFuture(QtConcurrent::run([request] {
        return request.editedAnnotations
                   ? prepareBatch(request.request, *request.editedAnnotations, PrepareFor::Browse)
                   : prepareBatch(request.request, PrepareFor::Browse);
    }));
}

void MainWindow::finishOpening() {
    if (m_queued) {
        // A newer request replaces this result.
        const OpenRequest next = *std::exchange(m_queued, std::nullopt);
        startOpening(next);
        return;
    }
    Result<PreparedBatch> batch = m_opening.result();
    if (!batch) {
        statusBar()->showMessage(batch.error().message);
        emit openFailed(batch.error().message);
        return;
    }
    m_loader->cancel();
    m_canvas->clear();
    m_opened = m_pending;
    m_selectWhenShown = {-1, -1};
    m_filterBar->reset(); // a new set starts unfiltered
    m_document->setAnnotations(batch->annotations, batch->unannotatedImages);
    m_dataset->setBatch(std::move(batch.value()));
    const QString source = !m_opened.projectPath.isEmpty()          ? m_opened.projectPath
                           : m_opened.request.annotations.isEmpty() ? m_opened.request.images
                                                                    : m_opened.request.annotations;
    m_title = QFileInfo(source).fileName();
    updateTitle();
    statusBar()->showMessage(tr("%1 images, %2")
                                 .arg(m_dataset->rowCount())
                                 .arg(DatasetModel::windowCountText(m_dataset->totalWindows())));
    int select = 0;
    for (int row = 0; row < m_dataset->rowCount() && !m_opened.selectPath.isEmpty(); ++row)
        if (QFileInfo(m_dataset->image(row).absolutePath) == QFileInfo(m_opened.selectPath))
            select = row;
    selectImage(select);
    emit opened(m_dataset->rowCount(), m_dataset->totalWindows());
}

int MainWindow::currentImage() const {
    return m_filter->mapToSource(m_list->currentIndex()).row();
}

void MainWindow::selectImage(int row) {
    if (row < 0 || row >= m_dataset->rowCount())
        return;
    QModelIndex index = m_filter->mapFromSource(m_dataset->index(row));
    if (!index.isValid()) { // hidden by the filter: asked for by name, so shown
        m_filterBar->reset();
        index = m_filter->mapFromSource(m_dataset->index(row));
    }
    m_list->setCurrentIndex(index);
}

void MainWindow::selectListRow(int listRow) {
    if (listRow >= 0 && listRow < m_filter->rowCount())
        m_list->setCurrentIndex(m_filter->index(listRow, 0));
}

void MainWindow::showImage(int row) {
    if (row < 0 || row >= m_dataset->rowCount())
        return;
    const PlannedImage& image = m_dataset->image(row);
    m_windowTable->setImage(image.imageIndex);
    if (!image.problem.isEmpty()) {
        m_sharpener->clear();
        m_canvas->clear();
        statusBar()->showMessage(image.problem);
        return;
    }
    m_imageStatus->setText(tr("%1 of %2 · loading…").arg(row + 1).arg(m_dataset->rowCount()));
    m_loader->load(image.absolutePath, m_canvas->devicePixelsNeeded(),
                   m_dataset->batch().options.settings.maxPixels, displayOrientation());
}

DisplayOrientation MainWindow::displayOrientation() const {
    return m_dataset->boxesOnStoredPixels() ? DisplayOrientation::Stored : DisplayOrientation::Upright;
}

void MainWindow::pictureLoaded(const LoadedImage& loaded) {
    const int row = currentImage();
    if (row < 0 || m_dataset->image(row).absolutePath != loaded.path)
        return;
    const PlannedImage& image = m_dataset->image(row);
    m_canvas->setPicture(loaded.picture, loaded.sceneSize);
    m_sharpener->setImage(loaded.path, loaded.scaleDenom, m_dataset->batch().options.settings.maxPixels,
                          displayOrientation());
    m_canvas->showWindows(image.imageIndex, m_dataset->batch().options.settings.normalizedMaxFraction);
    if (const auto [finding, window] = std::exchange(m_selectWhenShown, {-1, -1});
        finding == image.imageIndex && window >= 0)
        m_canvas->setSelectedWindows({window});
    m_imageStatus->setText(
        tr("%1 of %2 · %3×%4 · %5 · shown at 1/%6 (%7)")
            .arg(row + 1)
            .arg(m_dataset->rowCount())
            .arg(loaded.sceneSize.width())
            .arg(loaded.sceneSize.height())
            .arg(DatasetModel::windowCountText(m_document->windows(image.imageIndex).size()))
            .arg(loaded.scaleDenom)
            .arg(loaded.decoder));
    emit imageShown(loaded.path);
}

void MainWindow::openFolderDialog() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open a folder of images"), dialogFolder("images"));
    if (folder.isEmpty())
        return;
    rememberDialogFolder("images", folder);
    Result<OpenRequest> request = openRequestFor({folder}, {});
    if (request)
        open(*request);
    else
        statusBar()->showMessage(request.error().message);
}

void MainWindow::openAnnotationsDialog() {
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Open an annotation file"), dialogFolder("annotations"),
                                     tr("Annotations (*.xml *.json *.csv *.txt);;All files (*)"));
    if (file.isEmpty())
        return;
    rememberDialogFolder("annotations", file);
    BatchRequest base = m_opened.request;
    base.generated = {};
    Result<OpenRequest> request = openRequestFor({file}, base);
    if (request)
        open(*request);
    else
        statusBar()->showMessage(request.error().message);
}

void MainWindow::showShortcuts() {
    QStringList lines;
    for (QMenu* menu : menuBar()->findChildren<QMenu*>())
        for (QAction* action : menu->actions())
            if (!action->shortcut().isEmpty())
                lines << QStringLiteral("%1\t%2").arg(action->shortcut().toString(QKeySequence::NativeText),
                                                      action->text().remove(u'&'));
    lines << canvasGestureHelp();
    QMessageBox::information(this, tr("Keyboard shortcuts"), lines.join(u'\n'));
}

void MainWindow::updateTitle() {
    // [*]: Qt shows the unsaved-edits marker there while windowModified is set.
    setWindowTitle(m_title.isEmpty() ? tr("CropDeck[*]") : tr("%1[*] — CropDeck").arg(m_title));
}

} // namespace cropdeck::ui
