// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Per-format header readers behind probeImage(). Each starts with `reader` at offset 0 of a file whose
// signature already matched, fills the fields of `info` that its format has, and returns an Error that
// names `path` when the header is malformed. Dimension limits are checked by the caller.

#include "Result.h"
#include "io/ByteReader.h"
#include "io/ImageInfo.h"

namespace cropdeck::probe {

Status probeJpeg(ByteReader& reader, ImageInfo& info, const QString& path);
Status probePng(ByteReader& reader, ImageInfo& info, const QString& path);
Status probeBmp(ByteReader& reader, ImageInfo& info, const QString& path);
Status probeTiff(ByteReader& reader, ImageInfo& info, const QString& path);
Status probeWebp(ByteReader& reader, ImageInfo& info, const QString& path);
Status probePnm(ByteReader& reader, ImageInfo& info, const QString& path);

// "<path>: file ends inside the <what>" (Truncated), or an Io error when the device failed instead.
Error endedEarly(const ByteReader& reader, const QString& path, const QString& what);

} // namespace cropdeck::probe
