// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <functional>
#include <vector>

namespace runlens::store {

class Database;

/// One rung of the schema ladder: brings a database from version - 1 to version.
struct Migration {
    int version = 0;
    /// Runs inside the rung's transaction; returns false on failure with the reason in the
    /// database's errorMessage(). Must not touch PRAGMA user_version: the runner does.
    std::function<bool(Database &)> apply;
};

/// The ordered, transactional migration ladder keyed on PRAGMA user_version.
class Migrations final {
public:
    /// The real ladder: version 1 (runs, series, files), version 2 (sources, problems)
    /// version 3 (file fingerprints as one blob per run in run_files), version 4 (appended
    /// points in series_tail) and version 5 (the series pyramid: pages, index, levels).
    static const std::vector<Migration> &ladder();

    /// Climbs db from its user_version to the last rung of ladder, each rung in its own
    /// IMMEDIATE transaction together with its user_version bump, so a rung is applied whole
    /// or not at all and a crash between rungs leaves a valid older version. Another connection
    /// migrating at the same time is fine: the version is re-read inside each transaction.
    /// Taking the ladder as a parameter lets tests run it with a deliberately failing rung.
    /// False with *error (SQLite's reason, naming the rung) when a rung fails.
    static bool run(Database &db, const std::vector<Migration> &ladder, QString *error);
};

} // namespace runlens::store
