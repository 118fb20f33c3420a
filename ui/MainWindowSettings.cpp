// SPDX-License-Identifier: GPL-3.0-or-later
// What MainWindow keeps between sessions, in QSettings: the window's geometry and dock layout, the image
// list's mode, the folders the dialogs last used, and the batch settings last used, so that the next set
// opens with the output folder, format and quality the user chose (a project brings its own).
#include "batch/BatchRequestJson.h"
#include "ui/BatchPanel.h"
#include "ui/MainWindow.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSettings>

namespace cropdeck::ui {
namespace {

const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kGrid = QStringLiteral("window/thumbnailGrid");
const QString kBatch = QStringLiteral("batch/lastRequest");

// The input half of a request: where the images and windows come from. The rest (how they are cut,
// written and run) is what carries over from one set to the next.
void takeInput(BatchRequest& request, const BatchRequest& input) {
    request.images = input.images;
    request.annotations = input.annotations;
    request.annotationFormat = input.annotationFormat;
    request.csvColumns = input.csvColumns;
    request.generated = input.generated;
    request.minBoxSize = input.minBoxSize;
    request.resume = false; // asked for each run, never carried over to another set
}

} // namespace

void MainWindow::restoreSettings() {
    const QSettings settings;
    restoreGeometry(settings.value(kGeometry).toByteArray());
    restoreState(settings.value(kState).toByteArray());
    setThumbnailGrid(settings.value(kGrid, false).toBool());
    const QJsonDocument json = QJsonDocument::fromJson(settings.value(kBatch).toByteArray());
    if (json.isObject())
        if (Result<BatchRequest> last = batchRequestFromJson(json.object()))
            m_batchPanel->setRequest(
                *last); // a value saved by another version that no longer parses is dropped
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(kGeometry, saveGeometry());
    settings.setValue(kState, saveState());
    settings.setValue(kGrid, isThumbnailGrid());
    if (const Result<BatchRequest> request = m_batchPanel->request()) {
        BatchRequest kept = *request;
        takeInput(kept, BatchRequest());
        settings.setValue(kBatch, QJsonDocument(batchRequestToJson(kept)).toJson(QJsonDocument::Compact));
    }
}

BatchRequest MainWindow::requestWithRememberedSettings(const OpenRequest& opened) const {
    if (opened.settingsGiven)
        return opened.request; // a project or saved request: its own settings
    const Result<BatchRequest> current = m_batchPanel->request();
    if (!current)
        return opened.request;
    BatchRequest request = *current;
    takeInput(request, opened.request);
    return request;
}

QString MainWindow::dialogFolder(const QString& key) const {
    const QString folder = QSettings().value(QStringLiteral("folders/") + key).toString();
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QDir::homePath();
}

void MainWindow::rememberDialogFolder(const QString& key, const QString& path) {
    const QFileInfo info(path);
    QSettings().setValue(QStringLiteral("folders/") + key,
                         info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

} // namespace cropdeck::ui
