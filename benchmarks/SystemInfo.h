// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a reader needs to judge the figures: CPU, cores, load, memory, and whether the pictures were
// read from RAM (tmpfs) or a disk (page cache after the warm-up run either way).

#include <QJsonObject>
#include <QString>

namespace cropdeck::benchmark {

struct SystemInfo {
    QString cpuModel;
    QString cpuMhz;
    int cores = 0;
    QString loadAverage; // 1, 5, 15 minutes
    qint64 memTotalMiB = 0;
    qint64 memAvailableMiB = 0;
    QString datasetFilesystem; // "tmpfs", "ext4", ... (from statfs)
    bool datasetOnTmpfs = false;
    QString qtVersion;
    QString openCvVersion;
    QString os;
};

SystemInfo collectSystemInfo(const QString& datasetDir);
QString describe(const SystemInfo& info);
QJsonObject toJson(const SystemInfo& info);

} // namespace cropdeck::benchmark
