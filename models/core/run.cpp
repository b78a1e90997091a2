// SPDX-License-Identifier: GPL-3.0-or-later
#include "run.h"

#include <QDir>
#include <algorithm>

namespace runlens::core {

QString statusName(RunStatus status) {
    switch (status) {
    case RunStatus::Running:
        return QStringLiteral("RUNNING");
    case RunStatus::Scheduled:
        return QStringLiteral("SCHEDULED");
    case RunStatus::Finished:
        return QStringLiteral("FINISHED");
    case RunStatus::Failed:
        return QStringLiteral("FAILED");
    case RunStatus::Killed:
        return QStringLiteral("KILLED");
    case RunStatus::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

RunStatus statusFromName(QStringView name) {
    for (int s = int(RunStatus::Running); s <= int(RunStatus::Killed); ++s) {
        if (name.compare(statusName(RunStatus(s)), Qt::CaseInsensitive) == 0)
            return RunStatus(s);
    }
    return RunStatus::Unknown;
}

const MetricSummary *Run::metric(const QString &key) const {
    const auto it =
        std::lower_bound(metrics.begin(), metrics.end(), key,
                         [](const MetricInfo &m, const QString &k) { return m.key < k; });
    return it != metrics.end() && it->key == key ? &it->summary : nullptr;
}

MetricSummary &Run::metricRef(const QString &key) {
    auto it = std::lower_bound(metrics.begin(), metrics.end(), key,
                               [](const MetricInfo &m, const QString &k) { return m.key < k; });
    if (it == metrics.end() || it->key != key)
        it = metrics.insert(it, MetricInfo{key, {}});
    return it->summary;
}

QString Run::absolutePath() const {
    return path.isEmpty() ? sourceRoot : QDir(sourceRoot).filePath(path);
}

QString Run::makeKey(const QString &format, const QString &uid) {
    return format + u':' + uid;
}

bool Run::looksLive(qint64 nowMs) const {
    if (status == RunStatus::Running)
        return !deleted;
    if (status != RunStatus::Unknown || deleted)
        return false;
    qint64 latest = endMs;
    for (const MetricInfo &m : metrics)
        latest = std::max(latest, m.summary.lastTimeMs);
    return latest > 0 && nowMs - latest <= liveWindowMs && latest <= nowMs + liveWindowMs;
}

} // namespace runlens::core
