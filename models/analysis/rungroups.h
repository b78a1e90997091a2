// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/statistics.h"
#include "core/run.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace runlens::analysis {

/// How runs are grouped: by the values of some fields ("params.lr", "tags.model"), or by every
/// param except some ("everything but the seed").
struct GroupSpec {
    QStringList fields;       ///< RunField references
    bool allParams = false;   ///< group by every param not in exceptParams
    QStringList exceptParams; ///< param keys ignored with allParams ("seed")

    [[nodiscard]] bool isEmpty() const { return fields.isEmpty() && !allParams; }
};

struct RunGroup {
    QString label;            ///< "lr=0.01, optimizer=adam": only the keys that differ
    std::vector<int> members; ///< indexes into the runs given
};

/// Groups runs by the spec, in order of first appearance. Runs without a value for a field
/// group under "—" for it.
[[nodiscard]] std::vector<RunGroup> groupRuns(const std::vector<const core::Run *> &runs,
                                              const GroupSpec &spec);

/// Which value of each run a comparison uses.
enum class CompareWhat { Final, Best };

/// Whether smaller values of a metric are better, guessed from its name (loss, error, perplexity,
/// mse, ...).
[[nodiscard]] bool lowerIsBetter(const QString &metric);

/// Each run's final (last) or best (min or max, by lowerIsBetter) value of metric, from the
/// runs' summaries; runs without a finite value are skipped.
[[nodiscard]] std::vector<double> runValues(const std::vector<const core::Run *> &runs,
                                            const QString &metric, CompareWhat what);

} // namespace runlens::analysis
