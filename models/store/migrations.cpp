// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"

#include "database.h"
#include "filescodec.h"
#include "seriescodec.h"
#include "seriespyramid.h"

#include <QCoreApplication>

namespace runlens::store {

namespace {

// Version 1, the original schema. Never edit it: old cache files were made by it, and
// tests/models/store/data/cache-v1.sqlite checks that they still upgrade.
//
// runs.config, .tags and .summaries are RecordCodec blobs; series.points is a SeriesCodec blob
// with series.count caching its number of points. inode is stored as the two's-complement
// qint64 of the quint64.
constexpr const char *schemaV1 = R"sql(
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    source_root TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    run_key     TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    uid         TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    experiment  TEXT    NOT NULL,
    status      INTEGER NOT NULL,
    deleted     INTEGER NOT NULL,
    start_ms    INTEGER NOT NULL,
    end_ms      INTEGER NOT NULL,
    config      BLOB    NOT NULL,
    tags        BLOB    NOT NULL,
    summaries   BLOB    NOT NULL,
    UNIQUE (source_root, path)
);
CREATE TABLE series (
    id     INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key    TEXT    NOT NULL,
    count  INTEGER NOT NULL,
    points BLOB    NOT NULL,
    UNIQUE (run_id, key)
);
CREATE TABLE files (
    run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    rel_path TEXT    NOT NULL,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    inode    INTEGER NOT NULL,
    offset   INTEGER NOT NULL,
    PRIMARY KEY (run_id, rel_path)
) WITHOUT ROWID;
)sql";

// Version 2: what version 1 lacked. A source row per folder the user opened, with the time of
// its last finished import, and the problems that import reported (version 1 forgot problems
// between sessions). Sources that already have runs are registered, not yet imported.
constexpr const char *schemaV2 = R"sql(
CREATE TABLE sources (
    root             TEXT PRIMARY KEY,
    last_import_ms   INTEGER
);
CREATE TABLE problems (
    id          INTEGER PRIMARY KEY,
    source_root TEXT NOT NULL REFERENCES sources (root) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    location    TEXT NOT NULL,
    message     TEXT NOT NULL
);
CREATE INDEX problems_by_source ON problems (source_root);
CREATE INDEX runs_by_key ON runs (run_key);
INSERT INTO sources (root) SELECT DISTINCT source_root FROM runs;
)sql";

// Version 3: a run's file fingerprints as one FilesCodec blob instead of a row per file. Writing
// a run becomes one insert instead of one per file (46 for an MLflow run), and loading a
// source's fingerprints one decode per run instead of a row and a hash insert per file.
// run_id is the rowid: no second index.
constexpr const char *schemaV3 = R"sql(
CREATE TABLE run_files (
    run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    data   BLOB NOT NULL
);
)sql";

// Version 4: points appended to a series go to its tail, one row per append, instead of being
// concatenated onto series.points, which rewrote the whole blob: refreshing a live run cost
// time in the size of its series, not of the new points. Readers append the tail's chunks, in
// seq order, to the series blob.
constexpr const char *schemaV4 = R"sql(
CREATE TABLE series_tail (
    series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    points    BLOB    NOT NULL,
    PRIMARY KEY (series_id, seq)
) WITHOUT ROWID;
)sql";

// Version 5: the series pyramid (see seriespyramid.h). Raw points in pages of at most 4096 as
// series_tail rows (series.points stays empty), a per-series index of those pages, and
// aggregate levels of 16, 64, 256 ... points, so that a chart's slice reads about what it draws.
//
// series_tail becomes a rowid table, and series_level is one: in a WITHOUT ROWID table a row is
// its key, and SQLite reads the whole of an overflowing row (a 40 KB page) for every key
// comparison of a lookup, which made reading one page of a 1M-point series cost milliseconds.
constexpr const char *schemaV5 = R"sql(
ALTER TABLE series_tail RENAME TO series_tail_v4;
CREATE TABLE series_tail (
    series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    points    BLOB    NOT NULL,
    PRIMARY KEY (series_id, seq)
);
CREATE TABLE series_index (
    series_id INTEGER PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
    data      BLOB NOT NULL
);
CREATE TABLE series_level (
    series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    level     INTEGER NOT NULL,
    page      INTEGER NOT NULL,
    data      BLOB    NOT NULL,
    PRIMARY KEY (series_id, level, page)
);
)sql";

// Rewrites every series in the v5 layout: a big old cache takes a while, once.
bool migrateToV5(Database &db) {
    if (!db.exec(schemaV5))
        return false;
    std::vector<qint64> ids;
    {
        Statement select(db, "SELECT id FROM series ORDER BY id");
        if (!select.isValid())
            return false;
        Statement::Scope scope(select);
        Statement::Result r;
        while ((r = select.step()) == Statement::Result::Row)
            ids.push_back(select.columnInt(0));
        if (r != Statement::Result::Done)
            return false;
    }
    {
        Statement blob(db, "SELECT points FROM series WHERE id = ?1");
        Statement tail(db, "SELECT points FROM series_tail_v4 WHERE series_id = ?1 ORDER BY seq");
        Statement clear(db, "UPDATE series SET points = x'' WHERE id = ?1");
        if (!blob.isValid() || !tail.isValid() || !clear.isValid())
            return false;
        PyramidWriter writer(db);
        for (const qint64 id : ids) {
            QByteArray chunks;
            {
                Statement::Scope scope(blob);
                blob.bind(1, id);
                if (blob.step() != Statement::Result::Row)
                    return false;
                chunks = blob.columnBlob(0).toByteArray();
            }
            {
                Statement::Scope scope(tail);
                tail.bind(1, id);
                Statement::Result r;
                while ((r = tail.step()) == Statement::Result::Row)
                    chunks += tail.columnBlob(0);
                if (r != Statement::Result::Done)
                    return false;
            }
            // A damaged blob keeps its good chunks, as loadSeries would have shown them.
            core::MetricPoints points;
            SeriesCodec::decode(chunks, &points);
            Statement::Scope scope(clear);
            clear.bind(1, id);
            if (!clear.exec() || !writer.replace(id, points))
                return false;
        }
    } // the statements end before the DROP
    return db.exec("DROP TABLE series_tail_v4");
}

bool flushFiles(Statement &insert, qint64 runId, const std::vector<FileState> &files) {
    Statement::Scope scope(insert);
    insert.bind(1, runId);
    const QByteArray data = FilesCodec::encode(files);
    insert.bindBlobNoCopy(2, data);
    return insert.exec();
}

// Moves the rows of `files` into run_files blobs, then drops `files`.
bool migrateToV3(Database &db) {
    if (!db.exec(schemaV3))
        return false;
    {
        // The statements end before the DROP: a table with a pending reader cannot be dropped.
        Statement select(db, "SELECT run_id, rel_path, size, mtime_ns, inode, offset FROM files "
                             "ORDER BY run_id");
        Statement insert(db, "INSERT INTO run_files (run_id, data) VALUES (?1, ?2)");
        if (!select.isValid() || !insert.isValid())
            return false;
        Statement::Scope scope(select);
        qint64 runId = -1;
        std::vector<FileState> files;
        Statement::Result r;
        while ((r = select.step()) == Statement::Result::Row) {
            const qint64 id = select.columnInt(0);
            if (id != runId) {
                if (runId >= 0 && !flushFiles(insert, runId, files))
                    return false;
                runId = id;
                files.clear();
            }
            files.push_back(FileState{select.columnText(1), select.columnInt(2),
                                      select.columnInt(3), quint64(select.columnInt(4)),
                                      select.columnInt(5)});
        }
        if (r != Statement::Result::Done)
            return false;
        if (runId >= 0 && !flushFiles(insert, runId, files))
            return false;
    }
    return db.exec("DROP TABLE files");
}

} // namespace

const std::vector<Migration> &Migrations::ladder() {
    static const std::vector<Migration> rungs = {
        {1,
         [](Database &db) {
             return db.exec(schemaV1);
         }},
        {2,
         [](Database &db) {
             return db.exec(schemaV2);
         }},
        {3, migrateToV3},
        {4,
         [](Database &db) {
             return db.exec(schemaV4);
         }},
        {5, migrateToV5},
    };
    return rungs;
}

bool Migrations::run(Database &db, const std::vector<Migration> &ladder, QString *error) {
    const auto fail = [&](int version) {
        const QString reason = db.errorMessage();
        if (error) {
            *error = QCoreApplication::translate(
                         "runlens::store::Cache",
                         "The cache “%1” could not be upgraded to schema version %2: %3.")
                         .arg(db.path())
                         .arg(version)
                         .arg(reason);
        }
        qCWarning(lcStore) << "migration to" << version << "failed:" << reason;
        return false;
    };

    for (const Migration &rung : ladder) {
        Transaction tx(db, Transaction::Kind::Immediate);
        if (!tx.isActive())
            return fail(rung.version);
        const std::optional<qint64> current = db.queryInt("PRAGMA user_version");
        if (!current)
            return fail(rung.version);
        if (*current >= rung.version)
            continue; // already there, maybe climbed by another connection meanwhile
        if (*current != rung.version - 1) {
            db.setErrorMessage(QCoreApplication::translate("runlens::store::Cache",
                                                           "no upgrade step starts at version %1")
                                   .arg(*current));
            return fail(rung.version);
        }
        if (!rung.apply(db))
            return fail(rung.version);
        // PRAGMA takes no parameters; the number is ours, not user input.
        const QByteArray bump = "PRAGMA user_version = " + QByteArray::number(rung.version);
        if (!db.exec(bump.constData()) || !tx.commit())
            return fail(rung.version);
        qCDebug(lcStore) << "cache" << db.path() << "upgraded to schema version" << rung.version;
    }
    return true;
}

} // namespace runlens::store
