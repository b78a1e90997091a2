// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run.h"

#include <limits>

namespace runlens::tests {

/// Runs for the item model suites: lr as numbers 9/10/100-style values, a missing one, a NaN
/// metric, a deleted run.
inline core::Runs itemRuns() {
    core::Runs runs;
    const auto add = [&runs](const char16_t *name, QVariant steps, double loss, bool deleted) {
        core::Run r;
        r.id = qint64(runs.size()) + 1;
        r.key = QStringLiteral("mlflow:%1").arg(r.id);
        r.uid = QString::number(r.id);
        r.format = QStringLiteral("mlflow");
        r.name = QString::fromUtf16(name);
        r.experiment = QStringLiteral("exp");
        r.deleted = deleted;
        if (steps.isValid())
            r.config.set(QStringLiteral("steps"), steps);
        r.config.set(QStringLiteral("optimizer"),
                     r.id % 2 ? QStringLiteral("adam") : QStringLiteral("sgd"));
        if (!std::isnan(loss) || r.id == 3)
            r.metricRef(QStringLiteral("loss")).add({10, 0, loss});
        runs.push_back(std::move(r));
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    add(u"run-10", qint64(100), 0.5, false);       // id 1
    add(u"run-9", qint64(9), 0.25, false);         // id 2
    add(u"Run-100", qint64(10), nan, false);       // id 3: NaN loss
    add(u"run-2", QVariant(), 0.75, false);        // id 4: no steps
    add(u"run-1", qint64(10), std::nan(""), true); // id 5: deleted, no loss
    return runs;
}

} // namespace runlens::tests
