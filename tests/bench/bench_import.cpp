// SPDX-License-Identifier: GPL-3.0-or-later
// bench_import [--runs 10000] [--metrics 20] [--params 20] [--steps 100] [--threads 2]
//              [--dir D] [--keep] [--cold] [--seed 42]
//
// Times the MLflow import against the bare walk-and-read baseline on a synthetic store:
//   (a) walk and read every file, (b) full import into a fresh cache, (c) re-import of the
//   unchanged store, (d) one line appended to 100 metric files, then re-import.
// The store is generated with writeDemoStore unless D already holds one (then it is reused and
// never deleted; note that (d) grows 100 of its metric files by one line). A generated store is
// deleted at the end unless --keep. Warm page cache by default; --cold drops it before (a) and
// (b) (root only).

#include "demo/demogenerator.h"
#include "sources/importjob.h"
#include "walkread.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <optional>

using namespace runlens;

namespace {

struct Args {
    int runs = 10000;
    int metrics = 20;
    int params = 20;
    int steps = 100;
    int threads = 2;
    quint64 seed = 42;
    QString dir;
    bool keep = false;
    bool cold = false;
};

void usage() {
    std::fprintf(stderr,
                 "usage: bench_import [--runs N] [--metrics N] [--params N] [--steps N]\n"
                 "                    [--threads N] [--seed N] [--dir D] [--keep] [--cold]\n");
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
            return ok && v >= 0;
        };
        bool ok = true;
        if (k == QStringLiteral("--runs") && hasValue)
            ok = number(a.runs);
        else if (k == QStringLiteral("--metrics") && hasValue)
            ok = number(a.metrics);
        else if (k == QStringLiteral("--params") && hasValue)
            ok = number(a.params);
        else if (k == QStringLiteral("--steps") && hasValue)
            ok = number(a.steps);
        else if (k == QStringLiteral("--threads") && hasValue)
            ok = number(a.threads);
        else if (k == QStringLiteral("--seed") && hasValue)
            ok = number(a.seed);
        else if (k == QStringLiteral("--dir") && hasValue)
            a.dir = argv.at(++i);
        else if (k == QStringLiteral("--keep"))
            a.keep = true;
        else if (k == QStringLiteral("--cold"))
            a.cold = true;
        else
            ok = false;
        if (!ok)
            return std::nullopt;
    }
    return a;
}

struct Phase {
    const char *name = "";
    double seconds = 0;
    double cpuSeconds = 0;
    sources::ImportSummary summary;
    long long peakKb = 0;
    bool isImport = true;
};

Phase runImport(const char *name, const QString &cache, const QString &source, int threads) {
    sources::ImportOptions options;
    options.cachePath = cache;
    options.sources = {source};
    options.threads = threads;
    const std::atomic_bool cancel{false};
    bench::resetPeakRss();
    const double cpuStart = bench::cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    Phase p;
    p.name = name;
    p.summary = sources::ImportJob(options).run(cancel);
    p.seconds = timer.nsecsElapsed() / 1e9;
    p.cpuSeconds = bench::cpuSeconds() - cpuStart;
    p.peakKb = bench::peakRssKb();
    if (!p.summary.ok())
        std::fprintf(stderr, "%s: %s\n", name, qPrintable(p.summary.fatalError));
    for (qsizetype i = 0; i < p.summary.problems.size() && i < 5; ++i)
        std::fprintf(stderr, "%s: problem: %s: %s\n", name,
                     qPrintable(p.summary.problems.at(i).path),
                     qPrintable(p.summary.problems.at(i).message));
    return p;
}

/// Appends one more point to `count` metric files (train/loss where there is one), the way a
/// live training run grows its store between two imports.
int appendToMetricFiles(const QString &mlruns, int count) {
    QStringList files;
    QDirIterator it(mlruns, {QStringLiteral("loss")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(QStringLiteral("/metrics/train/loss")))
            files.append(path);
    }
    files.sort();
    int done = 0;
    for (const QString &path : std::as_const(files)) {
        if (done == count)
            break;
        QFile f(path);
        if (!f.open(QIODevice::ReadWrite))
            continue;
        const QByteArray text = f.readAll();
        const QList<QByteArray> last = text.trimmed().split('\n').last().split(' ');
        if (last.size() != 3 || !text.endsWith('\n'))
            continue;
        const QByteArray line = QByteArray::number(last.at(0).toLongLong() + 1000) + ' ' +
                                demo::pythonFloatRepr(last.at(1).toDouble() * 0.999) + ' ' +
                                QByteArray::number(last.at(2).toLongLong() + 1) + '\n';
        f.seek(f.size());
        if (f.write(line) == line.size())
            ++done;
    }
    return done;
}

void removeCache(const QString &path) {
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

const char *verdict(bool met) {
    return met ? "met" : "NOT met";
}

/// Other processes share the cores: the figures mean little when this is well above 0.
QByteArray loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray("?");
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // keep the table in order with the log lines
    const std::optional<Args> parsed = parseArgs(QCoreApplication::arguments());
    if (!parsed) {
        usage();
        return 2;
    }
    const Args &a = *parsed;
    const QString dir = QDir::cleanPath(QDir::current().absoluteFilePath(
        a.dir.isEmpty() ? QStringLiteral("bench-import-%1x%2x%3x%4")
                              .arg(a.runs)
                              .arg(a.params)
                              .arg(a.metrics)
                              .arg(a.steps)
                        : a.dir));
    const QString mlruns = dir + QStringLiteral("/mlruns");
    const QString cache = dir + QStringLiteral("/bench-cache.sqlite");
    std::string error;

    // --- the store ------------------------------------------------------------------------
    const bool reuse = QFileInfo::exists(mlruns + QStringLiteral("/0/meta.yaml"));
    double generateSeconds = 0;
    if (reuse) {
        std::printf("reusing the store %s (its sizes may differ from the options)\n",
                    qPrintable(mlruns));
    } else {
        demo::DemoOptions o;
        o.runs = a.runs;
        o.metrics = a.metrics;
        o.params = a.params;
        o.steps = a.steps;
        o.seed = a.seed;
        QString genError;
        QElapsedTimer timer;
        timer.start();
        if (!demo::writeDemoStore(dir, o, &genError)) {
            std::fprintf(stderr, "cannot generate the store: %s\n", qPrintable(genError));
            return 1;
        }
        generateSeconds = timer.nsecsElapsed() / 1e9;
        std::printf("generated %d runs x %d params x %d metrics x %d steps in %.2f s: %s\n", a.runs,
                    a.params, a.metrics, a.steps, generateSeconds, qPrintable(mlruns));
    }
    std::printf("threads: %d, page cache: %s\n\n", a.threads,
                a.cold ? "cold (dropped before a and b)" : "warm");

    // --- (a) walk and read ------------------------------------------------------------------
    const std::string root = QFile::encodeName(mlruns).toStdString();
    if (a.cold) {
        if (!bench::dropPageCache(&error)) {
            std::fprintf(stderr, "--cold: %s\n", error.c_str());
            return 1;
        }
    } else {
        bench::walkRead(root, a.threads); // warm the page cache (and the dentry cache)
    }
    bench::resetPeakRss();
    const bench::WalkReadResult walk = bench::walkRead(root, a.threads);
    const long long walkPeak = bench::peakRssKb();

    // --- (b) (c) (d) imports ------------------------------------------------------------------
    removeCache(cache);
    if (a.cold && !bench::dropPageCache(&error)) {
        std::fprintf(stderr, "--cold: %s\n", error.c_str());
        return 1;
    }
    const Phase full = runImport("b full import", cache, mlruns, a.threads);
    const Phase again = runImport("c re-import, unchanged", cache, mlruns, a.threads);
    const int appended = appendToMetricFiles(mlruns, 100);
    const Phase grown = runImport("d re-import, 100 appended", cache, mlruns, a.threads);

    // --- report ---------------------------------------------------------------------------
    std::printf("%-28s %8s %8s %7s %9s %8s %11s %9s %9s\n", "phase", "seconds", "CPU s", "runs",
                "unchanged", "series", "points", "MB read", "peak RSS");
    std::printf("%-28s %8.3f %8.3f %7s %9s %8s %11s %9.1f %6.1f MB   (%lld files)\n",
                "a walk and read", walk.seconds, walk.cpuSeconds, "", "", "", "", walk.bytes / 1e6,
                walkPeak / 1024.0, walk.files);
    for (const Phase *p : {&full, &again, &grown}) {
        const auto &s = p->summary;
        std::printf("%-28s %8.3f %8.3f %7lld %9lld %8lld %11lld %9.1f %6.1f MB%s\n", p->name,
                    p->seconds, p->cpuSeconds, s.runs, s.unchanged, s.series, s.points,
                    s.bytesRead / 1e6, p->peakKb / 1024.0, s.ok() ? "" : "   FAILED");
    }
    std::printf("\n(d) appended one line to %d metric files\n", appended);
    std::printf("cache file: %.1f MB\n", QFileInfo(cache).size() / 1e6);
    const double ratio = full.seconds / walk.seconds;
    std::printf("full import / walk-and-read: %.2fx wall, %.2fx CPU\n", ratio,
                full.cpuSeconds / walk.cpuSeconds);
    std::printf("load average at the end: %s\n\n", loadAverage().constData());

    std::printf("targets (10,000 runs x 20 params x 20 metrics x 100 steps, 2 cores):\n");
    std::printf("  full import <= 6 s            : %6.2f s  %s\n", full.seconds,
                verdict(full.seconds <= 6.0));
    std::printf("  full import <= 2.5x walk-read : %6.2f x  %s\n", ratio, verdict(ratio <= 2.5));
    std::printf("  unchanged re-import <= 1.5 s  : %6.2f s  %s\n", again.seconds,
                verdict(again.seconds <= 1.5));

    if (!reuse && !a.keep) {
        QDir(mlruns).removeRecursively();
        removeCache(cache);
        QDir().rmdir(dir);
    } else {
        removeCache(cache);
    }
    const bool ok = full.summary.ok() && again.summary.ok() && grown.summary.ok();
    return ok ? 0 : 1;
}
