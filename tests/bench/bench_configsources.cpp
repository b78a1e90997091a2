// SPDX-License-Identifier: GPL-3.0-or-later
// bench_configsources [--runs 1000] [--metrics 6] [--params 8] [--steps 100] [--threads 2]
//                     [--dir D] [--keep]
//
// Times the Sacred, Hydra and Guild importers on their demo folders (writeDemoSacred,
// writeDemoHydra, writeDemoGuild), one format at a time: (a) walk and read every file,
// (b) full import into a fresh cache, (c) re-import of the unchanged folder. Hydra jobs carry a
// Lightning metrics.csv and Guild runs an event file; they are parts read by other importers
// when those are registered (on this branch only the config files are read). Warm page cache.

#include "demo/democonfig.h"
#include "sources/importjob.h"
#include "walkread.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace runlens;

namespace {

struct Timed {
    double seconds = 0;
    sources::ImportSummary summary;
};

Timed import(const QString &cache, const QString &source, int threads) {
    sources::ImportOptions options;
    options.cachePath = cache;
    options.sources = {source};
    options.threads = threads;
    std::atomic_bool cancel{false};
    QElapsedTimer t;
    t.start();
    Timed r;
    r.summary = sources::ImportJob(options).run(cancel);
    r.seconds = double(t.nsecsElapsed()) / 1e9;
    return r;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    demo::DemoOptions o;
    o.runs = 1000;
    int threads = 2;
    QString dir;
    bool keep = false;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &k = args.at(i);
        const bool hasValue = i + 1 < args.size();
        if (k == u"--keep") {
            keep = true;
        } else if (hasValue && k == u"--runs") {
            o.runs = args.at(++i).toInt();
        } else if (hasValue && k == u"--metrics") {
            o.metrics = args.at(++i).toInt();
        } else if (hasValue && k == u"--params") {
            o.params = args.at(++i).toInt();
        } else if (hasValue && k == u"--steps") {
            o.steps = args.at(++i).toInt();
        } else if (hasValue && k == u"--threads") {
            threads = args.at(++i).toInt();
        } else if (hasValue && k == u"--dir") {
            dir = args.at(++i);
        } else {
            std::fprintf(stderr, "usage: bench_configsources [--runs N] [--metrics N] [--params N] "
                                 "[--steps N] [--threads N] [--dir D] [--keep]\n");
            return 2;
        }
    }
    QTemporaryDir tmp;
    if (dir.isEmpty())
        dir = tmp.path();
    tmp.setAutoRemove(!keep);
    o.nowMs = QDateTime::currentMSecsSinceEpoch();
    std::printf("%d runs x %d metrics x %d steps, %d params, %d threads, in %s\n", o.runs,
                o.metrics, o.steps, o.params, threads, qPrintable(dir));

    struct Format {
        const char *name;
        bool (*write)(const QString &, const demo::DemoOptions &, QString *);
    };
    const Format formats[] = {{"sacred", &demo::writeDemoSacred},
                              {"hydra", &demo::writeDemoHydra},
                              {"guild", &demo::writeDemoGuild}};
    for (const Format &f : formats) {
        QString error;
        QElapsedTimer t;
        t.start();
        if (!f.write(dir, o, &error)) {
            std::fprintf(stderr, "%s: %s\n", f.name, qPrintable(error));
            return 1;
        }
        const double writeSeconds = double(t.nsecsElapsed()) / 1e9;
        const QString source = dir + u'/' + QString::fromLatin1(f.name);
        const bench::WalkReadResult walk = bench::walkRead(source.toStdString(), threads);
        const QString cache = dir + u'/' + QString::fromLatin1(f.name) + QStringLiteral(".sqlite");
        QFile::remove(cache);
        const Timed full = import(cache, source, threads);
        const Timed again = import(cache, source, threads);
        if (!full.summary.ok() || !full.summary.problems.isEmpty()) {
            std::fprintf(stderr, "%s: %s (%lld problems)\n", f.name,
                         qPrintable(full.summary.fatalError),
                         static_cast<long long>(full.summary.problems.size()));
            return 1;
        }
        std::printf("%-7s written in %.2f s: %lld files, %.1f MB\n"
                    "        walk+read %.3f s | full import %.3f s (%lld runs, %lld points, "
                    "%.0f runs/s) | unchanged re-import %.3f s (%lld unchanged)\n",
                    f.name, writeSeconds, walk.files, double(walk.bytes) / 1e6, walk.seconds,
                    full.seconds, static_cast<long long>(full.summary.runs),
                    static_cast<long long>(full.summary.points),
                    double(full.summary.runs) / full.seconds, again.seconds,
                    static_cast<long long>(again.summary.unchanged));
    }
    return 0;
}
