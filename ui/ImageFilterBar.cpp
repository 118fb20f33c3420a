// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ImageFilterBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace cropdeck::ui {

ImageFilterBar::ImageFilterBar(ImageFilterModel* filter, QWidget* parent)
    : QWidget(parent)
    , m_filter(filter)
    , m_search(new QLineEdit)
    , m_show(new QComboBox) {
    m_search->setObjectName(QStringLiteral("imageSearch"));
    m_search->setPlaceholderText(tr("Filter by name or label"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Filter images"));
    m_search->setAccessibleDescription(tr("Shows only the images whose file name or a window label "
                                          "contains this text"));
    m_show->setObjectName(QStringLiteral("imageShow"));
    m_show->addItem(tr("All images"), int(ImageFilterModel::Show::All));
    m_show->addItem(tr("With findings"), int(ImageFilterModel::Show::WithFindings));
    m_show->addItem(tr("With errors"), int(ImageFilterModel::Show::WithErrors));
    m_show->addItem(tr("Without windows"), int(ImageFilterModel::Show::WithoutWindows));
    m_show->setAccessibleName(tr("Show images"));
    auto* showLabel = new QLabel(tr("&Show"));
    showLabel->setBuddy(m_show); // Alt+S, and the combo box's label for screen readers
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 1);
    layout->addWidget(showLabel);
    layout->addWidget(m_show);
    connect(m_search, &QLineEdit::textChanged, m_filter, &ImageFilterModel::setText);
    connect(m_show, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setShow(ImageFilterModel::Show(m_show->currentData().toInt())); });
}

void ImageFilterBar::reset() {
    m_search->clear();
    m_show->setCurrentIndex(0);
}

} // namespace cropdeck::ui
