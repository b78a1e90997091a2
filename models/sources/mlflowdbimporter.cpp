// SPDX-License-Identifier: GPL-3.0-or-later
#include "mlflowdbimporter.h"

#include "core/configtree.h"
#include "optunaimporter.h"
#include "sqlitesource.h"

#include <QCoreApplication>
#include <limits>
#include <memory>

namespace runlens::sources {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::MlflowDbImporter)
};

using sqlitesource::Connection;
using Result = store::Statement::Result;

bool isMlflowSchema(const QSet<QString> &tables) {
    return tables.contains(QStringLiteral("experiments")) &&
           tables.contains(QStringLiteral("runs")) && tables.contains(QStringLiteral("metrics")) &&
           tables.contains(QStringLiteral("params")) && tables.contains(QStringLiteral("tags"));
}

bool namedMlflow(QStringView name) {
    return name.contains(u"mlflow", Qt::CaseInsensitive);
}

} // namespace

QString MlflowDbImporter::id() const {
    return QStringLiteral("mlflow-db");
}

QString MlflowDbImporter::displayName() const {
    return QStringLiteral("MLflow (SQLite)");
}

double MlflowDbImporter::metricValue(double stored, bool isNan) {
    constexpr double maxDouble = std::numeric_limits<double>::max();
    if (isNan)
        return std::numeric_limits<double>::quiet_NaN();
    if (stored >= maxDouble)
        return std::numeric_limits<double>::infinity();
    if (stored <= -maxDouble)
        return -std::numeric_limits<double>::infinity();
    return stored;
}

bool MlflowDbImporter::sniff(const FolderListing &folder) const {
    for (const FolderEntry &e : folder.entries) {
        if (e.isFile && OptunaImporter::isDatabaseName(e.name))
            return true;
    }
    return false;
}

FolderClaim MlflowDbImporter::scanFolder(const FolderListing &folder, ScanContext &context) const {
    FolderClaim claim;
    auto problem = [&](const QString &path, const QString &message) {
        if (context.problems)
            context.problems->append({path, {}, message});
    };
    for (const FolderEntry &e : folder.entries) {
        if (!e.isFile || !OptunaImporter::isDatabaseName(e.name))
            continue;
        const QString abs = folder.absPath + u'/' + e.name;
        const QString rel = folder.relPath.isEmpty() ? e.name : folder.relPath + u'/' + e.name;
        const bool named = namedMlflow(e.name);
        const sqlitesource::Header header = sqlitesource::readHeader(abs);
        if (header.kind != sqlitesource::HeaderKind::Sqlite) {
            if (named)
                problem(abs, header.kind == sqlitesource::HeaderKind::Empty
                                 ? Tr::tr("The file is empty, not an MLflow database")
                                 : Tr::tr("The file is not an SQLite database"));
            continue;
        }
        const auto fp = sqlitesource::fingerprint(abs);
        QString error;
        std::unique_ptr<Connection> fallback;
        Connection *c = sqlitesource::openForListing(abs, fp.files, header.wal, &fallback, &error);
        if (!c) {
            if (named)
                problem(abs, error);
            continue;
        }
        if (!isMlflowSchema(c->tables())) {
            if (named)
                problem(abs, Tr::tr("The database has no MLflow tables (experiments, runs)"));
            continue;
        }
        store::Statement &s = c->statement(
            "SELECT r.run_uuid, r.lifecycle_stage, e.name, e.lifecycle_stage, r.experiment_id "
            "FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id "
            "ORDER BY r.experiment_id, r.start_time, r.run_uuid");
        if (!s.isValid()) {
            problem(abs, Tr::tr("Cannot read the runs: %1").arg(c->lastError()));
            continue;
        }
        store::Statement::Scope scope(s);
        Result r;
        while ((r = s.step()) == Result::Row) {
            RunLocation loc;
            loc.importer = id();
            loc.absPath = abs;
            loc.detail = s.columnText(0);
            loc.relPath = rel + u'#' + loc.detail;
            loc.group = s.isNull(2) ? s.columnText(4) : s.columnText(2);
            loc.deleted = s.columnText(1) == u"deleted" || s.columnText(3) == u"deleted";
            claim.runs.push_back(std::move(loc));
        }
        if (r == Result::Error)
            problem(abs, Tr::tr("Cannot read the runs: %1").arg(c->lastError()));
    }
    return claim;
}

ReadResult MlflowDbImporter::read(const RunLocation &location, const QString &sourceRoot,
                                  const PreviousState &previous,
                                  const std::atomic_bool &cancel) const {
    ReadResult result;
    if (cancel.load(std::memory_order_relaxed)) {
        result.outcome = ReadResult::Outcome::Cancelled;
        return result;
    }
    sqlitesource::ReadStart start =
        sqlitesource::beginRead(location.absPath, location, previous, result);
    Connection *c = start.connection;
    if (!c)
        return result;
    auto failed = [&] {
        sqlitesource::failRead(*c, location.absPath, result);
        return std::move(result);
    };
    store::RunUpdate &update = result.update;
    core::Run &run = update.run;

    // TOTAL, not SUM: it never fails on an integer overflow.
    // The database changed, but a live store changes with every logged value of any run: a
    // signature of this run's rows (indexed aggregates, no points) tells whether it did.
    store::Statement &sig = c->statement(
        "SELECT r.status, r.end_time, r.lifecycle_stage, r.name, e.name, e.lifecycle_stage, "
        "(SELECT COUNT(*) || ':' || IFNULL(MAX(timestamp), 0) || ':' || TOTAL(step) || "
        "':' || TOTAL(value) FROM metrics WHERE run_uuid = ?1), "
        "(SELECT COUNT(*) || ':' || TOTAL(LENGTH(key) + LENGTH(value)) FROM params "
        "WHERE run_uuid = ?1), "
        "(SELECT COUNT(*) || ':' || TOTAL(LENGTH(key) + LENGTH(value)) || ':' || "
        "TOTAL(unicode(value)) FROM tags WHERE run_uuid = ?1) "
        "FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id "
        "WHERE r.run_uuid = ?1");
    if (!sig.isValid())
        return failed();
    quint64 signature = 0;
    {
        store::Statement::Scope scope(sig);
        sig.bind(1, location.detail);
        const Result r = sig.step();
        if (r == Result::Error)
            return failed();
        if (r == Result::Done) {
            result.outcome = ReadResult::Outcome::NotARun;
            return result;
        }
        QByteArray text;
        for (int i = 0; i < 9; ++i) {
            text += sig.columnUtf8(i);
            text += '\x1f';
        }
        signature = qHash(text, 0x5eed);
    }
    const QString signatureName = QStringLiteral("#run");
    if (start.previous) {
        const store::FileStates prevFiles = start.previous->decodedFiles();
        const store::FileState *prevSig = prevFiles.find(signatureName);
        if (prevSig && quint64(prevSig->size) == signature &&
            (start.previous->run.deleted || !location.deleted)) {
            result.outcome = ReadResult::Outcome::Unchanged;
            return result;
        }
    }
    start.files.push_back(store::FileState{signatureName, qint64(signature), 0, 0, 0, 0});

    store::Statement &meta =
        c->statement("SELECT r.name, r.status, r.start_time, r.end_time, r.lifecycle_stage, "
                     "r.experiment_id, e.name, e.lifecycle_stage, r.user_id "
                     "FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id "
                     "WHERE r.run_uuid = ?1");
    if (!meta.isValid())
        return failed();
    {
        store::Statement::Scope scope(meta);
        meta.bind(1, location.detail);
        const Result r = meta.step();
        if (r == Result::Error)
            return failed();
        if (r == Result::Done) {
            result.outcome = ReadResult::Outcome::NotARun; // deleted since the scan
            return result;
        }
        run.uid = location.detail;
        run.name = meta.columnText(0);
        run.status = core::statusFromName(meta.columnText(1));
        run.startMs = meta.isNull(2) ? 0 : meta.columnInt(2);
        run.endMs = meta.isNull(3) ? 0 : meta.columnInt(3);
        run.deleted = meta.columnText(4) == u"deleted" || meta.columnText(7) == u"deleted" ||
                      location.deleted;
        run.experiment = meta.isNull(6) ? meta.columnText(5) : meta.columnText(6);
    }

    store::Statement &params =
        c->statement("SELECT key, value FROM params WHERE run_uuid = ?1 ORDER BY key");
    if (!params.isValid())
        return failed();
    {
        store::Statement::Scope scope(params);
        params.bind(1, location.detail);
        Result r;
        while ((r = params.step()) == Result::Row)
            run.config.set(params.columnText(0),
                           core::ConfigTree::inferScalar(params.columnText(1)));
        if (r == Result::Error)
            return failed();
    }

    store::Statement &tags = c->statement("SELECT key, value FROM tags WHERE run_uuid = ?1");
    if (!tags.isValid())
        return failed();
    {
        store::Statement::Scope scope(tags);
        tags.bind(1, location.detail);
        Result r;
        while ((r = tags.step()) == Result::Row)
            run.tags.insert(tags.columnText(0), tags.columnText(1));
        if (r == Result::Error)
            return failed();
    }
    if (run.name.isEmpty())
        run.name = run.tags.value(QStringLiteral("mlflow.runName"));
    if (run.name.isEmpty())
        run.name = run.uid;

    // Chronological per key; at equal (step, timestamp) the greater value comes last, so the
    // summary's "latest" is MLflow's max (step, timestamp, value).
    store::Statement &metrics =
        c->statement("SELECT key, value, timestamp, step, is_nan FROM metrics "
                     "WHERE run_uuid = ?1 ORDER BY key, timestamp, step, value");
    if (!metrics.isValid())
        return failed();
    {
        store::Statement::Scope scope(metrics);
        metrics.bind(1, location.detail);
        Result r;
        QString key;
        QByteArray keyBytes;
        core::MetricPoints points;
        auto flush = [&] {
            if (points.empty())
                return;
            run.metricRef(key).add(points);
            update.series.push_back(store::RunUpdate::Series{key, false, std::move(points)});
            points = {};
        };
        while ((r = metrics.step()) == Result::Row) {
            if (cancel.load(std::memory_order_relaxed)) {
                result.outcome = ReadResult::Outcome::Cancelled;
                return result;
            }
            const QByteArrayView k = metrics.columnUtf8(0);
            if (points.empty() || k != QByteArrayView(keyBytes)) {
                flush();
                keyBytes = k.toByteArray();
                key = QString::fromUtf8(keyBytes);
            }
            points.push_back(
                core::MetricPoint{metrics.columnInt(3), metrics.columnInt(2),
                                  metricValue(metrics.columnDouble(1), metrics.columnInt(4) != 0)});
        }
        if (r == Result::Error)
            return failed();
        flush();
    }

    update.files = std::move(start.files);
    run.format = QStringLiteral("mlflow");
    run.key = core::Run::makeKey(run.format, run.uid);
    run.sourceRoot = sourceRoot;
    run.path = location.relPath;
    result.outcome = ReadResult::Outcome::Updated;
    return result;
}

} // namespace runlens::sources
