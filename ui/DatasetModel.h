// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The images of an opened set, one row each, for the image list: the same PreparedBatch the batch plans
// (core's prepareBatch with PrepareFor::Browse), so the GUI lists exactly the images and windows
// `cropdeck --batch` would crop. Rows are cheap (no pixels): 10,000 images are 10,000 small values.

#include "batch/PrepareBatch.h"
#include "validation/ValidationReport.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>

#include <functional>

namespace cropdeck::ui {

class ThumbnailCache;

class DatasetModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        AbsolutePathRole = Qt::UserRole + 1, // QString
        WindowCountRole,                     // int
        ProblemRole,                         // QString: why the batch cannot use this image, or empty
        ImageIndexRole,                      // int: the image's index in the annotation set
        ErrorCountRole,                      // int: validation errors about the image or its boxes
        WarningCountRole,                    // int: validation warnings
    };

    explicit DatasetModel(QObject* parent = nullptr);

    // Rows show thumbnails from `thumbnails` (made as rows are painted; null: none).
    void setThumbnails(ThumbnailCache* thumbnails);

    // "1 window", "12 windows".
    static QString windowCountText(qsizetype count);

    // Replaces the whole set (a reset: views keep no stale rows).
    void setBatch(PreparedBatch batch);
    const PreparedBatch& batch() const { return m_batch; }
    const PlannedImage& image(int row) const { return m_batch.plan.images.at(row); }
    // Boxes refer to stored pixels (the set says so, or EXIF orientation is not applied).
    bool boxesOnStoredPixels() const;
    int totalWindows() const;
    // Where the rows' window counts come from once windows are edited (the AnnotationDocument), by
    // annotation image index; the plan's counts without one. windowsEdited() refreshes that image's row.
    void setWindowCounter(std::function<qsizetype(int imageIndex)> counter) {
        m_counter = std::move(counter);
    }
    void windowsEdited(int imageIndex);
    // The validation panel's findings, shown on each image's row (a count badge and the messages in
    // the tooltip) until the next report or set.
    void setFindings(const ValidationReport& report);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    void thumbnailReady(const QString& path);
    qsizetype windowCount(const PlannedImage& image) const;

    PreparedBatch m_batch;
    std::function<qsizetype(int)> m_counter;
    QHash<QString, int> m_rowOfPath; // absolute path → row, for thumbnails arriving
    QSet<int> m_unannotated;         // image indices of PreparedBatch::unannotatedImages
    ThumbnailCache* m_thumbnails = nullptr;
    struct Findings {
        int errors = 0;
        int warnings = 0;
        QStringList messages; // the first few, for the tooltip
    };
    QHash<int, Findings> m_findings; // by image index
};

} // namespace cropdeck::ui
