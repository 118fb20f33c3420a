// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A benchmark report's runs as a table, one row per engine, case and thread count, in the report's order,
// with the figures `cropdeck --bench` prints: median, spread, images/s, source MPx/s, × the slowest, ×
// the best correct peer (core's timesSlowest/timesBestPeer), % floor (EngineRun::percentOfFloor, its
// tooltip the case's floor and how it was measured), and verified (core's verifiedCell), whose tooltip is
// the verifier's detail (crops checked, differing, largest difference, the first problem) or why the
// engine did not run. Sorting is left to a proxy; the roles below give the raw values.

#include "bench/BenchReport.h"

#include <QAbstractTableModel>

namespace cropdeck::ui {

class BenchResultsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Engine,
        Case,
        Threads,
        Median,
        Spread,
        ImagesPerSecond,
        MegapixelsPerSecond,
        TimesSlowest,
        TimesBestPeer,
        PercentOfFloor,
        PeakMemory,
        Verified,
        ColumnCount
    };
    static constexpr int kCorrectRole = Qt::UserRole + 1;        // bool: EngineRun::correct()
    static constexpr int kPercentOfFloorRole = Qt::UserRole + 2; // double: 0 when there is no floor

    using QAbstractTableModel::QAbstractTableModel;

    void setReport(const bench::BenchReport& report);
    void clear();
    const bench::BenchReport& report() const { return m_report; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const bench::EngineRun& run, int column) const;

    bench::BenchReport m_report;
};

// The verifier's detail for a run, as the Verified column's tooltip shows it.
QString verificationDetail(const bench::EngineRun& run);

} // namespace cropdeck::ui
