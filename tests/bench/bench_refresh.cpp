// SPDX-License-Identifier: GPL-3.0-or-later
// bench_refresh [--dir D] [--runs 60] [--grow-mb 1] [--rounds 5]
//
// A live run in a results folder that mixes every format: writes the demo folder (or reuses
// D), imports it once, then per round grows one TensorBoard event file and one Lightning
// metrics.csv by --grow-mb MiB each (valid records / rows copied from the files' own start) and
// times the refresh: a full ImportJob over the whole folder, which stats every run and reads
// only the appended bytes. Target: a live run grown by 1 MB refreshes in <= 50 ms.

#include "demo/demofolder.h"
#include "sources/importjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QtEndian>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace runlens;

namespace {

QString findFile(const QString &root, const QString &nameFilter) {
    QDirIterator it(root, {nameFilter}, QDir::Files, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext())
        found << it.next();
    found.sort();
    return found.value(0);
}

/// Whole TFRecord records copied from the file (again and again), at least `bytes` of them.
QByteArray eventRecords(const QByteArray &file, qint64 bytes) {
    qint64 pos = 0;
    while (pos < bytes && pos + 12 <= file.size()) {
        quint64 length = 0;
        std::memcpy(&length, file.constData() + pos, 8);
        length = qFromLittleEndian(length);
        const qint64 next = pos + 12 + qint64(length) + 4;
        if (next > file.size())
            break;
        pos = next;
    }
    const QByteArray records = file.left(pos);
    QByteArray out;
    while (out.size() < bytes && !records.isEmpty())
        out += records;
    return out;
}

/// Data rows (no header) of a CSV, at least `bytes` of them.
QByteArray csvRows(const QByteArray &file, qint64 bytes) {
    const qsizetype headerEnd = file.indexOf('\n') + 1;
    const QByteArray rows = file.mid(headerEnd);
    QByteArray out;
    while (out.size() < bytes && !rows.isEmpty())
        out += rows;
    const qsizetype cut = out.indexOf('\n', bytes);
    return cut < 0 ? out : out.left(cut + 1);
}

bool append(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::Append) && f.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("runlens.*.debug=false"));
    QString dir = QDir::current().filePath(QStringLiteral("bench-refresh"));
    int runs = 60;
    int rounds = 5;
    qint64 growBytes = 1 << 20;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString &k = args.at(i);
        if (k == u"--dir")
            dir = args.at(i + 1);
        else if (k == u"--runs")
            runs = args.at(i + 1).toInt();
        else if (k == u"--rounds")
            rounds = args.at(i + 1).toInt();
        else if (k == u"--grow-mb")
            growBytes = qint64(args.at(i + 1).toDouble() * (1 << 20));
        else {
            std::fprintf(stderr, "usage: bench_refresh [--dir D] [--runs N] [--grow-mb F] "
                                 "[--rounds N]\n");
            return 2;
        }
    }
    dir = QDir(dir).absolutePath();
    if (!QFileInfo::exists(dir + QStringLiteral("/mlruns"))) {
        demo::DemoOptions options;
        options.runs = runs;
        options.steps = 1000;
        QString error;
        if (!demo::writeDemoFolder(dir, options, {}, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    const QString event =
        findFile(dir + QStringLiteral("/tensorboard"), QStringLiteral("events.out.tfevents.*"));
    const QString csv =
        findFile(dir + QStringLiteral("/lightning_logs"), QStringLiteral("metrics.csv"));
    if (event.isEmpty() || csv.isEmpty()) {
        std::fprintf(stderr, "no event file or metrics.csv below %s\n", qPrintable(dir));
        return 1;
    }
    QFile ef(event);
    QFile cf(csv);
    if (!ef.open(QIODevice::ReadOnly) || !cf.open(QIODevice::ReadOnly))
        return 1;
    const QByteArray eventGrowth = eventRecords(ef.readAll(), growBytes);
    const QByteArray csvGrowth = csvRows(cf.readAll(), growBytes);

    sources::ImportOptions options;
    options.cachePath = dir + QStringLiteral(".cache.sqlite");
    QFile::remove(options.cachePath);
    options.sources = {dir};
    options.threads = 2;
    std::atomic_bool cancel{false};
    QElapsedTimer t;
    t.start();
    const sources::ImportSummary first = sources::ImportJob(options).run(cancel);
    std::printf("folder: %s\nruns: %lld (full import %.0f ms)\n", qPrintable(dir),
                qlonglong(first.runs), double(t.nsecsElapsed()) / 1e6);
    std::printf("growth per round: event file +%lld bytes (%s), metrics.csv +%lld bytes (%s)\n",
                qlonglong(eventGrowth.size()), qPrintable(QDir(dir).relativeFilePath(event)),
                qlonglong(csvGrowth.size()), qPrintable(QDir(dir).relativeFilePath(csv)));
    if (eventGrowth.size() < growBytes / 2) {
        std::fprintf(stderr, "the event file is too small to grow by %lld bytes\n",
                     qlonglong(growBytes));
        return 1;
    }

    std::vector<double> unchangedMs;
    std::vector<double> eventMs;
    std::vector<double> csvMs;
    for (int r = 0; r < rounds; ++r) {
        t.restart();
        sources::ImportJob(options).run(cancel);
        unchangedMs.push_back(double(t.nsecsElapsed()) / 1e6);

        if (!append(event, eventGrowth))
            return 1;
        t.restart();
        const sources::ImportSummary s = sources::ImportJob(options).run(cancel);
        eventMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (s.bytesRead < eventGrowth.size() || s.bytesRead > eventGrowth.size() + 65536) {
            std::fprintf(stderr, "round %d read %lld bytes for an event-file growth of %lld\n", r,
                         qlonglong(s.bytesRead), qlonglong(eventGrowth.size()));
        }

        if (!append(csv, csvGrowth))
            return 1;
        t.restart();
        sources::ImportJob(options).run(cancel);
        csvMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("refresh, nothing changed:        median %.1f ms\n", median(unchangedMs));
    std::printf("refresh, event file grew:        median %.1f ms (target <= 50)\n",
                median(eventMs));
    std::printf("refresh, metrics.csv grew:       median %.1f ms (target <= 50)\n", median(csvMs));
    return 0;
}
