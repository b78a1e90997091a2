// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configtree.h"
#include "metric.h"

#include <QMap>
#include <QMetaType>
#include <QString>
#include <vector>

namespace runlens::core {

/// Status values follow MLflow's integer codes so MLflow stores map one to one.
enum class RunStatus : int {
    Unknown = 0,
    Running = 1,
    Scheduled = 2,
    Finished = 3,
    Failed = 4,
    Killed = 5,
};

/// "RUNNING", "FINISHED", ... (the names MLflow and filters use; not translated).
QString statusName(RunStatus status);
/// Accepts the names above in any case; anything else is Unknown.
RunStatus statusFromName(QStringView name);

/// One metric key of a run with its summary. The points themselves live in the cache.
struct MetricInfo {
    QString key;
    MetricSummary summary;
    friend bool operator==(const MetricInfo &, const MetricInfo &) = default;
};

/// One run, whatever tool wrote it.
struct Run {
    qint64 id = 0;      ///< cache row id; 0 until stored
    QString key;        ///< stable identity across cache rebuilds: "<format>:<uid>"
    QString sourceRoot; ///< absolute, cleaned path of the folder the user opened
    QString path;       ///< run location relative to sourceRoot, '/' separated
    QString format;     ///< "mlflow", ...
    QString uid;        ///< the format's own run id (MLflow run_id)
    QString name;
    QString experiment;
    RunStatus status = RunStatus::Unknown;
    bool deleted = false; ///< deleted in its tool (MLflow lifecycle_stage or .trash)
    qint64 startMs = 0;   ///< 0 when unknown
    qint64 endMs = 0;     ///< 0 when unknown or still running
    ConfigTree config;    ///< params / hyperparameters
    QMap<QString, QString> tags;
    std::vector<MetricInfo> metrics; ///< sorted by key

    [[nodiscard]] const MetricSummary *metric(const QString &key) const;
    MetricSummary &metricRef(const QString &key); ///< inserts in key order when missing
    [[nodiscard]] qint64 durationMs() const {
        return startMs > 0 && endMs >= startMs ? endMs - startMs : -1;
    }
    [[nodiscard]] QString absolutePath() const;
    /// Whether the run is still being written: RUNNING in its tool, or, for formats that keep no
    /// status (TensorBoard, CSV logs), a point logged within liveWindowMs before nowMs.
    [[nodiscard]] bool looksLive(qint64 nowMs) const;
    static constexpr qint64 liveWindowMs = 10 * 60 * 1000;

    static QString makeKey(const QString &format, const QString &uid);

    friend bool operator==(const Run &, const Run &) = default;
};

using Runs = std::vector<Run>;

} // namespace runlens::core

Q_DECLARE_METATYPE(runlens::core::Run)
