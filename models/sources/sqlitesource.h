// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/problem.h"
#include "importer.h"
#include "store/cache.h"
#include "store/database.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>
#include <memory>
#include <vector>

/// What the database-backed importers (Optuna, MLflow's SQLite store, Kedro's session store)
/// share: fingerprints of a database file and its -wal, read-only connections that never write
/// into the user's folder, and the sorting of SQLite failures into "broken" and "retry later".
namespace runlens::sources::sqlitesource {

/// The fingerprints of a database file and, when present, its "-wal" file. relPath is the file
/// name (or prefix + file name), so a run's FileStates hold both.
struct DbFingerprint {
    bool exists = false;
    bool isFile = false;
    int error = 0; ///< errno of a failed stat of the database (0: none or missing)
    std::vector<store::FileState> files;
};
DbFingerprint fingerprint(const QString &dbPath, const QString &relPrefix = {});

/// True when every file of current has the same fingerprint in previous and no file is missing
/// or extra.
bool sameFiles(const std::vector<store::FileState> &current, const store::FileStates &previous);

/// Like sameFiles, ignoring the entries of previous whose name starts with '#' (a run's own
/// signature that an importer keeps beside the database's fingerprints).
bool sameDatabase(const std::vector<store::FileState> &current, const store::FileStates &previous);

/// What the first bytes of a file say.
enum class HeaderKind { Sqlite, Empty, NotSqlite, Unreadable };
struct Header {
    HeaderKind kind = HeaderKind::Unreadable;
    bool wal = false; ///< the header's read/write versions say WAL mode
    int error = 0;
};
Header readHeader(const QString &path);

/// Why a database could not be used.
enum class Failure {
    None,
    Busy,   ///< locked by a writer, or a hot journal only a writer can roll back: retry later
    Broken, ///< not a database, malformed, truncated, an unknown schema
};

/// A read-only connection with its prepared statements, reused by the calls of one thread while
/// the file's fingerprint stays the same.
class Connection {
public:
    /// A statement prepared once per connection; sql must be a string literal (its address is
    /// the key).
    store::Statement &statement(const char *sql);
    store::Database &db() { return m_db; }
    /// The names of the database's tables (read once).
    const QSet<QString> &tables();
    /// The columns of one table (PRAGMA table_info).
    QSet<QString> columns(const QString &table);
    /// Whether table has column (asked once per connection).
    bool hasColumn(const QString &table, const QString &column);

    /// Sorts the connection's last error.
    [[nodiscard]] Failure lastFailure() const;
    [[nodiscard]] QString lastError() const { return m_db.errorMessage(); }

private:
    friend Connection *open(const QString &, const std::vector<store::FileState> &, bool, QString *,
                            Failure *);
    friend std::unique_ptr<Connection> openImmutable(const QString &, QString *);
    store::Database m_db;
    std::vector<std::pair<const char *, std::unique_ptr<store::Statement>>> m_statements;
    QSet<QString> m_tables;
    bool m_haveTables = false;
    QHash<QString, QSet<QString>> m_columns;
};

/// The calling thread's read-only connection to path (opened on first use, reopened when the
/// fingerprint changed). The header decides how: a WAL database without a -wal file is opened
/// immutable (a reader must not create -wal/-shm files); otherwise mode=ro with a busy timeout.
/// Null with *error and *failure set when the file is not a usable database. The connection
/// stays valid until this thread opens more than a few other databases.
Connection *open(const QString &path, const std::vector<store::FileState> &fingerprint, bool wal,
                 QString *error, Failure *failure);

/// A connection of its own, opened immutable=1: a last resort for listing the runs of a database
/// a writer keeps locked (the list may be stale; reading the runs then waits for the lock).
std::unique_ptr<Connection> openImmutable(const QString &path, QString *error);

/// For listing a database's runs during the scan: the thread's connection (open()), or, when a
/// writer holds the lock, an immutable one kept in *fallback (openImmutable()). Null with
/// *error when the file cannot be read as a database at all.
Connection *openForListing(const QString &path, const std::vector<store::FileState> &fingerprint,
                           bool wal, std::unique_ptr<Connection> *fallback, QString *error);

/// The usual start of reading one run stored in the database at dbPath: Unchanged (in result)
/// when the database and its -wal kept their fingerprints, Skipped when it vanished or cannot be
/// read now (with a problem, once per locked file and thread), else the open connection.
struct ReadStart {
    Connection *connection = nullptr;
    std::vector<store::FileState> files;
    const store::PreviousRun *previous = nullptr;
};
ReadStart beginRead(const QString &dbPath, const RunLocation &location,
                    const PreviousState &previous, ReadResult &result);

/// Reports a failed query of a run: a lock → Skipped (retry on the next import), anything else
/// → Skipped with the database's message.
void failRead(Connection &c, const QString &dbPath, ReadResult &result);

/// A query of path's connection failed with a lock timeout: fail further opens of the same
/// unchanged file at once for a moment instead of waiting again.
void noteBusy(const QString &path);

/// Drops the calling thread's connections (tests: before deleting a database).
void closeThreadConnections();

/// "file:" URI of a path, escaped for SQLite, with the given query ("mode=ro").
QString uriOf(const QString &path, const QString &query);

/// Milliseconds since the epoch of "2026-02-01 20:32:31.282655" or "2026-06-10T18:38:20.0978"
/// (naive times are taken as UTC), of "2022-09-30T09.09.54.186Z" (Kedro's versions) and of
/// strings with an offset. 0 when unreadable.
qint64 parseDateTimeMs(QStringView text);

/// The value of a double that SQLite column holds, text or number ("1e-05" in a REAL column
/// written as TEXT).
double columnNumber(store::Statement &s, int column);

} // namespace runlens::sources::sqlitesource
