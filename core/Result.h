// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Conventions for the whole core API (read once, then every header follows them):
//
// * Errors are values. A function that can fail returns Result<T> (or Status for no value); it never
//   throws across the API and never aborts the process on bad input. The Error carries a kind that callers
//   can branch on and a message written for the user: it names the file (and line, element or window)
//   and the problem.
// * Regions are integer rectangles in pixels, 0-based, half-open ([x, x+w) × [y, y+h)). Annotation boxes
//   are floating point in the same convention on the *upright* (EXIF-oriented) image; io/ works on the
//   *stored* pixels and geometry/ maps between the two.
// * Pixels are cv::Mat, 8 bits per sample, 1 (gray), 3 (BGR) or 4 (BGRA) channels, OpenCV's order, so
//   any decode can be compared with cv::imread directly.
// * Threads: functions in core are reentrant and keep no global mutable state. Thread counts, limits and
//   cancellation flags are passed in. A `const std::atomic_bool* cancel` may be null; when it becomes
//   true, long operations stop at the next row band and return ErrorKind::Cancelled.

#include <QString>

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

namespace cropdeck {

enum class ErrorKind {
    NotFound,    // a file or an item that does not exist
    Io,          // the OS refused a read or write
    Unsupported, // a valid file that this path cannot handle (e.g. 12-bit JPEG)
    Corrupt,     // malformed or corrupt data
    Truncated,   // data ends early
    TooLarge,    // over the configured pixel limit
    OutOfBounds, // a window outside the image under the `error` bounds policy
    Invalid,     // bad parameters or configuration
    Cancelled,   // the user cancelled
};

const char* errorKindName(ErrorKind kind);

struct Error {
    ErrorKind kind = ErrorKind::Invalid;
    QString message;
    // The batch setting the error is about, as its BatchRequestJson key ("output.folder"), or empty.
    // Messages name settings in words; a shell may add its own name for the setting (a CLI flag).
    QString setting;
};

inline Error makeError(ErrorKind kind, QString message) {
    return Error{kind, std::move(message), {}};
}
inline Error makeSettingError(const char* setting, QString message) {
    return Error{ErrorKind::Invalid, std::move(message), QString::fromLatin1(setting)};
}

// A value or an Error. Deliberately small: ok(), value(), error(), and implicit construction from either.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::move(value)) {}
    Result(Error error)
        : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(m_state);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_state);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(m_state));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(m_state);
    }

private:
    std::variant<T, Error> m_state;
};

// Success or an Error, for operations with no value.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error)) {}
    static Status success() { return Status(); }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(!ok());
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};

} // namespace cropdeck
