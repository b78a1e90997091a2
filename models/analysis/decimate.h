// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/curve.h"

namespace runlens::analysis {

/// Min/max decimation for drawing, at most about two points per pixel column: [lo, hi] is split
/// into `columns` equal columns; a column holding more than two points is drawn as its minimum
/// and its maximum, in the order that keeps the line continuous (min first when the column's
/// first value is below its last), placed at the column's first and last x; a column of one or
/// two points keeps them as they are. No spike is lost, however many points a column holds.
/// Non-finite values (NaN, ±Inf) become a single NaN gap point. The nearest point left of lo and
/// right of hi are kept as they are (a line leaves the plot edge). columns < 1 is taken as 1.
/// `in` must have non-decreasing x.
[[nodiscard]] Curve decimate(const Curve &in, double lo, double hi, int columns);

/// The same for buckets (min/max/first/last of consecutive points, see core::PointBucket),
/// mapped to chart x with `map`: a bucket's x extent is [map(firstX), map(lastX)]; buckets
/// falling in one column merge. A bucket with no finite value is a gap.
[[nodiscard]] Curve decimate(const core::PointBuckets &in, const XMap &map, double lo, double hi,
                             int columns);

/// Points as a curve: x through `map`, ±Inf as NaN (gaps). Unsorted input is sorted by x (stable,
/// so duplicate x keep their stored order).
[[nodiscard]] Curve toCurve(const core::MetricPoints &points, const XMap &map);

/// A line through the buckets' means at their x midpoints (for smoothing and grouping at
/// coarse resolution).
[[nodiscard]] Curve meanCurve(const core::PointBuckets &in, const XMap &map);

/// y against another metric: for each point of `y` the value of `x` at the same step (the
/// latest x point with that step; steps without an x value are dropped), sorted by x. Both
/// inputs in any order. Non-finite x values are dropped.
[[nodiscard]] Curve joinOnStep(const core::MetricPoints &y, const core::MetricPoints &x);

} // namespace runlens::analysis
