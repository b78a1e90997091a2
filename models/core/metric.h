// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>
#include <limits>
#include <vector>

namespace runlens::core {

/// One logged value of a metric.
struct MetricPoint {
    qint64 step = 0;
    qint64 timeMs = 0; ///< wall time, ms since the Unix epoch; 0 when the format has none
    double value = 0;

    friend bool operator==(const MetricPoint &, const MetricPoint &) = default;
};

using MetricPoints = std::vector<MetricPoint>;

/// What the run table needs of a series, kept up to date point by point so that an appended
/// file only has to fold in its new points.
struct MetricSummary {
    qint64 count = 0;                                       ///< every point, finite or not
    qint64 firstStep = 0;                                   ///< smallest step
    qint64 lastStep = 0;                                    ///< greatest step
    double last = std::numeric_limits<double>::quiet_NaN(); ///< value of the latest point
    qint64 lastTimeMs = 0;
    double min = std::numeric_limits<double>::quiet_NaN(); ///< over finite values only
    double max = std::numeric_limits<double>::quiet_NaN();
    qint64 minStep = 0;
    qint64 maxStep = 0;
    qint64 nanCount = 0; ///< NaN, +Inf and -Inf points

    /// Folds one point in. The latest point is the one with the greatest (step, time); on a tie
    /// the one added later wins, as the formats' "value at step" rule says.
    void add(const MetricPoint &p);
    void add(const MetricPoints &points);

    friend bool operator==(const MetricSummary &, const MetricSummary &) = default;
};

} // namespace runlens::core
