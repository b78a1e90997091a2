// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/curve.h"
#include "analysis/grouping.h"

#include <QString>
#include <vector>

namespace runlens::store {
class Cache;
}

namespace runlens::analysis {

/// What a chart plots along x.
enum class XAxis {
    Step,         ///< the logged step
    WallTime,     ///< seconds since the epoch
    RelativeTime, ///< seconds since the run started
    Metric,       ///< another metric of the same run, joined on the step (ChartSpec::xMetric)
};

enum class Smoothing { None, Ema, Median };

/// The chart settings shared by every chart of a dashboard.
struct ChartSpec {
    XAxis xAxis = XAxis::Step;
    QString xMetric; ///< the metric key when xAxis is Metric
    Smoothing smoothing = Smoothing::None;
    double emaWeight = 0.6;   ///< TensorBoard's smoothing weight, 0..0.999
    int medianWindow = 21;    ///< points of the running median
    Band band = Band::StdDev; ///< around group means

    friend bool operator==(const ChartSpec &, const ChartSpec &) = default;
};

/// One run on a chart.
struct ChartRunRef {
    qint64 runId = 0;
    qint64 startMs = 0; ///< the run's start, for relative time (0: its first point's time)
    int group = -1;     ///< index of its group, -1 when the chart is not grouped
};

/// What to load for one chart: one metric of some runs over an x range.
struct ChartRequest {
    quint64 generation = 0; ///< echoed in ChartData, so stale answers can be dropped
    QString metric;
    ChartSpec spec;
    std::vector<ChartRunRef> runs;
    int groupCount = 0;
    bool fullRange = true; ///< every point; else [lo, hi] in chart x units
    double lo = 0, hi = 0;
    int columns = 1600; ///< pixel columns of the plot
};

/// One run's curve, decimated for drawing: about two points per pixel column.
struct ChartSeries {
    qint64 runId = 0;
    Curve raw;
    Curve smooth;                 ///< empty unless smoothing is on
    qint64 total = 0;             ///< points of the whole series
    bool exact = false;           ///< raw holds every point of the range
    double xFirst = 0, xLast = 0; ///< the whole series' extent in chart units
};

struct ChartGroup {
    int group = 0;
    int runs = 0; ///< runs of the group with points in this chart
    GroupCurve curve;
};

struct ChartData {
    quint64 generation = 0;
    QString metric;
    ChartSpec spec;
    bool fullRange = true;
    double lo = 0, hi = 0;           ///< the range loaded (for fullRange: the data's extent)
    std::vector<ChartSeries> series; ///< runs without the metric are left out
    std::vector<ChartGroup> groups;  ///< when grouped
    qint64 pointsRead = 0;           ///< points and buckets read from the cache
    double elapsedMs = 0;
    QString error; ///< the cache's complaint, if any
};

/// Reads and prepares one chart synchronously (the ChartLoader calls it off the GUI thread; the
/// command line calls it directly): a slice per run from the cache, decimation to the columns,
/// smoothing (with the EMA's state carried in from the left of a zoomed range), group means.
/// With a second connection to the same cache, half of the runs are read on a second thread.
[[nodiscard]] ChartData loadChart(const store::Cache &cache, const ChartRequest &request,
                                  const store::Cache *second = nullptr);

} // namespace runlens::analysis
