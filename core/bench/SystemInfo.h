// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a reader needs to judge the figures: CPU, cores, frequency, load, memory, where the images were
// read from (a tmpfs takes the disk out; otherwise the page cache after the warm-up), and the versions
// of the libraries that did the work. Read from /proc and /sys where the OS has them; a field it cannot
// read stays empty (or 0).

#include <QJsonObject>
#include <QString>

namespace cropdeck::bench {

struct SystemInfo {
    QString cpuModel;
    QString cpuMhz; // current frequency as the OS reports it; empty when unreadable
    QString cpuMaxMhz;
    int cores = 0;
    QString loadBefore; // 1, 5, 15 minute load averages when the run started
    QString loadAfter;  // the same when it ended
    qint64 memTotalMiB = 0;
    qint64 memAvailableMiB = 0;
    QString datasetFilesystem; // "tmpfs", "ext4", ... (where the images are)
    QString os;
    QString qtVersion;
    QString openCvVersion;
    QString libjpegTurboVersion;
    QString libpngVersion;
    QString libdeflateVersion;
    QString cropdeckVersion;

    bool operator==(const SystemInfo&) const = default;
};

SystemInfo collectSystemInfo(const QString& datasetDir, const QString& cropdeckVersion);
QString currentLoadAverage();
QString describe(const SystemInfo& info); // a few lines for the terminal
QJsonObject toJson(const SystemInfo& info);
SystemInfo systemInfoFromJson(const QJsonObject& json);

} // namespace cropdeck::bench
