// SPDX-License-Identifier: GPL-3.0-or-later
#include "decimate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace runlens::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double finiteOrNan(double v) {
    return std::isfinite(v) ? v : nan;
}

/// Maps x in [lo, hi] to one of `columns` equal columns; both decimators use it, so a series of
/// single-point buckets lands in the same columns as its points.
class Columns {
public:
    Columns(double lo, double hi, int columns)
        : m_lo(lo)
        , m_last(std::max(columns, 1) - 1)
        , m_perX(hi > lo ? double(std::max(columns, 1)) / (hi - lo) : 0) {}

    [[nodiscard]] int operator()(double x) const {
        const double c = (x - m_lo) * m_perX;
        if (!(c > 0)) // also NaN
            return 0;
        return c >= double(m_last) ? m_last : int(c);
    }

private:
    double m_lo;
    int m_last;
    double m_perX;
};

/// The finite values of consecutive points (or buckets) of one column between gaps, and how
/// they are drawn: as they are when there are at most two, else as min and max.
class Group {
public:
    [[nodiscard]] bool empty() const { return m_count == 0; }

    void add(double x0, double x1, double first, double last, double lo, double hi, qint64 count) {
        if (m_count == 0) {
            m_x0 = x0;
            m_first = first;
            m_min = lo;
            m_max = hi;
        } else {
            m_min = std::min(m_min, lo);
            m_max = std::max(m_max, hi);
        }
        m_x1 = x1;
        m_last = last;
        m_count += count;
    }
    void addPoint(double x, double y) { add(x, x, y, y, y, y, 1); }

    void flushTo(Curve &out) {
        if (m_count == 1) {
            out.push(m_x0, m_first);
        } else if (m_count == 2) {
            out.push(m_x0, m_first);
            out.push(m_x1, m_last);
        } else if (m_count > 2) {
            const bool rising = m_first < m_last;
            out.push(m_x0, rising ? m_min : m_max);
            out.push(m_x1, rising ? m_max : m_min);
        }
        m_count = 0;
    }

private:
    qint64 m_count = 0;
    double m_x0 = 0, m_x1 = 0;
    double m_first = 0, m_last = 0, m_min = 0, m_max = 0;
};

/// One NaN point for a run of non-finite values; none before the first drawn point.
void pushGap(Curve &out, double x) {
    if (!out.empty() && !std::isnan(out.y.back()))
        out.push(x, nan);
}

} // namespace

Curve decimate(const Curve &in, double lo, double hi, int columns) {
    Curve out;
    if (in.empty())
        return out;
    if (lo > hi)
        std::swap(lo, hi);
    columns = std::max(columns, 1);
    const auto xBegin = in.x.begin();
    const size_t begin = size_t(std::lower_bound(xBegin, in.x.end(), lo) - xBegin);
    const size_t end = std::max(begin, size_t(std::upper_bound(xBegin, in.x.end(), hi) - xBegin));
    out.x.reserve(std::min(in.size(), size_t(2 * columns + 4)));
    out.y.reserve(out.x.capacity());

    if (begin > 0)
        out.push(in.x[begin - 1], finiteOrNan(in.y[begin - 1]));

    const Columns columnOf(lo, hi, columns);
    Group group;
    int column = -1;
    const double *xs = in.x.data();
    const double *ys = in.y.data();
    for (size_t i = begin; i < end; ++i) {
        const double y = ys[i];
        if (!std::isfinite(y)) {
            group.flushTo(out);
            pushGap(out, xs[i]);
            continue;
        }
        const int c = columnOf(xs[i]);
        if (c != column) {
            group.flushTo(out);
            column = c;
        }
        group.addPoint(xs[i], y);
    }
    group.flushTo(out);

    if (end < in.size())
        out.push(in.x[end], finiteOrNan(in.y[end]));
    return out;
}

Curve decimate(const core::PointBuckets &in, const XMap &map, double lo, double hi, int columns) {
    Curve out;
    if (in.empty())
        return out;
    if (lo > hi)
        std::swap(lo, hi);
    columns = std::max(columns, 1);
    const auto x0 = [&](const core::PointBucket &b) {
        return map(b.firstX(map.kind));
    };
    const auto x1 = [&](const core::PointBucket &b) {
        return map(b.lastX(map.kind));
    };
    // Buckets are in stored order with non-decreasing x: the ones ending left of lo come first.
    const auto first = std::partition_point(in.begin(), in.end(),
                                            [&](const core::PointBucket &b) { return x1(b) < lo; });
    const auto last = std::partition_point(first, in.end(),
                                           [&](const core::PointBucket &b) { return x0(b) <= hi; });
    out.x.reserve(std::min(in.size() * 2, size_t(2 * columns + 4)));
    out.y.reserve(out.x.capacity());

    // Neighbours: the point of the bucket nearest the range.
    if (first != in.begin()) {
        const core::PointBucket &b = *(first - 1);
        out.push(x1(b), finiteOrNan(b.last));
    }

    const Columns columnOf(lo, hi, columns);
    Group group;
    int column = -1;
    for (auto it = first; it != last; ++it) {
        const core::PointBucket &b = *it;
        if (b.finite == 0) {
            group.flushTo(out);
            pushGap(out, x0(b));
            continue;
        }
        const int c = columnOf(x0(b));
        if (c != column) {
            group.flushTo(out);
            column = c;
        }
        group.add(x0(b), x1(b), b.first, b.last, b.min, b.max, b.finite);
    }
    group.flushTo(out);

    if (last != in.end())
        out.push(x0(*last), finiteOrNan(last->first));
    return out;
}

Curve toCurve(const core::MetricPoints &points, const XMap &map) {
    Curve out;
    out.x.reserve(points.size());
    out.y.reserve(points.size());
    for (const core::MetricPoint &p : points)
        out.push(map.x(p), finiteOrNan(p.value));
    if (std::is_sorted(out.x.begin(), out.x.end()))
        return out;
    std::vector<size_t> order(out.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return out.x[a] < out.x[b]; });
    Curve sorted;
    sorted.x.reserve(out.size());
    sorted.y.reserve(out.size());
    for (size_t i : order)
        sorted.push(out.x[i], out.y[i]);
    return sorted;
}

Curve meanCurve(const core::PointBuckets &in, const XMap &map) {
    Curve out;
    out.x.reserve(in.size());
    out.y.reserve(in.size());
    for (const core::PointBucket &b : in) {
        const double x = 0.5 * (map(b.firstX(map.kind)) + map(b.lastX(map.kind)));
        out.push(x, b.mean());
    }
    return out;
}

Curve joinOnStep(const core::MetricPoints &y, const core::MetricPoints &x) {
    // step -> the latest finite x value at that step (later points in stored order win).
    std::unordered_map<qint64, double> xAtStep;
    xAtStep.reserve(x.size());
    for (const core::MetricPoint &p : x) {
        if (std::isfinite(p.value))
            xAtStep[p.step] = p.value;
    }
    struct Pair {
        double x, y;
    };
    std::vector<Pair> pairs;
    pairs.reserve(y.size());
    for (const core::MetricPoint &p : y) {
        const auto it = xAtStep.find(p.step);
        if (it != xAtStep.end())
            pairs.push_back({it->second, finiteOrNan(p.value)});
    }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const Pair &a, const Pair &b) { return a.x < b.x; });
    Curve out;
    out.x.reserve(pairs.size());
    out.y.reserve(pairs.size());
    for (const Pair &p : pairs)
        out.push(p.x, p.y);
    return out;
}

} // namespace runlens::analysis
