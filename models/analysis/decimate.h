// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/curve.h"

namespace runlens::analysis {

/// Min/max decimation for drawing, at most about two points per pixel column: [lo, hi] is split
/// into `columns` equal columns; a column holding more than two points is drawn as its minimum
/// and its maximum, in the order that keeps the line continuous (min first when the column's
/// first value is below its last), placed at the column's first and last x; a column of one or
/// two points keeps them as they are. No spike is lost, however many points a column holds.
/// Non-finite values (NaN, ±Inf) become a single NaN gap point at the x of the first of them
/// (none before the first drawn point); a gap splits its column, each side drawn on its own, so
/// the output holds at most 2·columns + 2 + 3·gaps points. The nearest point left of lo and
/// right of hi are kept as they are (a line leaves the plot edge; ±Inf there becomes NaN).
/// columns < 1 is taken as 1; lo > hi are swapped. `in` must have non-decreasing x.
[[nodiscard]] Curve decimate(const Curve &in, double lo, double hi, int columns);

/// The same for buckets (min/max/first/last of consecutive points, see core::PointBucket),
/// mapped to chart x with `map`: a bucket's x extent is [map(firstX), map(lastX)], and it falls
/// in the column of its first x; buckets falling in one column merge. A bucket with no finite
/// value is a gap. Buckets overlapping [lo, hi] are drawn; of the neighbours outside, the left
/// one gives its last value at its last x, the right one its first value at its first x. With
/// single-point buckets the result equals decimate() of the points. `in` in stored order with
/// non-decreasing x (SeriesSlice::sorted).
[[nodiscard]] Curve decimate(const core::PointBuckets &in, const XMap &map, double lo, double hi,
                             int columns);

/// Points as a curve: x through `map`, ±Inf as NaN (gaps). Unsorted input is sorted by x (stable,
/// so duplicate x keep their stored order).
[[nodiscard]] Curve toCurve(const core::MetricPoints &points, const XMap &map);

/// A line through the buckets' means at their x midpoints (for smoothing and grouping at
/// coarse resolution).
[[nodiscard]] Curve meanCurve(const core::PointBuckets &in, const XMap &map);

/// y against another metric: for each point of `y` the value of `x` at the same step (the
/// latest x point with that step in stored order; steps without an x value are dropped), sorted
/// by x (stable). Both inputs in any order. Non-finite x values are dropped before the latest
/// is picked; non-finite y values become NaN gaps.
[[nodiscard]] Curve joinOnStep(const core::MetricPoints &y, const core::MetricPoints &x);

} // namespace runlens::analysis
