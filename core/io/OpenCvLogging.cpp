// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/OpenCvLogging.h"

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>

#include <iostream>
#include <mutex>
#include <streambuf>
#include <string>

namespace cropdeck {

namespace {

constexpr size_t kMaxKept = 4096;

thread_local std::string t_lastError;  // cv::error() text
thread_local std::string t_streamText; // what OpenCV wrote to std::cerr on this thread

int keepError(int /*status*/, const char* function, const char* message, const char* /*file*/, int /*line*/,
              void* /*userData*/) {
    t_lastError = message && *message ? message : function ? function : "";
    return 0;
}

void keepText(const char* text, std::streamsize size) {
    t_streamText.append(text, size_t(size));
    if (t_streamText.size() > kMaxKept)
        t_streamText.erase(0, t_streamText.size() - kMaxKept);
}

// OpenCV 4.6 also writes some failures straight to std::cerr ("imdecode_(''): can't read data: ...").
// CropDeck itself never writes there, so the stream keeps what it is given for the writing thread.
class ThreadRecord : public std::streambuf {
protected:
    int_type overflow(int_type c) override {
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            const char ch = traits_type::to_char_type(c);
            keepText(&ch, 1);
        }
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* text, std::streamsize size) override {
        keepText(text, size);
        return size;
    }
};

// The last non-empty line of `text`.
std::string lastLine(const std::string& text) {
    size_t end = text.find_last_not_of("\r\n \t");
    if (end == std::string::npos)
        return {};
    const size_t start = text.find_last_of('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1,
                       end + 1 - (start == std::string::npos ? 0 : start + 1));
}

} // namespace

void quietOpenCv() {
    static std::once_flag once;
    std::call_once(once, [] {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        cv::redirectError(keepError);
        // Never destroyed: std::ios_base::Init's destructors flush std::cerr at exit, after every
        // function-local static is gone (a static record here made exit flush a destroyed buffer,
        // which AddressSanitizer caught in every process that had decoded through OpenCV).
        std::cerr.rdbuf(new ThreadRecord);
    });
}

QString takeOpenCvFailure() {
    const std::string& reason = t_lastError.empty() ? lastLine(t_streamText) : t_lastError;
    QString failure = QString::fromStdString(reason).simplified();
    t_lastError.clear();
    t_streamText.clear();
    return failure;
}

} // namespace cropdeck
