// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Synthetic runs for the cache and start-up benchmarks: N runs that look like a sweep, with
// P params (numbers, text, booleans) and M metric summaries each.

#include "core/run.h"

#include <QStringList>

namespace runlens::bench {

inline const QStringList optimizers = {QStringLiteral("adam"), QStringLiteral("sgd"),
                                       QStringLiteral("adamw"), QStringLiteral("lion")};

inline core::Run syntheticRun(int i, int params, int metrics, const QString &root) {
    core::Run r;
    r.sourceRoot = root;
    r.format = QStringLiteral("mlflow");
    r.uid = QStringLiteral("%1").arg(quint64(i) * 2654435761ULL, 32, 16, QChar(u'0'));
    r.path = QStringLiteral("mlruns/%1/%2").arg(i % 7).arg(r.uid);
    r.key = core::Run::makeKey(r.format, r.uid);
    r.name = QStringLiteral("run-%1-lucky-otter").arg(i);
    r.experiment = QStringLiteral("experiment-%1").arg(i % 7);
    r.status = core::RunStatus::Finished;
    r.startMs = 1700000000000 + i * 1000LL;
    r.endMs = r.startMs + 3600000;
    for (int p = 0; p < params; ++p) {
        const QString key = QStringLiteral("model.layer_%1.param").arg(p);
        switch (p % 5) {
        case 0:
            r.config.set(key, 1e-4 * (i % 97 + 1));
            break;
        case 1:
            r.config.set(key, qint64(32 << (i % 5)));
            break;
        case 2:
            r.config.set(key, optimizers[(i + p) % optimizers.size()]);
            break;
        case 3:
            r.config.set(key, (i + p) % 2 == 0);
            break;
        default:
            r.config.set(key, 0.5 + i * 1e-6);
        }
    }
    r.tags.insert(QStringLiteral("mlflow.user"), QStringLiteral("ana"));
    r.tags.insert(QStringLiteral("mlflow.source.name"), QStringLiteral("train.py"));
    r.tags.insert(QStringLiteral("mlflow.runName"), r.name);
    for (int m = 0; m < metrics; ++m) {
        core::MetricSummary &s =
            r.metricRef(QStringLiteral("metric/%1_loss").arg(m, 2, 10, QChar(u'0')));
        s.add({0, r.startMs, 2.0 + m});
        s.add({999, r.startMs + 3600000, 0.1 * (i % 13) + m});
    }
    return r;
}

} // namespace runlens::bench
