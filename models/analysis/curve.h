// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/pointbucket.h"

#include <vector>

namespace runlens::analysis {

/// What a chart draws of one series: parallel x and y arrays, x non-decreasing. A NaN y is a
/// gap (QCustomPlot breaks the line there); ±Inf values never appear (they become gaps).
struct Curve {
    std::vector<double> x;
    std::vector<double> y;

    [[nodiscard]] size_t size() const { return x.size(); }
    [[nodiscard]] bool empty() const { return x.empty(); }
    void clear() {
        x.clear();
        y.clear();
    }
    void push(double px, double py) {
        x.push_back(px);
        y.push_back(py);
    }
};

/// How a stored point's x becomes a chart's x: (raw - offset) * scale, with raw the step or the
/// wall time in ms. Wall time: offset 0, scale 1/1000 (seconds since the epoch, what
/// QCPAxisTickerDateTime expects); relative time: offset = the run's start in ms, scale 1/1000.
struct XMap {
    core::XKind kind = core::XKind::Step;
    double offset = 0;
    double scale = 1;

    [[nodiscard]] double operator()(qint64 raw) const { return (double(raw) - offset) * scale; }
    /// The inverse, for asking the store about a chart range.
    [[nodiscard]] double toRaw(double x) const { return x / scale + offset; }
    [[nodiscard]] double x(const core::MetricPoint &p) const {
        return (*this)(kind == core::XKind::Step ? p.step : p.timeMs);
    }
};

} // namespace runlens::analysis
