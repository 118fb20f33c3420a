// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A BatchRequest as versioned JSON, and back, exactly: fromJson(toJson(r)) == r for every request.
// This is the saved request (`cropdeck --dry-run --save-request F`, `cropdeck --batch --request F`)
// and the batch part of the GUI's project file.
//
//   {"cropdeck_request": 1,
//    "input":  {"images", "annotations", "annotation_format": "auto|csv|…", "csv_columns", "min_box_size",
//               "generated": {"kind": "none|centre|random", "size": "WxH", "count", "seed"}},
//    "crop":   {"bounds": "clip|shift|pad|skip|error", "pad": "edge|#rrggbb", "margin": "N|N%",
//               "aspect" (width/height, 0 = none), "size": "WxH|", "resize": "WxH|",
//               "resize_mode": "none|exact|fit|fill", "gray", "stored_coordinates", "window_size",
//               "max_fraction", "fail_on": "error|truncated|none", "max_pixels", "lossless"},
//    "output": {"folder", "name", "format": "same|jpeg|png|webp|tiff|bmp", "jpeg_quality",
//               "png_level", "webp_quality"},
//    "run":    {"threads", "max_memory_bytes", "resume", "shard": "i/N"}}
//
// Reading: a missing key keeps its default, so a hand-written file needs only what it changes. An
// unknown key, a value of the wrong type or out of range, or a newer version is an error that names
// the key ("crop.bounds": expected one of …). Value names are SettingNames.h's.

#include "Result.h"
#include "batch/BatchRequest.h"

#include <QJsonObject>
#include <QString>

namespace cropdeck {

inline constexpr int kBatchRequestVersion = 1;

QJsonObject batchRequestToJson(const BatchRequest& request);
Result<BatchRequest> batchRequestFromJson(const QJsonObject& json);

// `request` with its relative paths (images, annotations, output folder) made absolute against `folder`.
BatchRequest withPathsResolvedAgainst(BatchRequest request, const QString& folder);

// Files. Loading resolves relative paths (input.images, input.annotations, output.folder) against
// the file's folder, and prefixes errors with the file's path. Saving writes atomically.
Result<BatchRequest> loadBatchRequest(const QString& path);
Status saveBatchRequest(const BatchRequest& request, const QString& path);

// True when `path` is a JSON file whose top-level object has the "cropdeck_request" version key (any
// version): a saved request rather than, say, a COCO or LabelMe file. Reads only the first 4 KiB.
bool isBatchRequestFile(const QString& path);

} // namespace cropdeck
