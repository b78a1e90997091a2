// SPDX-License-Identifier: GPL-3.0-or-later
// The series pyramid of schema v5: levels and bucket pages against brute force, and
// Cache::loadSlice at every zoom, after appends, on unsorted series and on wall time.
#include "store/bucketcodec.h"
#include "store/cache.h"
#include "store/database.h"
#include "store/seriespyramid.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>

using namespace runlens;
using namespace runlens::store;
using core::MetricPoint;
using core::MetricPoints;
using core::PointBucket;
using core::PointBuckets;
using core::XKind;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Bit-exact equality (NaN == NaN), the way the codecs promise to keep values.
bool same(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

bool samePoints(const MetricPoints &a, const MetricPoints &b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](const MetricPoint &p, const MetricPoint &q) {
                                                  return p.step == q.step && p.timeMs == q.timeMs &&
                                                         same(p.value, q.value);
                                              });
}

/// min/max/first/last/counts/x exactly; sum to rounding (the levels add in another order).
QString differs(const PointBucket &a, const PointBucket &b) {
    const auto close = [](double x, double y) {
        return x == y || std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y));
    };
    if (a.count != b.count || a.finite != b.finite)
        return QStringLiteral("count %1/%2 vs %3/%4")
            .arg(a.count)
            .arg(a.finite)
            .arg(b.count)
            .arg(b.finite);
    if (a.firstStep != b.firstStep || a.lastStep != b.lastStep || a.firstTimeMs != b.firstTimeMs ||
        a.lastTimeMs != b.lastTimeMs)
        return QStringLiteral("x %1..%2 vs %3..%4")
            .arg(a.firstStep)
            .arg(a.lastStep)
            .arg(b.firstStep)
            .arg(b.lastStep);
    if (!same(a.min, b.min) || !same(a.max, b.max) || !same(a.first, b.first) ||
        !same(a.last, b.last))
        return QStringLiteral("values min %1 max %2 first %3 last %4 vs %5 %6 %7 %8")
            .arg(a.min)
            .arg(a.max)
            .arg(a.first)
            .arg(a.last)
            .arg(b.min)
            .arg(b.max)
            .arg(b.first)
            .arg(b.last);
    if (!close(a.sum, b.sum))
        return QStringLiteral("sum %1 vs %2").arg(a.sum, 0, 'g', 17).arg(b.sum, 0, 'g', 17);
    return {};
}

/// The summary of points [from, to), by the definition rather than by PointBucket::add.
PointBucket bruteForce(const MetricPoints &points, qint64 from, qint64 to) {
    PointBucket b;
    b.count = to - from;
    b.firstStep = points[size_t(from)].step;
    b.firstTimeMs = points[size_t(from)].timeMs;
    b.lastStep = points[size_t(to - 1)].step;
    b.lastTimeMs = points[size_t(to - 1)].timeMs;
    for (qint64 i = from; i < to; ++i) {
        const double v = points[size_t(i)].value;
        if (!std::isfinite(v))
            continue;
        if (b.finite == 0)
            b.first = v;
        b.last = v;
        b.min = b.finite == 0 ? v : std::min(b.min, v);
        b.max = b.finite == 0 ? v : std::max(b.max, v);
        b.sum += v;
        ++b.finite;
    }
    return b;
}

/// A noisy descending curve with NaN, ±Inf and repeated steps; times 10 ms apart.
MetricPoints randomSeries(qint64 n, quint32 seed, bool duplicateSteps = true) {
    QRandomGenerator rng(seed);
    MetricPoints points;
    points.reserve(size_t(n));
    qint64 step = 0;
    for (qint64 i = 0; i < n; ++i) {
        double v = 2.0 / (1.0 + double(i) / 1000.0) + rng.generateDouble() * 0.1;
        const quint32 r = rng.bounded(1000);
        if (r == 0)
            v = nan;
        else if (r == 1)
            v = inf;
        else if (r == 2)
            v = -inf;
        points.push_back({step, 1700000000000 + i * 10, v});
        if (!duplicateSteps || rng.bounded(10) != 0)
            ++step;
    }
    return points;
}

core::Run runWith(const QStringList &keys) {
    core::Run r;
    r.sourceRoot = QStringLiteral("/src");
    r.path = QStringLiteral("run");
    r.format = QStringLiteral("csv");
    r.uid = QStringLiteral("run");
    r.key = core::Run::makeKey(r.format, r.uid);
    r.name = QStringLiteral("run");
    for (const QString &key : keys)
        r.metricRef(key);
    return r;
}

qint64 xOf(const MetricPoint &p, XKind x) {
    return x == XKind::Step ? p.step : p.timeMs;
}

/// What an exact slice must hold: the points with lo <= x <= hi, one neighbour each side.
MetricPoints expectedExact(const MetricPoints &points, XKind x, qint64 lo, qint64 hi) {
    auto begin = std::lower_bound(points.begin(), points.end(), lo,
                                  [&](const MetricPoint &p, qint64 v) { return xOf(p, x) < v; });
    auto end = std::upper_bound(begin, points.end(), hi,
                                [&](qint64 v, const MetricPoint &p) { return v < xOf(p, x); });
    if (begin != points.begin())
        --begin;
    if (end != points.end())
        ++end;
    return MetricPoints(begin, end);
}

/// Checks a bucketed slice against the points: consecutive buckets that each summarize the next
/// `count` points exactly, covering [lo, hi], between columns and ~4 * columns + 2 of them.
/// Returns an empty string when it holds.
QString checkBuckets(const core::SeriesSlice &slice, const MetricPoints &points, XKind x, qint64 lo,
                     qint64 hi, int columns) {
    if (slice.exact)
        return QStringLiteral("exact, not bucketed");
    const PointBuckets &bs = slice.buckets;
    if (qint64(bs.size()) < columns || qint64(bs.size()) > 4 * qint64(columns) + 2)
        return QStringLiteral("%1 buckets for %2 columns").arg(bs.size()).arg(columns);
    // Where the first bucket starts: the first point with its x at or after the range's
    // neighbours (buckets start on multiples of their size, so search by count).
    qint64 start = -1;
    for (qint64 i = 0; i < qint64(points.size()); ++i) {
        if (points[size_t(i)].step == bs.front().firstStep &&
            points[size_t(i)].timeMs == bs.front().firstTimeMs) {
            start = i;
            break;
        }
    }
    if (start < 0)
        return QStringLiteral("first bucket starts at no point");
    qint64 at = start;
    for (size_t i = 0; i < bs.size(); ++i) {
        if (at + bs[i].count > qint64(points.size()))
            return QStringLiteral("bucket %1 runs past the end").arg(i);
        const QString d = differs(bs[i], bruteForce(points, at, at + bs[i].count));
        if (!d.isEmpty())
            return QStringLiteral("bucket %1 (points %2..): %3").arg(i).arg(at).arg(d);
        at += bs[i].count;
    }
    // Covers [lo, hi]: the range's points lie strictly inside (neighbours each side).
    const qint64 firstIn =
        std::lower_bound(points.begin(), points.end(), lo,
                         [&](const MetricPoint &p, qint64 v) { return xOf(p, x) < v; }) -
        points.begin();
    const qint64 endIn =
        std::upper_bound(points.begin(), points.end(), hi,
                         [&](qint64 v, const MetricPoint &p) { return v < xOf(p, x); }) -
        points.begin();
    if (start > firstIn || at < endIn)
        return QStringLiteral("buckets cover points %1..%2, the range %3..%4")
            .arg(start)
            .arg(at)
            .arg(firstIn)
            .arg(endIn);
    return {};
}

} // namespace

class TestPyramid : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    std::unique_ptr<Cache> freshCache() {
        QString error;
        auto cache =
            Cache::open(m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_files)), &error);
        if (!cache)
            qWarning("%s", qPrintable(error));
        return cache;
    }

    static qint64 write(Cache &cache, const QString &key, const MetricPoints &points,
                        bool append = false) {
        RunUpdate u;
        u.run = runWith({key});
        u.series.push_back({key, append, points});
        QString error;
        const qint64 id = cache.writeRun(u, &error);
        if (id == 0)
            qWarning("%s", qPrintable(error));
        return id;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void levelsMatchBruteForce_data() {
        QTest::addColumn<qint64>("n");
        for (const qint64 n : {1, 15, 16, 17, 4095, 4096, 4097, 16385, 70001})
            QTest::addRow("%lld", qlonglong(n)) << n;
    }
    void levelsMatchBruteForce() {
        QFETCH(qint64, n);
        const MetricPoints points = randomSeries(n, quint32(n));
        const std::vector<PointBuckets> levels =
            pyramid::buildLevels(points.data(), points.size(), true);
        QVERIFY(!levels.empty());
        QVERIFY(qint64(levels.back().size()) < pyramid::minTopBuckets);
        for (size_t l = 0; l < levels.size(); ++l) {
            const qint64 size = pyramid::bucketSize(int(l));
            QCOMPARE(qint64(levels[l].size()), (n + size - 1) / size);
            for (size_t i = 0; i < levels[l].size(); ++i) {
                const qint64 from = qint64(i) * size;
                const QString d =
                    differs(levels[l][i], bruteForce(points, from, std::min(n, from + size)));
                QVERIFY2(d.isEmpty(),
                         qPrintable(QStringLiteral("level %1 bucket %2: %3").arg(l).arg(i).arg(d)));
            }
            // The page codec keeps every bucket bit for bit.
            PointBuckets decoded;
            QVERIFY(BucketCodec::decode(BucketCodec::encode(levels[l].data(), levels[l].size()),
                                        &decoded));
            QCOMPARE(decoded.size(), levels[l].size());
            for (size_t i = 0; i < decoded.size(); ++i) {
                QVERIFY(std::memcmp(&decoded[i], &levels[l][i], sizeof(PointBucket)) == 0);
            }
        }
    }

    // The levels as stored in series_level, page by page, equal the brute force too.
    void storedLevelsMatchBruteForce() {
        const QString path = m_dir.filePath(QStringLiteral("stored.sqlite"));
        const MetricPoints points = randomSeries(300001, 7);
        {
            QString error;
            auto cache = Cache::open(path, &error);
            QVERIFY2(cache, qPrintable(error));
            QVERIFY(write(*cache, QStringLiteral("loss"), points) > 0);
            QVERIFY(samePoints(cache->loadSeries(1, QStringLiteral("loss")), points));
        }
        Database db;
        QVERIFY(db.open(path));
        // 300,001 points: levels of 16, 64, 256 and 1024 points (293 buckets, the first level
        // below 1,000).
        QCOMPARE(db.queryInt("SELECT max(level) FROM series_level").value_or(-1), qint64(3));
        QCOMPARE(db.queryInt("SELECT count(*) FROM series_tail").value_or(-1),
                 qint64((300001 + 4095) / 4096));
        QCOMPARE(db.queryInt("SELECT max(length(points)) FROM series").value_or(-1), qint64(0));
        Statement s(db, "SELECT level, page, data FROM series_level ORDER BY level, page");
        Statement::Scope scope(s);
        std::vector<PointBuckets> levels(4);
        while (s.step() == Statement::Result::Row) {
            const auto level = size_t(s.columnInt(0));
            QCOMPARE(qint64(levels[level].size()), s.columnInt(1) * pyramid::bucketsPerPage);
            QVERIFY(BucketCodec::decode(s.columnBlob(2), &levels[level]));
        }
        for (size_t l = 0; l < levels.size(); ++l) {
            const qint64 size = pyramid::bucketSize(int(l));
            QCOMPARE(qint64(levels[l].size()), (300001 + size - 1) / size);
            for (size_t i = 0; i < levels[l].size(); ++i) {
                const qint64 from = qint64(i) * size;
                const QString d = differs(
                    levels[l][i], bruteForce(points, from, std::min<qint64>(300001, from + size)));
                QVERIFY2(d.isEmpty(), qPrintable(d));
            }
        }
    }

    void slices_data() {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<bool>("duplicates");
        QTest::newRow("1") << qint64(1) << false;
        QTest::newRow("4095") << qint64(4095) << true;
        QTest::newRow("4097") << qint64(4097) << false;
        QTest::newRow("16385") << qint64(16385) << true;
        QTest::newRow("250000") << qint64(250000) << false;
        QTest::newRow("250000 dup") << qint64(250000) << true;
    }
    void slices() {
        QFETCH(qint64, n);
        QFETCH(bool, duplicates);
        auto cache = freshCache();
        QVERIFY(cache);
        const MetricPoints points = randomSeries(n, 99, duplicates);
        const qint64 runId = write(*cache, QStringLiteral("m"), points);
        QVERIFY(runId > 0);
        QRandomGenerator rng(5);
        for (const XKind x : {XKind::Step, XKind::Time}) {
            const qint64 first = xOf(points.front(), x);
            const qint64 last = xOf(points.back(), x);
            std::vector<std::pair<qint64, qint64>> ranges = {
                {first, last},        {first - 100, last + 100},
                {last + 1, last + 5}, {first - 5, first - 1},
                {first, first},       {last, last}};
            for (int i = 0; i < 30; ++i) {
                const qint64 span = qint64(rng.bounded(quint32(std::max<qint64>(last - first, 1))));
                const qint64 lo =
                    first + qint64(rng.bounded(quint32(std::max<qint64>(last - first - span, 1))));
                ranges.emplace_back(lo, lo + span);
            }
            for (const auto &[lo, hi] : ranges) {
                for (const int columns : {1, 100, 1600}) {
                    const core::SeriesSlice slice =
                        cache->loadSlice(runId, QStringLiteral("m"), x, lo, hi, columns);
                    const QString where = QStringLiteral("x %1 [%2, %3] at %4 columns")
                                              .arg(int(x))
                                              .arg(lo)
                                              .arg(hi)
                                              .arg(columns);
                    QVERIFY2(cache->lastError().isEmpty(), qPrintable(cache->lastError()));
                    QCOMPARE(slice.total, n);
                    QVERIFY(slice.sorted);
                    QCOMPARE(slice.xFirst, first);
                    QCOMPARE(slice.xLast, last);
                    if (slice.exact) {
                        const MetricPoints expected = expectedExact(points, x, lo, hi);
                        QVERIFY2(slice.points.size() == expected.size(), qPrintable(where));
                        for (size_t i = 0; i < expected.size(); ++i) {
                            QVERIFY2(slice.points[i].step == expected[i].step &&
                                         slice.points[i].timeMs == expected[i].timeMs &&
                                         same(slice.points[i].value, expected[i].value),
                                     qPrintable(where));
                        }
                        // Exact only when the buckets would be too few.
                        const qint64 inRange = qint64(expected.size());
                        QVERIFY2(inRange <= 16 * qint64(columns) + 2 + 16, qPrintable(where));
                    } else {
                        const QString d = checkBuckets(slice, points, x, lo, hi, columns);
                        QVERIFY2(d.isEmpty(), qPrintable(where + QStringLiteral(": ") + d));
                    }
                }
            }
        }
    }

    // One spike in 10,000,000 points shows at the full range and in a zoom around it.
    void spikeSurvives() {
        auto cache = freshCache();
        QVERIFY(cache);
        constexpr qint64 n = 10'000'000;
        constexpr qint64 spikeAt = 6'543'210;
        MetricPoints points;
        points.reserve(size_t(n));
        QRandomGenerator rng(1);
        for (qint64 i = 0; i < n; ++i)
            points.push_back({i, 0, i == spikeAt ? 1e9 : rng.generateDouble()});
        const qint64 runId = write(*cache, QStringLiteral("s"), points);
        QVERIFY(runId > 0);
        const auto maxOf = [](const core::SeriesSlice &slice) {
            double m = -inf;
            for (const PointBucket &b : slice.buckets)
                m = std::max(m, b.max);
            for (const MetricPoint &p : slice.points)
                m = std::max(m, p.value);
            return m;
        };
        const core::SeriesSlice full =
            cache->loadSlice(runId, QStringLiteral("s"), XKind::Step, 0, n - 1, 1600);
        QVERIFY(!full.exact);
        QVERIFY(full.buckets.size() >= 1600 && full.buckets.size() <= 4 * 1600 + 2);
        QCOMPARE(maxOf(full), 1e9);
        const core::SeriesSlice zoom = cache->loadSlice(runId, QStringLiteral("s"), XKind::Step,
                                                        spikeAt - 200'000, spikeAt + 50'000, 1600);
        QVERIFY(!zoom.exact);
        QCOMPARE(maxOf(zoom), 1e9);
        const core::SeriesSlice deep = cache->loadSlice(runId, QStringLiteral("s"), XKind::Step,
                                                        spikeAt - 700, spikeAt + 700, 1600);
        QVERIFY(deep.exact);
        QCOMPARE(deep.points.size(), size_t(1403));
        QCOMPARE(maxOf(deep), 1e9);
        // All-zero times: sorted (all equal), one x for the whole series.
        const core::SeriesSlice byTime =
            cache->loadSlice(runId, QStringLiteral("s"), XKind::Time, 0, 0, 1600);
        QVERIFY(byTime.sorted);
        QCOMPARE(byTime.xFirst, qint64(0));
        QCOMPARE(byTime.xLast, qint64(0));
        QVERIFY(!byTime.exact);
        QCOMPARE(maxOf(byTime), 1e9);
    }

    // Appending in pieces gives the slices of writing everything at once.
    void appendsEqualOneWrite() {
        auto once = freshCache();
        auto pieces = freshCache();
        QVERIFY(once && pieces);
        const MetricPoints points = randomSeries(400'000, 3);
        const qint64 a = write(*once, QStringLiteral("m"), points);
        // Sizes that cross page boundaries, leave partial pages and, at the 200,000-point
        // piece, cross the rebuild threshold.
        const std::vector<qint64> sizes = {1,     100, 4000,   3, 4096,  12000,
                                           20000, 5,   200000, 7, 60000, 33};
        qint64 at = 0;
        qint64 b = 0;
        for (size_t i = 0; at < qint64(points.size()); ++i) {
            const qint64 size = i < sizes.size() ? sizes[i] : qint64(points.size()) - at;
            const qint64 end = std::min(qint64(points.size()), at + size);
            b = write(*pieces, QStringLiteral("m"),
                      MetricPoints(points.begin() + at, points.begin() + end), i > 0);
            QVERIFY(b > 0);
            at = end;
            // After every append the slice is right.
            const core::SeriesSlice slice = pieces->loadSlice(b, QStringLiteral("m"), XKind::Step,
                                                              0, points[size_t(end - 1)].step, 400);
            QCOMPARE(slice.total, end);
            const MetricPoints prefix(points.begin(), points.begin() + end);
            if (slice.exact)
                QVERIFY(samePoints(slice.points, prefix));
            else
                QVERIFY2(
                    checkBuckets(slice, prefix, XKind::Step, 0, prefix.back().step, 400).isEmpty(),
                    "after an append");
        }
        QCOMPARE(pieces->loadSeries(b, QStringLiteral("m")).size(), points.size());
        QCOMPARE(pieces->counts().points, qint64(points.size()));
        for (const auto &[lo, hi, columns] :
             std::vector<std::tuple<qint64, qint64, int>>{{0, 1'000'000, 1600},
                                                          {10'000, 300'000, 1600},
                                                          {200'000, 210'000, 1600},
                                                          {349'000, 349'500, 1600},
                                                          {0, 1'000'000, 50}}) {
            const core::SeriesSlice x =
                once->loadSlice(a, QStringLiteral("m"), XKind::Step, lo, hi, columns);
            const core::SeriesSlice y =
                pieces->loadSlice(b, QStringLiteral("m"), XKind::Step, lo, hi, columns);
            QCOMPARE(y.exact, x.exact);
            QCOMPARE(y.total, x.total);
            QCOMPARE(y.xFirst, x.xFirst);
            QCOMPARE(y.xLast, x.xLast);
            QCOMPARE(y.points.size(), x.points.size());
            for (size_t i = 0; i < x.points.size(); ++i)
                QVERIFY(same(x.points[i].value, y.points[i].value));
            QCOMPARE(y.buckets.size(), x.buckets.size());
            for (size_t i = 0; i < x.buckets.size(); ++i) {
                const QString d = differs(y.buckets[i], x.buckets[i]);
                QVERIFY2(d.isEmpty(), qPrintable(d));
            }
        }
    }

    // An append that steps back: the series is unsorted from then on, and slices return all.
    void unsortedAppend() {
        auto cache = freshCache();
        QVERIFY(cache);
        MetricPoints points = randomSeries(50'000, 11, false);
        const qint64 id = write(*cache, QStringLiteral("m"), points);
        core::SeriesSlice slice = cache->loadSlice(id, QStringLiteral("m"), XKind::Step, 0, 10, 10);
        QVERIFY(slice.sorted);
        MetricPoints resumed;
        for (qint64 i = 0; i < 100; ++i)
            resumed.push_back({40'000 + i, 1800000000000 + i, double(i)});
        QVERIFY(write(*cache, QStringLiteral("m"), resumed, true) > 0);
        points.insert(points.end(), resumed.begin(), resumed.end());
        slice = cache->loadSlice(id, QStringLiteral("m"), XKind::Step, 0, 10, 10);
        QVERIFY(!slice.sorted);
        QCOMPARE(slice.total, qint64(points.size()));
        QCOMPARE(slice.points.size(), points.size());
        QCOMPARE(slice.xFirst, qint64(0));
        QCOMPARE(slice.xLast, points[49'999].step);
        // Times still increase: by time it is sorted and sliced.
        slice = cache->loadSlice(id, QStringLiteral("m"), XKind::Time, 1800000000000, 1800000000010,
                                 1600);
        QVERIFY(slice.sorted);
        QVERIFY(slice.exact);
        QCOMPARE(slice.points, MetricPoints(points.end() - 101, points.begin() + 50'000 + 11 + 1));
        // Replacing it with sorted points makes it sorted again.
        QVERIFY(write(*cache, QStringLiteral("m"), randomSeries(10, 1, false)) > 0);
        slice = cache->loadSlice(id, QStringLiteral("m"), XKind::Step, 0, 100, 10);
        QVERIFY(slice.sorted);
        QCOMPARE(slice.total, qint64(10));
    }

    // Wall time as x: ranges in ms pick the same points as in steps.
    void timeAxis() {
        auto cache = freshCache();
        QVERIFY(cache);
        const MetricPoints points = randomSeries(100'000, 21, false);
        const qint64 id = write(*cache, QStringLiteral("m"), points);
        const core::SeriesSlice byStep =
            cache->loadSlice(id, QStringLiteral("m"), XKind::Step, 50'000, 50'999, 1600);
        const core::SeriesSlice byTime =
            cache->loadSlice(id, QStringLiteral("m"), XKind::Time, points[50'000].timeMs,
                             points[50'999].timeMs, 1600);
        QVERIFY(byStep.exact && byTime.exact);
        QCOMPARE(byTime.points, byStep.points);
        QCOMPARE(byTime.xFirst, points.front().timeMs);
        QCOMPARE(byTime.xLast, points.back().timeMs);
        QCOMPARE(cache->loadSlice(id, QStringLiteral("none"), XKind::Time, 0, 1, 1).total,
                 qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestPyramid)
#include "tst_pyramid.moc"
