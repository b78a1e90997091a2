// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/metric.h"

#include <limits>
#include <vector>

namespace runlens::core {

/// The quantities the store indexes a series by, for charts: its step or its wall time.
/// (Relative time is wall time shifted by the run's start; another metric as x is joined on
/// the step by the chart code.)
enum class XKind { Step, Time };

/// A summary of consecutive points of a series, in stored order: what a chart draws of them
/// when there are more points than pixels. min/max keep every spike; first/last keep the line
/// continuous; sum/finite give the mean for smoothing and grouping.
struct PointBucket {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    qint64 count = 0;  ///< points, finite or not
    qint64 finite = 0; ///< points with a finite value
    qint64 firstStep = 0, lastStep = 0;
    qint64 firstTimeMs = 0, lastTimeMs = 0;
    double first = nan, last = nan; ///< the first and the last finite value
    double min = nan, max = nan;    ///< over finite values
    double sum = 0;                 ///< of finite values

    /// Folds in the next point (in stored order).
    void add(const MetricPoint &p);
    /// Folds in the bucket of the points that follow this bucket's.
    void merge(const PointBucket &next);
    /// sum / finite, or NaN when no value is finite.
    [[nodiscard]] double mean() const;
    [[nodiscard]] qint64 firstX(XKind x) const {
        return x == XKind::Step ? firstStep : firstTimeMs;
    }
    [[nodiscard]] qint64 lastX(XKind x) const { return x == XKind::Step ? lastStep : lastTimeMs; }

    friend bool operator==(const PointBucket &, const PointBucket &) = default;
};

using PointBuckets = std::vector<PointBucket>;

/// Buckets of `size` consecutive points each (the last one may hold fewer); size >= 1.
[[nodiscard]] PointBuckets bucketize(const MetricPoint *points, size_t count, qint64 size);

/// What a chart reads of one series for an x range at a resolution (store::Cache::loadSlice).
struct SeriesSlice {
    qint64 total = 0; ///< points of the whole series
    /// Whether x (the XKind asked for) never decreases in stored order. When false, `points`
    /// holds the whole series (exact) and the caller sorts and decimates it.
    bool sorted = true;
    /// true: `points` holds every point in the range plus the nearest point outside it on each
    /// side (so a line leaves the plot edge); false: `buckets` do, at the finest resolution the
    /// store keeps that gives at least `columns` buckets for the range (plus one bucket of
    /// neighbours each side).
    bool exact = true;
    MetricPoints points;
    PointBuckets buckets; ///< consecutive, in stored order
    /// The whole series' extent in x (the XKind asked for), for auto-ranging.
    qint64 xFirst = 0, xLast = 0;
};

} // namespace runlens::core
