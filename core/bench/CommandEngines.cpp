// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/CommandEngines.h"

#include "bench/WatchedProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/imgcodecs.hpp>

#include <atomic>

namespace cropdeck::bench {

namespace {

struct WindowJob {
    QString in;
    QRect rect;
    QString out;
};

QStringList substituted(const QStringList& words, const WindowJob& job) {
    QStringList result;
    for (QString word : words)
        result << word.replace(QLatin1String("{in}"), job.in)
                      .replace(QLatin1String("{x}"), QString::number(job.rect.x()))
                      .replace(QLatin1String("{y}"), QString::number(job.rect.y()))
                      .replace(QLatin1String("{w}"), QString::number(job.rect.width()))
                      .replace(QLatin1String("{h}"), QString::number(job.rect.height()))
                      .replace(QLatin1String("{out}"), job.out);
    return result;
}

// True when the command ran and exited 0.
// True when the command ran and succeeded; false also when it was cancelled (or not started once
// cancelled): the harness discards that pass.
bool runCommand(const QStringList& words, const std::atomic_bool* cancel) {
    if (cancel && cancel->load(std::memory_order_relaxed))
        return false;
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(words.first(), words.mid(1));
    return process.waitForStarted(-1) && waitUnlessCancelled(process, cancel) &&
           process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

class CommandEngine final : public BenchEngine {
public:
    explicit CommandEngine(CommandSpec spec)
        : m_spec(std::move(spec))
        , m_words(splitCommandLine(m_spec.command).value_or(QStringList()))
        , m_listMode(m_spec.command.contains(QLatin1String("{list}"))) {
        m_pool.setExpiryTimeout(-1);
    }

    QString name() const override { return m_spec.name; }
    EngineKind kind() const override { return EngineKind::Peer; }
    QString unavailableReason() const override { return m_spec.unavailable; }
    bool takesThreads() const override { return !m_listMode; }
    QString detail() const override { return m_spec.detail.isEmpty() ? m_spec.command : m_spec.detail; }
    void watchCancel(const std::atomic_bool* cancel) override { m_cancel = cancel; }

    Status begin(const BenchCase& benchCase) override {
        m_case = &benchCase;
        m_jobs.clear();
        // Memory outputs: the tools write files all the same, to the system's temporary folder.
        const OutputSpec& output = benchCase.output;
        m_scratch = output.target == OutputTarget::Memory
                        ? std::make_unique<QTemporaryDir>()
                        : std::make_unique<QTemporaryDir>(
                              QDir(output.folder)
                                  .filePath(QStringLiteral("cropdeck-bench-%1-XXXXXX").arg(m_spec.name)));
        if (!m_scratch->isValid())
            return makeError(
                ErrorKind::Io,
                QStringLiteral("cannot make a scratch folder: %1").arg(m_scratch->errorString()));
        const QDir out(m_scratch->path());
        for (const BenchImage& image : benchCase.images)
            for (const QRect& rect : image.windows)
                m_jobs.push_back(
                    {image.path, rect,
                     out.filePath(QStringLiteral("%1.%2").arg(m_jobs.size()).arg(output.extension()))});
        return m_listMode ? writeList() : Status();
    }

    Result<PassResult> runPass(int threads) override {
        for (const WindowJob& job : m_jobs)
            QFile::remove(job.out); // a crop must come from this pass
        std::atomic<int> failures{0};
        QElapsedTimer timer;
        timer.start();
        if (m_listMode) {
            if (!runCommand(substituted(listWords(), {}), m_cancel))
                failures = int(m_jobs.size());
        } else {
            m_pool.setMaxThreadCount(threads);
            QtConcurrent::blockingMap(&m_pool, m_jobs, [&](const WindowJob& job) {
                if (!runCommand(substituted(m_words, job), m_cancel))
                    failures.fetch_add(1, std::memory_order_relaxed);
            });
        }
        return PassResult{double(timer.nsecsElapsed()) * 1e-9, 0, failures.load()};
    }

    Result<std::vector<cv::Mat>> crops(int imageIndex) override {
        size_t first = 0;
        for (int i = 0; i < imageIndex; ++i)
            first += m_case->images[size_t(i)].windows.size();
        std::vector<cv::Mat> crops;
        for (size_t k = 0; k < m_case->images[size_t(imageIndex)].windows.size(); ++k) {
            const QString& out = m_jobs[first + k].out;
            crops.push_back(QFileInfo::exists(out) ? decodeOutputFile(out) : cv::Mat());
        }
        return crops;
    }

    void end() override { m_scratch.reset(); }

private:
    QStringList listWords() const {
        QStringList words = m_words;
        for (QString& word : words)
            word.replace(QLatin1String("{list}"), m_listFile);
        return words;
    }

    Status writeList() {
        m_listFile = QDir(m_scratch->path()).filePath(QStringLiteral("windows.csv"));
        QFile file(m_listFile);
        if (!file.open(QIODevice::WriteOnly))
            return makeError(ErrorKind::Io,
                             QStringLiteral("%1: cannot write: %2").arg(m_listFile, file.errorString()));
        for (const WindowJob& job : m_jobs)
            file.write(QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                           .arg(job.in)
                           .arg(job.rect.x())
                           .arg(job.rect.y())
                           .arg(job.rect.width())
                           .arg(job.rect.height())
                           .arg(job.out)
                           .toUtf8());
        return {};
    }

    CommandSpec m_spec;
    QStringList m_words;
    bool m_listMode;
    QThreadPool m_pool;
    const BenchCase* m_case = nullptr;
    const std::atomic_bool* m_cancel = nullptr;
    std::unique_ptr<QTemporaryDir> m_scratch;
    std::vector<WindowJob> m_jobs;
    QString m_listFile;
};

} // namespace

std::optional<QStringList> splitCommandLine(const QString& command) {
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote; // the open quote, or null
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command[i];
        if (quote == u'\'') {
            if (c == u'\'')
                quote = QChar();
            else
                word += c;
        } else if (quote == u'"') {
            if (c == u'"')
                quote = QChar();
            else if (c == u'\\' && i + 1 < command.size() &&
                     (command[i + 1] == u'"' || command[i + 1] == u'\\'))
                word += command[++i];
            else
                word += c;
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            inWord = true;
        } else if (c == u'\\' && i + 1 < command.size()) {
            word += command[++i];
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return std::nullopt;
    if (inWord)
        words << word;
    return words;
}

QString missingProgram(const QString& program) {
    if (program.contains(u'/'))
        return QFileInfo(program).isExecutable()
                   ? QString()
                   : QStringLiteral("%1 is not an executable file").arg(program);
    return QStandardPaths::findExecutable(program).isEmpty()
               ? QStringLiteral("%1 not found on PATH").arg(program)
               : QString();
}

Result<CommandSpec> parseEngineCommand(const QString& text) {
    const qsizetype equals = text.indexOf(u'=');
    const QString name = text.left(equals).trimmed();
    const QString command = text.mid(equals + 1).trimmed();
    const auto invalid = [&](const QString& why) {
        return makeError(ErrorKind::Invalid, QStringLiteral("--engine-cmd \"%1\": %2").arg(text, why));
    };
    if (equals <= 0 || name.isEmpty() || command.isEmpty())
        return invalid(QStringLiteral("expected NAME=COMMAND"));
    if (!QRegularExpression(QStringLiteral("^[A-Za-z0-9_.+-]+$")).match(name).hasMatch())
        return invalid(QStringLiteral("the name may hold letters, digits and _ . + - only"));
    if (!command.contains(QLatin1String("{list}")) &&
        !(command.contains(QLatin1String("{in}")) && command.contains(QLatin1String("{out}"))))
        return invalid(QStringLiteral("the command needs {in} and {out} (with {x} {y} {w} {h}), or {list}"));
    const std::optional<QStringList> words = splitCommandLine(command);
    if (!words)
        return invalid(QStringLiteral("a quote is not closed"));
    if (words->isEmpty())
        return invalid(QStringLiteral("empty command"));
    return CommandSpec{name, command, {}, {}};
}

std::unique_ptr<BenchEngine> makeCommandEngine(CommandSpec spec) {
    if (spec.unavailable.isEmpty())
        spec.unavailable = missingProgram(splitCommandLine(spec.command).value_or(QStringList()).value(0));
    return std::make_unique<CommandEngine>(std::move(spec));
}

} // namespace cropdeck::bench
