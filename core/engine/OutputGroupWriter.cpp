// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/OutputGroupWriter.h"

#include "engine/BatchJobContext.h"
#include "engine/WindowEncoding.h"
#include "io/Encoder.h"

#include <QDir>

#include <algorithm>
#include <memory>
#include <utility>

namespace cropdeck {
namespace {

QString rectText(const QRect& r) {
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

QString windowName(const PlannedImage& image, int w) {
    const QString& id = image.windows[w].id;
    return QStringLiteral("window %1").arg(id.isEmpty() ? QString::number(w) : id);
}

} // namespace

void OutputGroupWriter::take(CroppedWindow&& window) {
    m_shared.delivered[window.windowIndex] = 1;
    BatchJobContext& context = m_shared.context;
    const PlannedImage& image = m_shared.image;
    const int w = m_shared.pendingIndex[window.windowIndex];
    if (context.hasFatalError())
        return; // the batch has ended: nothing more is written or recorded
    if (window.error)
        return context.windowFailed(image, w, *window.error);
    if (window.skipped) {
        // Named one by one: a count alone hid which boxes produced nothing.
        context.notice(image, w,
                       QStringLiteral("%1 %2 (%3): skipped, nothing written: %4")
                           .arg(image.relativePath, windowName(image, w), rectText(window.sourceRect),
                                window.skipReason));
        return context.windowSkipped(image, w, window);
    }
    if (!window.damage.isEmpty() && !m_shared.damageReported.exchange(true))
        context.notice(
            image, -1,
            QStringLiteral("%1: written from damaged data (%2): some pixels of its crops are not from "
                           "the file; the manifest marks them damaged and a resumed run crops them again")
                .arg(image.relativePath, window.damage));
    write(w, window);
    if (m_group.size() >= kGroupFiles || m_group.bytes() >= kGroupBytes)
        commit();
}

void OutputGroupWriter::write(int w, const CroppedWindow& window) {
    BatchJobContext& context = m_shared.context;
    const PlannedImage& image = m_shared.image;
    const PlannedOutput& output = image.outputs[w];
    // An image's outputs share their extension: its format is worked out when the extension changes.
    const QString& relative = output.relativePath;
    const qsizetype dot = relative.lastIndexOf(u'.');
    const QStringView suffix =
        dot > relative.lastIndexOf(u'/') ? QStringView(relative).mid(dot + 1) : QStringView();
    if (!m_format || suffix != m_formatSuffix) {
        m_formatSuffix = suffix.toString();
        m_format = formatFromExtension(m_formatSuffix);
    }
    const OutputFormat format = *m_format;
    Result<QByteArray> bytes = encodeWindow(window, format, context.options().settings, image.relativePath);
    if (!bytes)
        return context.windowFailed(image, w, bytes.error());
    const QByteArray encoded = std::move(bytes.value());
    const QString target = m_shared.outputPrefix + output.relativePath;
    if (m_group.size() == 0) {
        if (Status same = context.checkOutputFolder(); !same)
            return context.fail(same.error());
    }
    // Each folder is made once per batch; a dense image's windows mostly share one, so ask only when it
    // changes.
    const QStringView folder = QStringView(target).left(std::max<qsizetype>(target.lastIndexOf(u'/'), 0));
    if (folder != m_preparedFolder) {
        if (Status made = context.prepareFolderFor(target); !made) {
            if (Status same = context.checkOutputFolder(); !same)
                return context.fail(same.error());
            return context.windowFailed(image, w, made.error());
        }
        m_preparedFolder = folder.toString();
    }
    if (Status added = m_group.add(target, encoded); !added)
        return context.windowFailed(image, w, added.error());
    QString note;
    if (window.mcuAligned) {
        // --lossless promised to say so: the output holds more than the box, on the MCU grid.
        note = QStringLiteral("aligned to the MCU grid: %1").arg(rectText(window.writtenRect));
        context.notice(image, w,
                       QStringLiteral("%1 window %2: lossless crop moved to the JPEG's MCU grid: asked %3, "
                                      "written %4")
                           .arg(image.relativePath, image.windows[w].id, rectText(window.sourceRect),
                                rectText(window.writtenRect)));
    }
    m_written.push_back({w, encoded.size(), note, window.mcuAligned, window.damage});
}

void OutputGroupWriter::commit() {
    if (m_group.size() == 0)
        return;
    m_group.finishWriting(); // a sync begun by any commit from now on covers this group
    // std::function needs a copyable callable: the group and its records travel in a shared_ptr.
    auto batch = std::make_shared<std::pair<AtomicFileGroup, std::vector<WrittenOutput>>>(
        std::move(m_group), std::exchange(m_written, {}));
    Shared& shared = m_shared;
    shared.commits.add();
    shared.committer.submit([&shared, batch] {
        commitGroup(shared, batch->first, batch->second);
        shared.commits.done();
    });
}

void OutputGroupWriter::commitGroup(Shared& shared, AtomicFileGroup& group,
                                    std::vector<WrittenOutput>& written) {
    BatchJobContext& context = shared.context;
    // A cancelled or failed batch names and records nothing more: the groups still waiting are dropped
    // (their temporaries vanish; a resumed run cuts those windows again), so that a cancel takes effect
    // at once. Only commits already under way finish.
    if (context.stopped())
        return group.discard();
    if (Status same = context.checkOutputFolder(); !same) {
        group.discard();
        return context.fail(same.error());
    }
    const std::vector<Status> results = group.commit();
    std::vector<WrittenOutput> durable;
    durable.reserve(results.size());
    for (size_t i = 0; i < results.size(); ++i) {
        if (results[i])
            durable.push_back(std::move(written[i]));
        else
            context.windowFailed(shared.image, written[i].windowIndex, results[i].error());
    }
    context.windowsWritten(shared.image, durable);
}

} // namespace cropdeck
