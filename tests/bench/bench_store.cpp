// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of the SQLite cache. Phases:
//   load:     N runs x P params x M metric summaries written once, then a fresh process times
//             Cache::open + loadRuns and reports the RSS the loaded runs take;
//   previous: R runs x 42 file fingerprints, timing loadPrevious, then the decoding of the
//             fingerprints and records the importer does per run;
//   write:    W runs x S series x K points, timing the writer (writeRun calls only).
#include "store/cache.h"
#include "syntheticruns.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>
#include <malloc.h>

using namespace runlens;
using namespace runlens::store;

namespace {

qint64 rssKb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// CPU time of this thread: on a shared, loaded machine wall time says more about the neighbours.
double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int loadPhase(const QString &path) {
    malloc_trim(0);
    const qint64 before = rssKb();
    QElapsedTimer t;
    t.start();
    const double cpu0 = cpuMs();
    QString error;
    auto cache = Cache::open(path, &error);
    if (!cache) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const core::Runs runs = cache->loadRuns();
    const qint64 ms = t.elapsed();
    const double cpu = cpuMs() - cpu0;
    const qint64 after = rssKb();
    std::printf("loadRuns: %zu runs in %lld ms wall, %.0f ms CPU (open + load), RSS +%.1f MB "
                "(total %.1f MB)\n",
                runs.size(), ms, cpu, (after - before) / 1024.0, after / 1024.0);
    return runs.empty() ? 1 : 0;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RunLens cache benchmark"));
    parser.addHelpOption();
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("runs for loadRuns"),
                                     QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption paramsOpt(QStringLiteral("params"), QStringLiteral("params per run"),
                                       QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption metricsOpt(QStringLiteral("metrics"),
                                        QStringLiteral("metric summaries per run"),
                                        QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption prevOpt(QStringLiteral("previous-runs"),
                                     QStringLiteral("runs for loadPrevious (42 files each)"),
                                     QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption writeOpt(QStringLiteral("write-runs"),
                                      QStringLiteral("runs for writeRun (20 series x 100 points)"),
                                      QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption loadOnly(QStringLiteral("load-only"),
                                      QStringLiteral("internal: time loadRuns of this cache file"),
                                      QStringLiteral("path"));
    const QCommandLineOption keepOpt(QStringLiteral("keep"),
                                     QStringLiteral("keep the load cache file at this path"),
                                     QStringLiteral("path"));
    parser.addOptions({runsOpt, paramsOpt, metricsOpt, prevOpt, writeOpt, loadOnly, keepOpt});
    parser.process(app);
    if (parser.isSet(loadOnly))
        return loadPhase(parser.value(loadOnly));

    QTemporaryDir dir;
    const int runs = parser.value(runsOpt).toInt();
    const int params = parser.value(paramsOpt).toInt();
    const int metrics = parser.value(metricsOpt).toInt();

    // --- load ---------------------------------------------------------------------------
    const QString loadPath =
        parser.isSet(keepOpt) ? parser.value(keepOpt) : dir.filePath(QStringLiteral("load.sqlite"));
    QFile::remove(loadPath);
    {
        auto cache = Cache::open(loadPath);
        QElapsedTimer t;
        t.start();
        RunUpdate u;
        for (int i = 0; i < runs; ++i) {
            u.run = bench::syntheticRun(i, params, metrics, QStringLiteral("/data/experiments"));
            if (cache->writeRun(u) <= 0)
                return 1;
        }
        std::printf("wrote %d runs x %d params x %d summaries in %lld ms; file %.1f MB\n", runs,
                    params, metrics, t.elapsed(), QFileInfo(loadPath).size() / 1048576.0);
    }
    // A fresh process: the RSS of the writer phase would hide what loading costs.
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--load-only"), loadPath});
    child.waitForFinished(-1);
    if (!parser.isSet(keepOpt))
        QFile::remove(loadPath);

    // --- previous -----------------------------------------------------------------------
    const int prevRuns = parser.value(prevOpt).toInt();
    {
        const QString path = dir.filePath(QStringLiteral("previous.sqlite"));
        auto cache = Cache::open(path);
        const QString root = QStringLiteral("/data/prev");
        RunUpdate u;
        for (int i = 0; i < prevRuns; ++i) {
            u.run = bench::syntheticRun(i, params, metrics, root);
            u.files.clear();
            for (int f = 0; f < 42; ++f)
                u.files.push_back({QStringLiteral("metrics/metric_%1").arg(f), 1000 + f,
                                   1700000000000000000 + i, quint64(i * 42 + f), 1000 + f});
            cache->writeRun(u);
        }
        auto reader = Cache::open(path);
        QElapsedTimer t;
        t.start();
        const double cpu0 = cpuMs();
        QHash<QString, PreviousRun> prev = reader->loadPrevious(root);
        const double cpu = cpuMs() - cpu0;
        const qint64 ms = t.elapsed();
        // What the parser threads pay on top, spread over them: decoding the fingerprints of
        // every run (an unchanged re-import), and the records of every run (all changed).
        t.restart();
        const double cpuFiles0 = cpuMs();
        qint64 files = 0;
        for (const PreviousRun &p : prev)
            files += p.decodedFiles().size();
        const double cpuFiles = cpuMs() - cpuFiles0;
        const qint64 msFiles = t.elapsed();
        t.restart();
        const double cpuRuns0 = cpuMs();
        qint64 configEntries = 0;
        for (const PreviousRun &p : prev)
            configEntries += p.decodedRun().config.size();
        const double cpuRuns = cpuMs() - cpuRuns0;
        std::printf("loadPrevious: %lld runs in %lld ms wall, %.0f ms CPU; then decoding their "
                    "%lld fingerprints %lld ms wall, %.0f ms CPU; their records (%lld config "
                    "entries) %lld ms wall, %.0f ms CPU\n",
                    qint64(prev.size()), ms, cpu, files, msFiles, cpuFiles, configEntries,
                    t.elapsed(), cpuRuns);
        // Again with the first result freed, so the heap is already grown: the difference is
        // mostly first-touch page faults.
        prev.clear();
        t.restart();
        const double cpu1 = cpuMs();
        const QHash<QString, PreviousRun> again = reader->loadPrevious(root);
        std::printf("loadPrevious again (warm heap): %lld runs in %lld ms wall, %.0f ms CPU\n",
                    qint64(again.size()), t.elapsed(), cpuMs() - cpu1);
    }

    // --- write --------------------------------------------------------------------------
    const int writeRuns = parser.value(writeOpt).toInt();
    {
        const QString path = dir.filePath(QStringLiteral("write.sqlite"));
        auto cache = Cache::open(path);
        // Prepare the updates first: only writeRun is timed.
        std::vector<RunUpdate> updates(static_cast<size_t>(writeRuns));
        for (int i = 0; i < writeRuns; ++i) {
            RunUpdate &u = updates[size_t(i)];
            u.run = bench::syntheticRun(i, params, 0, QStringLiteral("/data/write"));
            for (int s = 0; s < 20; ++s) {
                const QString key = QStringLiteral("series/%1").arg(s);
                core::MetricPoints points;
                points.reserve(100);
                for (int k = 0; k < 100; ++k)
                    points.push_back(
                        {k, 1700000000000 + i * 100000LL + k * 731, 1.0 / (k + s + 1)});
                u.run.metricRef(key).add(points);
                u.series.push_back({key, false, std::move(points)});
            }
            for (int f = 0; f < 5; ++f)
                u.files.push_back({QStringLiteral("file%1").arg(f), 1, 2, 3, 4});
        }
        QElapsedTimer t;
        t.start();
        const double cpu0 = cpuMs();
        for (const RunUpdate &u : updates) {
            if (cache->writeRun(u) <= 0)
                return 1;
        }
        const qint64 ms = t.elapsed();
        const double cpu = cpuMs() - cpu0;
        const Cache::Counts c = cache->counts();
        std::printf("writeRun: %d runs, %lld series, %lld points in %lld ms wall, %.0f ms CPU; "
                    "file %.1f MB\n",
                    writeRuns, c.series, c.points, ms, cpu, QFileInfo(path).size() / 1048576.0);
    }
    return 0;
}
