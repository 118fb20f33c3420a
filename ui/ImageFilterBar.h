// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The row above the image list: a search field (file name or window label) and a choice of which images
// to show (all, with validation findings, with errors, without windows). It only sets an
// ImageFilterModel's criteria; the list keeps showing the model.

#include "ui/ImageFilterModel.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace cropdeck::ui {

class ImageFilterBar : public QWidget {
    Q_OBJECT

public:
    // `filter` is not owned; it outlives the bar (both belong to the main window).
    explicit ImageFilterBar(ImageFilterModel* filter, QWidget* parent = nullptr);

    QLineEdit* searchField() const { return m_search; }
    QComboBox* showChoice() const { return m_show; }

public slots:
    // Back to every image (a newly opened set starts unfiltered).
    void reset();

private:
    ImageFilterModel* m_filter;
    QLineEdit* m_search;
    QComboBox* m_show;
};

} // namespace cropdeck::ui
