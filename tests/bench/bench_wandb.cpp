// SPDX-License-Identifier: GPL-3.0-or-later
// bench_wandb [--runs 200] [--metrics 20] [--steps 2000] [--threads 2] [--dir D] [--keep]
//
// Times the W&B importer on a synthetic folder written by writeDemoWandb: (a) the bare parse of
// every .wandb log in memory (framing + CRC-32 + Record decoding + history values), (b) a full
// import into a fresh cache, (c) a re-import of the unchanged folder. Warm page cache. A
// generated folder is deleted at the end unless --keep; an existing D is reused.

#include "demo/demowandb.h"
#include "sources/importjob.h"
#include "sources/wandbparser.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace runlens;
namespace wandb = runlens::sources::wandb;

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    demo::DemoOptions o;
    o.runs = 200;
    o.metrics = 20;
    o.steps = 2000;
    o.params = 20;
    int threads = 2;
    QString dir;
    bool keep = false;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &k = args.at(i);
        const bool more = i + 1 < args.size();
        if (k == u"--runs" && more)
            o.runs = args.at(++i).toInt();
        else if (k == u"--metrics" && more)
            o.metrics = args.at(++i).toInt();
        else if (k == u"--steps" && more)
            o.steps = args.at(++i).toInt();
        else if (k == u"--threads" && more)
            threads = args.at(++i).toInt();
        else if (k == u"--dir" && more)
            dir = args.at(++i);
        else if (k == u"--keep")
            keep = true;
        else {
            std::fprintf(stderr, "usage: bench_wandb [--runs N] [--metrics N] [--steps N] "
                                 "[--threads N] [--dir D] [--keep]\n");
            return 2;
        }
    }
    QTemporaryDir tmp;
    const bool generated = dir.isEmpty() || !QDir(dir + QStringLiteral("/wandb")).exists();
    if (dir.isEmpty())
        dir = tmp.path();
    tmp.setAutoRemove(!keep);
    QElapsedTimer t;
    if (generated) {
        t.start();
        QString error;
        if (!demo::writeDemoWandb(dir, o, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("generated %d runs x %d metrics x %d steps in %.1f s\n", o.runs, o.metrics,
                    o.steps, double(t.elapsed()) / 1000);
    }

    // (a) bare parse
    qint64 bytes = 0;
    qint64 records = 0;
    qint64 values = 0;
    qint64 parseNs = 0;
    QDirIterator it(dir, {QStringLiteral("*.wandb")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(u"/latest-run/"))
            continue;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = f.readAll();
        bytes += data.size();
        t.start();
        wandb::LogReader reader({data.constData(), size_t(data.size())}, 0);
        wandb::Record rec;
        for (;;) {
            const auto e = reader.next();
            if (e.kind == wandb::LogReader::Event::Kind::End)
                break;
            if (e.kind != wandb::LogReader::Event::Kind::Record || !decodeRecord(e.payload, rec))
                continue;
            ++records;
            if (rec.kind == wandb::Record::Kind::History)
                values += qint64(wandb::scalarsOf(rec.items).size());
        }
        parseNs += t.nsecsElapsed();
    }
    std::printf("(a) parse only: %.1f MB of .wandb, %lld records, %lld values in %.2f s = %.0f "
                "MB/s, %.1f M values/s (1 thread)\n",
                double(bytes) / 1e6, records, values, double(parseNs) / 1e9,
                double(bytes) / 1e6 / (double(parseNs) / 1e9),
                double(values) / 1e6 / (double(parseNs) / 1e9));

    // (b) full import, (c) unchanged re-import
    const QString cache = tmp.filePath(QStringLiteral("bench-cache.sqlite"));
    QFile::remove(cache);
    sources::ImportOptions options;
    options.cachePath = cache;
    options.sources = {dir};
    options.threads = threads;
    std::atomic_bool cancel{false};
    for (const char *name : {"(b) full import", "(c) unchanged re-import"}) {
        t.start();
        const sources::ImportSummary s = sources::ImportJob(options).run(cancel);
        const double secs = double(t.elapsed()) / 1000;
        if (!s.ok() || !s.problems.isEmpty()) {
            std::fprintf(stderr, "%s failed: %s (%lld problems)\n", name, qPrintable(s.fatalError),
                         qint64(s.problems.size()));
            return 1;
        }
        std::printf("%s: %lld runs, %lld points, %.1f MB read in %.2f s (%d threads)\n", name,
                    s.runs, s.points, double(s.bytesRead) / 1e6, secs, threads);
    }
    if (generated && !keep)
        QDir(dir + QStringLiteral("/wandb")).removeRecursively();
    return 0;
}
