// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/PeerEngines.h"

#include "batch/SettingNames.h"
#include "bench/CommandEngines.h"
#include "bench/SelfTimedPeer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace cropdeck::bench {

namespace {

constexpr const char* kPeerScripts[] = {"peer_common.py", "pillow_crop.py", "opencv_crop.py"};

// The embedded Python peers, written once to a scratch folder that lives as long as the engines.
struct ScriptFolder {
    QTemporaryDir dir;
    QString problem;

    ScriptFolder() {
        for (const char* name : kPeerScripts) {
            QFile source(QStringLiteral(":/cropdeck/bench/peers/%1").arg(QLatin1String(name)));
            if (!dir.isValid() || !source.open(QIODevice::ReadOnly) ||
                !source.copy(QDir(dir.path()).filePath(QLatin1String(name))))
                problem = QStringLiteral("cannot write the peer script %1 to %2")
                              .arg(QLatin1String(name), dir.path());
        }
    }
    QString script(const char* name) const { return QDir(dir.path()).filePath(QLatin1String(name)); }
};

// What `program arguments` printed (stdout and stderr), whatever its exit code; empty when it did not run.
QString outputOf(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return {};
    return QString::fromUtf8(process.readAll()).trimmed();
}

QString pythonModuleProblem(const QString& python, const QString& module, const QString& install) {
    if (python.isEmpty())
        return QStringLiteral("python3 not found on PATH");
    if (outputOf(python, {QStringLiteral("-c"), QStringLiteral("import %1; print('ok')").arg(module)}) !=
        QLatin1String("ok"))
        return QStringLiteral("%1 cannot import %2 (%3)").arg(python, module, install);
    return {};
}

std::unique_ptr<BenchEngine> pythonPeer(const std::shared_ptr<ScriptFolder>& scripts, const QString& python,
                                        const QString& name, const char* script, const QStringList& extra,
                                        const QString& problem, const QString& detail) {
    SelfTimedPeerSpec spec{name, python, problem.isEmpty() ? scripts->problem : problem, detail, {}};
    const QString path = scripts->script(script);
    spec.arguments = [scripts, path, extra](const PeerRun& run) {
        QStringList args{path,
                         QStringLiteral("--jobs"),
                         run.jobs,
                         QStringLiteral("--threads"),
                         QString::number(run.threads),
                         QStringLiteral("--trials"),
                         QString::number(run.trials)};
        if (!run.dumpDir.isEmpty())
            args << QStringLiteral("--dump-dir") << run.dumpDir;
        if (run.output.encodes())
            args << QStringLiteral("--format") << formatOutputFormat(run.output.effectiveFormat())
                 << QStringLiteral("--quality") << QString::number(run.output.quality)
                 << QStringLiteral("--png-level") << QString::number(run.output.pngLevel);
        if (!run.outDir.isEmpty())
            args << QStringLiteral("--out-dir") << run.outDir;
        return args + extra;
    };
    return makeSelfTimedPeer(std::move(spec));
}

// libvips' saver options in its file-name syntax, e.g. ".png[compression=1]", ".jpg[Q=90]".
QString vipsSaveSuffix(const OutputSpec& output) {
    QString extension = u'.' + output.extension(); // not const: returned by move
    switch (output.effectiveFormat()) {
    case OutputFormat::Png:
        return extension + QStringLiteral("[compression=%1]").arg(output.pngLevel);
    case OutputFormat::Jpeg:
    case OutputFormat::WebP:
        return extension + QStringLiteral("[Q=%1]").arg(output.quality);
    default:
        return extension;
    }
}

std::unique_ptr<BenchEngine> vipsApiPeer(const PeerSetup& setup) {
    const QString program = setup.vipsPeer.isEmpty()
                                ? QStandardPaths::findExecutable(QStringLiteral("cropdeck_vips_crop"))
                                : setup.vipsPeer;
    SelfTimedPeerSpec spec{QStringLiteral("vips"),
                           program,
                           {},
                           QStringLiteral("libvips C API: sequential access, vips_crop, write to memory"),
                           {}};
    if (program.isEmpty() || !QFileInfo(program).isExecutable())
        spec.unavailable = QStringLiteral("cropdeck_vips_crop not found on PATH (built in benchmarks/ when "
                                          "pkg-config finds libvips: apt-get install libvips-dev)");
    spec.arguments = [](const PeerRun& run) {
        QStringList args;
        if (run.output.encodes())
            args << QStringLiteral("--save") << vipsSaveSuffix(run.output);
        if (!run.outDir.isEmpty())
            args << QStringLiteral("--out-dir") << run.outDir;
        args << run.jobs << QString::number(run.threads) << QString::number(run.trials)
             << (run.dumpDir.isEmpty() ? QFileInfo(run.jobs).absolutePath() : run.dumpDir);
        for (int index = 0; !run.dumpDir.isEmpty() && index < run.lines; ++index)
            args << QString::number(index);
        return args;
    };
    return makeSelfTimedPeer(std::move(spec));
}

// A command-line tool, when `program` exists and its version text names `product`.
std::unique_ptr<BenchEngine> toolPeer(const QString& name, const QStringList& programs,
                                      const QStringList& versionArgs, const QString& product,
                                      const QString& crop, const QString& install) {
    CommandSpec spec{
        name, {}, QStringLiteral("%1 not found on PATH (%2)").arg(programs.join(" or "), install), {}};
    for (const QString& program : programs) {
        if (QStandardPaths::findExecutable(program).isEmpty())
            continue;
        const QString version = outputOf(program, versionArgs);
        if (!version.contains(product)) {
            spec.unavailable = QStringLiteral("%1 on PATH does not say \"%2\" (`%1 %3` printed \"%4\"); %5")
                                   .arg(program, product, versionArgs.join(u' '), version.left(100), install);
            continue;
        }
        spec = {name, program + u' ' + crop, {}, version.section(u'\n', 0, 0)};
        break;
    }
    if (spec.command.isEmpty())
        spec.command = programs.first() + u' ' + crop;
    return makeCommandEngine(std::move(spec));
}

} // namespace

std::vector<std::unique_ptr<BenchEngine>> makePeerEngines(const PeerSetup& setup) {
    const auto scripts = std::make_shared<ScriptFolder>();
    const QString python =
        setup.python.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("python3")) : setup.python;
    const QString pil =
        pythonModuleProblem(python, QStringLiteral("PIL"), QStringLiteral("apt-get install python3-pil"));
    const QString cv2 =
        pythonModuleProblem(python, QStringLiteral("cv2"), QStringLiteral("apt-get install python3-opencv"));
    std::vector<std::unique_ptr<BenchEngine>> engines;
    engines.push_back(pythonPeer(scripts, python, QStringLiteral("pillow-threads"), "pillow_crop.py", {}, pil,
                                 QStringLiteral("Pillow Image.open + crop, thread pool")));
    engines.push_back(pythonPeer(scripts, python, QStringLiteral("pillow-processes"), "pillow_crop.py",
                                 {QStringLiteral("--processes")}, pil,
                                 QStringLiteral("Pillow Image.open + crop, process pool")));
    engines.push_back(pythonPeer(scripts, python, QStringLiteral("opencv-python"), "opencv_crop.py", {}, cv2,
                                 QStringLiteral("cv2.imread + slice, thread pool")));
    engines.push_back(vipsApiPeer(setup));
    engines.push_back(toolPeer(QStringLiteral("vips-cli"), {QStringLiteral("vips")},
                               {QStringLiteral("--version")}, QStringLiteral("vips-"),
                               QStringLiteral("crop {in} {out} {x} {y} {w} {h}"),
                               QStringLiteral("apt-get install libvips-tools")));
    engines.push_back(toolPeer(QStringLiteral("imagemagick"),
                               {QStringLiteral("magick"), QStringLiteral("convert")},
                               {QStringLiteral("-version")}, QStringLiteral("Version: ImageMagick"),
                               QStringLiteral("{in} -crop {w}x{h}+{x}+{y} +repage {out}"),
                               QStringLiteral("apt-get install imagemagick")));
    engines.push_back(toolPeer(QStringLiteral("graphicsmagick"), {QStringLiteral("gm")},
                               {QStringLiteral("version")}, QStringLiteral("GraphicsMagick"),
                               QStringLiteral("convert {in} -crop {w}x{h}+{x}+{y} +repage {out}"),
                               QStringLiteral("apt-get install graphicsmagick")));
    return engines;
}

} // namespace cropdeck::bench
