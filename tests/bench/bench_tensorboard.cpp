// SPDX-License-Identifier: GPL-3.0-or-later
// bench_tensorboard [--size-mb 1024] [--runs 40] [--metrics 8] [--dir D] [--keep] [--seed 42]
//
// Times the TensorBoard event-file parser against plain reading, on a folder of scalar event
// files written by writeDemoTensorboard:
//   (a) read every file, one thread, page cache warm (what `cat` costs);
//   (b) the importer's read() over every run on one thread;
//   (c) the same on two threads;
// and reports MB/s, the ratio to (a), and the peak RSS (VmHWM) of (b) and (c).
// The folder is generated into D (default: bench-tensorboard-data next to this binary, so
// under build/) unless D/tensorboard already holds one, which is then reused and never
// deleted. A generated folder is deleted at the end unless --keep.

#include "demo/demotensorboard.h"
#include "sources/crc32c.h"
#include "sources/scanner.h"
#include "sources/tensorboardimporter.h"
#include "walkread.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <atomic>
#include <cstdio>
#include <optional>
#include <thread>
#include <tuple>

using namespace runlens;

namespace {

struct Args {
    int sizeMb = 1024;
    int runs = 40;
    int metrics = 8;
    quint64 seed = 42;
    QString dir;
    bool keep = false;
};

void usage() {
    std::fprintf(stderr, "usage: bench_tensorboard [--size-mb N] [--runs N] [--metrics N]\n"
                         "                         [--seed N] [--dir D] [--keep]\n");
}

std::optional<Args> parseArgs(const QStringList &argv) {
    Args a;
    for (qsizetype i = 1; i < argv.size(); ++i) {
        const QString &k = argv.at(i);
        const bool hasValue = i + 1 < argv.size();
        auto number = [&](auto &into) {
            bool ok = false;
            const qlonglong v = argv.at(++i).toLongLong(&ok);
            into = static_cast<std::remove_reference_t<decltype(into)>>(v);
            return ok && v > 0;
        };
        bool ok = true;
        if (k == QStringLiteral("--size-mb") && hasValue)
            ok = number(a.sizeMb);
        else if (k == QStringLiteral("--runs") && hasValue)
            ok = number(a.runs);
        else if (k == QStringLiteral("--metrics") && hasValue)
            ok = number(a.metrics);
        else if (k == QStringLiteral("--seed") && hasValue)
            ok = number(a.seed);
        else if (k == QStringLiteral("--dir") && hasValue)
            a.dir = argv.at(++i);
        else if (k == QStringLiteral("--keep"))
            a.keep = true;
        else
            ok = false;
        if (!ok)
            return std::nullopt;
    }
    return a;
}

struct Phase {
    double seconds = 0;
    double cpuSeconds = 0;
    qint64 bytes = 0;
    qint64 points = 0;
    qint64 problems = 0;
    long long peakKb = 0;
};

/// Reads every run with the importer on `threads` threads, dropping the results.
Phase parseAll(const std::vector<sources::RunLocation> &runs, const QString &root, int threads) {
    const sources::Importer &importer = *sources::importerById(QStringLiteral("tensorboard"));
    const std::atomic_bool cancel{false};
    std::atomic<size_t> next{0};
    std::atomic<qint64> bytes{0}, points{0}, problems{0};
    auto worker = [&] {
        for (size_t i; (i = next.fetch_add(1)) < runs.size();) {
            const sources::ReadResult r = importer.read(
                runs[i], root, static_cast<const store::PreviousRun *>(nullptr), cancel);
            bytes += r.bytesRead;
            problems += r.problems.size();
            qint64 n = 0;
            for (const auto &s : r.update.series)
                n += qint64(s.points.size());
            points += n;
        }
    };
    bench::resetPeakRss();
    const double cpuStart = bench::cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (std::thread &t : pool)
        t.join();
    Phase p;
    p.seconds = double(timer.nsecsElapsed()) / 1e9;
    p.cpuSeconds = bench::cpuSeconds() - cpuStart;
    p.peakKb = bench::peakRssKb();
    p.bytes = bytes;
    p.points = points;
    p.problems = problems;
    return p;
}

const char *verdict(bool met) {
    return met ? "met" : "NOT met";
}

QByteArray loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray("?");
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::optional<Args> parsed = parseArgs(QCoreApplication::arguments());
    if (!parsed) {
        usage();
        return 2;
    }
    const Args &a = *parsed;
    const QString dir =
        QDir::cleanPath(a.dir.isEmpty() ? QCoreApplication::applicationDirPath() +
                                              QStringLiteral("/bench-tensorboard-data")
                                        : QDir::current().absoluteFilePath(a.dir));
    const QString root = dir + QStringLiteral("/tensorboard");

    // --- the folder -----------------------------------------------------------------------
    const bool reuse = QFileInfo(root).isDir() && !QDir(root).isEmpty();
    if (reuse) {
        std::printf("reusing %s (its size may differ from the options)\n", qPrintable(root));
    } else {
        // A TF2 scalar record of these tags is ~62 bytes; steps to reach the size asked for.
        demo::DemoOptions o;
        o.runs = a.runs;
        o.metrics = a.metrics;
        o.seed = a.seed;
        o.steps = int(
            std::max<qint64>(10, qint64(a.sizeMb) * 1000000 / (qint64(a.runs) * a.metrics * 62)));
        QString error;
        QElapsedTimer timer;
        timer.start();
        if (!demo::writeDemoTensorboard(dir, o, &error)) {
            std::fprintf(stderr, "cannot generate the event files: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("generated %d runs x %d metrics x %d steps in %.2f s: %s\n", o.runs, o.metrics,
                    o.steps, double(timer.nsecsElapsed()) / 1e9, qPrintable(root));
    }

    // --- runs -----------------------------------------------------------------------------
    std::vector<sources::RunLocation> runs;
    core::Problems scanProblems;
    std::atomic_bool cancel{false};
    sources::ScanContext context{root, &scanProblems, &cancel};
    sources::Scanner({sources::importerById(QStringLiteral("tensorboard"))})
        .scan(root, context, [&](sources::RunLocation &&loc) { runs.push_back(std::move(loc)); });

    std::printf("load average at the start: %s\n", loadAverage().constData());

    // --- (a) plain read, (b) one thread, (c) two threads -------------------------------------
    const std::string rootBytes = QFile::encodeName(root).toStdString();
    bench::walkRead(rootBytes, 1); // warm the page cache
    bench::resetPeakRss();
    const bench::WalkReadResult cat = bench::walkRead(rootBytes, 1);
    const Phase one = parseAll(runs, root, 1);
    const Phase two = parseAll(runs, root, 2);

    // --- report ---------------------------------------------------------------------------
    const double catMbs = double(cat.bytes) / 1e6 / cat.seconds;
    const double oneMbs = double(one.bytes) / 1e6 / one.seconds;
    const double twoMbs = double(two.bytes) / 1e6 / two.seconds;
    std::printf("%zu runs, %lld files, %.1f MB; hardware CRC-32C: %s\n\n", runs.size(), cat.files,
                double(cat.bytes) / 1e6, sources::crc32c::hardwareAccelerated() ? "yes" : "no");
    // MB per CPU second: on a machine shared with other work the wall clock says more about
    // the neighbours than about the parser.
    std::printf("%-26s %8s %8s %9s %9s %8s %11s %10s\n", "phase", "seconds", "CPU s", "MB/s",
                "MB/CPU-s", "x cat", "points", "peak RSS");
    std::printf("%-26s %8.3f %8.3f %9.1f %9.1f %8.2f\n", "a read (cat), 1 thread", cat.seconds,
                cat.cpuSeconds, catMbs, double(cat.bytes) / 1e6 / cat.cpuSeconds, 1.0);
    for (const auto &[name, p, mbs] : {std::tuple{"b parse, 1 thread", &one, oneMbs},
                                       std::tuple{"c parse, 2 threads", &two, twoMbs}}) {
        std::printf("%-26s %8.3f %8.3f %9.1f %9.1f %8.2f %11lld %7.1f MB\n", name, p->seconds,
                    p->cpuSeconds, mbs, double(p->bytes) / 1e6 / p->cpuSeconds,
                    cat.seconds / p->seconds, p->points, double(p->peakKb) / 1024.0);
    }
    if (one.problems || two.problems)
        std::printf("problems reported: %lld\n", one.problems + two.problems);
    std::printf("load average at the end: %s\n\n", loadAverage().constData());
    const long long peak = std::max(one.peakKb, two.peakKb);
    std::printf("targets (wall clock; see MB/CPU-s when the load average is high):\n");
    std::printf("  1 thread  >= 150 MB/s : %7.1f MB/s  %s\n", oneMbs, verdict(oneMbs >= 150));
    std::printf("  2 threads >= 250 MB/s : %7.1f MB/s  %s\n", twoMbs, verdict(twoMbs >= 250));
    std::printf("  peak RSS  <= 300 MB   : %7.1f MB    %s\n", double(peak) / 1024.0,
                verdict(peak <= 300 * 1024));

    if (!reuse && !a.keep)
        QDir(dir).removeRecursively();
    return one.problems || two.problems ? 1 : 0;
}
