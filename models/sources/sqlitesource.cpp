// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitesource.h"

#include "fileio.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QUrl>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <memory>
#include <sqlite3.h>
#include <unistd.h>

namespace runlens::sources::sqlitesource {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::SqliteSource)
};

/// How long a reader waits for a writer's lock before the run is left for the next import.
constexpr int busyTimeoutMs = 250;
/// After a lock timeout, further runs of the same unchanged file fail at once for this long,
/// so a locked database with thousands of runs does not wait thousands of times.
constexpr qint64 busyMemoMs = 2000;
/// Connections kept per thread.
constexpr size_t keptConnections = 4;

qint64 monotonicMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

struct Entry {
    QString path;
    std::vector<store::FileState> fingerprint;
    std::unique_ptr<Connection> connection;
    qint64 busyAtMs = -1;
};

thread_local std::vector<Entry> t_connections;
/// Locked files this thread has reported already (one problem per file, not per run).
thread_local QSet<QString> t_reportedBusy;

void reportBusyOnce(const QString &path, const QString &message, core::Problems &problems) {
    if (message.isEmpty() || t_reportedBusy.contains(path))
        return;
    t_reportedBusy.insert(path);
    problems.append({path, {}, message});
}

QString errnoText(int err) {
    return QString::fromLocal8Bit(std::strerror(err));
}

} // namespace

DbFingerprint fingerprint(const QString &dbPath, const QString &relPrefix) {
    DbFingerprint fp;
    const QByteArray name = QFile::encodeName(dbPath);
    int err = 0;
    const auto st = fileio::statAt(AT_FDCWD, name.constData(), &err);
    if (!st) {
        fp.error = err == ENOENT ? 0 : err;
        return fp;
    }
    fp.exists = true;
    fp.isFile = st->isFile;
    const QString base = relPrefix + dbPath.section(u'/', -1);
    fp.files.push_back(store::FileState{base, st->size, st->mtimeNs, st->inode, st->size, 0});
    const QByteArray wal = name + "-wal";
    if (const auto ws = fileio::statAt(AT_FDCWD, wal.constData())) {
        fp.files.push_back(store::FileState{base + QStringLiteral("-wal"), ws->size, ws->mtimeNs,
                                            ws->inode, ws->size, 0});
    }
    return fp;
}

bool sameFiles(const std::vector<store::FileState> &current, const store::FileStates &previous) {
    if (qsizetype(current.size()) != previous.size())
        return false;
    for (const store::FileState &f : current) {
        const store::FileState *p = previous.find(f.relPath);
        if (!p || p->size != f.size || p->mtimeNs != f.mtimeNs || p->inode != f.inode)
            return false;
    }
    return true;
}

bool sameDatabase(const std::vector<store::FileState> &current, const store::FileStates &previous) {
    // Entries whose name starts with '#' are importers' own signatures, not files.
    qsizetype files = 0;
    for (const store::FileState &f : previous)
        files += f.relPath.startsWith(u'#') ? 0 : 1;
    if (qsizetype(current.size()) != files)
        return false;
    for (const store::FileState &f : current) {
        const store::FileState *p = previous.find(f.relPath);
        if (!p || p->size != f.size || p->mtimeNs != f.mtimeNs || p->inode != f.inode)
            return false;
    }
    return true;
}

Header readHeader(const QString &path) {
    Header h;
    const QByteArray name = QFile::encodeName(path);
    const fileio::Fd fd(::open(name.constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        h.error = errno;
        return h;
    }
    char bytes[100];
    ssize_t got = 0;
    while (got < ssize_t(sizeof bytes)) {
        const ssize_t n = ::read(fd.get(), bytes + got, sizeof bytes - size_t(got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            h.error = errno;
            return h;
        }
        if (n == 0)
            break;
        got += n;
    }
    static constexpr char magic[] = "SQLite format 3";
    if (got == 0) {
        h.kind = HeaderKind::Empty;
    } else if (got < 16 || std::memcmp(bytes, magic, 16) != 0) {
        h.kind = HeaderKind::NotSqlite;
    } else {
        h.kind = HeaderKind::Sqlite;
        h.wal = got > 19 && (bytes[18] == 2 || bytes[19] == 2);
    }
    return h;
}

store::Statement &Connection::statement(const char *sql) {
    for (auto &[key, st] : m_statements) {
        if (key == sql)
            return *st;
    }
    // Held by pointer: callers keep references to several statements at once.
    auto st = std::make_unique<store::Statement>(m_db, sql);
    if (!st->isValid()) {
        // Not kept: a statement that failed to prepare (schema locked) is tried again next time.
        static thread_local store::Statement invalid;
        invalid = store::Statement();
        return invalid;
    }
    m_statements.emplace_back(sql, std::move(st));
    return *m_statements.back().second;
}

const QSet<QString> &Connection::tables() {
    if (!m_haveTables) {
        store::Statement s(m_db, "SELECT name FROM sqlite_master WHERE type = 'table'");
        if (s.isValid()) {
            QSet<QString> names;
            store::Statement::Result r;
            while ((r = s.step()) == store::Statement::Result::Row)
                names.insert(s.columnText(0));
            if (r == store::Statement::Result::Done) {
                m_tables = std::move(names);
                m_haveTables = true;
            }
        }
    }
    return m_tables;
}

QSet<QString> Connection::columns(const QString &table) {
    QSet<QString> names;
    const QByteArray sql = "PRAGMA table_info(\"" + table.toUtf8() + "\")";
    store::Statement s(m_db, sql.constData());
    if (!s.isValid())
        return names;
    while (s.step() == store::Statement::Result::Row)
        names.insert(s.columnText(1));
    return names;
}

bool Connection::hasColumn(const QString &table, const QString &column) {
    auto it = m_columns.find(table);
    if (it == m_columns.end())
        it = m_columns.insert(table, columns(table));
    return it->contains(column);
}

Failure Connection::lastFailure() const {
    const int code = m_db.errorCode() & 0xff;
    switch (code) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return Failure::None;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY: // a hot journal that only a writer may roll back
    case SQLITE_PROTOCOL:
        return Failure::Busy;
    default:
        return Failure::Broken;
    }
}

QString uriOf(const QString &path, const QString &query) {
    // SQLite decodes %HH escapes in the path; '?' and '#' would end it.
    return QStringLiteral("file:") + QString::fromLatin1(QUrl::toPercentEncoding(path, "/")) +
           u'?' + query;
}

Connection *open(const QString &path, const std::vector<store::FileState> &fp, bool wal,
                 QString *error, Failure *failure) {
    auto fail = [&](Failure f, const QString &message) -> Connection * {
        if (error)
            *error = message;
        if (failure)
            *failure = f;
        return nullptr;
    };
    auto it = std::find_if(t_connections.begin(), t_connections.end(),
                           [&](const Entry &e) { return e.path == path; });
    if (it != t_connections.end()) {
        if (it->fingerprint == fp) {
            if (it->busyAtMs >= 0 && monotonicMs() - it->busyAtMs < busyMemoMs)
                return fail(Failure::Busy,
                            Tr::tr("The database is locked by a writer; it will be read again "
                                   "on the next import"));
            it->busyAtMs = -1;
            // Most recently used first.
            std::rotate(t_connections.begin(), it, it + 1);
            return t_connections.front().connection.get();
        }
        t_connections.erase(it);
    }

    const Header header = readHeader(path);
    switch (header.kind) {
    case HeaderKind::Unreadable:
        return fail(Failure::Broken,
                    Tr::tr("Cannot read the file: %1").arg(errnoText(header.error)));
    case HeaderKind::Empty:
        return fail(Failure::Broken, Tr::tr("The file is empty, not an SQLite database"));
    case HeaderKind::NotSqlite:
        return fail(Failure::Broken, Tr::tr("The file is not an SQLite database"));
    case HeaderKind::Sqlite:
        break;
    }
    const bool hasWal = std::any_of(fp.begin(), fp.end(), [](const store::FileState &f) {
        return f.relPath.endsWith(u"-wal");
    });
    // A WAL database needs its -shm to be read live; without a -wal file nobody is writing, and
    // immutable=1 reads it without creating -wal/-shm files in the user's folder. A rollback-
    // journal database is read with ordinary shared locks, which write nothing.
    const bool immutable = (wal || header.wal) && !hasWal;
    auto connection = std::make_unique<Connection>();
    if (!connection->m_db.openReadOnly(
            uriOf(path, immutable ? QStringLiteral("immutable=1") : QStringLiteral("mode=ro"))))
        return fail(Failure::Broken,
                    Tr::tr("Cannot open the database: %1").arg(connection->m_db.errorMessage()));
    sqlite3_busy_timeout(connection->m_db.handle(), busyTimeoutMs);
    // Reads only: no temp files beside the database, and a malformed page is an error, not a
    // crash.
    connection->m_db.exec("PRAGMA query_only = 1");
    (void)connection->tables();
    if (!connection->m_haveTables) {
        const Failure f = connection->lastFailure();
        const QString reason = connection->lastError();
        if (f == Failure::Busy) {
            Entry e{path, fp, nullptr, monotonicMs()};
            t_connections.insert(t_connections.begin(), std::move(e));
            if (t_connections.size() > keptConnections)
                t_connections.pop_back();
            return fail(Failure::Busy,
                        Tr::tr("The database is locked by a writer; it will be read again on "
                               "the next import"));
        }
        return fail(Failure::Broken, Tr::tr("Cannot read the database: %1").arg(reason));
    }
    t_connections.insert(t_connections.begin(), Entry{path, fp, std::move(connection), -1});
    if (t_connections.size() > keptConnections)
        t_connections.pop_back();
    return t_connections.front().connection.get();
}

std::unique_ptr<Connection> openImmutable(const QString &path, QString *error) {
    auto connection = std::make_unique<Connection>();
    if (!connection->m_db.openReadOnly(uriOf(path, QStringLiteral("immutable=1")))) {
        if (error)
            *error = connection->m_db.errorMessage();
        return nullptr;
    }
    connection->m_db.exec("PRAGMA query_only = 1");
    (void)connection->tables();
    if (!connection->m_haveTables) {
        if (error)
            *error = connection->lastError();
        return nullptr;
    }
    return connection;
}

Connection *openForListing(const QString &path, const std::vector<store::FileState> &fingerprint,
                           bool wal, std::unique_ptr<Connection> *fallback, QString *error) {
    Failure failure = Failure::None;
    Connection *c = open(path, fingerprint, wal, error, &failure);
    if (!c && failure == Failure::Busy) {
        // Locked by a writer: list the runs from the file as it is, so that their cached state
        // survives; reading each run waits for the lock.
        *fallback = openImmutable(path, error);
        c = fallback->get();
    }
    return c;
}

ReadStart beginRead(const QString &dbPath, const RunLocation &location,
                    const PreviousState &previous, ReadResult &result) {
    ReadStart start;
    result.outcome = ReadResult::Outcome::Skipped;
    DbFingerprint fp = fingerprint(dbPath);
    if (!fp.exists) {
        if (fp.error != 0)
            result.problems.append(
                {dbPath, {}, Tr::tr("Cannot read the file: %1").arg(errnoText(fp.error))});
        return start; // vanished since the scan: the next scan drops its runs
    }
    start.files = std::move(fp.files);
    start.previous = previous.empty() ? nullptr : previous.find(location.relPath);
    if (start.previous && sameDatabase(start.files, start.previous->decodedFiles()) &&
        (start.previous->run.deleted || !location.deleted)) {
        result.outcome = ReadResult::Outcome::Unchanged;
        return start;
    }
    QString error;
    Failure failure = Failure::None;
    start.connection = open(dbPath, start.files, false, &error, &failure);
    if (!start.connection && !error.isEmpty() && failure != Failure::Busy)
        result.problems.append({dbPath, {}, error});
    else if (!start.connection && failure == Failure::Busy)
        reportBusyOnce(dbPath, error, result.problems);
    return start;
}

void failRead(Connection &c, const QString &dbPath, ReadResult &result) {
    result.outcome = ReadResult::Outcome::Skipped;
    if (c.lastFailure() == Failure::Busy) {
        noteBusy(dbPath);
        reportBusyOnce(dbPath,
                       Tr::tr("The database is locked by a writer; it will be read again on "
                              "the next import"),
                       result.problems);
        return;
    }
    result.problems.append({dbPath, {}, Tr::tr("Cannot read the database: %1").arg(c.lastError())});
}

void noteBusy(const QString &path) {
    for (Entry &e : t_connections) {
        if (e.path == path)
            e.busyAtMs = monotonicMs();
    }
}

void closeThreadConnections() {
    t_connections.clear();
    t_reportedBusy.clear();
}

namespace {

bool digits(QStringView s, qsizetype at, qsizetype n, int &out) {
    if (at + n > s.size())
        return false;
    int v = 0;
    for (qsizetype i = at; i < at + n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + int(c - u'0');
    }
    out = v;
    return true;
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
qint64 daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

qint64 parseDateTimeMs(QStringView s) {
    s = s.trimmed();
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != u'-' || !digits(s, 5, 2, mo) ||
        s[7] != u'-' || !digits(s, 8, 2, d))
        return 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return 0;
    qsizetype i = 10;
    qint64 ms = 0;
    if (i < s.size() && (s[i] == u'T' || s[i] == u' ')) {
        ++i;
        if (!digits(s, i, 2, h) || i + 2 >= s.size() || !digits(s, i + 3, 2, mi))
            return 0;
        i += 5;
        if (i < s.size() && (s[i] == u':' || s[i] == u'.') && digits(s, i + 1, 2, sec))
            i += 3;
        if (i < s.size() && s[i] == u'.') {
            ++i;
            int scale = 100;
            while (i < s.size() && s[i].isDigit()) {
                ms += scale * (s[i].unicode() - u'0');
                scale /= 10;
                ++i;
            }
        }
    }
    qint64 offsetMin = 0;
    if (i < s.size() && (s[i] == u'+' || s[i] == u'-')) {
        int oh = 0, om = 0;
        const int sign = s[i] == u'-' ? -1 : 1;
        if (digits(s, i + 1, 2, oh)) {
            qsizetype j = i + 3;
            if (j < s.size() && s[j] == u':')
                ++j;
            digits(s, j, 2, om);
            offsetMin = sign * (oh * 60 + om);
        }
    }
    const qint64 days = daysFromCivil(y, mo, d);
    return ((days * 24 + h) * 60 + mi - offsetMin) * 60000 + qint64(sec) * 1000 + ms;
}

double columnNumber(store::Statement &s, int column) {
    if (s.isNull(column))
        return std::numeric_limits<double>::quiet_NaN();
    return s.columnDouble(column);
}

} // namespace runlens::sources::sqlitesource
