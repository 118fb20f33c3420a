// SPDX-License-Identifier: GPL-3.0-or-later
// The validation panel lists exactly what `cropdeck --validate` finds for the same set (same findings, same
// order), filters by severity, and a finding that names a box asks to show that image and box.

#include "TestUtils.h"
#include "batch/PrepareBatch.h"
#include "batch/SetValidation.h"
#include "ui/ValidationModel.h"
#include "ui/ValidationPanel.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using cropdeck::test::writeTextFile;
using namespace cropdeck::ui;

namespace {

void writeImage(const QString& path, int width, int height) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY(cv::imwrite(path.toStdString(), cv::Mat(height, width, CV_8UC3, cv::Scalar(5, 6, 7))));
}

// A set with one of each common problem.
BatchRequest problemSet(const QTemporaryDir& dir) {
    writeImage(dir.filePath("images/a.jpg"), 64, 48);
    writeImage(dir.filePath("images/b.jpg"), 40, 30);
    writeTextFile(dir.filePath("boxes.csv"), "path,x,y,w,h,label\n"
                                             "a.jpg,2,3,20,10,cat\n"
                                             "a.jpg,50,40,30,30,dog\n" // past the right and bottom edges
                                             "a.jpg,2,3,20,10,cat\n"   // a duplicate
                                             "b.jpg,5,5,1,1,cat\n"     // a click without a drag
                                             "gone.jpg,0,0,8,8,cat\n");
    BatchRequest request;
    request.annotations = dir.filePath("boxes.csv");
    request.images = dir.filePath("images");
    return request;
}

QJsonObject cliValidation(const BatchRequest& request) {
    QProcess process;
    process.start(cropdeck::test::cropdeckBinary(),
                  {"--validate", "--annotations", request.annotations, "--images", request.images, "--json"});
    if (!process.waitForFinished(60000))
        return {};
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

} // namespace

class TestValidationPanel : public QObject {
    Q_OBJECT
private slots:
    void listsWhatTheCliFinds() {
        QTemporaryDir dir;
        const BatchRequest request = problemSet(dir);
        const Result<PreparedBatch> batch = prepareBatch(request, PrepareFor::Browse);
        QVERIFY2(batch, batch ? "" : qPrintable(batch.error().message));

        ValidationPanel panel;
        QSignalSpy validated(&panel, &ValidationPanel::validated);
        panel.validate(batch->annotations, batch->readerIssues,
                       validationOptionsFor(request, batch->options.imageRoot, batch->options.imageList));
        QVERIFY(validated.wait(30000));

        const QJsonObject cli = cliValidation(request);
        const QJsonArray findings = cli.value("findings").toArray();
        QVERIFY(findings.size() >= 4);
        QCOMPARE(validated.at(0).at(0).toInt(), cli.value("errors").toInt());
        QCOMPARE(validated.at(0).at(1).toInt(), cli.value("warnings").toInt());
        QAbstractItemModel* rows = panel.view()->model();
        QCOMPARE(rows->rowCount(), findings.size());
        QStringList kinds;
        for (int row = 0; row < findings.size(); ++row) {
            const QJsonObject finding = findings[row].toObject();
            kinds << finding.value("kind").toString();
            QCOMPARE(rows->index(row, ValidationModel::KindColumn).data().toString(), kinds.last());
            QCOMPARE(rows->index(row, 0).data(ValidationModel::ImageIndexRole).toInt(),
                     finding.value("image_index").toInt(-1));
            QCOMPARE(rows->index(row, 0).data(ValidationModel::WindowIndexRole).toInt(),
                     finding.value("box_index").toInt(-1));
            QVERIFY(rows->index(row, ValidationModel::MessageColumn)
                        .data()
                        .toString()
                        .startsWith(finding.value("message").toString()));
        }
        for (const char* kind : {"box-outside", "duplicate-box", "small-box", "image-not-found"})
            QVERIFY2(kinds.contains(kind), qPrintable(kinds.join(", ")));
    }

    void filtersBySeverityAndJumps() {
        QTemporaryDir dir;
        const BatchRequest request = problemSet(dir);
        const Result<PreparedBatch> batch = prepareBatch(request, PrepareFor::Browse);
        QVERIFY(batch);
        ValidationPanel panel;
        QSignalSpy validated(&panel, &ValidationPanel::validated);
        panel.validate(batch->annotations, batch->readerIssues,
                       validationOptionsFor(request, batch->options.imageRoot, batch->options.imageList));
        QVERIFY(validated.wait(30000));
        const int errors = validated.at(0).at(0).toInt(), warnings = validated.at(0).at(1).toInt();
        QVERIFY(errors > 0 && warnings > 0);

        auto* severity = panel.findChild<QComboBox*>();
        QVERIFY(severity);
        QAbstractItemModel* rows = panel.view()->model();
        severity->setCurrentIndex(1); // errors
        QCOMPARE(rows->rowCount(), errors);
        for (int row = 0; row < rows->rowCount(); ++row)
            QCOMPARE(rows->index(row, 0).data(ValidationModel::SeverityRole).toInt(),
                     int(IssueSeverity::Error));
        severity->setCurrentIndex(2); // warnings
        QCOMPARE(rows->rowCount(), warnings);
        severity->setCurrentIndex(0);
        QCOMPARE(rows->rowCount(), errors + warnings);

        // The box past the edges: image a.jpg (index 0), box 1.
        int outside = -1;
        for (int row = 0; row < rows->rowCount() && outside < 0; ++row)
            if (rows->index(row, ValidationModel::KindColumn).data().toString() == "box-outside")
                outside = row;
        QVERIFY(outside >= 0);
        QSignalSpy activated(&panel, &ValidationPanel::findingActivated);
        emit panel.view()->activated(rows->index(outside, ValidationModel::MessageColumn));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), 0);
        QCOMPARE(activated.at(0).at(1).toInt(), 1);
    }

    // A set opened while the last one is still being validated: only the newest set's findings show.
    void newestSetWins() {
        QTemporaryDir dir;
        const BatchRequest request = problemSet(dir);
        const Result<PreparedBatch> batch = prepareBatch(request, PrepareFor::Browse);
        QVERIFY(batch);
        const ValidationOptions options =
            validationOptionsFor(request, batch->options.imageRoot, batch->options.imageList);
        AnnotationSet clean = batch->annotations;
        clean.images = {clean.images.first()};
        clean.images.first().windows = {clean.images.first().windows.first()};
        ValidationPanel panel;
        QSignalSpy validated(&panel, &ValidationPanel::validated);
        panel.validate(batch->annotations, batch->readerIssues, options);
        panel.validate(clean, {}, options);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isValidating() && validated.size() >= 1, 30000);
        QCOMPARE(validated.last().at(0).toInt(), 0);
        QCOMPARE(validated.last().at(1).toInt(), 0);
        QCOMPARE(panel.view()->model()->rowCount(), 0);
        QCOMPARE(panel.report().windows, 1);
    }
};

QTEST_MAIN(TestValidationPanel)
#include "test_validation_panel.moc"
