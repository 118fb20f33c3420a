// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BenchResultsModel.h"

#include "bench/ReportText.h"

namespace cropdeck::ui {
namespace {

QString number(double value, int decimals) {
    return QString::number(value, 'f', decimals);
}

QString ratio(double value) {
    return value > 0 ? QStringLiteral("%1×").arg(value, 0, 'f', 2) : QStringLiteral("-");
}

// What 100% is: the case's floor, single-thread work divided by min(threads, cores).
QString floorDetail(const bench::PhysicalFloor& floor) {
    if (floor.measured())
        return BenchResultsModel::tr("floor %1 s on one thread: %2; 100% = the floor ÷ min(threads, cores)")
            .arg(floor.seconds, 0, 'g', 3)
            .arg(floor.method);
    return floor.error.isEmpty() ? BenchResultsModel::tr("no floor measured")
                                 : BenchResultsModel::tr("no floor: %1").arg(floor.error);
}

} // namespace

QString verificationDetail(const bench::EngineRun& run) {
    if (!run.unavailable.isEmpty())
        return BenchResultsModel::tr("unavailable: %1").arg(run.unavailable);
    if (!run.notApplicable.isEmpty())
        return BenchResultsModel::tr("does not apply: %1").arg(run.notApplicable);
    if (!run.error.isEmpty())
        return BenchResultsModel::tr("failed: %1").arg(run.error);
    const bench::Verification& v = run.verification;
    QString text = BenchResultsModel::tr("%1 of %2 crops checked against the reference decode, %3 differing")
                       .arg(v.cropsChecked)
                       .arg(v.cropsExpected)
                       .arg(v.cropsDiffering);
    if (v.cropsDiffering > 0 && v.samples > 0)
        text += BenchResultsModel::tr("; max |d| %1, %2 dB").arg(v.maxAbsDiff).arg(v.psnr(), 0, 'f', 1);
    if (run.failures > 0)
        text += BenchResultsModel::tr("; %1 crops the timed passes could not make").arg(run.failures);
    if (!v.problem.isEmpty())
        text += BenchResultsModel::tr("\nfirst problem: %1").arg(v.problem);
    return text;
}

void BenchResultsModel::setReport(const bench::BenchReport& report) {
    beginResetModel();
    m_report = report;
    endResetModel();
}

void BenchResultsModel::clear() {
    setReport({});
}

int BenchResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_report.runs.size());
}

int BenchResultsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BenchResultsModel::display(const bench::EngineRun& run, int column) const {
    const bool timed = run.timed();
    switch (column) {
    case Engine:
        return run.engine;
    case Case:
        return run.caseName;
    case Threads:
        return !run.skipped() ? (run.serial ? tr("1 (serial)") : QString::number(run.threads))
                              : QStringLiteral("-");
    case Median:
        return timed ? number(run.stats.median, 4) : QStringLiteral("-");
    case Spread:
        return timed ? QStringLiteral("%1%").arg(run.stats.spreadPercent, 0, 'f', 1) : QStringLiteral("-");
    case ImagesPerSecond:
        return timed ? number(run.imagesPerSecond(), 1) : QStringLiteral("-");
    case MegapixelsPerSecond:
        return timed ? number(run.megapixelsPerSecond(), 1) : QStringLiteral("-");
    case TimesSlowest:
        return ratio(bench::timesSlowest(m_report, run));
    case TimesBestPeer:
        return ratio(bench::timesBestPeer(m_report, run));
    case PercentOfFloor:
        return timed && run.percentOfFloor > 0 ? QStringLiteral("%1%").arg(run.percentOfFloor, 0, 'f', 0)
                                               : QStringLiteral("-");
    case PeakMemory: // 0: not measured (not Linux, or not timed)
        return timed && run.peakMemoryBytes > 0 ? number(double(run.peakMemoryBytes) / (1 << 20), 0)
                                                : QStringLiteral("-");
    case Verified:
        if (!run.notApplicable.isEmpty())
            return tr("does not apply");
        return run.unavailable.isEmpty() ? bench::verifiedCell(run) : tr("unavailable");
    }
    return {};
}

QVariant BenchResultsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const bench::EngineRun& run = m_report.runs[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(run, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Verified)
            return verificationDetail(run);
        if (index.column() == PercentOfFloor)
            return floorDetail(run.floor);
        if (index.column() == PeakMemory && run.peakMemoryBytes > 0)
            return tr("Peak resident memory of CropDeck and the processes it started during the timed "
                      "passes; %1 MiB before the pass")
                .arg(run.baselineMemoryBytes >> 20);
        if (index.column() == Engine || index.column() == Case)
            return index.column() == Engine ? run.detail : run.caseDescription;
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= Threads && index.column() < Verified
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case kCorrectRole:
        return run.correct();
    case kPercentOfFloorRole:
        return run.percentOfFloor;
    default:
        return {};
    }
}

QVariant BenchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Engine:
        return tr("Engine");
    case Case:
        return tr("Case");
    case Threads:
        return tr("Threads");
    case Median:
        return tr("Median s");
    case Spread:
        return tr("Spread");
    case ImagesPerSecond:
        return tr("Images/s");
    case MegapixelsPerSecond:
        return tr("MPx/s");
    case TimesSlowest:
        return tr("× slowest");
    case TimesBestPeer:
        return tr("× best peer");
    case PercentOfFloor:
        return tr("% floor");
    case PeakMemory:
        return tr("Peak MiB");
    case Verified:
        return tr("Verified");
    }
    return {};
}

} // namespace cropdeck::ui
