// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/SystemInfo.h"

#include <QFile>
#include <QStorageInfo>
#include <QSysInfo>
#include <QThread>

#include <opencv2/core/version.hpp>

#include <cstdio> // jpeglib.h needs FILE
#include <jpeglib.h>
#include <libdeflate.h>
#include <png.h>

namespace cropdeck::bench {

namespace {

#define CROPDECK_STRINGIFY2(x) #x
#define CROPDECK_STRINGIFY(x) CROPDECK_STRINGIFY2(x)

QByteArray readSystemFile(const char* path) {
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

// cpufreq reports kHz; empty when the machine has no cpufreq (many VMs).
QString cpufreqMhz(const char* path) {
    const QByteArray khz = readSystemFile(path).trimmed();
    return khz.isEmpty() ? QString() : QString::number(khz.toLongLong() / 1000);
}

const char* jsonKeys[] = {"cpu_model",
                          "cpu_mhz",
                          "cpu_max_mhz",
                          "cores",
                          "load_before",
                          "load_after",
                          "mem_total_mib",
                          "mem_available_mib",
                          "dataset_filesystem",
                          "os",
                          "qt",
                          "opencv",
                          "libjpeg_turbo",
                          "libpng",
                          "libdeflate",
                          "cropdeck"};

} // namespace

QString currentLoadAverage() {
    return QString::fromUtf8(readSystemFile("/proc/loadavg")).section(' ', 0, 2);
}

SystemInfo collectSystemInfo(const QString& datasetDir, const QString& cropdeckVersion) {
    SystemInfo info;
    const QByteArray cpuinfo = readSystemFile("/proc/cpuinfo");
    info.cpuModel = procField(cpuinfo, "model name");
    info.cpuMhz = cpufreqMhz("/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq");
    if (info.cpuMhz.isEmpty())
        info.cpuMhz = procField(cpuinfo, "cpu MHz");
    info.cpuMaxMhz = cpufreqMhz("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq");
    info.cores = QThread::idealThreadCount();
    info.loadBefore = currentLoadAverage();
    const QByteArray meminfo = readSystemFile("/proc/meminfo");
    info.memTotalMiB = meminfoMiB(meminfo, "MemTotal");
    info.memAvailableMiB = meminfoMiB(meminfo, "MemAvailable");
    info.datasetFilesystem = QString::fromUtf8(QStorageInfo(datasetDir).fileSystemType());
    info.os = QSysInfo::prettyProductName();
    info.qtVersion = QString::fromLatin1(qVersion());
    info.openCvVersion = QStringLiteral(CV_VERSION);
#ifdef LIBJPEG_TURBO_VERSION
    info.libjpegTurboVersion = QStringLiteral(CROPDECK_STRINGIFY(LIBJPEG_TURBO_VERSION));
#endif
    info.libpngVersion = QString::fromLatin1(png_get_libpng_ver(nullptr));
    info.libdeflateVersion = QStringLiteral(LIBDEFLATE_VERSION_STRING);
    info.cropdeckVersion = cropdeckVersion;
    return info;
}

QString describe(const SystemInfo& info) {
    const QString mhz = info.cpuMhz.isEmpty() ? QStringLiteral("frequency unknown") : info.cpuMhz + " MHz";
    return QStringLiteral(
               "CPU: %1 (%2), %3 logical cores; load %4\nMemory: %5 MiB total, %6 MiB available; "
               "images on %7%8\n%9; CropDeck %10, Qt %11, OpenCV %12, libjpeg-turbo %13, libpng %14")
        .arg(info.cpuModel, mhz)
        .arg(info.cores)
        .arg(info.loadBefore)
        .arg(info.memTotalMiB)
        .arg(info.memAvailableMiB)
        .arg(info.datasetFilesystem, info.datasetFilesystem == QLatin1String("tmpfs")
                                         ? QStringLiteral(" (in RAM)")
                                         : QStringLiteral(" (page cache after the warm-up)"))
        .arg(info.os, info.cropdeckVersion, info.qtVersion, info.openCvVersion, info.libjpegTurboVersion,
             info.libpngVersion);
}

QJsonObject toJson(const SystemInfo& info) {
    const QString values[] = {info.cpuModel,
                              info.cpuMhz,
                              info.cpuMaxMhz,
                              QString(),
                              info.loadBefore,
                              info.loadAfter,
                              QString(),
                              QString(),
                              info.datasetFilesystem,
                              info.os,
                              info.qtVersion,
                              info.openCvVersion,
                              info.libjpegTurboVersion,
                              info.libpngVersion,
                              info.libdeflateVersion,
                              info.cropdeckVersion};
    QJsonObject json;
    for (size_t k = 0; k < std::size(jsonKeys); ++k)
        json.insert(QLatin1String(jsonKeys[k]), values[k]);
    json.insert("cores", info.cores);
    json.insert("mem_total_mib", info.memTotalMiB);
    json.insert("mem_available_mib", info.memAvailableMiB);
    return json;
}

SystemInfo systemInfoFromJson(const QJsonObject& json) {
    SystemInfo info;
    QString* fields[] = {&info.cpuModel,
                         &info.cpuMhz,
                         &info.cpuMaxMhz,
                         nullptr,
                         &info.loadBefore,
                         &info.loadAfter,
                         nullptr,
                         nullptr,
                         &info.datasetFilesystem,
                         &info.os,
                         &info.qtVersion,
                         &info.openCvVersion,
                         &info.libjpegTurboVersion,
                         &info.libpngVersion,
                         &info.libdeflateVersion,
                         &info.cropdeckVersion};
    for (size_t k = 0; k < std::size(jsonKeys); ++k)
        if (fields[k])
            *fields[k] = json.value(QLatin1String(jsonKeys[k])).toString();
    info.cores = json.value("cores").toInt();
    info.memTotalMiB = json.value("mem_total_mib").toInteger();
    info.memAvailableMiB = json.value("mem_available_mib").toInteger();
    return info;
}

} // namespace cropdeck::bench
