// SPDX-License-Identifier: GPL-3.0-or-later
#include "SystemInfo.h"

#include <QFile>
#include <QStorageInfo>
#include <QSysInfo>
#include <QThread>

#include <opencv2/core/version.hpp>

namespace cropdeck::benchmark {

namespace {

QByteArray readProcFile(const char* path) {
    QFile file(QString::fromLatin1(path));
    return file.open(QIODevice::ReadOnly | QIODevice::Text) ? file.readAll() : QByteArray();
}

// The value of the first "key : value" line with this key in a /proc file.
QString procField(const QByteArray& text, const QByteArray& key) {
    for (const QByteArray& line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed() == key)
            return QString::fromUtf8(line.mid(colon + 1).trimmed());
    }
    return {};
}

qint64 meminfoMiB(const QByteArray& meminfo, const QByteArray& key) {
    return procField(meminfo, key).section(' ', 0, 0).toLongLong() / 1024; // reported in kB
}

} // namespace

SystemInfo collectSystemInfo(const QString& datasetDir) {
    SystemInfo info;
    const QByteArray cpuinfo = readProcFile("/proc/cpuinfo");
    info.cpuModel = procField(cpuinfo, "model name");
    info.cpuMhz = procField(cpuinfo, "cpu MHz");
    info.cores = QThread::idealThreadCount();
    info.loadAverage = QString::fromUtf8(readProcFile("/proc/loadavg")).section(' ', 0, 2);
    const QByteArray meminfo = readProcFile("/proc/meminfo");
    info.memTotalMiB = meminfoMiB(meminfo, "MemTotal");
    info.memAvailableMiB = meminfoMiB(meminfo, "MemAvailable");
    const QStorageInfo storage(datasetDir);
    info.datasetFilesystem = QString::fromUtf8(storage.fileSystemType());
    info.datasetOnTmpfs = info.datasetFilesystem == QLatin1String("tmpfs");
    info.qtVersion = QString::fromLatin1(qVersion());
    info.openCvVersion = QStringLiteral(CV_VERSION);
    info.os = QSysInfo::prettyProductName();
    return info;
}

QString describe(const SystemInfo& info) {
    return QStringLiteral(
               "CPU: %1 (%2 MHz), %3 logical cores\nLoad average: %4\nMemory: %5 MiB total, %6 MiB "
               "available\nDataset filesystem: %7%8\nOS: %9; Qt %10; OpenCV %11")
        .arg(info.cpuModel, info.cpuMhz)
        .arg(info.cores)
        .arg(info.loadAverage)
        .arg(info.memTotalMiB)
        .arg(info.memAvailableMiB)
        .arg(info.datasetFilesystem,
             info.datasetOnTmpfs
                 ? QStringLiteral(" (in RAM)")
                 : QStringLiteral(" (not tmpfs: read through the page cache after the warm-up run)"))
        .arg(info.os, info.qtVersion, info.openCvVersion);
}

QJsonObject toJson(const SystemInfo& info) {
    return {{"cpu_model", info.cpuModel},
            {"cpu_mhz", info.cpuMhz},
            {"cores", info.cores},
            {"load_average", info.loadAverage},
            {"mem_total_mib", info.memTotalMiB},
            {"mem_available_mib", info.memAvailableMiB},
            {"dataset_filesystem", info.datasetFilesystem},
            {"dataset_on_tmpfs", info.datasetOnTmpfs},
            {"os", info.os},
            {"qt", info.qtVersion},
            {"opencv", info.openCvVersion}};
}

} // namespace cropdeck::benchmark
