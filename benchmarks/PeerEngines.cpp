// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerEngines.h"

#include "PixelCheck.h"
#include "TimeStats.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <opencv2/imgproc.hpp>

namespace cropdeck::benchmark {

namespace {

bool pythonImports(const QString& python, const QString& module) {
    QProcess process;
    process.start(python, {QStringLiteral("-c"), QStringLiteral("import %1").arg(module)});
    return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

PeerEngine pythonPeer(const PeerSetup& setup, const QString& name, const QString& script,
                      const QString& module, const QString& package) {
    PeerEngine peer{name, setup.python, {QDir(setup.peersDir).filePath(script)}, true, {}};
    if (!QFileInfo::exists(peer.prefix.front()))
        peer.skipReason = QStringLiteral("script %1 not found").arg(peer.prefix.front());
    else if (!pythonImports(setup.python, module))
        peer.skipReason = QStringLiteral("`%1 -c \"import %2\"` failed (apt-get install %3)")
                              .arg(setup.python, module, package);
    return peer;
}

QString writeJobs(const QString& dir, const CropCase& crops) {
    const QString path = QDir(dir).filePath(QStringLiteral("jobs.tsv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    for (const CropItem& item : crops.items)
        file.write(QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                       .arg(QFileInfo(item.path).absoluteFilePath())
                       .arg(item.rect.x)
                       .arg(item.rect.y)
                       .arg(item.rect.width)
                       .arg(item.rect.height)
                       .toUtf8());
    return path;
}

QStringList peerArguments(const PeerEngine& peer, const QString& jobs, const QString& dumpDir, int threads,
                          int trials, const std::vector<int>& indices) {
    QStringList args = peer.prefix;
    if (peer.python) {
        args << "--jobs" << jobs << "--threads" << QString::number(threads) << "--trials"
             << QString::number(trials) << "--dump-dir" << dumpDir;
        for (int index : indices)
            args << "--dump-index" << QString::number(index);
    } else {
        args << jobs << QString::number(threads) << QString::number(trials) << dumpDir;
        for (int index : indices)
            args << QString::number(index);
    }
    return args;
}

cv::Mat readDump(const QJsonObject& dump) {
    QFile file(dump.value("file").toString());
    const int width = dump.value("width").toInt(), height = dump.value("height").toInt();
    const int channels = dump.value("channels").toInt();
    if (!file.open(QIODevice::ReadOnly) || channels < 1 || channels > 4)
        return {};
    const QByteArray raw = file.readAll();
    if (raw.size() != qsizetype(width) * height * channels)
        return {};
    cv::Mat pixels = cv::Mat(height, width, CV_8UC(channels), const_cast<char*>(raw.constData())).clone();
    if (channels == 3 && dump.value("order").toString() == QLatin1String("rgb"))
        cv::cvtColor(pixels, pixels, cv::COLOR_RGB2BGR);
    return pixels;
}

void checkDumps(EngineResult& result, const QJsonArray& dumps, const std::vector<int>& indices,
                const std::vector<cv::Mat>& references) {
    for (const QJsonValue& value : dumps) {
        const QJsonObject dump = value.toObject();
        const auto at = std::find(indices.begin(), indices.end(), dump.value("index").toInt());
        if (at == indices.end())
            continue;
        const cv::Mat output = readDump(dump);
        if (output.empty()) {
            result.check.identical = false;
            result.check.problem =
                QStringLiteral("unreadable crop dump %1").arg(dump.value("file").toString());
            continue;
        }
        addComparison(result.check, references[size_t(at - indices.begin())], output);
    }
    if (result.check.checked < int(indices.size()) && result.check.problem.isEmpty())
        result.check.problem =
            QStringLiteral("%1 of %2 crops came back").arg(result.check.checked).arg(indices.size());
}

void readReport(EngineResult& result, const QJsonObject& report) {
    result.detail = report.value("version").toString();
    result.times.warmup = report.value("warmup_s").toDouble();
    for (const QJsonValue& t : report.value("trials_s").toArray())
        result.times.trials.push_back(t.toDouble());
    result.stats = summarize(result.times.trials);
    result.checksum = quint64(report.value("checksum").toDouble());
    result.failures = report.value("failures").toInt();
}

} // namespace

std::vector<PeerEngine> detectPeers(const PeerSetup& setup) {
    std::vector<PeerEngine> peers;
    peers.push_back(pythonPeer(setup, "pillow", "pillow_crop.py", "PIL", "python3-pil"));
    PeerEngine vips{QStringLiteral("vips"), setup.vipsProgram, {}, false, {}};
    if (setup.vipsProgram.isEmpty() || !QFileInfo(setup.vipsProgram).isExecutable())
        vips.skipReason =
            QStringLiteral("cropdeck_vips_crop not built (libvips not found by pkg-config; apt-get install "
                           "libvips-dev and reconfigure)");
    peers.push_back(vips);
    peers.push_back(pythonPeer(setup, "opencv-python", "opencv_crop.py", "cv2", "python3-opencv"));
    return peers;
}

EngineResult runPeer(const PeerEngine& peer, const CropCase& crops, int threads, int trials,
                     const std::vector<int>& checkIndices, const std::vector<cv::Mat>& references) {
    EngineResult result;
    result.engine = peer.name;
    result.skipReason = peer.skipReason;
    QTemporaryDir scratch;
    const QString jobs = result.skipReason.isEmpty() ? writeJobs(scratch.path(), crops) : QString();
    if (result.skipReason.isEmpty() && jobs.isEmpty())
        result.skipReason = QStringLiteral("cannot write the jobs file in %1").arg(scratch.path());
    if (!result.skipReason.isEmpty())
        return result;

    QProcess process;
    process.start(peer.program, peerArguments(peer, jobs, scratch.path(), threads, trials, checkIndices));
    process.waitForFinished(-1);
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    const QJsonDocument report = QJsonDocument::fromJson(lines.last());
    if (process.exitStatus() != QProcess::NormalExit || !report.isObject()) {
        const QByteArray err = process.readAllStandardError().trimmed().right(300);
        result.skipReason =
            QStringLiteral("failed (exit %1): %2").arg(process.exitCode()).arg(QString::fromUtf8(err));
        return result;
    }
    readReport(result, report.object());
    checkDumps(result, report.object().value("dumps").toArray(), checkIndices, references);
    return result;
}

} // namespace cropdeck::benchmark
