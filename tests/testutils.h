// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QString>
#include <QTest>

namespace runlens::tests {

/// The real run-log fixtures (shared/fixtures/real), or an empty string when this checkout has
/// none beside it (a user's own clone): tests that need them QSKIP then.
inline QString fixturesDir() {
    const QString env = qEnvironmentVariable("RUNLENS_FIXTURES_DIR");
    const QString dir = env.isEmpty() ? QStringLiteral(RUNLENS_FIXTURES_DIR) : env;
    return QDir(dir).exists() ? QDir(dir).canonicalPath() : QString();
}

} // namespace runlens::tests

/// Skips the current test function when the shared fixtures are absent.
#define RUNLENS_REQUIRE_FIXTURES(subdir)                                                           \
    do {                                                                                           \
        if (runlens::tests::fixturesDir().isEmpty())                                               \
            QSKIP("shared/fixtures/real is not beside this checkout; real-fixture tests skipped"); \
    } while (false)
