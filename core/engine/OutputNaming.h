// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Output file names from a template such as "{stem}_{index}_{label}.{ext}".
//
// Placeholders: {stem} source file name without extension, {name} source file name, {ext} output
// extension, {index} window index within its image (0-based), {id} window id from the annotation file,
// {label} window label ("unlabeled" when empty), {image} image index in the batch, {dir} the source's
// folder relative to the image root ("" when flat). Unknown placeholders are an error. Values are
// sanitised so that a label can never add folders or characters a file system refuses.

#include "Result.h"

#include <QString>

#include <vector>

namespace cropdeck {

struct OutputNameFields {
    QString sourceRelativePath; // as in the annotation file, '/' separated
    QString label;
    QString windowId;
    int windowIndex = 0;
    int imageIndex = 0;
    QString extension; // without dot
};

inline constexpr const char* kDefaultNameTemplate = "{stem}_{index}_{label}.{ext}";

// Checks a template once, before a batch starts: known placeholders, balanced braces, not empty,
// no absolute path.
Status validateNameTemplate(const QString& nameTemplate);

// Expands a validated template into a relative path ('/' separated).
QString expandNameTemplate(const QString& nameTemplate, const OutputNameFields& fields);

// The same expansion for many windows: the template is parsed once and what comes from the source image
// (stem, name, folder, extension) is worked out once per image; planning 10,000 windows of one image
// spent a fifth of its time deriving them again for each window. Not thread-safe (it caches the last
// label).
class OutputNamer {
public:
    explicit OutputNamer(const QString& nameTemplate); // validated
    void setImage(const QString& sourceRelativePath, int imageIndex, const QString& extension);
    QString name(const QString& label, const QString& windowId, int windowIndex) const;

    // The placeholders, named as a template writes them (one table for checking and expanding).
    enum class Part { Text, Stem, Name, Ext, Index, Id, Label, Image, Dir };

private:
    struct Segment {
        Part part = Part::Text;
        QString text; // for Part::Text
    };
    std::vector<Segment> m_segments;
    QString m_stem, m_name, m_ext, m_image, m_dir; // of the current image, sanitised
    // The last label and its value; an empty label starts out known.
    mutable QString m_lastLabel;
    mutable QString m_lastLabelValue = QStringLiteral("unlabeled");
};

// Makes one path component safe on every OS: no separators, control or reserved characters, no
// leading/trailing dots or spaces, not a reserved Windows device name, not empty.
QString sanitizeFileNameComponent(const QString& text);

} // namespace cropdeck
