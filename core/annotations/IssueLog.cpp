// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/IssueLog.h"

namespace cropdeck {

IssueLog::IssueLog(QList<AnnotationIssue>* sink, int maxIssues)
    : m_sink(sink)
    , m_maxIssues(qMax(1, maxIssues)) {}

void IssueLog::warn(const QString& file, int line, const QString& element, const QString& message) {
    add(AnnotationIssue{IssueSeverity::Warning, file, line, element, message});
}

void IssueLog::error(const QString& file, int line, const QString& element, const QString& message) {
    add(AnnotationIssue{IssueSeverity::Error, file, line, element, message});
}

void IssueLog::add(AnnotationIssue issue) {
    ++m_total;
    if (issue.severity == IssueSeverity::Error)
        ++m_errors;
    m_lastFile = issue.file;
    if (!m_sink || m_sink->size() >= m_maxIssues) {
        ++m_dropped;
        return;
    }
    m_sink->append(std::move(issue));
}

void IssueLog::finish() {
    if (!m_sink || m_dropped == 0)
        return;
    m_sink->append(AnnotationIssue{
        m_errors > 0 ? IssueSeverity::Error : IssueSeverity::Warning, m_lastFile, 0, QString(),
        QStringLiteral("%1 more issue(s) not listed (%2 in all, %3 of them errors)")
            .arg(m_dropped)
            .arg(m_total)
            .arg(m_errors)});
    m_dropped = 0;
}

} // namespace cropdeck
