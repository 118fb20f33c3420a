// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's File menu, kept out of MainWindow.cpp: opening (folders, annotations, projects, recent
// sessions), saving the open set as a project, and writing its windows as annotations, all through
// core (batch/ProjectFile.h, batch/AnnotationExport.h). Sources are never overwritten unless the user
// says so in a question that names the file.
#include "batch/ProjectFile.h"
#include "ui/AnnotationDocument.h"
#include "ui/BatchPanel.h"
#include "ui/DatasetModel.h"
#include "ui/ExportDialog.h"
#include "ui/MainWindow.h"
#include "ui/RecentSessions.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace cropdeck::ui {
namespace {

const QString kProjectFilter = QStringLiteral("CropDeck projects (*.cropdeck)");

// Where the open set's windows came from, when they can be written back there: the annotation file or
// folder and its format.
std::optional<std::pair<QString, AnnotationFormat>> annotationSource(const OpenRequest& opened,
                                                                     const AnnotationSet& set) {
    if (opened.request.annotations.isEmpty())
        return std::nullopt; // generated windows or bare images: nothing to write back to
    const std::optional<AnnotationFormat> format = parseAnnotationFormat(set.format);
    if (!format || *format == AnnotationFormat::Auto || *format == AnnotationFormat::Unknown)
        return std::nullopt;
    return std::pair{QFileInfo(opened.request.annotations).absoluteFilePath(), *format};
}

// The one way a source is overwritten: the user presses Replace in a question that names it.
bool askToReplaceSource(QWidget* parent, const QString& path, const QString& informative) {
    QMessageBox box(
        QMessageBox::Warning, MainWindow::tr("Replace the annotations?"),
        MainWindow::tr("Replace %1 with the windows as edited here?").arg(QDir::toNativeSeparators(path)),
        QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("replaceSourceQuestion"));
    box.setInformativeText(informative);
    QAbstractButton* replace = box.addButton(MainWindow::tr("&Replace"), QMessageBox::DestructiveRole);
    box.setDefaultButton(box.addButton(QMessageBox::Cancel));
    box.exec();
    return box.clickedButton() == replace;
}

} // namespace

void MainWindow::createFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &Folder…"), QKeySequence::Open, this, &MainWindow::openFolderDialog);
    file->addAction(tr("Open &Annotations…"), QKeySequence(tr("Ctrl+Shift+O")), this,
                    &MainWindow::openAnnotationsDialog);
    file->addAction(tr("Open &Project…"), QKeySequence(tr("Ctrl+Alt+O")), this,
                    &MainWindow::openProjectDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu(); // so that the menu is not empty (and disabled) only until first shown
    file->addSeparator();
    file->addAction(tr("&Save Project"), QKeySequence::Save, this, &MainWindow::saveProject);
    file->addAction(tr("Save Project &As…"), QKeySequence::SaveAs, this, &MainWindow::saveProjectAs);
    m_saveAnnotations =
        file->addAction(tr("Save Annotations to Source…"), this, &MainWindow::saveAnnotationsToSource);
    m_saveAnnotations->setEnabled(false);
    file->addAction(tr("&Export Annotations…"), QKeySequence(tr("Ctrl+E")), this,
                    &MainWindow::exportAnnotationsDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    connect(&m_exporting, &QFutureWatcherBase::finished, this, &MainWindow::exportFinished);
    connect(this, &MainWindow::opened, this, [this] {
        QSettings settings;
        RecentSessions(settings).add(recentSessionFor(m_opened));
        m_saveAnnotations->setEnabled(annotationSource(m_opened, m_document->annotations()).has_value());
    });
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    QSettings settings;
    const QList<RecentSession> sessions = RecentSessions(settings).sessions();
    for (const RecentSession& session : sessions)
        m_recentMenu->addAction(session.label(), this, [this, session] {
            Result<OpenRequest> request = openRequestFor(session);
            if (!request)
                return showError(tr("Cannot open"), request.error().message);
            open(*request);
        });
    if (sessions.isEmpty())
        m_recentMenu->addAction(tr("No recent sessions"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear List"), this, [] {
        QSettings settings;
        RecentSessions(settings).clear();
    });
}

void MainWindow::openPaths(const QStringList& paths) {
    Result<OpenRequest> request = openRequestFor(paths, {});
    if (!request) {
        statusBar()->showMessage(request.error().message);
        emit openFailed(request.error().message);
        return;
    }
    open(*request);
}

void MainWindow::openProjectDialog() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a project"), dialogFolder("project"),
                                                      kProjectFilter + QStringLiteral(";;All files (*)"));
    if (file.isEmpty())
        return;
    rememberDialogFolder("project", file);
    openPaths({file});
}

bool MainWindow::saveProject() {
    return m_opened.projectPath.isEmpty() ? saveProjectAs() : saveProjectTo(m_opened.projectPath);
}

bool MainWindow::saveProjectAs() {
    if (m_dataset->rowCount() == 0 && m_opened.request.images.isEmpty() &&
        m_opened.request.annotations.isEmpty()) {
        statusBar()->showMessage(tr("Open a data set first."), 5000);
        return false;
    }
    const QString suggested = m_opened.projectPath.isEmpty()
                                  ? QDir(dialogFolder("project"))
                                        .filePath(m_title.section(u'.', 0, 0) + QStringLiteral(".cropdeck"))
                                  : m_opened.projectPath;
    QString path = QFileDialog::getSaveFileName(this, tr("Save project"), suggested, kProjectFilter);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".cropdeck");
    rememberDialogFolder("project", path);
    return saveProjectTo(path);
}

bool MainWindow::saveProjectTo(const QString& path) {
    CropProject project;
    // The settings as the Batch dock shows them; while a field does not parse, the set's own.
    const Result<BatchRequest> request = m_batchPanel->request();
    project.request = request ? *request : m_opened.request;
    // Edits are kept once made: the annotation file alone would no longer give these windows.
    const bool edited = m_document->isModified() || m_opened.editedAnnotations.has_value();
    if (edited)
        project.editedAnnotations = m_document->annotationsToSave();
    if (const Status saved = cropdeck::saveProject(project, path); !saved) {
        showError(tr("Cannot save the project"), saved.error().message);
        return false;
    }
    m_opened.projectPath = QFileInfo(path).absoluteFilePath();
    m_opened.editedAnnotations = project.editedAnnotations;
    m_opened.request = project.request;
    m_document->setClean();
    m_title = QFileInfo(path).fileName();
    updateTitle();
    QSettings settings;
    RecentSessions(settings).add(recentSessionFor(m_opened));
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_opened.projectPath)), 5000);
    return true;
}

void MainWindow::saveAnnotationsToSource() {
    const auto source = annotationSource(m_opened, m_document->annotations());
    if (!source)
        return;
    const QString informative =
        tr("The annotation file is rewritten in its own format (%1); what that format cannot hold is listed "
           "afterwards. Export writes a copy instead.")
            .arg(annotationFormatName(source->second));
    if (!askToReplaceSource(this, source->first, informative))
        return;
    exportAnnotations(source->first, source->second, SourceReplacement::Allowed);
    m_exportToSource = true; // once written, the edits are no longer unsaved
}

void MainWindow::exportAnnotationsDialog() {
    if (m_document->imageCount() == 0) {
        statusBar()->showMessage(tr("Open a data set first."), 5000);
        return;
    }
    const std::optional<AnnotationFormat> current = parseAnnotationFormat(m_document->annotations().format);
    ExportDialog dialog(dialogFolder("export"), current.value_or(AnnotationFormat::Coco), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    rememberDialogFolder("export", dialog.output());
    SourceReplacement replacement = SourceReplacement::Refused;
    for (const QString& input : {m_document->annotations().sourceFile, m_opened.request.annotations}) {
        if (input.isEmpty() || checkExportTarget(input, dialog.output(), dialog.format()))
            continue;
        // The target is (or holds) the source: only on an explicit choice.
        if (!askToReplaceSource(this, dialog.output(), tr("It is where these annotations were read from.")))
            return;
        replacement = SourceReplacement::Allowed;
        break;
    }
    exportAnnotations(dialog.output(), dialog.format(), replacement);
}

void MainWindow::exportAnnotations(const QString& output, AnnotationFormat format,
                                   SourceReplacement replacement) {
    if (m_exporting.isRunning()) {
        statusBar()->showMessage(tr("An export is still running."), 5000);
        return;
    }
    const Result<BatchRequest> panel = m_batchPanel->request();
    BatchRequest request = m_opened.request;
    if (panel)
        request.settings = panel->settings; // the pixel limit and EXIF convention as shown
    m_exportOutput = output;
    statusBar()->showMessage(tr("Exporting to %1…").arg(QDir::toNativeSeparators(output)));
    // Image headers are probed for the sizes some formats store: off the GUI thread.
    m_exporting.setFuture(
        QtConcurrent::run([set = m_document->annotationsToSave(), request, output, format, replacement] {
            return exportAnnotationSet(set, request, output, format, replacement);
        }));
}

void MainWindow::exportFinished() {
    const Result<AnnotationExport> result = m_exporting.result();
    if (!result) {
        m_exportToSource = false;
        statusBar()->showMessage(result.error().message);
        emit exportFailed(result.error().message);
        return showError(tr("Export failed"), result.error().message);
    }
    const QString output = QDir::toNativeSeparators(m_exportOutput);
    const QString done =
        tr("Wrote %1 of %2 to %3.")
            .arg(DatasetModel::windowCountText(result->boxCount))
            .arg(result->imageCount == 1 ? tr("1 image") : tr("%1 images").arg(result->imageCount))
            .arg(output);
    statusBar()->showMessage(done, 10000);
    if (std::exchange(m_exportToSource, false))
        m_document->setClean();
    if (!result->losses.isEmpty()) {
        // Shown without blocking: the export is done, this only says what the format could not hold.
        auto* box = new QMessageBox(QMessageBox::Information, tr("Exported"), done, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("exportReport"));
        box->setInformativeText(tr("The format cannot hold everything:\n%1").arg(result->losses.join(u'\n')));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    emit exported(*result, m_exportOutput);
}

void MainWindow::showError(const QString& title, const QString& message) {
    statusBar()->showMessage(message);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // never blocks: a failed step must not hold up the event loop
}

} // namespace cropdeck::ui
