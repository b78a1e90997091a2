// SPDX-License-Identifier: GPL-3.0-or-later
// bench_frameworklogs [--runs 1000] [--metrics 10] [--steps 200] [--threads 2] [--seed 42]
//
// Times the DVCLive, Hugging Face Trainer and AllenNLP importers on demo folders written by
// demoframework.h into a temporary folder: (a) full import into a fresh cache, (b) re-import of
// the unchanged folders, (c) DVCLive only: one row appended to 100 TSV histories (and their
// metrics.json rewritten), then re-import. Warm page cache. The folders are deleted at the end.

#include "demo/demoframework.h"
#include "sources/importjob.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace runlens;

namespace {

struct Pass {
    double ms = 0;
    sources::ImportSummary summary;
};

Pass importOnce(const QString &cache, const QString &source, int threads) {
    sources::ImportOptions options;
    options.cachePath = cache;
    options.sources = {source};
    options.threads = threads;
    std::atomic_bool cancel{false};
    QElapsedTimer t;
    t.start();
    Pass p;
    p.summary = sources::ImportJob(options).run(cancel);
    p.ms = double(t.nsecsElapsed()) / 1e6;
    if (!p.summary.ok())
        std::fprintf(stderr, "import failed: %s\n", qPrintable(p.summary.fatalError));
    for (const core::Problem &pr : p.summary.problems)
        std::fprintf(stderr, "problem: %s: %s\n", qPrintable(pr.path), qPrintable(pr.message));
    return p;
}

void report(const char *what, const Pass &p) {
    std::printf("  %-28s %9.1f ms  runs %6lld  series %7lld  points %9lld  read %8.2f MB  "
                "unchanged %lld\n",
                what, p.ms, p.summary.runs, p.summary.series, p.summary.points,
                double(p.summary.bytesRead) / 1e6, p.summary.unchanged);
}

qint64 folderBytes(const QString &dir, qint64 *files) {
    qint64 bytes = 0;
    *files = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
        ++*files;
    }
    return bytes;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    demo::DemoOptions o;
    o.runs = 1000;
    o.metrics = 10;
    o.steps = 200;
    int threads = 2;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString &k = args.at(i);
        const long long v = args.at(i + 1).toLongLong();
        if (k == u"--runs")
            o.runs = int(v);
        else if (k == u"--metrics")
            o.metrics = int(v);
        else if (k == u"--steps")
            o.steps = int(v);
        else if (k == u"--threads")
            threads = int(v);
        else if (k == u"--seed")
            o.seed = quint64(v);
        else {
            std::fprintf(stderr, "usage: bench_frameworklogs [--runs N] [--metrics N] "
                                 "[--steps N] [--threads N] [--seed N]\n");
            return 2;
        }
    }
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return 1;
    using Writer = bool (*)(const QString &, const demo::DemoOptions &, QString *);
    const std::pair<const char *, Writer> formats[] = {{"dvclive", demo::writeDemoDvclive},
                                                       {"hf-trainer", demo::writeDemoHfTrainer},
                                                       {"allennlp", demo::writeDemoAllennlp}};
    std::printf("runs %d, metrics %d, steps %d, threads %d\n", o.runs, o.metrics, o.steps, threads);
    for (const auto &[name, write] : formats) {
        QString error;
        QElapsedTimer t;
        t.start();
        if (!write(tmp.path(), o, &error)) {
            std::fprintf(stderr, "%s: %s\n", name, qPrintable(error));
            return 1;
        }
        const QString dir = tmp.path() + u'/' + QString::fromLatin1(name);
        qint64 files = 0;
        const qint64 bytes = folderBytes(dir, &files);
        std::printf("%s: %lld files, %.1f MB, written in %.0f ms\n", name, files,
                    double(bytes) / 1e6, double(t.elapsed()));
        const QString cache =
            tmp.path() + u'/' + QString::fromLatin1(name) + QStringLiteral(".sqlite");
        report("full import", importOnce(cache, dir, threads));
        report("unchanged re-import", importOnce(cache, dir, threads));
        if (QByteArrayView(name) != "dvclive")
            continue;
        int grown = 0;
        QDirIterator it(dir, {QStringLiteral("loss.tsv")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext() && grown < 100) {
            QFile f(it.next());
            if (f.open(QIODevice::Append))
                f.write(QByteArray::number(o.steps) + "\t0.5\n");
            QFile m(it.filePath().section(u'/', 0, -5) + QStringLiteral("/metrics.json"));
            if (m.open(QIODevice::WriteOnly | QIODevice::Truncate))
                m.write("{\"step\": 200}");
            ++grown;
        }
        report(qPrintable(QStringLiteral("%1 TSVs grown, re-import").arg(grown)),
               importOnce(cache, dir, threads));
    }
    return 0;
}
