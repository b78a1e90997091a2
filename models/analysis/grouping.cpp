// SPDX-License-Identifier: GPL-3.0-or-later
#include "grouping.h"

#include "analysis/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace runlens::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Running mean, spread and extremes of the runs' values at one bin centre (Welford).
struct Cell {
    int n = 0;
    double mean = 0, m2 = 0;
    double min = 0, max = 0;

    void add(double v) {
        if (n == 0) {
            min = max = v;
        } else {
            min = std::min(min, v);
            max = std::max(max, v);
        }
        ++n;
        const double delta = v - mean;
        mean += delta / n;
        m2 += delta * (v - mean);
    }
    [[nodiscard]] double sd() const { return n > 1 ? std::sqrt(m2 / (n - 1)) : 0; }
};

/// Adds one run's linearly interpolated values at the (increasing) centres within its extent.
void addRun(const Curve &run, const std::vector<double> &centres, std::vector<Cell> &cells) {
    std::vector<double> xs, ys;
    xs.reserve(run.size());
    ys.reserve(run.size());
    for (size_t i = 0; i < run.size(); ++i) {
        if (std::isfinite(run.x[i]) && std::isfinite(run.y[i])) {
            xs.push_back(run.x[i]);
            ys.push_back(run.y[i]);
        }
    }
    if (xs.empty())
        return;
    size_t right = 0; // first point with x >= the centre
    for (size_t c = 0; c < centres.size(); ++c) {
        const double x = centres[c];
        if (x < xs.front())
            continue;
        if (x > xs.back())
            break;
        while (xs[right] < x)
            ++right;
        double v = ys[right];
        if (xs[right] > x) { // right > 0 here, since x >= xs.front()
            const size_t left = right - 1;
            const double f = (x - xs[left]) / (xs[right] - xs[left]);
            v = ys[left] + f * (ys[right] - ys[left]);
        }
        cells[c].add(v);
    }
}

} // namespace

GroupCurve aggregate(const std::vector<const Curve *> &runs, double lo, double hi, int bins,
                     Band band) {
    GroupCurve g;
    bins = std::max(bins, 1);
    if (lo > hi)
        std::swap(lo, hi);
    const double width = (hi - lo) / bins;
    const auto count = static_cast<size_t>(bins);
    std::vector<double> centres(count);
    for (int i = 0; i < bins; ++i)
        centres[size_t(i)] = lo + (i + 0.5) * width;

    std::vector<Cell> cells(count);
    for (const Curve *run : runs) {
        if (run)
            addRun(*run, centres, cells);
    }

    // t(0.975, n-1) for every n that occurs, computed once each.
    std::vector<double> tByN;
    if (band == Band::Ci95) {
        tByN.assign(runs.size() + 1, nan);
        for (size_t n = 2; n < tByN.size(); ++n)
            tByN[n] = studentTQuantile(0.975, double(n - 1));
    }

    g.mean.x = centres;
    g.mean.y.resize(count);
    g.lower.resize(count);
    g.upper.resize(count);
    g.n.resize(count);
    for (size_t i = 0; i < count; ++i) {
        const Cell &cell = cells[i];
        g.n[i] = cell.n;
        if (cell.n == 0) {
            g.mean.y[i] = g.lower[i] = g.upper[i] = nan;
            continue;
        }
        const double mean = cell.mean;
        g.mean.y[i] = mean;
        double halfWidth = 0;
        switch (band) {
        case Band::None:
            break;
        case Band::StdDev:
            halfWidth = cell.sd();
            break;
        case Band::Ci95:
            halfWidth =
                cell.n > 1 ? tByN[size_t(cell.n)] * cell.sd() / std::sqrt(double(cell.n)) : 0;
            break;
        case Band::MinMax:
            g.lower[i] = cell.min;
            g.upper[i] = cell.max;
            continue;
        }
        g.lower[i] = mean - halfWidth;
        g.upper[i] = mean + halfWidth;
    }
    return g;
}

} // namespace runlens::analysis
