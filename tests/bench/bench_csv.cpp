// SPDX-License-Identifier: GPL-3.0-or-later
// bench_csv [--dir D] [--mb 300] [--runs 60] [--metrics 12] [--repeat 3]
//
// Times the generic CSV importer's read path (Importer::read: open, read, tokenize, series,
// summaries) on one thread over the CSV metric logs writeDemoCsvLogs writes, and the bare
// tokenizer (parseMetricCsv on bytes already in memory). D defaults to bench-csv-data beside
// this binary (under build/); it is generated once and reused. Warm page cache: the best of
// --repeat passes is reported.

#include "demo/democsv.h"
#include "sources/csvparser.h"
#include "sources/filerun.h"
#include "sources/importer.h"
#include "sources/scanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <ctime>

using namespace runlens;
using namespace runlens::sources;

namespace {

/// CPU time of this thread in seconds: on a shared machine it measures the work, not the wait
/// for a core.
double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QString dir = app.applicationDirPath() + QStringLiteral("/bench-csv-data");
    int mb = 300, runs = 60, metrics = 12, repeat = 3;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        const QString next = i + 1 < args.size() ? args[i + 1] : QString();
        if (a == u"--dir")
            dir = next, ++i;
        else if (a == u"--mb")
            mb = next.toInt(), ++i;
        else if (a == u"--runs")
            runs = next.toInt(), ++i;
        else if (a == u"--metrics")
            metrics = next.toInt(), ++i;
        else if (a == u"--repeat")
            repeat = std::max(1, next.toInt()), ++i;
        else {
            std::fprintf(stderr, "usage: bench_csv [--dir D] [--mb 300] [--runs 60] "
                                 "[--metrics 12] [--repeat 3]\n");
            return 2;
        }
    }
    dir = QDir(dir).absolutePath();
    if (!QDir(dir + QStringLiteral("/csv_logs")).exists()) {
        demo::DemoOptions o;
        o.runs = runs;
        o.metrics = metrics;
        // About 19 bytes a cell (Python float repr and a comma), step and timestamp included;
        // a quarter of the runs are JSON Lines and some runs stop early: x 1.6.
        o.steps = int(1.6 * double(mb) * 1e6 / (double(runs) * 19.0 * (metrics + 2)));
        o.nowMs = 1767225600000; // fixed: the same files every time
        QElapsedTimer t;
        t.start();
        QString error;
        if (!demo::writeDemoCsvLogs(dir, o, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("generated %d runs x %d steps x %d metrics in %.1f s into %s\n", runs, o.steps,
                    metrics, double(t.elapsed()) / 1000.0, qPrintable(dir));
    }

    std::vector<RunLocation> locations;
    core::Problems problems;
    ScanContext context{dir, &problems, nullptr};
    Scanner().scan(dir, context, [&](RunLocation &&loc) {
        if (loc.importer == u"csv")
            locations.push_back(std::move(loc));
    });
    if (locations.empty()) {
        std::fprintf(stderr, "no CSV logs below %s\n", qPrintable(dir));
        return 1;
    }

    // (a) The importer's read path, one thread.
    double best = 0, bestCpu = 0;
    qint64 bytes = 0, points = 0;
    for (int pass = 0; pass < repeat; ++pass) {
        std::atomic_bool cancel{false};
        bytes = 0;
        points = 0;
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuSeconds();
        for (const RunLocation &loc : locations) {
            const ReadResult r =
                importerById(loc.importer)
                    ->read(loc, dir, static_cast<const store::PreviousRun *>(nullptr), cancel);
            bytes += r.bytesRead;
            for (const auto &s : r.update.series)
                points += qint64(s.points.size());
        }
        const double mbps = double(bytes) / 1e6 / (double(t.nsecsElapsed()) / 1e9);
        best = std::max(best, mbps);
        bestCpu = std::max(bestCpu, double(bytes) / 1e6 / (threadCpuSeconds() - cpu0));
    }
    std::printf("import read path: %zu files, %.1f MB, %lld points: %.0f MB/s wall, %.0f MB/s "
                "of CPU time (best of %d, one thread)\n",
                locations.size(), double(bytes) / 1e6, static_cast<long long>(points), best,
                bestCpu, repeat);

    // (b) The tokenizer alone on bytes in memory.
    std::vector<QByteArray> files;
    for (const RunLocation &loc : locations) {
        QFile f(loc.absPath);
        if (f.open(QIODevice::ReadOnly))
            files.push_back(f.readAll());
    }
    const csv::CsvSpec spec{{QStringLiteral("step")}, {}, {QStringLiteral("timestamp")}, true};
    double bestParse = 0, bestParseCpu = 0;
    for (int pass = 0; pass < repeat; ++pass) {
        qint64 parsed = 0;
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuSeconds();
        for (const QByteArray &b : files) {
            FileInput in;
            in.bytes = std::string_view(b.constData(), size_t(b.size()));
            FileContribution out;
            csv::parseMetricCsv(in, out, spec);
            parsed += b.size();
        }
        bestParse = std::max(bestParse, double(parsed) / 1e6 / (double(t.nsecsElapsed()) / 1e9));
        bestParseCpu = std::max(bestParseCpu, double(parsed) / 1e6 / (threadCpuSeconds() - cpu0));
    }
    std::printf("tokenizer alone:  %.0f MB/s wall, %.0f MB/s of CPU time (best of %d)\n", bestParse,
                bestParseCpu, repeat);
    return 0;
}
