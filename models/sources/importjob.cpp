// SPDX-License-Identifier: GPL-3.0-or-later
#include "importjob.h"

#include "boundedqueue.h"
#include "importer.h"
#include "logging.h"
#include "scanner.h"
#include "store/cache.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <future>
#include <mutex>
#include <thread>

namespace runlens::sources {

namespace {

// lupdate reads the context from the macro, so the .ts and the runtime agree.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::ImportJob)
};

struct ParsedRun {
    RunLocation location;
    ReadResult result;
};

/// Progress shared between the scan, parser and writer threads; reported from the thread that
/// called run(), at most every 50 ms.
struct SharedProgress {
    std::atomic<qint64> runsDone{0};
    std::atomic<qint64> runsTotal{0};
    std::atomic<qint64> bytesRead{0};
    std::atomic_bool scanning{true};
    std::mutex mutex;
    QString current;

    void setCurrent(const QString &path) {
        std::lock_guard lock(mutex);
        current = path;
    }
    ImportProgress snapshot() {
        ImportProgress p;
        p.runsDone = runsDone.load();
        p.runsTotal = runsTotal.load();
        p.bytesRead = bytesRead.load();
        p.scanning = scanning.load();
        std::lock_guard lock(mutex);
        p.current = current;
        return p;
    }
};

/// The cached state of a source, loaded by the writer thread while the parsers list files.
class LoadingPrevious final : public PreviousState {
public:
    explicit LoadingPrevious(bool cached)
        : m_cached(cached) {}

    [[nodiscard]] bool empty() const override { return !m_cached; }
    [[nodiscard]] const store::PreviousRun *find(const QString &relPath) const override {
        if (!m_cached)
            return nullptr;
        m_ready.wait();
        const auto it = m_runs.constFind(relPath);
        return it == m_runs.constEnd() ? nullptr : &*it;
    }
    /// Called once; find() returns from then on.
    void set(QHash<QString, store::PreviousRun> runs) {
        m_runs = std::move(runs);
        m_promise.set_value();
    }

private:
    bool m_cached;
    QHash<QString, store::PreviousRun> m_runs;
    std::promise<void> m_promise;
    std::shared_future<void> m_ready = m_promise.get_future().share();
};

/// Old problems of runs that were not read again this time still hold: the files did not change.
void carryOverProblems(const core::Problems &old, const QSet<QString> &unchangedRunPaths,
                       core::Problems &into) {
    if (unchangedRunPaths.isEmpty())
        return;
    for (const core::Problem &p : old) {
        QStringView path(p.path);
        while (!path.isEmpty()) {
            if (unchangedRunPaths.contains(path.toString())) {
                into.append(p);
                break;
            }
            const qsizetype slash = path.lastIndexOf(u'/');
            if (slash <= 0)
                break;
            path = path.left(slash);
        }
    }
}

} // namespace

ImportJob::ImportJob(ImportOptions options)
    : m_options(std::move(options)) {
}

QString ImportJob::normalizeSource(const QString &path) {
    if (path.isEmpty())
        return {};
    QString p = path;
    if (p == u'~' || p.startsWith(QStringLiteral("~/")))
        p = QDir::homePath() + p.mid(1);
    return QDir::cleanPath(QDir::isAbsolutePath(p) ? p : QDir::current().absoluteFilePath(p));
}

ImportSummary ImportJob::run(const std::atomic_bool &cancel, const ProgressCallback &progress) {
    ImportSummary summary;

    QStringList sources;
    for (const QString &s : m_options.sources) {
        const QString n = normalizeSource(s);
        if (!n.isEmpty() && !sources.contains(n))
            sources.append(n);
    }
    for (const QString &s : sources) {
        if (!QFileInfo::exists(s)) {
            summary.fatalError = Tr::tr("Cannot import %1: no such file or folder").arg(s);
            return summary;
        }
    }
    QString error;
    const std::unique_ptr<store::Cache> cache = store::Cache::open(m_options.cachePath, &error);
    if (!cache) {
        summary.fatalError =
            error.isEmpty() ? Tr::tr("Cannot open the cache %1").arg(m_options.cachePath) : error;
        return summary;
    }

    SharedProgress shared;
    QElapsedTimer sinceReport;
    sinceReport.start();
    auto report = [&](bool force) {
        if (!progress || (!force && sinceReport.elapsed() < 50))
            return;
        sinceReport.restart();
        progress(shared.snapshot());
    };
    const int threads = std::max(1, m_options.threads);

    for (const QString &source : sources) {
        if (cancel.load()) {
            summary.cancelled = true;
            break;
        }
        QElapsedTimer phase;
        phase.start();
        // Scan thread -> work queue -> parser threads -> result queue -> this thread (writer).
        BoundedQueue<RunLocation> work(4096);
        BoundedQueue<ParsedRun> results(size_t(threads) * 16);
        QSet<QString> keep;
        core::Problems scanProblems;
        bool scanComplete = false;
        shared.scanning = true;
        LoadingPrevious previous(cache->hasRuns(source));

        std::thread scanner([&] {
            ScanContext context{source, &scanProblems, &cancel};
            scanComplete = Scanner().scan(source, context, [&](RunLocation &&loc) {
                keep.insert(loc.relPath);
                ++shared.runsTotal;
                work.push(std::move(loc));
            });
            shared.scanning = false;
            work.close();
        });
        std::atomic<int> parsersLeft{threads};
        std::vector<std::thread> parsers;
        for (int i = 0; i < threads; ++i) {
            parsers.emplace_back([&] {
                while (std::optional<RunLocation> loc = work.pop()) {
                    if (cancel.load(std::memory_order_relaxed))
                        continue; // drain so the scanner never blocks
                    const Importer *importer = importerById(loc->importer);
                    if (!importer)
                        continue;
                    shared.setCurrent(loc->relPath.isEmpty() ? source : loc->relPath);
                    ReadResult r = importer->read(*loc, source, previous, cancel);
                    shared.bytesRead += r.bytesRead;
                    results.push(ParsedRun{std::move(*loc), std::move(r)});
                }
                if (--parsersLeft == 0)
                    results.close();
            });
        }

        // The scan and the parsers' listing need no cached state, so they run while this thread
        // loads it; the parsers wait for it only to compare fingerprints.
        if (!previous.empty()) {
            previous.set(cache->loadPrevious(source));
            qCDebug(lcSources) << "loaded the cached runs of" << source << "in" << phase.elapsed()
                               << "ms";
        }
        const core::Problems oldProblems = cache->problems(source);

        core::Problems runProblems;
        QSet<QString> notRuns;
        QSet<QString> unchangedPaths;
        for (;;) {
            bool done = false;
            std::optional<ParsedRun> item = results.popFor(std::chrono::milliseconds(50), &done);
            report(false);
            if (done)
                break;
            if (!item)
                continue;
            ReadResult &r = item->result;
            runProblems += r.problems;
            summary.bytesRead += r.bytesRead;
            switch (r.outcome) {
            case ReadResult::Outcome::Updated: {
                if (cancel.load())
                    break; // read, but the user asked to stop: leave the cached state
                QString writeError;
                if (cache->writeRun(r.update, &writeError) == 0) {
                    runProblems.append({item->location.absPath,
                                        {},
                                        Tr::tr("Cannot store the run: %1").arg(writeError)});
                    break;
                }
                ++summary.runs;
                summary.series += qint64(r.update.series.size());
                for (const auto &s : r.update.series)
                    summary.points += qint64(s.points.size());
                break;
            }
            case ReadResult::Outcome::Unchanged:
                ++summary.runs;
                ++summary.unchanged;
                unchangedPaths.insert(item->location.absPath);
                break;
            case ReadResult::Outcome::NotARun:
                notRuns.insert(item->location.relPath);
                break;
            case ReadResult::Outcome::Skipped:
            case ReadResult::Outcome::Cancelled:
                break;
            }
            ++shared.runsDone;
        }
        scanner.join();
        for (std::thread &t : parsers)
            t.join();

        qCDebug(lcSources) << "scanned and read" << source << "in" << phase.restart() << "ms";
        core::Problems problems = scanProblems + runProblems;
        carryOverProblems(oldProblems, unchangedPaths, problems);
        summary.problems += problems;
        if (cancel.load() || !scanComplete) {
            summary.cancelled = true;
            break;
        }
        // The scan saw every run of this source: forget the runs whose folders are gone.
        summary.removed += cache->removeRunsExcept(source, keep - notRuns);
        QString finishError;
        if (!cache->finishSource(source, problems, &finishError))
            qCWarning(lcSources) << "finishing" << source << "failed:" << finishError;
        qCDebug(lcSources) << "finished" << source << "in" << phase.restart() << "ms";
    }
    shared.scanning = false;
    report(true);
    return summary;
}

} // namespace runlens::sources
