// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLoggingCategory>
#include <QString>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace runlens::store {

/// One owned sqlite3 connection. Move-only; closes on destruction. Errors are read back with
/// errorMessage() right after the call that failed, as sqlite3_errmsg() works.
class Database final {
public:
    Database() = default;
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (and creates when missing) the database file; ":memory:" gives a private
    /// in-memory database. False with errorMessage() set when SQLite cannot open it.
    bool open(const QString &path);
    /// Opens an existing database read-only from an SQLite URI ("file:/a/b.db?mode=ro"),
    /// never creating it. False with errorMessage() set when SQLite cannot open it.
    bool openReadOnly(const QString &uri);
    void close();
    [[nodiscard]] bool isOpen() const { return m_db != nullptr; }
    [[nodiscard]] sqlite3 *handle() const { return m_db; }
    [[nodiscard]] QString path() const { return m_path; }

    /// Runs one or more statements that return no rows.
    bool exec(const char *sql);
    /// The first column of the first row of a query such as "PRAGMA user_version".
    std::optional<qint64> queryInt(const char *sql);
    std::optional<QString> queryText(const char *sql);

    /// SQLite's message for the last failure on this connection, with the OS error when the
    /// failure came from the file system (SQLite only says "unable to open database file").
    [[nodiscard]] QString errorMessage() const;
    [[nodiscard]] int errorCode() const;
    /// Overrides errorMessage() for failures detected outside SQLite (a malformed blob, ...).
    void setErrorMessage(const QString &message) { m_customError = message; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    QString m_customError;
};

/// A prepared statement, prepared once and reused (SQLITE_PREPARE_PERSISTENT). Parameter and
/// column indexes follow SQLite: parameters from 1, columns from 0.
class Statement final {
public:
    enum class Result { Row, Done, Error };

    Statement() = default;
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    [[nodiscard]] bool isValid() const { return m_stmt != nullptr; }

    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, double value);
    void bind(int index, const QString &text);
    void bindUtf8(int index, QByteArrayView utf8);
    void bindBlob(int index, QByteArrayView blob);
    /// Like bindBlob, without SQLite's copy: the bytes must stay valid and unchanged until the
    /// statement has run (Scope ends) or the parameter is bound again.
    void bindBlobNoCopy(int index, QByteArrayView blob);
    void bindNull(int index);

    /// One sqlite3_step. A statement that returned Row must be reset() before the next use,
    /// or it keeps its read snapshot open (which stalls WAL checkpoints); Scope does that.
    Result step();
    /// Steps to the end, for statements without rows. True when it finished.
    bool exec();
    /// Resets to the start and clears the bindings.
    void reset();

    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] qint64 columnInt(int column) const;
    [[nodiscard]] double columnDouble(int column) const;
    [[nodiscard]] QString columnText(int column) const;
    /// Valid until the next step() or reset().
    [[nodiscard]] QByteArrayView columnUtf8(int column) const;
    /// Valid until the next step() or reset().
    [[nodiscard]] QByteArrayView columnBlob(int column) const;

    /// Resets the statement when it goes out of scope, on every return path.
    class Scope final {
    public:
        explicit Scope(Statement &s)
            : m_s(s) {
            m_s.reset();
        }
        ~Scope() { m_s.reset(); }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        Statement &m_s;
    };

private:
    sqlite3_stmt *m_stmt = nullptr;
};

/// A transaction that rolls back unless committed. Immediate transactions take the write lock
/// up front, so a writer waits in the busy handler instead of failing half-way with SQLITE_BUSY
/// when it upgrades a read lock.
class Transaction final {
public:
    enum class Kind { Deferred, Immediate };
    explicit Transaction(Database &db, Kind kind = Kind::Immediate);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    [[nodiscard]] bool isActive() const { return m_active; }
    bool commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
};

} // namespace runlens::store
