// SPDX-License-Identifier: GPL-3.0-or-later
#include "statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace runlens::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The continued fraction of the regularized incomplete beta function,
///     I_x(a, b) = x^a (1-x)^b / (a B(a, b)) · 1 / (1 + d1 / (1 + d2 / (1 + ...)))
/// with d(2m+1) = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)) and d(2m) = m(b-m) x / ((a+2m-1)(a+2m)),
/// evaluated with the modified Lentz method. Converges fast for x < (a+1)/(a+b+2).
double betaFraction(double a, double b, double x) {
    constexpr double tiny = 1e-300;
    constexpr double eps = 1e-15;
    // Lentz on g = 1 + d1 / (1 + d2 / (1 + ...)): g0 = 1, C0 = g0, D0 = 0; each term d_j (over a
    // partial denominator 1) updates D = 1 / (1 + d_j D), C = 1 + d_j / C, g *= C·D.
    double g = 1;
    double c = 1;
    double d = 0;
    const auto fold = [&](double term) {
        d = 1 + term * d;
        if (std::abs(d) < tiny)
            d = tiny;
        c = 1 + term / c;
        if (std::abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const double delta = c * d;
        g *= delta;
        return std::abs(delta - 1) < eps;
    };
    for (int m = 0; m < 100000; ++m) {
        const double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
        const double even = (m + 1) * (b - m - 1) * x / ((a + 2 * m + 1) * (a + 2 * m + 2));
        fold(odd);
        if (fold(even))
            break;
    }
    return 1 / g;
}

/// I_x(a, b), with x and 1-x passed separately so that x near 1 loses no digits.
double regularizedBeta(double a, double b, double x, double oneMinusX) {
    if (x <= 0)
        return 0;
    if (oneMinusX <= 0)
        return 1;
    const double logFront = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                            b * std::log(oneMinusX);
    const double front = std::exp(logFront);
    if (x < (a + 1) / (a + b + 2))
        return front * betaFraction(a, b, x) / a;
    return 1 - front * betaFraction(b, a, oneMinusX) / b;
}

struct Moments {
    int n = 0;
    double mean = 0, sd = 0;
};

Moments moments(const std::vector<double> &values) {
    Moments m;
    double mean = 0, m2 = 0;
    for (double v : values) {
        if (!std::isfinite(v))
            continue;
        ++m.n;
        const double delta = v - mean;
        mean += delta / m.n;
        m2 += delta * (v - mean);
    }
    m.mean = mean;
    m.sd = m.n > 1 ? std::sqrt(m2 / (m.n - 1)) : 0;
    return m;
}

} // namespace

double studentTCdf(double t, double df) {
    if (std::isnan(t) || !(df > 0))
        return nan;
    if (std::isinf(t))
        return t > 0 ? 1 : 0;
    if (t == 0)
        return 0.5;
    // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2).
    const double t2 = t * t;
    const double tail = regularizedBeta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
    return t > 0 ? 1 - 0.5 * tail : 0.5 * tail;
}

double studentTQuantile(double p, double df) {
    if (!(p > 0 && p < 1) || !(df > 0))
        return nan;
    if (p == 0.5)
        return 0;
    if (p < 0.5)
        return -studentTQuantile(1 - p, df);
    double lo = 0, hi = 1;
    while (studentTCdf(hi, df) < p && hi < 1e300) {
        lo = hi;
        hi *= 2;
    }
    // Bisection: the CDF is monotone, and ~60 halvings reach the last bit.
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi)
            break;
        (studentTCdf(mid, df) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

WelchResult welch(const std::vector<double> &a, const std::vector<double> &b, double confidence) {
    WelchResult r;
    const Moments ma = moments(a);
    const Moments mb = moments(b);
    r.nA = ma.n;
    r.nB = mb.n;
    if (ma.n < 2 || mb.n < 2) {
        r.meanA = r.meanB = r.sdA = r.sdB = r.diff = nan;
        r.ciLow = r.ciHigh = r.t = r.df = r.p = nan;
        return r;
    }
    r.valid = true;
    r.meanA = ma.mean;
    r.meanB = mb.mean;
    r.sdA = ma.sd;
    r.sdB = mb.sd;
    r.diff = mb.mean - ma.mean;
    const double va = ma.sd * ma.sd / ma.n;
    const double vb = mb.sd * mb.sd / mb.n;
    const double se = std::sqrt(va + vb);
    if (se == 0) {
        // Both sides constant: the difference is certain.
        r.df = ma.n + mb.n - 2;
        r.t = r.diff == 0 ? 0 : std::copysign(std::numeric_limits<double>::infinity(), r.diff);
        r.p = r.diff == 0 ? 1 : 0;
        r.ciLow = r.ciHigh = r.diff;
        return r;
    }
    r.t = r.diff / se;
    // Welch–Satterthwaite.
    r.df = (va + vb) * (va + vb) / (va * va / (ma.n - 1) + vb * vb / (mb.n - 1));
    r.p = std::min(1.0, 2 * studentTCdf(-std::abs(r.t), r.df));
    const double level = std::isfinite(confidence) ? std::clamp(confidence, 1e-9, 1 - 1e-12) : 0.95;
    const double half = studentTQuantile(0.5 + 0.5 * level, r.df) * se;
    r.ciLow = r.diff - half;
    r.ciHigh = r.diff + half;
    return r;
}

std::optional<std::pair<double, double>>
robustRange(const std::vector<const std::vector<double> *> &ys, double q, bool logScale) {
    std::vector<double> values;
    for (const std::vector<double> *y : ys) {
        if (!y)
            continue;
        for (double v : *y) {
            if (std::isfinite(v) && (!logScale || v > 0))
                values.push_back(v);
        }
    }
    if (values.empty())
        return std::nullopt;
    q = std::isfinite(q) ? std::clamp(q, 0.0, 0.5) : 0.0;
    // Nearest rank: a lone outlier among many values falls off, a short series keeps its ends.
    const size_t last = values.size() - 1;
    const auto loIndex = size_t(std::round(q * double(last)));
    const auto hiIndex = std::max(loIndex, size_t(std::round((1 - q) * double(last))));
    std::nth_element(values.begin(), values.begin() + ptrdiff_t(loIndex), values.end());
    const double lo = values[loIndex];
    std::nth_element(values.begin() + ptrdiff_t(loIndex), values.begin() + ptrdiff_t(hiIndex),
                     values.end());
    const double hi = values[hiIndex];
    if (logScale) {
        if (hi == lo)
            return std::pair{lo / 2, hi * 2};
        const double factor = std::pow(hi / lo, 0.05);
        return std::pair{lo / factor, hi * factor};
    }
    if (hi == lo)
        return std::pair{lo - 1, hi + 1};
    const double margin = 0.05 * (hi - lo);
    return std::pair{lo - margin, hi + margin};
}

} // namespace runlens::analysis
