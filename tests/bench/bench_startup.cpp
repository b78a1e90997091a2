// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: process start to a populated, painted run table with N runs in the cache.
// The parent fills a cache once (summaries only: the table never reads points), then starts
// itself as a child that opens the real MainWindow offscreen on that cache, and measures from
// QProcess::start to the child's "populated" line. The child also reports its peak RSS.
//   bench_startup [--runs 100000] [--params 20] [--metrics 20] [--cache FILE] [--repeat 3]
#include "mainwindow.h"
#include "runscontroller.h"

#include "items/runtablemodel.h"
#include "store/cache.h"
#include "syntheticruns.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace runlens;

namespace {

const QString benchRoot = QStringLiteral("/bench/startup");

qint64 peakRssKb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

int child(const QString &cachePath, int expected, int argc, char **argv) {
    QApplication app(argc, argv);
    app::MainWindow::Options options;
    options.cachePath = cachePath;
    options.useSettings = false;
    app::MainWindow window(options);
    window.resize(1600, 900);
    window.show();
    window.openSources({benchRoot}, /*import=*/false);
    QTimer poll;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (window.controller()->tableModel()->rowCount() < expected)
            return;
        poll.stop();
        window.repaint(); // the first frame with rows, painted synchronously
        std::printf("populated %d\n", window.controller()->tableModel()->rowCount());
        std::fflush(stdout);
        std::printf("peak_rss_kb %lld\n", peakRssKb());
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    poll.start();
    return app.exec();
}

bool fill(const QString &cachePath, int runs, int params, int metrics) {
    QString error;
    auto cache = store::Cache::open(cachePath, &error);
    if (!cache) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    if (cache->counts(benchRoot).runs == runs)
        return true;
    cache->removeSource(benchRoot);
    std::printf("filling %s with %d runs...\n", qPrintable(cachePath), runs);
    std::fflush(stdout);
    for (int i = 0; i < runs; ++i) {
        store::RunUpdate update;
        update.run = bench::syntheticRun(i, params, metrics, benchRoot);
        if (cache->writeRun(update, &error) == 0) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return false;
        }
    }
    return cache->finishSource(benchRoot, {}, &error);
}

} // namespace

int main(int argc, char **argv) {
    if (argc == 4 && qstrcmp(argv[1], "--child") == 0)
        return child(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toInt(), argc, argv);

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RunLens start-up benchmark"));
    parser.addHelpOption();
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("runs in the cache"),
                                     QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption paramsOpt(QStringLiteral("params"), QStringLiteral("params per run"),
                                       QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption metricsOpt(QStringLiteral("metrics"),
                                        QStringLiteral("metric summaries per run"),
                                        QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption cacheOpt(QStringLiteral("cache"),
                                      QStringLiteral("cache file (kept and reused)"),
                                      QStringLiteral("file"));
    const QCommandLineOption repeatOpt(QStringLiteral("repeat"), QStringLiteral("child starts"),
                                       QStringLiteral("n"), QStringLiteral("3"));
    parser.addOptions({runsOpt, paramsOpt, metricsOpt, cacheOpt, repeatOpt});
    parser.process(app);

    const int runs = parser.value(runsOpt).toInt();
    const QString cachePath =
        parser.isSet(cacheOpt)
            ? parser.value(cacheOpt)
            : QDir::current().filePath(QStringLiteral("bench-startup-%1.sqlite").arg(runs));
    if (!fill(cachePath, runs, parser.value(paramsOpt).toInt(), parser.value(metricsOpt).toInt()))
        return 1;

    std::vector<qint64> times;
    qint64 rss = 0;
    for (int i = 0; i < parser.value(repeatOpt).toInt(); ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--child"), cachePath, QString::number(runs)});
        qint64 populatedAt = -1;
        QByteArray out;
        while (p.state() != QProcess::NotRunning || p.bytesAvailable() > 0) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
            if (populatedAt < 0 && out.contains("populated"))
                populatedAt = t.elapsed();
            if (p.state() == QProcess::NotRunning && p.bytesAvailable() == 0)
                break;
        }
        p.waitForFinished();
        for (const QByteArray &line : out.split('\n')) {
            if (line.startsWith("peak_rss_kb "))
                rss = std::max(rss, line.mid(12).toLongLong());
        }
        if (populatedAt < 0) {
            std::fprintf(stderr, "child did not populate the table:\n%s\n%s\n", out.constData(),
                         p.readAllStandardError().constData());
            return 1;
        }
        times.push_back(populatedAt);
        std::printf("start %d: %lld ms to a populated table\n", i + 1, populatedAt);
    }
    std::sort(times.begin(), times.end());
    std::printf("\n%d runs cached: process start to populated table, median %lld ms "
                "(target 500 ms); peak RSS %.0f MB (target 400 MB)\n",
                runs, times[times.size() / 2], rss / 1024.0);
    return 0;
}
