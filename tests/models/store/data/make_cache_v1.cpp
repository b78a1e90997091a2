// SPDX-License-Identifier: GPL-3.0-or-later
// Writes cache-v1.sqlite, a cache as RunLens schema version 1 left it. Run once; the output is
// committed and must not be regenerated after the schema moves on (see README.md).
#include "store/database.h"
#include "store/migrations.h"
#include "store/recordcodec.h"
#include "store/seriescodec.h"

#include <QCoreApplication>
#include <QFile>
#include <cstdio>
#include <limits>

using namespace runlens;
using namespace runlens::store;

namespace {

bool insertRun(Database &db, const core::Run &run, const std::vector<core::MetricPoints> &series,
               const std::vector<std::pair<QString, qint64>> &files) {
    Statement s(db, "INSERT INTO runs (source_root, path, run_key, format, uid, name, "
                    "experiment, status, deleted, start_ms, end_ms, config, tags, summaries) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    s.bind(1, run.sourceRoot);
    s.bind(2, run.path);
    s.bind(3, run.key);
    s.bind(4, run.format);
    s.bind(5, run.uid);
    s.bind(6, run.name);
    s.bind(7, run.experiment);
    s.bind(8, int(run.status));
    s.bind(9, int(run.deleted));
    s.bind(10, run.startMs);
    s.bind(11, run.endMs);
    s.bindBlob(12, RecordCodec::encodeConfig(run.config));
    s.bindBlob(13, RecordCodec::encodeTags(run.tags));
    s.bindBlob(14, RecordCodec::encodeSummaries(run.metrics));
    if (!s.exec())
        return false;
    const qint64 id = *db.queryInt("SELECT last_insert_rowid()");
    for (size_t i = 0; i < series.size(); ++i) {
        Statement p(db, "INSERT INTO series (run_id, key, count, points) VALUES (?1, ?2, ?3, ?4)");
        p.bind(1, id);
        p.bind(2, run.metrics[i].key);
        p.bind(3, qint64(series[i].size()));
        p.bindBlob(4, SeriesCodec::encode(series[i]));
        if (!p.exec())
            return false;
    }
    for (const auto &[rel, size] : files) {
        Statement f(db, "INSERT INTO files (run_id, rel_path, size, mtime_ns, inode, offset) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        f.bind(1, id);
        f.bind(2, rel);
        f.bind(3, size);
        f.bind(4, qint64(1700000000123456789));
        f.bind(5, qint64(std::numeric_limits<quint64>::max() - 1)); // inode with the top bit set
        f.bind(6, size / 2);
        if (!f.exec())
            return false;
    }
    return true;
}

core::Run makeRun(const QString &root, const QString &path, const QString &name) {
    core::Run r;
    r.sourceRoot = root;
    r.path = path;
    r.format = QStringLiteral("mlflow");
    r.uid = path.section(u'/', -1);
    r.key = core::Run::makeKey(r.format, r.uid);
    r.name = name;
    r.experiment = QStringLiteral("baseline");
    r.status = core::RunStatus::Finished;
    r.startMs = 1700000000000;
    r.endMs = 1700000360000;
    return r;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_cache_v1 <output.sqlite>\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QFile::remove(out);
    Database db;
    QString error;
    if (!db.open(out) || !db.exec("PRAGMA journal_mode = DELETE") ||
        !Migrations::run(db, {Migrations::ladder().front()}, &error)) {
        std::fprintf(stderr, "%s %s\n", qPrintable(error), qPrintable(db.errorMessage()));
        return 1;
    }

    const QString rootA = QStringLiteral("/data/experiments");
    const QString rootB = QStringLiteral("/home/ana/sweeps");

    core::Run a = makeRun(rootA, QStringLiteral("mlruns/1/aaaa1111"), QStringLiteral("résumé-α"));
    a.config.set(QStringLiteral("lr"), 0.001);
    a.config.set(QStringLiteral("epochs"), qint64(20));
    a.config.set(QStringLiteral("optimizer"), QStringLiteral("adam"));
    a.config.set(QStringLiteral("amp"), true);
    a.config.set(QStringLiteral("seed"), QVariant());
    a.tags.insert(QStringLiteral("mlflow.user"), QStringLiteral("ana"));
    core::MetricPoints loss{
        {0, 1700000001000, 2.5}, {1, 1700000002000, 1.25}, {2, 1700000003000, 0.75}};
    core::MetricPoints acc{{0, 1700000001000, 0.5}, {2, 1700000003000, 0.875}};
    a.metricRef(QStringLiteral("acc")).add(acc);
    a.metricRef(QStringLiteral("loss")).add(loss);
    if (!insertRun(db, a, {acc, loss},
                   {{QStringLiteral("meta.yaml"), 321}, {QStringLiteral("metrics/loss"), 90}}))
        return 1;

    core::Run b = makeRun(rootA, QStringLiteral("mlruns/1/bbbb2222"), QStringLiteral("second"));
    b.deleted = true;
    b.status = core::RunStatus::Failed;
    b.config.set(QStringLiteral("lr"), 0.01);
    if (!insertRun(db, b, {}, {}))
        return 1;

    core::Run c = makeRun(rootB, QStringLiteral("run-7"), QStringLiteral("sweep 7"));
    c.format = QStringLiteral("csv");
    c.key = core::Run::makeKey(c.format, c.uid);
    core::MetricPoints val{{10, 0, 0.125}};
    c.metricRef(QStringLiteral("val/loss")).add(val);
    if (!insertRun(db, c, {val}, {{QStringLiteral("metrics.csv"), 4096}}))
        return 1;

    db.exec("VACUUM");
    std::printf("wrote %s\n", argv[1]);
    return 0;
}
