// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/SelfTimedPeer.h"

#include "bench/WatchedProcess.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <opencv2/imgproc.hpp>

namespace cropdeck::bench {

namespace {

Result<QString> writeJobs(const QString& dir, const BenchCase& benchCase) {
    const QString path = QDir(dir).filePath(QStringLiteral("jobs.tsv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorKind::Io, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    for (const BenchImage& image : benchCase.images)
        for (const QRect& w : image.windows)
            file.write(QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                           .arg(image.path)
                           .arg(w.x())
                           .arg(w.y())
                           .arg(w.width())
                           .arg(w.height())
                           .toUtf8());
    return path;
}

cv::Mat readDump(const QJsonObject& dump) {
    if (dump.value("encoded").toBool())
        return decodeOutputFile(dump.value("file").toString());
    QFile file(dump.value("file").toString());
    const int width = dump.value("width").toInt(), height = dump.value("height").toInt();
    const int channels = dump.value("channels").toInt();
    if (!file.open(QIODevice::ReadOnly) || channels < 1 || channels > 4 || width < 1 || height < 1)
        return {};
    const QByteArray raw = file.readAll();
    if (raw.size() != qsizetype(width) * height * channels)
        return {};
    cv::Mat pixels = cv::Mat(height, width, CV_8UC(channels), const_cast<char*>(raw.constData())).clone();
    if (dump.value("order").toString() == QLatin1String("rgb") && channels >= 3)
        cv::cvtColor(pixels, pixels, channels == 3 ? cv::COLOR_RGB2BGR : cv::COLOR_RGBA2BGRA);
    return pixels;
}

class SelfTimedPeer final : public BenchEngine {
public:
    explicit SelfTimedPeer(SelfTimedPeerSpec spec)
        : m_spec(std::move(spec)) {}

    QString name() const override { return m_spec.name; }
    EngineKind kind() const override { return EngineKind::Peer; }
    QString unavailableReason() const override { return m_spec.unavailable; }
    void watchCancel(const std::atomic_bool* cancel) override { m_cancel = cancel; }
    QString detail() const override {
        return m_version.isEmpty() ? m_spec.detail : m_spec.detail + ", " + m_version;
    }

    Status begin(const BenchCase& benchCase) override {
        m_case = &benchCase;
        m_dumps.clear();
        m_scratch = std::make_unique<QTemporaryDir>();
        if (!m_scratch->isValid())
            return makeError(
                ErrorKind::Io,
                QStringLiteral("cannot make a scratch folder: %1").arg(m_scratch->errorString()));
        Result<QString> jobs = writeJobs(m_scratch->path(), benchCase);
        if (!jobs)
            return jobs.error();
        m_jobs = *jobs;
        m_outDir.reset();
        if (benchCase.output.target != OutputTarget::Memory) {
            m_outDir = std::make_unique<QTemporaryDir>(
                QDir(benchCase.output.folder)
                    .filePath(QStringLiteral("cropdeck-bench-%1-XXXXXX").arg(m_spec.name)));
            if (!m_outDir->isValid())
                return makeError(ErrorKind::Io, QStringLiteral("cannot make a scratch folder in %1: %2")
                                                    .arg(benchCase.output.folder, m_outDir->errorString()));
        }
        return QDir(m_scratch->path()).mkpath(QStringLiteral("dumps"))
                   ? Status()
                   : Status(makeError(ErrorKind::Io,
                                      QStringLiteral("cannot make %1/dumps").arg(m_scratch->path())));
    }

    // The warm-up run dumps every crop: those are the crops verified.
    Status warmUp(int threads) override {
        Result<QJsonObject> report =
            run(threads, 0, QDir(m_scratch->path()).filePath(QStringLiteral("dumps")));
        if (!report)
            return report.error();
        for (const auto& value : report->value("dumps").toArray())
            m_dumps.insert(value.toObject().value("index").toInt(), value.toObject());
        m_version = report->value("version").toString();
        return {};
    }

    Result<PassResult> runPass(int threads) override {
        Result<QJsonObject> report = run(threads, 1, {});
        if (!report)
            return report.error();
        const QJsonArray trials = report->value("trials_s").toArray();
        if (trials.size() != 1)
            return makeError(
                ErrorKind::Corrupt,
                QStringLiteral("%1 reported %2 trials, not 1").arg(m_spec.name).arg(trials.size()));
        return PassResult{trials.first().toDouble(), quint64(report->value("checksum").toDouble()),
                          report->value("failures").toInt()};
    }

    Result<std::vector<cv::Mat>> crops(int imageIndex) override {
        int line = 0;
        for (int i = 0; i < imageIndex; ++i)
            line += int(m_case->images[size_t(i)].windows.size());
        std::vector<cv::Mat> crops;
        for (size_t w = 0; w < m_case->images[size_t(imageIndex)].windows.size(); ++w, ++line)
            crops.push_back(m_dumps.contains(line) ? readDump(m_dumps.value(line)) : cv::Mat());
        return crops;
    }

    void end() override {
        m_outDir.reset();
        m_scratch.reset();
    }

private:
    Result<QJsonObject> run(int threads, int trials, const QString& dumpDir) {
        QProcess process;
        process.start(m_spec.program,
                      m_spec.arguments({m_jobs, threads, trials, dumpDir, m_case->windowCount(),
                                        m_case->output, m_outDir ? m_outDir->path() : QString()}));
        if (!process.waitForStarted(-1))
            return makeError(ErrorKind::Io, QStringLiteral("%1: cannot start %2: %3")
                                                .arg(m_spec.name, m_spec.program, process.errorString()));
        if (!waitUnlessCancelled(process, m_cancel))
            return makeError(ErrorKind::Cancelled, QStringLiteral("%1: cancelled").arg(m_spec.name));
        const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
        const QJsonDocument report = QJsonDocument::fromJson(lines.last());
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || !report.isObject())
            return makeError(ErrorKind::Io, QStringLiteral("%1 failed (exit %2): %3")
                                                .arg(m_spec.name)
                                                .arg(process.exitCode())
                                                .arg(QString::fromUtf8(
                                                    process.readAllStandardError().trimmed().right(400))));
        return report.object();
    }

    SelfTimedPeerSpec m_spec;
    const BenchCase* m_case = nullptr;
    const std::atomic_bool* m_cancel = nullptr;
    std::unique_ptr<QTemporaryDir> m_scratch;
    std::unique_ptr<QTemporaryDir> m_outDir; // disk and tmpfs outputs
    QString m_jobs;
    QString m_version;
    QHash<int, QJsonObject> m_dumps;
};

} // namespace

std::unique_ptr<BenchEngine> makeSelfTimedPeer(SelfTimedPeerSpec spec) {
    return std::make_unique<SelfTimedPeer>(std::move(spec));
}

} // namespace cropdeck::bench
