// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/curve.h"

namespace runlens::analysis {

/// TensorBoard's exponential moving average with debiasing, as a running state so that a
/// zoomed view can start from the state at its left edge:
///     last = last * w + (1 - w) * v;  n += 1;  smoothed = last / (1 - w^n)
/// Non-finite values pass through unsmoothed and leave the state alone. weight is clamped to
/// [0, 0.999]; weight 0 returns the values unchanged.
class Ema {
public:
    explicit Ema(double weight);
    /// Folds in one value; returns the smoothed value (v itself when not finite).
    double add(double v);
    /// Folds in `count` values whose mean is `mean` (a bucket), as if each were the mean:
    /// last = last * w^count + (1 - w^count) * mean. Returns the smoothed value after them
    /// (a non-finite mean is returned and leaves the state alone; count <= 0 folds nothing).
    double addMean(double mean, qint64 count);
    [[nodiscard]] double weight() const { return m_weight; }
    [[nodiscard]] qint64 count() const { return m_count; }

private:
    double m_weight;
    double m_last = 0;
    qint64 m_count = 0;
};

/// Ema over every y of `in` (x unchanged).
[[nodiscard]] Curve emaSmooth(const Curve &in, double weight);

/// Centred running median over `window` finite points (even windows are widened by one; ends use
/// the points that exist). Non-finite values stay gaps and are not counted. window <= 1 returns
/// the input.
[[nodiscard]] Curve runningMedian(const Curve &in, int window);

} // namespace runlens::analysis
