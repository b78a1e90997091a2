// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/curve.h"

#include <vector>

namespace runlens::analysis {

/// What the band around a group's mean shows.
enum class Band { None, StdDev, Ci95, MinMax };

/// A group's curves reduced to one: at each of `bins` bin centres over [lo, hi], the mean of the
/// runs that have a value there, and the band. A run has a value at x when x lies within its
/// curve's x extent (no extrapolation); it is linearly interpolated between its neighbouring
/// finite points. Where fewer than one run has a value, mean/lower/upper are NaN (a gap).
struct GroupCurve {
    Curve mean;
    std::vector<double> lower, upper; ///< the band, parallel to mean.x (== mean.y for Band::None
                                      ///< or where only one run counts for StdDev/Ci95)
    std::vector<int> n;               ///< runs counted at each x
};

/// Ci95 uses mean ± t(0.975, n-1) · s / sqrt(n); StdDev mean ± s (sample std, n-1).
[[nodiscard]] GroupCurve aggregate(const std::vector<const Curve *> &runs, double lo, double hi,
                                   int bins, Band band);

} // namespace runlens::analysis
