// SPDX-License-Identifier: GPL-3.0-or-later
// bench_databases [--runs 2000] [--metrics 6] [--steps 100] [--params 8] [--threads 2]
//
// Times the database-backed importers on their demo writers' output in a temporary folder:
// for Optuna (one study file per experiment), the MLflow SQLite store and a Kedro project,
//   (a) full import into a fresh cache, (b) re-import of the unchanged files (one stat per run),
//   (c) re-import after a write to the database (every run of it is read again).

#include "demo/demodatabases.h"
#include "sources/importjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <sqlite3.h>

using namespace runlens;

namespace {

sources::ImportSummary import(const QString &cache, const QString &source, int threads,
                              qint64 *ms) {
    sources::ImportOptions options;
    options.cachePath = cache;
    options.sources = {source};
    options.threads = threads;
    std::atomic_bool cancel{false};
    QElapsedTimer t;
    t.start();
    sources::ImportSummary s = sources::ImportJob(options).run(cancel);
    *ms = t.elapsed();
    return s;
}

/// A committed write to one database file of source, as a live writer would make.
void touch(const QString &db, const char *sql) {
    sqlite3 *h = nullptr;
    if (sqlite3_open(db.toUtf8().constData(), &h) == SQLITE_OK)
        sqlite3_exec(h, sql, nullptr, nullptr, nullptr);
    sqlite3_close(h);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    demo::DemoOptions o;
    o.runs = 2000;
    o.steps = 100;
    o.metrics = 6;
    int threads = 2;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const int v = args.at(i + 1).toInt();
        if (args.at(i) == u"--runs")
            o.runs = v;
        else if (args.at(i) == u"--metrics")
            o.metrics = v;
        else if (args.at(i) == u"--steps")
            o.steps = v;
        else if (args.at(i) == u"--params")
            o.params = v;
        else if (args.at(i) == u"--threads")
            threads = v;
    }
    QTemporaryDir tmp;
    QString error;
    QElapsedTimer t;
    t.start();
    if (!demo::writeDemoOptuna(tmp.path(), o, &error) ||
        !demo::writeDemoMlflowDb(tmp.path(), o, &error) ||
        !demo::writeDemoKedro(tmp.path(), o, &error)) {
        std::fprintf(stderr, "cannot write the demo: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("demo written in %lld ms (%d runs x %d metrics x %d steps)\n", t.elapsed(), o.runs,
                o.metrics, o.steps);
    struct Case {
        const char *name;
        QString source;
        QString db;
        const char *write;
    };
    const QString optunaDir = tmp.filePath(QStringLiteral("optuna"));
    const QStringList studies = QDir(optunaDir).entryList({QStringLiteral("*.db")});
    const Case cases[] = {
        {"optuna", optunaDir, optunaDir + u'/' + studies.value(0),
         "UPDATE trial_values SET value = value + 1 WHERE trial_id = 1"},
        {"mlflow-db", tmp.filePath(QStringLiteral("mlflow-db")),
         tmp.filePath(QStringLiteral("mlflow-db/mlflow.db")),
         "UPDATE runs SET status = 'KILLED' WHERE rowid = 1"},
        {"kedro", tmp.filePath(QStringLiteral("kedro")),
         tmp.filePath(QStringLiteral("kedro/kedro-demo/data/session_store.db")),
         "INSERT INTO user_run_details (run_id, bookmark, title, notes) "
         "SELECT id, 1, 'starred', '' FROM runs LIMIT 1"},
    };
    for (const Case &c : cases) {
        const QString cache = tmp.filePath(QString::fromLatin1(c.name) + QStringLiteral(".sqlite"));
        qint64 full = 0, unchanged = 0, touched = 0;
        const sources::ImportSummary a = import(cache, c.source, threads, &full);
        const sources::ImportSummary b = import(cache, c.source, threads, &unchanged);
        touch(c.db, c.write);
        const sources::ImportSummary d = import(cache, c.source, threads, &touched);
        std::printf("%-10s runs %6lld points %8lld | full %6lld ms | unchanged %5lld ms "
                    "(%lld unchanged) | after a write %6lld ms (%lld unchanged) | problems %lld\n",
                    c.name, a.runs, a.points, full, unchanged, b.unchanged, touched, d.unchanged,
                    qlonglong(a.problems.size() + b.problems.size() + d.problems.size()));
    }
    return 0;
}
