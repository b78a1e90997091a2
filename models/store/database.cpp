// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include <cstring>
#include <sqlite3.h>
#include <utility>

Q_LOGGING_CATEGORY(lcStore, "runlens.store")

namespace runlens::store {

Database::~Database() {
    close();
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path)) {
}

Database &Database::operator=(Database &&other) noexcept {
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

bool Database::open(const QString &path) {
    close();
    m_path = path;
    m_customError.clear();
    // NOMUTEX: one connection is used by one thread at a time (see Cache), so SQLite's own
    // per-connection mutex would only cost time.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        // The handle exists even on failure so that the message can be read; keep it until
        // errorMessage() has been asked, then close() frees it.
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    return true;
}

bool Database::openReadOnly(const QString &uri) {
    close();
    m_path = uri;
    m_customError.clear();
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(uri.toUtf8().constData(), &m_db, flags, nullptr) != SQLITE_OK)
        return false;
    sqlite3_extended_result_codes(m_db, 1);
    return true;
}

void Database::close() {
    if (m_db) {
        // close_v2 defers the close until the last statement is finalized, so a Statement that
        // outlives its Database cannot crash.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool Database::exec(const char *sql) {
    m_customError.clear();
    return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::optional<qint64> Database::queryInt(const char *sql) {
    Statement st(*this, sql);
    if (!st.isValid() || st.step() != Statement::Result::Row)
        return std::nullopt;
    return st.columnInt(0);
}

std::optional<QString> Database::queryText(const char *sql) {
    Statement st(*this, sql);
    if (!st.isValid() || st.step() != Statement::Result::Row)
        return std::nullopt;
    return st.columnText(0);
}

QString Database::errorMessage() const {
    if (!m_customError.isEmpty())
        return m_customError;
    if (!m_db)
        return QStringLiteral("out of memory");
    QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    // "unable to open database file" alone does not tell a user what to fix.
    const int sysErrno = sqlite3_system_errno(m_db);
    const int primary = sqlite3_errcode(m_db) & 0xff;
    if (sysErrno != 0 && (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR ||
                          primary == SQLITE_READONLY || primary == SQLITE_PERM))
        message += QStringLiteral(" (%1)").arg(QString::fromLocal8Bit(std::strerror(sysErrno)));
    return message;
}

int Database::errorCode() const {
    return m_db ? sqlite3_extended_errcode(m_db) : SQLITE_NOMEM;
}

// --- Statement ------------------------------------------------------------------------------

Statement::Statement(Database &db, const char *sql) {
    db.setErrorMessage({});
    if (sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) !=
        SQLITE_OK) {
        qCWarning(lcStore) << "cannot prepare" << sql << ":" << db.errorMessage();
        m_stmt = nullptr;
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)) {
}

Statement &Statement::operator=(Statement &&other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

void Statement::bind(int index, qint64 value) {
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
}

void Statement::bind(int index, const QString &text) {
    bindUtf8(index, text.toUtf8());
}

void Statement::bindUtf8(int index, QByteArrayView utf8) {
    // A null pointer would bind SQL NULL; an empty string must stay an empty string.
    sqlite3_bind_text64(m_stmt, index, utf8.isNull() ? "" : utf8.data(),
                        sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::bindBlob(int index, QByteArrayView blob) {
    if (blob.isEmpty())
        sqlite3_bind_zeroblob(m_stmt, index, 0); // an empty blob, not NULL
    else
        sqlite3_bind_blob64(m_stmt, index, blob.data(), sqlite3_uint64(blob.size()),
                            SQLITE_TRANSIENT);
}

void Statement::bindBlobNoCopy(int index, QByteArrayView blob) {
    if (blob.isEmpty())
        sqlite3_bind_zeroblob(m_stmt, index, 0);
    else
        sqlite3_bind_blob64(m_stmt, index, blob.data(), sqlite3_uint64(blob.size()), SQLITE_STATIC);
}

void Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
}

Statement::Result Statement::step() {
    if (!m_stmt)
        return Result::Error;
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW:
        return Result::Row;
    case SQLITE_DONE:
        return Result::Done;
    default:
        return Result::Error;
    }
}

bool Statement::exec() {
    Result r;
    while ((r = step()) == Result::Row) {
    }
    return r == Result::Done;
}

void Statement::reset() {
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::columnInt(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::columnText(int column) const {
    const QByteArrayView utf8 = columnUtf8(column);
    return QString::fromUtf8(utf8);
}

QByteArrayView Statement::columnUtf8(int column) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return {text, sqlite3_column_bytes(m_stmt, column)};
}

QByteArrayView Statement::columnBlob(int column) const {
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return {data, sqlite3_column_bytes(m_stmt, column)};
}

// --- Transaction ----------------------------------------------------------------------------

Transaction::Transaction(Database &db, Kind kind)
    : m_db(db) {
    m_active = m_db.exec(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    rollback();
}

bool Transaction::commit() {
    if (!m_active)
        return false;
    if (!m_db.exec("COMMIT")) {
        // A failed COMMIT (SQLITE_BUSY, disk full) may leave the transaction open; roll it back
        // so the connection is usable again and nothing half-written stays.
        const QString message = m_db.errorMessage();
        rollback();
        m_db.setErrorMessage(message);
        return false;
    }
    m_active = false;
    return true;
}

void Transaction::rollback() {
    if (m_active) {
        m_active = false;
        // Callers read errorMessage() before the rollback; ROLLBACK's own result is not news.
        if (sqlite3_get_autocommit(m_db.handle()) == 0)
            m_db.exec("ROLLBACK");
    }
}

} // namespace runlens::store
