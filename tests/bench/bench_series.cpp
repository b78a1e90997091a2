// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of the series pyramid: writes N runs of one M-point series each (seeded noisy
// training curves) into a fresh cache with Cache::writeRun, then times loadSlice for every
// series as a chart of all runs asks for it: the full range at 1600 columns, a 10 % and a 1 %
// zoom, and a deep zoom showing 1,500 raw points. Each phase: the first round on a freshly
// opened connection, then the median of the rounds. Prints a table and the peak RSS.
#include "store/cache.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace runlens;
using namespace runlens::store;

namespace {

qint64 statusKb(const char *field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/// A loss curve: exponential decay to a floor, multiplicative noise, rare spikes; wall time
/// ~100 ms a step with jitter.
core::MetricPoints curve(qint64 n, quint32 seed) {
    QRandomGenerator rng(seed);
    const double start = 2.0 + rng.generateDouble();
    const double floor = 0.05 + 0.1 * rng.generateDouble();
    const double tau = double(n) * (0.05 + 0.2 * rng.generateDouble());
    core::MetricPoints points;
    points.reserve(size_t(n));
    qint64 t = 1700000000000 + qint64(seed) * 1000;
    for (qint64 i = 0; i < n; ++i) {
        const double clean = floor + (start - floor) * std::exp(-double(i) / tau);
        double v = clean * (1.0 + 0.1 * (rng.generateDouble() - 0.5));
        if (rng.bounded(100000) == 0)
            v *= 10;
        points.push_back({i, t, v});
        t += 90 + qint64(rng.bounded(20));
    }
    return points;
}

struct Phase {
    const char *name;
    double lo, hi; ///< as fractions of the step range
    int columns;
};

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times Cache::loadSlice on N x M points."));
    parser.addHelpOption();
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs (100)."),
                                     QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption pointsOpt(QStringLiteral("points"),
                                       QStringLiteral("Points per series (1000000)."),
                                       QStringLiteral("m"), QStringLiteral("1000000"));
    const QCommandLineOption roundsOpt(QStringLiteral("rounds"), QStringLiteral("Rounds (9)."),
                                       QStringLiteral("r"), QStringLiteral("9"));
    const QCommandLineOption fileOpt(QStringLiteral("file"),
                                     QStringLiteral("Cache file (default: a temporary one, "
                                                    "deleted). Reused when it exists."),
                                     QStringLiteral("path"));
    parser.addOptions({runsOpt, pointsOpt, roundsOpt, fileOpt});
    parser.process(app);
    const int runs = parser.value(runsOpt).toInt();
    const qint64 points = parser.value(pointsOpt).toLongLong();
    const int rounds = std::max(1, parser.value(roundsOpt).toInt());

    QTemporaryDir dir;
    const QString path = parser.isSet(fileOpt)
                             ? parser.value(fileOpt)
                             : dir.filePath(QStringLiteral("bench-series.sqlite"));
    const bool reuse = QFile::exists(path);
    QString error;
    std::unique_ptr<Cache> cache = Cache::open(path, &error);
    if (!cache) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const QString key = QStringLiteral("train/loss");
    std::vector<qint64> ids;
    if (reuse) {
        for (const core::Run &r : cache->loadRuns())
            ids.push_back(r.id);
        std::printf("reusing %s: %zu runs\n", qPrintable(path), ids.size());
    } else {
        double generateMs = 0;
        double writeMs = 0;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer g;
            g.start();
            RunUpdate u;
            u.run.sourceRoot = QStringLiteral("/bench");
            u.run.path = QStringLiteral("run-%1").arg(i);
            u.run.format = QStringLiteral("csv");
            u.run.uid = u.run.path;
            u.run.key = core::Run::makeKey(u.run.format, u.run.uid);
            u.run.name = u.run.path;
            u.series.push_back({key, false, curve(points, quint32(i + 1))});
            u.run.metricRef(key).count = points;
            generateMs += double(g.nsecsElapsed()) / 1e6;
            QElapsedTimer w;
            w.start();
            const qint64 id = cache->writeRun(u, &error);
            writeMs += double(w.nsecsElapsed()) / 1e6;
            if (id == 0) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                return 1;
            }
            ids.push_back(id);
        }
        std::printf("write: %d runs x %lld points: %.0f ms (%.1f ms a run, %.0f ns a point); "
                    "generating them took %.0f ms\n",
                    runs, qlonglong(points), writeMs, writeMs / runs,
                    writeMs * 1e6 / double(runs) / double(points), generateMs);
    }
    std::printf("file: %.1f MB\n", double(QFile(path).size()) / 1e6);

    const std::vector<Phase> phases = {
        {"full range", 0.0, 1.0, 1600},
        {"10 % zoom", 0.45, 0.55, 1600},
        {"1 % zoom", 0.495, 0.505, 1600},
        {"deep zoom (1,500 points)", 0.5, 0.5, 1600},
    };
    std::printf("\n%-26s %10s %10s %10s %10s %12s\n", "loadSlice x all series", "first ms",
                "median ms", "min ms", "max ms", "items/series");
    for (const Phase &phase : phases) {
        // A new connection: the first round starts with SQLite's page cache empty (the OS
        // cache stays warm, as on a second look at a chart).
        cache.reset();
        cache = Cache::open(path, &error);
        if (!cache) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        const qint64 lo = qint64(phase.lo * double(points - 1));
        const qint64 hi = phase.lo == phase.hi ? lo + 1499 : qint64(phase.hi * double(points - 1));
        std::vector<double> times;
        qint64 items = 0;
        for (int r = 0; r < rounds + 1; ++r) {
            QElapsedTimer t;
            t.start();
            items = 0;
            for (const qint64 id : ids) {
                const core::SeriesSlice s =
                    cache->loadSlice(id, key, core::XKind::Step, lo, hi, phase.columns);
                items += qint64(s.exact ? s.points.size() : s.buckets.size());
            }
            times.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        const double first = times.front();
        std::vector<double> rest(times.begin() + 1, times.end());
        std::sort(rest.begin(), rest.end());
        std::printf("%-26s %10.1f %10.1f %10.1f %10.1f %12lld\n", phase.name, first,
                    rest[rest.size() / 2], rest.front(), rest.back(),
                    qlonglong(items / qint64(std::max<size_t>(ids.size(), 1))));
    }
    std::printf("\npeak RSS: %lld MB\n", qlonglong(statusKb("VmHWM:") / 1024));
    return 0;
}
