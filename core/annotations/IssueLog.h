// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the readers: collects issues up to a bound, so that a file with a million bad lines
// reports the first ones and a count instead of growing without limit.

#include "annotations/AnnotationIssue.h"

namespace cropdeck {

class IssueLog {
public:
    IssueLog(QList<AnnotationIssue>* sink, int maxIssues);

    void warn(const QString& file, int line, const QString& element, const QString& message);
    void error(const QString& file, int line, const QString& element, const QString& message);
    void add(AnnotationIssue issue);

    int errorCount() const { return m_errors; }
    int count() const { return m_total; }
    // Appends the "N more issues not listed" line once reading is done.
    void finish();

private:
    QList<AnnotationIssue>* m_sink;
    int m_maxIssues;
    int m_total = 0;
    int m_errors = 0;
    int m_dropped = 0;
    QString m_lastFile;
};

} // namespace cropdeck
