// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartdata.h"

#include "analysis/decimate.h"
#include "analysis/smoothing.h"
#include "store/cache.h"

#include <QElapsedTimer>
#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace runlens::analysis {

namespace {

constexpr qint64 rawMin = std::numeric_limits<qint64>::min();
constexpr qint64 rawMax = std::numeric_limits<qint64>::max();

// The x of a bucket for lines through bucket values: its midpoint.
double midX(const core::PointBucket &b, const XMap &map) {
    return 0.5 * (map(b.firstX(map.kind)) + map(b.lastX(map.kind)));
}

qint64 toRawFloor(const XMap &map, double x) {
    const double r = std::floor(map.toRaw(x));
    if (!(r > double(rawMin)))
        return rawMin;
    return r < double(rawMax) ? qint64(r) : rawMax;
}

qint64 toRawCeil(const XMap &map, double x) {
    const double r = std::ceil(map.toRaw(x));
    if (!(r < double(rawMax)))
        return rawMax;
    return r > double(rawMin) ? qint64(r) : rawMin;
}

// A curve whose every point is in memory (exact slices, unsorted series, metric-vs-metric):
// smoothing runs over all of it, so a zoomed view needs no warm-up.
void fromWholeCurve(ChartSeries &out, const Curve &curve, const ChartRequest &rq, double lo,
                    double hi, int columns) {
    out.raw = decimate(curve, lo, hi, columns);
    if (rq.spec.smoothing == Smoothing::Ema)
        out.smooth = decimate(emaSmooth(curve, rq.spec.emaWeight), lo, hi, columns);
    else if (rq.spec.smoothing == Smoothing::Median)
        out.smooth = decimate(runningMedian(curve, rq.spec.medianWindow), lo, hi, columns);
}

// The EMA's state at the left edge of a zoomed range, from the coarse buckets before it.
Ema warmedEma(const store::Cache &cache, const ChartRunRef &run, const QString &metric,
              const XMap &map, qint64 loRaw, double weight) {
    Ema ema(weight);
    if (loRaw == rawMin)
        return ema;
    const core::SeriesSlice before =
        cache.loadSlice(run.runId, metric, map.kind, rawMin, loRaw - 1, 1024);
    if (before.exact) {
        for (const core::MetricPoint &p : before.points) {
            if ((map.kind == core::XKind::Step ? p.step : p.timeMs) < loRaw)
                ema.add(p.value);
        }
    } else {
        for (const core::PointBucket &b : before.buckets) {
            if (b.lastX(map.kind) < loRaw && b.finite > 0)
                ema.addMean(b.mean(), b.finite);
        }
    }
    return ema;
}

ChartSeries loadSeries(const store::Cache &cache, const ChartRequest &rq, const ChartRunRef &run,
                       qint64 *pointsRead) {
    ChartSeries out;
    out.runId = run.runId;
    const ChartSpec &spec = rq.spec;
    const int columns = std::max(1, rq.columns);

    if (spec.xAxis == XAxis::Metric) {
        const core::MetricPoints y = cache.loadSeries(run.runId, rq.metric);
        const core::MetricPoints x = cache.loadSeries(run.runId, spec.xMetric);
        *pointsRead += qint64(y.size() + x.size());
        out.total = qint64(y.size());
        const Curve curve = joinOnStep(y, x);
        if (curve.empty())
            return out;
        out.xFirst = curve.x.front();
        out.xLast = curve.x.back();
        out.exact = true;
        const double lo = rq.fullRange ? out.xFirst : rq.lo;
        const double hi = rq.fullRange ? out.xLast : rq.hi;
        fromWholeCurve(out, curve, rq, lo, hi, columns);
        return out;
    }

    XMap map;
    map.kind = spec.xAxis == XAxis::Step ? core::XKind::Step : core::XKind::Time;
    if (spec.xAxis != XAxis::Step)
        map.scale = 1.0 / 1000.0;
    if (spec.xAxis == XAxis::RelativeTime) {
        qint64 start = run.startMs;
        if (start <= 0) {
            const core::SeriesSlice probe =
                cache.loadSlice(run.runId, rq.metric, core::XKind::Time, rawMin, rawMax, 1);
            start = probe.xFirst;
        }
        map.offset = double(start);
    }

    const qint64 loRaw = rq.fullRange ? rawMin : toRawFloor(map, rq.lo);
    const qint64 hiRaw = rq.fullRange ? rawMax : toRawCeil(map, rq.hi);
    const core::SeriesSlice slice =
        cache.loadSlice(run.runId, rq.metric, map.kind, loRaw, hiRaw, columns);
    out.total = slice.total;
    if (slice.total == 0)
        return out;
    out.xFirst = map(slice.xFirst);
    out.xLast = map(slice.xLast);
    *pointsRead += qint64(slice.points.size() + slice.buckets.size());
    const double lo = rq.fullRange ? out.xFirst : rq.lo;
    const double hi = rq.fullRange ? out.xLast : rq.hi;

    if (!slice.sorted) {
        const Curve curve = toCurve(slice.points, map);
        out.xFirst = curve.x.front();
        out.xLast = curve.x.back();
        out.exact = true;
        fromWholeCurve(out, curve, rq, rq.fullRange ? out.xFirst : rq.lo,
                       rq.fullRange ? out.xLast : rq.hi, columns);
        return out;
    }

    out.exact = slice.exact;
    if (slice.exact) {
        const Curve curve = toCurve(slice.points, map);
        out.raw = decimate(curve, lo, hi, columns);
        if (spec.smoothing == Smoothing::Ema) {
            Ema ema = warmedEma(cache, run, rq.metric, map, loRaw, spec.emaWeight);
            Curve smooth;
            smooth.x = curve.x;
            smooth.y.reserve(curve.y.size());
            for (size_t i = 0; i < curve.size(); ++i) {
                const double v = slice.points[i].value;
                smooth.y.push_back(std::isfinite(v) ? ema.add(v) : std::nan(""));
            }
            out.smooth = decimate(smooth, lo, hi, columns);
        } else if (spec.smoothing == Smoothing::Median) {
            out.smooth = decimate(runningMedian(curve, spec.medianWindow), lo, hi, columns);
        }
        return out;
    }

    out.raw = decimate(slice.buckets, map, lo, hi, columns);
    if (spec.smoothing == Smoothing::Ema) {
        Ema ema = warmedEma(cache, run, rq.metric, map, loRaw, spec.emaWeight);
        Curve smooth;
        smooth.x.reserve(slice.buckets.size());
        smooth.y.reserve(slice.buckets.size());
        for (const core::PointBucket &b : slice.buckets) {
            smooth.push(midX(b, map),
                        b.finite > 0 ? ema.addMean(b.mean(), b.finite) : std::nan(""));
        }
        out.smooth = std::move(smooth);
    } else if (spec.smoothing == Smoothing::Median) {
        // The window counts points; on buckets it counts buckets of about as many points.
        qint64 points = 0;
        for (const core::PointBucket &b : slice.buckets)
            points += b.count;
        const double perBucket =
            slice.buckets.empty() ? 1.0 : double(points) / double(slice.buckets.size());
        const int window =
            std::max(1, int(std::lround(double(spec.medianWindow) / std::max(1.0, perBucket))));
        out.smooth = runningMedian(meanCurve(slice.buckets, map), window);
    }
    return out;
}

} // namespace

ChartData loadChart(const store::Cache &cache, const ChartRequest &request,
                    const store::Cache *second) {
    QElapsedTimer timer;
    timer.start();
    ChartData data;
    data.generation = request.generation;
    data.metric = request.metric;
    data.spec = request.spec;
    data.fullRange = request.fullRange;
    data.lo = request.lo;
    data.hi = request.hi;

    double xMin = std::numeric_limits<double>::infinity();
    double xMax = -xMin;
    // Reading and decimating is per run: with a second connection, the second half of the runs
    // goes to a second thread (SQLite connections are not shared between threads).
    const size_t n = request.runs.size();
    std::vector<ChartSeries> loaded(n);
    const size_t split = (second && n >= 8) ? n / 2 : n;
    qint64 secondRead = 0;
    std::thread helper;
    if (split < n) {
        helper = std::thread([&] {
            for (size_t i = split; i < n; ++i)
                loaded[i] = loadSeries(*second, request, request.runs[i], &secondRead);
        });
    }
    for (size_t i = 0; i < split; ++i)
        loaded[i] = loadSeries(cache, request, request.runs[i], &data.pointsRead);
    if (helper.joinable())
        helper.join();
    data.pointsRead += secondRead;
    for (ChartSeries &s : loaded) {
        if (s.total == 0 && s.raw.empty())
            continue;
        xMin = std::min(xMin, s.xFirst);
        xMax = std::max(xMax, s.xLast);
        data.series.push_back(std::move(s));
    }
    if (!cache.lastError().isEmpty())
        data.error = cache.lastError();
    else if (split < n && !second->lastError().isEmpty())
        data.error = second->lastError();
    if (request.fullRange) {
        data.lo = std::isfinite(xMin) ? xMin : 0;
        data.hi = std::isfinite(xMax) ? xMax : 0;
    }

    if (request.groupCount > 0) {
        std::vector<std::vector<const Curve *>> members(size_t(request.groupCount));
        std::vector<Curve> lines(data.series.size());
        for (size_t i = 0; i < data.series.size(); ++i) {
            const ChartSeries &s = data.series[i];
            const auto ref = std::find_if(request.runs.begin(), request.runs.end(),
                                          [&](const ChartRunRef &r) { return r.runId == s.runId; });
            if (ref == request.runs.end() || ref->group < 0 || ref->group >= request.groupCount)
                continue;
            // The line a run contributes: its smoothed curve when smoothing, else its points.
            lines[i] = s.smooth.empty() ? s.raw : s.smooth;
            members[size_t(ref->group)].push_back(&lines[i]);
        }
        const int bins = std::clamp(request.columns / 3, 16, 600);
        for (int g = 0; g < request.groupCount; ++g) {
            if (members[size_t(g)].empty())
                continue;
            ChartGroup group;
            group.group = g;
            group.runs = int(members[size_t(g)].size());
            group.curve = aggregate(members[size_t(g)], data.lo, data.hi, bins, request.spec.band);
            data.groups.push_back(std::move(group));
        }
    }
    data.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    return data;
}

} // namespace runlens::analysis
