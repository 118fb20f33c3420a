// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/AnnotationDocument.h"

#include "ui/WindowCommands.h"

#include <QSet>

#include <algorithm>

namespace cropdeck::ui {
namespace {
const QList<CropWindow> kNoWindows;

QList<int> sortedUnique(QList<int> indices) {
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    return indices;
}
} // namespace

AnnotationDocument::AnnotationDocument(QObject* parent)
    : QObject(parent) {
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

AnnotationDocument::~AnnotationDocument() {
    // ~QUndoStack clears the stack, which signals; nobody may hear of it from a half-destroyed document.
    m_undo.disconnect(this);
    blockSignals(true);
}

void AnnotationDocument::setAnnotations(AnnotationSet annotations, const QList<int>& listedOnly) {
    m_set = std::move(annotations);
    m_listedOnly = QSet<int>(listedOnly.cbegin(), listedOnly.cend());
    m_lastLabel.clear();
    m_undo.clear(); // clean again; cleanChanged tells who listens
    emit reset();
}

AnnotationSet AnnotationDocument::withoutEmptyListed(const AnnotationSet& set, const QSet<int>& listedOnly) {
    if (listedOnly.isEmpty())
        return set;
    AnnotationSet saved = set;
    saved.images.clear();
    for (int image = 0; image < set.images.size(); ++image)
        if (!listedOnly.contains(image) || !set.images[image].windows.isEmpty())
            saved.images.append(set.images[image]);
    return saved;
}

const QList<CropWindow>& AnnotationDocument::windows(int imageIndex) const {
    return imageIndex >= 0 && imageIndex < m_set.images.size() ? m_set.images[imageIndex].windows
                                                               : kNoWindows;
}

const CropWindow* AnnotationDocument::window(int imageIndex, int windowIndex) const {
    return validWindow(imageIndex, windowIndex) ? &m_set.images[imageIndex].windows[windowIndex] : nullptr;
}

bool AnnotationDocument::validWindow(int imageIndex, int windowIndex) const {
    return windowIndex >= 0 && windowIndex < windows(imageIndex).size();
}

bool AnnotationDocument::isEditable(int imageIndex, int windowIndex) const {
    const CropWindow* found = window(imageIndex, windowIndex);
    return found && isEditable(*found);
}

QString AnnotationDocument::defaultLabel() const {
    if (!m_lastLabel.isEmpty())
        return m_lastLabel;
    if (!m_set.classes.isEmpty())
        return m_set.classes.first();
    for (const ImageEntry& image : m_set.images)
        for (const CropWindow& window : image.windows)
            if (!window.label.isEmpty())
                return window.label;
    return {};
}

QString AnnotationDocument::nextWindowId(int imageIndex) const {
    QSet<QString> used;
    for (const CropWindow& window : windows(imageIndex))
        used.insert(window.id);
    int next = 0;
    while (used.contains(QString::number(next)))
        ++next;
    return QString::number(next);
}

int AnnotationDocument::addWindow(int imageIndex, const QRectF& box, const QString& label) {
    if (imageIndex < 0 || imageIndex >= imageCount() || box.isEmpty())
        return -1;
    CropWindow window;
    window.box = box;
    window.label = label;
    window.id = nextWindowId(imageIndex);
    const int index = int(windows(imageIndex).size());
    m_undo.push(new InsertWindowsCommand(this, imageIndex, {index}, {window}, tr("Add window")));
    m_lastLabel = label;
    return index;
}

bool AnnotationDocument::deleteWindows(int imageIndex, QList<int> windowIndices) {
    windowIndices = sortedUnique(std::move(windowIndices));
    if (windowIndices.isEmpty())
        return false;
    for (int index : windowIndices)
        if (!validWindow(imageIndex, index))
            return false;
    m_undo.push(new DeleteWindowsCommand(this, imageIndex, windowIndices));
    return true;
}

bool AnnotationDocument::setBoxes(int imageIndex, const QList<int>& windowIndices, const QList<QRectF>& boxes,
                                  int mergeKey) {
    if (windowIndices.isEmpty() || windowIndices.size() != boxes.size())
        return false;
    QList<QRectF> before;
    for (int index : windowIndices) {
        if (!isEditable(imageIndex, index))
            return false;
        before.append(windows(imageIndex)[index].box);
    }
    if (before == boxes)
        return false;
    m_undo.push(new SetBoxesCommand(this, imageIndex, windowIndices, before, boxes, mergeKey));
    return true;
}

bool AnnotationDocument::setLabel(int imageIndex, int windowIndex, const QString& label) {
    const CropWindow* found = window(imageIndex, windowIndex);
    if (!found || found->label == label)
        return false;
    m_undo.push(new SetLabelCommand(this, imageIndex, windowIndex, found->label, label));
    m_lastLabel = label;
    return true;
}

bool AnnotationDocument::renameLabel(const QString& from, const QString& to) {
    if (to.isEmpty() || from == to)
        return false;
    bool renamed = false;
    for (int image = 0; image < imageCount(); ++image)
        for (int window = 0; window < m_set.images[image].windows.size(); ++window) {
            if (m_set.images[image].windows[window].label != from)
                continue;
            if (!renamed)
                m_undo.beginMacro(tr("Rename label %1 to %2").arg(from, to));
            renamed = true;
            m_undo.push(new SetLabelCommand(this, image, window, from, to));
        }
    if (!renamed)
        return false;
    // The set's class list names the label too (COCO categories, YOLO classes), so that exports keep it.
    if (const int index = int(m_set.classes.indexOf(from)); index >= 0 && !m_set.classes.contains(to))
        m_undo.push(new RenameClassCommand(this, index, from, to));
    m_undo.endMacro();
    if (m_lastLabel == from)
        m_lastLabel = to;
    return true;
}

void AnnotationDocument::replaceClass(int classIndex, const QString& name) {
    if (classIndex >= 0 && classIndex < m_set.classes.size())
        m_set.classes[classIndex] = name;
}

QMap<QString, int> AnnotationDocument::labelCounts() const {
    QMap<QString, int> counts;
    for (const ImageEntry& image : m_set.images)
        for (const CropWindow& window : image.windows)
            ++counts[window.label];
    return counts;
}

QList<int> AnnotationDocument::duplicateWindows(int imageIndex, const QList<int>& windowIndices,
                                                const std::function<QRectF(const QRectF&)>& boxFor) {
    QList<int> indices;
    QList<CropWindow> copies;
    int next = int(windows(imageIndex).size());
    int id = nextWindowId(imageIndex).toInt();
    QSet<QString> used;
    for (const CropWindow& window : windows(imageIndex))
        used.insert(window.id);
    for (int index : sortedUnique(windowIndices)) {
        if (!isEditable(imageIndex, index))
            continue;
        CropWindow copy = windows(imageIndex)[index];
        copy.box = boxFor(copy.box);
        while (used.contains(QString::number(id)))
            ++id;
        copy.id = QString::number(id);
        used.insert(copy.id);
        copies.append(copy);
        indices.append(next++);
    }
    if (copies.isEmpty())
        return {};
    const QString text =
        copies.size() == 1 ? tr("Duplicate window") : tr("Duplicate %1 windows").arg(copies.size());
    m_undo.push(new InsertWindowsCommand(this, imageIndex, indices, copies, text));
    return indices;
}

void AnnotationDocument::insertWindows(int imageIndex, const QList<int>& indices,
                                       const QList<CropWindow>& windows) {
    QList<CropWindow>& list = m_set.images[imageIndex].windows;
    for (int i = 0; i < indices.size(); ++i) // ascending: each index is final once the earlier are in
        list.insert(indices[i], windows[i]);
    emit windowsChanged(imageIndex);
}

void AnnotationDocument::removeWindows(int imageIndex, const QList<int>& indices) {
    QList<CropWindow>& list = m_set.images[imageIndex].windows;
    for (auto it = indices.rbegin(); it != indices.rend(); ++it)
        list.removeAt(*it);
    emit windowsChanged(imageIndex);
}

void AnnotationDocument::replaceBox(int imageIndex, int windowIndex, const QRectF& box) {
    m_set.images[imageIndex].windows[windowIndex].box = box;
    emit windowChanged(imageIndex, windowIndex);
}

void AnnotationDocument::replaceLabel(int imageIndex, int windowIndex, const QString& label) {
    m_set.images[imageIndex].windows[windowIndex].label = label;
    emit windowChanged(imageIndex, windowIndex);
}

} // namespace cropdeck::ui
