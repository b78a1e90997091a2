// SPDX-License-Identifier: GPL-3.0-or-later
#include "smoothing.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace runlens::analysis {

namespace {

/// The first element of the sorted [a, a + n) not less than v, n >= 1. Branch-free, since with
/// noisy values the comparisons are coin flips a predictor cannot learn.
size_t lowerBound(const double *a, size_t n, double v) {
    const double *base = a;
    while (n > 1) {
        const size_t half = n / 2;
        base = base[half] < v ? base + half : base;
        n -= half;
    }
    return size_t(base - a) + (*base < v ? 1 : 0);
}

/// Replaces one occurrence of `out` in the sorted `window` by `in`, keeping it sorted: the
/// values between the two positions move by one slot, found by walking from the freed slot
/// (a predictable loop, shorter on average than the window).
void replaceSorted(std::vector<double> &window, double out, double in) {
    double *w = window.data();
    const size_t n = window.size();
    size_t i = lowerBound(w, n, out);
    if (in >= out) {
        for (; i + 1 < n && w[i + 1] < in; ++i)
            w[i] = w[i + 1];
    } else {
        for (; i > 0 && w[i - 1] > in; --i)
            w[i] = w[i - 1];
    }
    w[i] = in;
}

} // namespace

Ema::Ema(double weight)
    : m_weight(std::isfinite(weight) ? std::clamp(weight, 0.0, 0.999) : 0.0) {
}

double Ema::add(double v) {
    if (!std::isfinite(v))
        return v;
    m_last = m_last * m_weight + (1 - m_weight) * v;
    ++m_count;
    return m_last / (1 - std::pow(m_weight, double(m_count)));
}

double Ema::addMean(double mean, qint64 count) {
    if (!std::isfinite(mean))
        return mean;
    if (count <= 0) {
        return m_count > 0 ? m_last / (1 - std::pow(m_weight, double(m_count)))
                           : std::numeric_limits<double>::quiet_NaN();
    }
    // `count` folds of the same value telescope: last·w^k + (1 - w^k)·mean.
    const double wk = std::pow(m_weight, double(count));
    m_last = m_last * wk + (1 - wk) * mean;
    m_count += count;
    return m_last / (1 - std::pow(m_weight, double(m_count)));
}

Curve emaSmooth(const Curve &in, double weight) {
    Ema ema(weight);
    if (ema.weight() == 0)
        return in;
    Curve out;
    out.x = in.x;
    out.y.resize(in.y.size());
    for (size_t i = 0; i < in.y.size(); ++i)
        out.y[i] = ema.add(in.y[i]);
    return out;
}

Curve runningMedian(const Curve &in, int window) {
    if (window <= 1 || in.empty())
        return in;
    const size_t half = size_t(window / 2); // an even window is widened by one
    std::vector<size_t> at;                 // indices of the finite points
    std::vector<double> values;
    at.reserve(in.size());
    values.reserve(in.size());
    for (size_t i = 0; i < in.y.size(); ++i) {
        if (std::isfinite(in.y[i])) {
            at.push_back(i);
            values.push_back(in.y[i]);
        }
    }

    Curve out;
    out.x = in.x;
    out.y.assign(in.y.size(), std::numeric_limits<double>::quiet_NaN());
    // The window kept sorted: per step one binary search and a shift of the values between the
    // outgoing and the incoming value's places (about w/3 moves on noisy data): O(n·(log w + w))
    // in theory, but memmove-like and branch-predictable, ~0.2 µs per point at w = 101.
    std::vector<double> sorted;
    sorted.reserve(2 * half + 1);
    const size_t m = values.size();
    size_t from = 0, to = 0; // values[from, to) are in `sorted`
    for (size_t j = 0; j < m; ++j) {
        const size_t wantTo = std::min(m, j + half + 1);
        const size_t wantFrom = j > half ? j - half : 0;
        for (; to < wantTo && from < wantFrom; ++to, ++from)
            replaceSorted(sorted, values[from], values[to]);
        for (; to < wantTo; ++to)
            sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), values[to]), values[to]);
        for (; from < wantFrom; ++from)
            sorted.erase(std::lower_bound(sorted.begin(), sorted.end(), values[from]));
        const size_t k = sorted.size();
        out.y[at[j]] = k % 2 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
    }
    return out;
}

} // namespace runlens::analysis
