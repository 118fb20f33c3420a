// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// OpenCV's own logger writes "[ WARN:0@1.2] ..." and "[ERROR:0@1.2] ..." lines to stderr, and
// cv::imdecode writes "imdecode_(''): can't read data: ..." to std::cerr, between CropDeck's messages and
// without naming the image. quietOpenCv() silences the logger, once per process, and keeps instead, per
// thread, the text of each OpenCV error (cv::error() reports it to a callback before it throws, also when
// OpenCV catches the exception itself, as cv::imdecode does) and what reaches std::cerr (which CropDeck
// never writes to), so that the image's error can say why OpenCV gave up.
//
// Every io function that calls OpenCV calls quietOpenCv() first. Thread-safe.

#include <QString>

namespace cropdeck {

void quietOpenCv();

// The last OpenCV error raised on the calling thread since the previous call, simplified to one line
// ("OpenCV TIFF: failed TIFFReadRGBAStrip(...)"), or empty; the record is cleared.
QString takeOpenCvFailure();

} // namespace cropdeck
