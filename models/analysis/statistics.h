// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace runlens::analysis {

/// Student's t distribution: P(T <= t) for df > 0 degrees of freedom (df may be fractional, as
/// Welch's are). Through the regularized incomplete beta function; accurate to ~1e-10.
[[nodiscard]] double studentTCdf(double t, double df);
/// The t with studentTCdf(t, df) == p, 0 < p < 1.
[[nodiscard]] double studentTQuantile(double p, double df);

/// Welch's unequal-variance t-test of mean(b) - mean(a). Non-finite values are ignored. valid is
/// false (and the numbers NaN) unless each side has at least 2 values; a zero pooled variance
/// with different means gives p = 0, with equal means p = 1.
struct WelchResult {
    bool valid = false;
    int nA = 0, nB = 0;
    double meanA = 0, meanB = 0, sdA = 0, sdB = 0;
    double diff = 0;              ///< meanB - meanA
    double ciLow = 0, ciHigh = 0; ///< confidence interval of diff
    double t = 0, df = 0;
    double p = 1; ///< two-sided
};
[[nodiscard]] WelchResult welch(const std::vector<double> &a, const std::vector<double> &b,
                                double confidence = 0.95);

/// A y range for auto-ranging that ignores extreme outliers: from the q to the 1-q quantile of
/// the finite values of all ys (only the positive ones when logScale), widened by 5 % on each
/// side (multiplicatively on a log scale). Quantiles are nearest-rank (positions q·(n-1) and
/// (1-q)·(n-1) rounded), so a lone extreme is left out once n > 1 + 1/(2q) and small series
/// keep their full range. q = 0 gives the full range. nullopt when there is no usable value. A
/// range of zero height is widened to ±1 (±a factor of 2 on a log scale).
[[nodiscard]] std::optional<std::pair<double, double>>
robustRange(const std::vector<const std::vector<double> *> &ys, double q, bool logScale);

} // namespace runlens::analysis
