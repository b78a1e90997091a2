// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/importjob.h"
#include "store/cache.h"

#include <QTest>
#include <algorithm>

namespace runlens::tests {

inline sources::ImportSummary importInto(const QString &cachePath, const QStringList &sources,
                                         int threads = 2) {
    sources::ImportOptions options;
    options.cachePath = cachePath;
    options.sources = sources;
    options.threads = threads;
    std::atomic_bool cancel{false};
    return sources::ImportJob(options).run(cancel);
}

inline core::Runs loadSorted(const QString &cachePath, const QString &source = {}) {
    const auto cache = store::Cache::open(cachePath);
    if (!cache)
        return {};
    core::Runs runs = cache->loadRuns(source);
    std::sort(runs.begin(), runs.end(),
              [](const core::Run &a, const core::Run &b) { return a.path < b.path; });
    return runs;
}

inline QString dumpProblems(const core::Problems &problems) {
    QStringList lines;
    for (const core::Problem &p : problems)
        lines << p.path + QStringLiteral(" [") + p.where + QStringLiteral("] ") + p.message;
    return lines.join(u'\n');
}

} // namespace runlens::tests
