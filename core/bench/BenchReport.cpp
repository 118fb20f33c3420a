// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchReport.h"

#include "bench/ReportHtml.h"
#include "bench/ReportText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace cropdeck::bench {

namespace {

constexpr int kReportVersion = 1;

// The thread count whose runs `run` is compared with (see timesSlowest).
int comparedThreads(const BenchReport& report, const EngineRun& run) {
    if (!run.serial)
        return run.threads;
    int smallest = 0;
    for (const EngineRun& other : report.runs)
        if (other.caseName == run.caseName && !other.serial && other.timed() &&
            (smallest == 0 || other.threads < smallest))
            smallest = other.threads;
    return smallest == 0 ? run.threads : smallest;
}

bool sameGroup(const BenchReport& report, const EngineRun& other, const EngineRun& run) {
    return other.caseName == run.caseName && (other.serial || other.threads == comparedThreads(report, run));
}

QJsonArray numbers(const std::vector<double>& values) {
    QJsonArray array;
    for (double v : values)
        array.append(v);
    return array;
}

QJsonObject verificationToJson(const EngineRun& run) {
    const Verification& v = run.verification;
    const double psnr = v.psnr();
    return {{"verdict", verdictName(run.verdict)},
            {"crops_expected", v.cropsExpected},
            {"crops_checked", v.cropsChecked},
            {"crops_differing", v.cropsDiffering},
            {"max_abs_diff", v.maxAbsDiff},
            {"psnr_db", std::isfinite(psnr) ? QJsonValue(psnr) : QJsonValue(QJsonValue::Null)},
            {"squared_error", v.squaredError},
            {"samples", v.samples},
            {"problem", v.problem},
            {"lossy", v.lossy},
            {"psnr_margin_db", v.worstMarginDb},
            {"margins_measured", v.marginsMeasured}};
}

Verification verificationFromJson(const QJsonObject& json) {
    Verification v;
    v.cropsExpected = json.value("crops_expected").toInt();
    v.cropsChecked = json.value("crops_checked").toInt();
    v.cropsDiffering = json.value("crops_differing").toInt();
    v.maxAbsDiff = json.value("max_abs_diff").toInt();
    v.squaredError = json.value("squared_error").toDouble();
    v.samples = json.value("samples").toDouble();
    v.problem = json.value("problem").toString();
    v.lossy = json.value("lossy").toBool(); // absent in reports older than lossy outputs: false
    v.worstMarginDb = json.value("psnr_margin_db").toDouble();
    v.marginsMeasured = json.value("margins_measured").toInt();
    return v;
}

QJsonObject floorToJson(const PhysicalFloor& floor) {
    return {{"seconds", floor.seconds}, {"method", floor.method}, {"error", floor.error}};
}

PhysicalFloor floorFromJson(const QJsonObject& json) {
    PhysicalFloor floor;
    floor.seconds = json.value("seconds").toDouble();
    floor.method = json.value("method").toString();
    floor.error = json.value("error").toString();
    return floor;
}

QJsonObject runToJson(const BenchReport& report, const EngineRun& run) {
    return {{"case", run.caseName},
            {"case_description", run.caseDescription},
            {"images", run.images},
            {"windows", run.windows},
            {"source_mpx", run.sourceMegapixels},
            {"engine", run.engine},
            {"kind", run.kind},
            {"detail", run.detail},
            {"threads", run.threads},
            {"serial", run.serial},
            {"unavailable", run.unavailable},
            {"not_applicable", run.notApplicable},
            {"error", run.error},
            {"trials_s", numbers(run.trialSeconds)},
            {"median_s", run.stats.median},
            {"min_s", run.stats.min},
            {"max_s", run.stats.max},
            {"spread_percent", run.stats.spreadPercent},
            {"images_per_s", run.imagesPerSecond()},
            {"source_mpx_per_s", run.megapixelsPerSecond()},
            {"x_slowest", timesSlowest(report, run)},
            {"x_best_peer", timesBestPeer(report, run)},
            {"failures", run.failures},
            {"fold", QString::number(run.fold, 16)},
            {"verification", verificationToJson(run)},
            {"floor", floorToJson(run.floor)},
            {"percent_of_floor", run.percentOfFloor},
            {"peak_memory_bytes", run.peakMemoryBytes},
            {"baseline_memory_bytes", run.baselineMemoryBytes}};
}

EngineRun runFromJson(const QJsonObject& json) {
    EngineRun run;
    run.caseName = json.value("case").toString();
    run.caseDescription = json.value("case_description").toString();
    run.images = json.value("images").toInt();
    run.windows = json.value("windows").toInt();
    run.sourceMegapixels = json.value("source_mpx").toDouble();
    run.engine = json.value("engine").toString();
    run.kind = json.value("kind").toString();
    run.detail = json.value("detail").toString();
    run.threads = json.value("threads").toInt();
    run.serial = json.value("serial").toBool();
    run.unavailable = json.value("unavailable").toString();
    run.notApplicable = json.value("not_applicable").toString(); // empty in reports before it
    run.error = json.value("error").toString();
    for (const auto& t : json.value("trials_s").toArray())
        run.trialSeconds.push_back(t.toDouble());
    run.stats = summarizeTrials(run.trialSeconds);
    run.failures = json.value("failures").toInt();
    run.fold = json.value("fold").toString().toULongLong(nullptr, 16);
    const QJsonObject verification = json.value("verification").toObject();
    run.verification = verificationFromJson(verification);
    run.verdict = verdictFromName(verification.value("verdict").toString());
    run.floor = floorFromJson(json.value("floor").toObject()); // reports before the floor have none
    run.percentOfFloor = json.value("percent_of_floor").toDouble();
    run.peakMemoryBytes = json.value("peak_memory_bytes").toInteger(); // 0 in reports before it
    run.baselineMemoryBytes = json.value("baseline_memory_bytes").toInteger();
    return run;
}

QJsonObject parametersToJson(const BenchParameters& p) {
    QJsonArray threads;
    for (int t : p.threads)
        threads.append(t);
    return {{"dataset", p.dataset},
            {"trials", p.trials},
            {"threads", threads},
            {"tolerance", p.tolerance},
            {"engines", QJsonArray::fromStringList(p.engines)},
            {"output", p.output},
            {"scenario", p.scenario}};
}

BenchParameters parametersFromJson(const QJsonObject& json) {
    BenchParameters p;
    p.dataset = json.value("dataset").toString();
    p.trials = json.value("trials").toInt();
    for (const auto& t : json.value("threads").toArray())
        p.threads.push_back(t.toInt());
    p.tolerance = json.value("tolerance").toInt(kDefaultTolerance);
    for (const auto& e : json.value("engines").toArray())
        p.engines << e.toString();
    p.output = json.value("output").toString(QStringLiteral("memory (pixels)")); // older reports: pixels
    p.scenario = json.value("scenario").toString();
    return p;
}

} // namespace

double timesSlowest(const BenchReport& report, const EngineRun& run) {
    double slowest = 0;
    for (const EngineRun& other : report.runs)
        if (sameGroup(report, other, run) && other.timed())
            slowest = std::max(slowest, other.stats.median);
    return run.timed() && slowest > 0 ? slowest / run.stats.median : 0;
}

double timesBestPeer(const BenchReport& report, const EngineRun& run) {
    double best = 0;
    for (const EngineRun& other : report.runs)
        if (sameGroup(report, other, run) && other.kind != QLatin1String("cropdeck") && other.correct() &&
            (best == 0 || other.stats.median < best))
            best = other.stats.median;
    return run.timed() && best > 0 ? best / run.stats.median : 0;
}

QJsonObject reportToJson(const BenchReport& report) {
    QJsonArray runs;
    for (const EngineRun& run : report.runs)
        runs.append(runToJson(report, run));
    return {{"cropdeck_bench_report", kReportVersion},
            {"created", report.created},
            {"system", toJson(report.system)},
            {"parameters", parametersToJson(report.parameters)},
            {"runs", runs}};
}

Result<BenchReport> reportFromJson(const QJsonObject& json, const QString& fileName) {
    if (json.value("cropdeck_bench_report").toInt() != kReportVersion)
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: not a CropDeck benchmark report (version %2 expected in "
                                        "\"cropdeck_bench_report\")")
                             .arg(fileName)
                             .arg(kReportVersion));
    BenchReport report;
    report.created = json.value("created").toString();
    report.system = systemInfoFromJson(json.value("system").toObject());
    report.parameters = parametersFromJson(json.value("parameters").toObject());
    for (const auto& run : json.value("runs").toArray())
        report.runs.push_back(runFromJson(run.toObject()));
    return report;
}

Status saveReport(const BenchReport& report, const QString& path, const FigureSource& figures) {
    const auto is = [&path](const char* extension) {
        return path.endsWith(QLatin1String(extension), Qt::CaseInsensitive);
    };
    QByteArray bytes;
    if (is(".json"))
        bytes = QJsonDocument(reportToJson(report)).toJson();
    else if (is(".csv"))
        bytes = reportCsv(report).toUtf8();
    else if (is(".md"))
        bytes = reportMarkdown(report).toUtf8();
    else if (is(".html") && figures)
        bytes = reportHtml(report, figures).toUtf8();
    else if (is(".html"))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: an HTML report carries charts, which the command line "
                                        "(cropdeck --bench --report) and the Benchmark tab draw; "
                                        "this caller can write .json, .csv or .md")
                             .arg(path));
    else
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("%1: the report's extension says its format: .json, .csv, .md or .html")
                .arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(ErrorKind::Io, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

Result<BenchReport> loadReport(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: not JSON (%2 at byte %3)")
                                                 .arg(path, parseError.errorString())
                                                 .arg(parseError.offset));
    return reportFromJson(document.object(), path);
}

} // namespace cropdeck::bench
