// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one way from a BatchRequest to a job that BatchRunner runs: every shell (CLI --batch and
// --dry-run, the GUI's batch panel, a saved request, the benchmark workbench) calls prepareBatch()
// and so builds the very same job from the very same settings.
//
// prepareBatch() checks the request (settings that exclude each other, missing input or output),
// reads the annotations or generates windows from the image headers, adopts the settings an
// annotation set implies, skips boxes below the minimum size, plans every output (names, resume,
// shard, overwrite protection) and collects the warnings a user must see, as typed values. Nothing is
// decoded or written. Errors name the file or the setting (Error::setting); they are configuration
// errors (ErrorKind::Invalid/NotFound/Unsupported/Corrupt) or I/O errors (ErrorKind::Io).
//
// Reentrant; probes image headers on up to request.threads threads.

#include "Result.h"
#include "annotations/AnnotationIssue.h"
#include "batch/BatchRequest.h"
#include "engine/BatchPlan.h"

#include <QList>
#include <QString>

namespace cropdeck {

enum class BatchWarningKind {
    ReaderDropped,  // the annotation reader dropped lines or boxes: their crops are missing
    ExifConvention, // declared image sizes suggest the boxes use the other EXIF orientation convention
    SmallBox,       // boxes below the minimum size were skipped
    Plan,           // from planning: torn manifest lines, outputs to redo, ...
};

struct BatchWarning {
    BatchWarningKind kind;
    QString message; // names the file(s) and what to do
};

// Run: a batch to start. DryRun: the same plan, no output folder needed. Browse: what the GUI opens: no
// output folder or annotations needed (an images folder or list alone gives its images without windows),
// and no box is skipped for its size (the GUI shows every box; validation reports the small ones).
enum class PrepareFor { Run, DryRun, Browse };

struct PreparedBatch {
    AnnotationSet annotations;
    BatchOptions options; // for BatchRunner::start(), annotation settings adopted
    BatchPlan plan;
    QList<AnnotationIssue> readerIssues; // what the annotation reader reported, in file order
    QList<BatchWarning> warnings;
    // The reader dropped lines or boxes: their crops are missing, so the batch has failures even when
    // every planned window is written.
    bool readerDropped = false;
    // Browse with an --images folder or list: the images there that no annotation names, appended to
    // `annotations` without windows (their indices). Saving or running the set leaves out those still
    // without windows, so they change nothing unless the user gives them some.
    QList<int> unannotatedImages;
};

// The reader's issues are in PreparedBatch::readerIssues, and also appended to *issues when given,
// whether or not preparing succeeds (a failed read can explain itself through them).
Result<PreparedBatch> prepareBatch(const BatchRequest& request, PrepareFor purpose = PrepareFor::Run,
                                   QList<AnnotationIssue>* issues = nullptr);

// The same with the windows given instead of read or generated: the GUI's edited set, a project's
// edited windows (ProjectFile.h). request.annotations and request.generated only say where the set came
// from; request.images still resolves the images (folder, or list file) as when the set was read.
Result<PreparedBatch> prepareBatch(const BatchRequest& request, AnnotationSet annotations,
                                   PrepareFor purpose = PrepareFor::Run);

// The request's rules that hold before any file is read: an input (annotations or generated
// windows, not both), an output folder (unless `purpose` is a dry run), and the crop settings'
// own consistency (checkCropSettings()).
Status checkBatchRequest(const BatchRequest& request, PrepareFor purpose);

// BatchOptions for `request` with the image set resolved (`imageRoot`, `imageList`).
BatchOptions batchOptionsFor(const BatchRequest& request, const QString& imageRoot,
                             const QStringList& imageList);

} // namespace cropdeck
