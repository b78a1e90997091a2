// SPDX-License-Identifier: GPL-3.0-or-later
#include "cache.h"

#include "bucketcodec.h"
#include "database.h"
#include "filescodec.h"
#include "migrations.h"
#include "recordcodec.h"
#include "seriescodec.h"
#include "seriespyramid.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <algorithm>
#include <array>
#include <filesystem>
#include <iterator>
#include <limits>
#include <map>
#include <sqlite3.h>
#include <system_error>
#include <thread>

#if defined(__linux__) && defined(__GLIBC__)
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <sys/mman.h>
#endif

namespace runlens::store {

namespace {

// Every statement the cache runs more than once, prepared on first use and then reused.
enum class Sql {
    UpsertSource,
    UpsertRun,
    ReplaceSeries,
    GrowSeries,
    SeriesOfRun,
    DeleteSeries,
    UpsertFiles,
    FinishSource,
    DeleteProblems,
    InsertProblem,
    RunPathsOfSource,
    DeleteRun,
    DeleteRunsOfSource,
    DeleteSource,
    CountRuns,
    CountRunsOfSource,
    CountAllRuns,
    CountAllRunsOfSource,
    LoadRuns,
    LoadRunsOfSource,
    RunIdRange,
    RunIdRangeOfSource,
    PreviousOfSource,
    LoadSeries,
    LoadSeriesTail,
    SliceIndex,
    SlicePages,
    SliceLevelPages,
    Sources,
    Problems,
    Counts,
    CountsOfSource,
    HasRuns,
    Count_ // keep last
};

constexpr std::array<const char *, size_t(Sql::Count_)> sqlText = {
    // UpsertSource
    "INSERT INTO sources (root) VALUES (?1) ON CONFLICT (root) DO NOTHING",
    // UpsertRun: UPDATE on conflict, never DELETE + INSERT, so the row id stays the same
    // across re-imports and its series and files are not cascaded away.
    "INSERT INTO runs (source_root, path, run_key, format, uid, name, experiment, status, "
    "deleted, start_ms, end_ms, config, tags, summaries) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT (source_root, path) DO UPDATE SET run_key = excluded.run_key, "
    "format = excluded.format, uid = excluded.uid, name = excluded.name, "
    "experiment = excluded.experiment, status = excluded.status, deleted = excluded.deleted, "
    "start_ms = excluded.start_ms, end_ms = excluded.end_ms, config = excluded.config, "
    "tags = excluded.tags, summaries = excluded.summaries RETURNING id",
    // ReplaceSeries: since v5 the points live in series_tail pages (PyramidWriter), the row
    // keeps an empty blob and the count.
    "INSERT INTO series (run_id, key, count, points) VALUES (?1, ?2, ?3, x'') "
    "ON CONFLICT (run_id, key) DO UPDATE SET count = excluded.count, points = x'' "
    "RETURNING id",
    // GrowSeries: an append counts its points on the series row (no row: a new series); the
    // PyramidWriter adds them as pages.
    "UPDATE series SET count = count + ?3 WHERE run_id = ?1 AND key = ?2 RETURNING id",
    // SeriesOfRun
    "SELECT id, key FROM series WHERE run_id = ?1",
    // DeleteSeries
    "DELETE FROM series WHERE id = ?1",
    // UpsertFiles
    "INSERT INTO run_files (run_id, data) VALUES (?1, ?2) "
    "ON CONFLICT (run_id) DO UPDATE SET data = excluded.data",
    // FinishSource
    "INSERT INTO sources (root, last_import_ms) VALUES (?1, ?2) "
    "ON CONFLICT (root) DO UPDATE SET last_import_ms = excluded.last_import_ms",
    // DeleteProblems
    "DELETE FROM problems WHERE source_root = ?1",
    // InsertProblem
    "INSERT INTO problems (source_root, path, location, message) VALUES (?1, ?2, ?3, ?4)",
    // RunPathsOfSource
    "SELECT id, path FROM runs WHERE source_root = ?1",
    // DeleteRun (series and files go with it: ON DELETE CASCADE)
    "DELETE FROM runs WHERE id = ?1",
    // DeleteRunsOfSource
    "DELETE FROM runs WHERE source_root = ?1",
    // DeleteSource (its problems go with it)
    "DELETE FROM sources WHERE root = ?1",
    // CountRuns
    "SELECT count(*) FROM runs WHERE ?1 OR deleted = 0",
    // CountRunsOfSource
    "SELECT count(*) FROM runs WHERE source_root = ?2 AND (?1 OR deleted = 0)",
    // CountAllRuns, CountAllRunsOfSource: with deleted runs, counted on an index alone
    "SELECT count(*) FROM runs",
    "SELECT count(*) FROM runs WHERE source_root = ?1",
    // LoadRuns: the rows with ?3 <= id < ?4 (?2 is unused, as in LoadRunsOfSource's binding)
    "SELECT id, run_key, source_root, path, format, uid, name, experiment, status, deleted, "
    "start_ms, end_ms, config, tags, summaries FROM runs "
    "WHERE (?1 OR deleted = 0) AND id >= ?3 AND id < ?4 ORDER BY id",
    // LoadRunsOfSource
    "SELECT id, run_key, source_root, path, format, uid, name, experiment, status, deleted, "
    "start_ms, end_ms, config, tags, summaries FROM runs "
    "WHERE source_root = ?2 AND (?1 OR deleted = 0) AND id >= ?3 AND id < ?4 ORDER BY id",
    // RunIdRange
    "SELECT min(id), max(id) FROM runs",
    // RunIdRangeOfSource
    "SELECT min(id), max(id) FROM runs WHERE source_root = ?1",
    // PreviousOfSource: the columns of LoadRuns, then the run's file fingerprints
    "SELECT r.id, run_key, source_root, path, format, uid, name, experiment, status, deleted, "
    "start_ms, end_ms, config, tags, summaries, f.data FROM runs r "
    "LEFT JOIN run_files f ON f.run_id = r.id WHERE r.source_root = ?1",
    // LoadSeries
    "SELECT id, points FROM series WHERE run_id = ?1 AND key = ?2",
    // LoadSeriesTail
    "SELECT points FROM series_tail WHERE series_id = ?1 ORDER BY seq",
    // SliceIndex
    "SELECT s.id, i.data FROM series s LEFT JOIN series_index i ON i.series_id = s.id "
    "WHERE s.run_id = ?1 AND s.key = ?2",
    // SlicePages
    "SELECT seq, points FROM series_tail WHERE series_id = ?1 AND seq BETWEEN ?2 AND ?3 "
    "ORDER BY seq",
    // SliceLevelPages
    "SELECT page, data FROM series_level WHERE series_id = ?1 AND level = ?2 "
    "AND page BETWEEN ?3 AND ?4 ORDER BY page",
    // Sources
    "SELECT root FROM sources ORDER BY root",
    // Problems
    "SELECT path, location, message FROM problems WHERE source_root = ?1 ORDER BY id",
    // Counts
    "SELECT (SELECT count(*) FROM runs), count(*), coalesce(sum(count), 0) FROM series",
    // CountsOfSource
    "SELECT (SELECT count(*) FROM runs WHERE source_root = ?1), count(*), "
    "coalesce(sum(s.count), 0) FROM runs r JOIN series s ON s.run_id = r.id "
    "WHERE r.source_root = ?1",
    // HasRuns
    "SELECT EXISTS (SELECT 1 FROM runs WHERE source_root = ?1)",
};

// lupdate reads the context from the macro, so the .ts and the runtime agree.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::store::Cache)
};

bool hasMetric(const core::Run &run, const QString &key) {
    for (const core::MetricInfo &m : run.metrics) {
        if (m.key == key)
            return true;
    }
    return false;
}

/// Asks for transparent huge pages in the pages wholly inside a large block of our own (the
/// Run vector: 25 MB for 100,000 runs, otherwise faulted in 4 KiB at a time).
template <typename T> void adviseHugePages(const std::vector<T> &v) {
#if defined(__linux__) && defined(__GLIBC__)
    constexpr uintptr_t page = 4096;
    const uintptr_t from = (uintptr_t(v.data()) + page - 1) & ~(page - 1);
    const uintptr_t to = (uintptr_t(v.data() + v.capacity())) & ~(page - 1);
    if (v.data() != nullptr && to > from && to - from >= (uintptr_t(4) << 20))
        madvise(reinterpret_cast<void *>(from), to - from, MADV_HUGEPAGE);
#else
    Q_UNUSED(v)
#endif
}

/// Loading 100,000 runs allocates ~400 MB in small blocks on the loading thread. glibc serves a
/// thread from its own arena: 64 MiB-aligned heaps that it makes writable one page at a time
/// (an mprotect per page) and that the kernel then faults in one 4 KiB page at a time. On a
/// VM where a fault costs ~20 µs that was most of the start-up time. Once the loading thread
/// works in a new heap, this makes the whole heap writable and asks for transparent huge pages
/// there, so it is faulted in 2 MiB at a time: a few hundred faults instead of 100,000.
/// It only touches a region that /proc/self/maps shows to be exactly such a heap (anonymous,
/// private, rw-p/---p, 64 MiB-aligned start and end); anything else is left alone.
class ArenaHugePages final {
public:
    void note(const void *allocated) {
#if defined(__linux__) && defined(__GLIBC__)
        const uintptr_t base = uintptr_t(allocated) & ~(heapSize - 1);
        if (allocated == nullptr || base == m_last)
            return;
        m_last = base;
        if (isArenaHeap(base)) {
            void *const start = reinterpret_cast<void *>(base);
            if (mprotect(start, heapSize, PROT_READ | PROT_WRITE) == 0)
                madvise(start, heapSize, MADV_HUGEPAGE);
        }
#else
        Q_UNUSED(allocated)
#endif
    }

private:
#if defined(__linux__) && defined(__GLIBC__)
    static constexpr uintptr_t heapSize = uintptr_t(64) << 20; // glibc's HEAP_MAX_SIZE on LP64

    static bool isArenaHeap(uintptr_t base) {
        if (sizeof(void *) != 8)
            return false;
        FILE *maps = std::fopen("/proc/self/maps", "re");
        if (!maps)
            return false;
        const uintptr_t end = base + heapSize;
        uintptr_t covered = base; // [base, covered) seen so far, contiguously
        bool ok = true;
        char line[512];
        while (ok && std::fgets(line, sizeof line, maps)) {
            unsigned long from = 0, to = 0, inode = 0;
            char perms[8] = {};
            int pathAt = 0;
            if (std::sscanf(line, "%lx-%lx %7s %*s %*s %lu %n", &from, &to, perms, &inode,
                            &pathAt) < 4)
                continue;
            if (to <= base || from >= end)
                continue;
            const bool anonymous = inode == 0 && (line[pathAt] == '\n' || line[pathAt] == 0);
            const bool heapPerms =
                std::strcmp(perms, "rw-p") == 0 || std::strcmp(perms, "---p") == 0;
            ok = from == covered && to <= end && anonymous && heapPerms;
            covered = to;
        }
        std::fclose(maps);
        return ok && covered == end;
    }

    uintptr_t m_last = 0;
#endif
};

} // namespace

namespace {

/// What one loadSlice call knows of its series: the index and the raw pages decoded so far.
struct SliceContext {
    qint64 seriesId = 0;
    core::XKind x = core::XKind::Step;
    SeriesIndex index;
    std::map<size_t, core::MetricPoints> pages; ///< by page number in index.pages

    [[nodiscard]] qint64 total() const { return index.total(); }
    /// Bucket i of a level of bucket size s holds the points [i * s, (i + 1) * s): the same
    /// grid whether the stored levels cover them or they are summarized from raw pages now, so
    /// a slice does not depend on when the levels were last rebuilt.
    [[nodiscard]] qint64 bucketCount(int level) const {
        const qint64 s = pyramid::bucketSize(level);
        return (total() + s - 1) / s;
    }
    [[nodiscard]] static qint64 bucketOf(int level, qint64 p) {
        return p / pyramid::bucketSize(level);
    }
    /// Buckets that hold points of the covered prefix (the last one maybe only partly).
    [[nodiscard]] qint64 prefixBuckets(int level) const {
        const qint64 s = pyramid::bucketSize(level);
        return (index.covered + s - 1) / s;
    }
    [[nodiscard]] qint64 xOf(const core::MetricPoint &p) const {
        return x == core::XKind::Step ? p.step : p.timeMs;
    }
};

/// The placeholder's slice of a whole series in memory: for series without an index.
core::SeriesSlice sliceOfAll(core::MetricPoints points, core::XKind x, qint64 lo, qint64 hi) {
    core::SeriesSlice slice;
    slice.total = qint64(points.size());
    const auto xOf = [x](const core::MetricPoint &p) {
        return x == core::XKind::Step ? p.step : p.timeMs;
    };
    slice.sorted = std::is_sorted(points.begin(), points.end(),
                                  [&](const auto &a, const auto &b) { return xOf(a) < xOf(b); });
    if (!points.empty()) {
        const auto [minIt, maxIt] =
            std::minmax_element(points.begin(), points.end(),
                                [&](const auto &a, const auto &b) { return xOf(a) < xOf(b); });
        slice.xFirst = xOf(*minIt);
        slice.xLast = xOf(*maxIt);
    }
    if (!slice.sorted) {
        slice.points = std::move(points);
        return slice;
    }
    auto begin = std::lower_bound(points.begin(), points.end(), lo,
                                  [&](const core::MetricPoint &p, qint64 v) { return xOf(p) < v; });
    auto end = std::upper_bound(begin, points.end(), hi,
                                [&](qint64 v, const core::MetricPoint &p) { return v < xOf(p); });
    if (begin != points.begin())
        --begin;
    if (end != points.end())
        ++end;
    slice.points.assign(begin, end);
    return slice;
}

} // namespace

struct Cache::Private {
    Database db;
    QString lastError;
    std::array<Statement, size_t(Sql::Count_)> statements;

    Statement &st(Sql which) {
        Statement &s = statements[size_t(which)];
        if (!s.isValid())
            s = Statement(db, sqlText[size_t(which)]);
        return s;
    }

    /// Starts a public call: forgets the previous call's failure.
    void start() {
        lastError.clear();
        db.setErrorMessage({});
    }
    /// Records a failure in *error, lastError and the log.
    void fail(QString message, QString *error) {
        qCWarning(lcStore).noquote() << message;
        lastError = message;
        if (error)
            *error = std::move(message);
    }
    QString sqliteReason() const { return db.errorMessage(); }

    static void decodeColumns(const Statement &s, RecordDecoder &dec, core::Run &r);
    static bool decodeRun(const Statement &s, RecordDecoder &dec, core::Run &r);
    bool loadRunsInto(core::Runs &runs, const QString &sourceRoot, bool includeDeleted);
    bool loadRange(core::Runs &runs, const QString &sourceRoot, bool includeDeleted, qint64 fromId,
                   qint64 toId, RecordDecoder &dec);

    std::unique_ptr<PyramidWriter> pyramidWriter;
    /// A decoded level page, kept between calls: a fresh 90 KB buffer a page is fresh memory
    /// to fault in every time, which on a VM cost more than reading and decoding the page.
    core::PointBuckets levelPage;
    PyramidWriter &writer() {
        if (!pyramidWriter)
            pyramidWriter = std::make_unique<PyramidWriter>(db);
        return *pyramidWriter;
    }

    // loadSlice's reads; false on an SQLite error or a damaged blob.
    bool loadPages(SliceContext &c, size_t first, size_t last);
    bool rawPoints(SliceContext &c, qint64 from, qint64 to, core::MetricPoints *out);
    /// The index of the first point with x >= v (after: x > v).
    bool pointIndex(SliceContext &c, qint64 v, bool after, qint64 *at);
    bool storedBuckets(SliceContext &c, int level, qint64 from, qint64 to, core::PointBuckets *out);
    bool buckets(SliceContext &c, int level, qint64 from, qint64 to, core::PointBuckets *out);
};

Cache::Cache()
    : d(std::make_unique<Private>()) {
}

Cache::~Cache() {
    // Statements first: a connection closes only when its statements are finalized.
    d->pyramidWriter.reset();
    for (Statement &s : d->statements)
        s = Statement();
    d->db.close();
}

QString Cache::defaultPath() {
    const QString env = qEnvironmentVariable("RUNLENS_CACHE");
    if (!env.isEmpty())
        return env;
    // One fixed folder (not CacheLocation, which nests organisation and application names) so
    // the window, the CLI and any other front end share the same cache: ~/.cache/runlens.
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
                           QStringLiteral("/runlens");
    return folder + QStringLiteral("/runs.sqlite");
}

std::unique_ptr<Cache> Cache::open(const QString &path, QString *error) {
    const auto fail = [&](const QString &message) -> std::unique_ptr<Cache> {
        qCWarning(lcStore).noquote() << message;
        if (error)
            *error = message;
        return nullptr;
    };

    const bool inMemory = path == u":memory:";
    if (!inMemory) {
        const QString folder = QFileInfo(path).absolutePath();
        std::error_code ec;
        std::filesystem::create_directories(QFile::encodeName(folder).toStdString(), ec);
        if (ec) {
            return fail(Tr::tr("The folder “%1” for the cache “%2” cannot be created: %3.")
                            .arg(folder, path, QString::fromLocal8Bit(ec.message())));
        }
    }

    std::unique_ptr<Cache> cache(new Cache);
    Database &db = cache->d->db;
    if (!db.open(path)) {
        return fail(Tr::tr("The cache “%1” cannot be opened: %2.").arg(path, db.errorMessage()));
    }
    // The GUI reads while an import writes, possibly from another process: wait for a lock
    // rather than fail. Writers hold it for one run's transaction, milliseconds.
    sqlite3_busy_timeout(db.handle(), 10000);

    // The first real read of the file: this is where a file that is not a database shows.
    const std::optional<qint64> version = db.queryInt("PRAGMA user_version");
    if (!version) {
        return fail(Tr::tr("The file “%1” cannot be used as the RunLens cache: %2.")
                        .arg(path, db.errorMessage()));
    }
    if (*version > schemaVersion) {
        return fail(Tr::tr("The cache “%1” has schema version %2, but this RunLens knows "
                           "only up to version %3: it was written by a newer RunLens. Use "
                           "that version, or delete the file (the cache is rebuilt from the "
                           "sources).")
                        .arg(path)
                        .arg(*version)
                        .arg(schemaVersion));
    }
    if (*version == 0) {
        // Version 0 with tables in it is some other program's database, not a new cache.
        const std::optional<qint64> tables =
            db.queryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
        if (!tables) {
            return fail(Tr::tr("The file “%1” cannot be used as the RunLens cache: %2.")
                            .arg(path, db.errorMessage()));
        }
        if (*tables > 0) {
            return fail(Tr::tr("The file “%1” is an SQLite database of another program, not "
                               "a RunLens cache.")
                            .arg(path));
        }
    }

    // WAL lets readers go on while a writer commits; NORMAL loses at most the last commits on
    // power loss (never consistency) and is what makes one transaction per run cheap. The
    // cache is disposable, so that trade is right. No mmap: loadRuns reads the file once, and
    // mapped pages would stay in the GUI's resident set for as long as the cache is open.
    if (!inMemory) {
        // 16 KiB pages for a new file (an existing one keeps its size): most of the cache is
        // series blobs of a few KiB, and SQLite writes each page of the WAL with its own
        // pwrite, so bigger pages mean a quarter of the write calls on a full import.
        if (*version == 0 && !db.exec("PRAGMA page_size = 16384")) {
            return fail(
                Tr::tr("The cache “%1” cannot be set up: %2.").arg(path, db.errorMessage()));
        }
        const std::optional<QString> mode = db.queryText("PRAGMA journal_mode = WAL");
        if (!mode || mode->compare(u"wal", Qt::CaseInsensitive) != 0) {
            return fail(Tr::tr("The cache “%1” cannot switch to write-ahead logging: %2.")
                            .arg(path, mode ? *mode : db.errorMessage()));
        }
    }
    if (!db.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")) {
        return fail(Tr::tr("The cache “%1” cannot be set up: %2.").arg(path, db.errorMessage()));
    }

    QString migrationError;
    if (!Migrations::run(db, Migrations::ladder(), &migrationError))
        return fail(migrationError);
    return cache;
}

int Cache::userVersion() const {
    return int(d->db.queryInt("PRAGMA user_version").value_or(-1));
}

QString Cache::path() const {
    return d->db.path();
}

QString Cache::lastError() const {
    return d->lastError;
}

// --- writing --------------------------------------------------------------------------------

qint64 Cache::writeRun(const RunUpdate &update, QString *error) {
    Private &p = *d;
    p.start();
    const core::Run &run = update.run;
    const auto fail = [&] {
        p.fail(Tr::tr("The run “%1” could not be written to the cache “%2”: %3.")
                   .arg(run.sourceRoot + u'/' + run.path, p.db.path(), p.sqliteReason()),
               error);
        return qint64(0);
    };

    // Encode before taking the write lock: other processes wait only for the SQL.
    const QByteArray config = RecordCodec::encodeConfig(run.config);
    const QByteArray tags = RecordCodec::encodeTags(run.tags);
    const QByteArray summaries = RecordCodec::encodeSummaries(run.metrics);
    const QByteArray files = FilesCodec::encode(update.files);

    Transaction tx(p.db);
    if (!tx.isActive())
        return fail();
    {
        Statement &s = p.st(Sql::UpsertSource);
        Statement::Scope scope(s);
        s.bind(1, run.sourceRoot);
        if (!s.exec())
            return fail();
    }
    qint64 runId = 0;
    {
        Statement &s = p.st(Sql::UpsertRun);
        Statement::Scope scope(s);
        s.bind(1, run.sourceRoot);
        s.bind(2, run.path);
        s.bind(3, run.key);
        s.bind(4, run.format);
        s.bind(5, run.uid);
        s.bind(6, run.name);
        s.bind(7, run.experiment);
        s.bind(8, int(run.status));
        s.bind(9, int(run.deleted));
        s.bind(10, run.startMs);
        s.bind(11, run.endMs);
        s.bindBlobNoCopy(12, config);
        s.bindBlobNoCopy(13, tags);
        s.bindBlobNoCopy(14, summaries);
        if (s.step() != Statement::Result::Row)
            return fail();
        runId = s.columnInt(0);
    }

    for (const RunUpdate::Series &series : update.series) {
        if (!hasMetric(run, series.key)) {
            // It would be deleted again below: the stored series are exactly run.metrics.
            qCWarning(lcStore) << "series" << series.key << "of" << run.path
                               << "is not in the run's metrics; not stored";
            continue;
        }
        if (series.append) {
            Statement &grow = p.st(Sql::GrowSeries);
            Statement::Scope growScope(grow);
            grow.bind(1, runId);
            grow.bind(2, series.key);
            grow.bind(3, qint64(series.points.size()));
            const Statement::Result r = grow.step();
            if (r == Statement::Result::Error)
                return fail();
            if (r == Statement::Result::Row) {
                // Only the new points and the last page are written (and, now and then, the
                // levels rebuilt): see PyramidWriter::append.
                const qint64 seriesId = grow.columnInt(0);
                grow.reset();
                if (!p.writer().append(seriesId, series.points))
                    return fail();
                continue;
            }
            // No such series yet: the appended points are all there is.
        }
        qint64 seriesId = 0;
        {
            Statement &s = p.st(Sql::ReplaceSeries);
            Statement::Scope scope(s);
            s.bind(1, runId);
            s.bind(2, series.key);
            s.bind(3, qint64(series.points.size()));
            if (s.step() != Statement::Result::Row)
                return fail();
            seriesId = s.columnInt(0);
        }
        if (!p.writer().replace(seriesId, series.points))
            return fail();
    }

    std::vector<qint64> stale;
    {
        Statement &s = p.st(Sql::SeriesOfRun);
        Statement::Scope scope(s);
        s.bind(1, runId);
        Statement::Result r;
        while ((r = s.step()) == Statement::Result::Row) {
            if (!hasMetric(run, s.columnText(1)))
                stale.push_back(s.columnInt(0));
        }
        if (r != Statement::Result::Done)
            return fail();
    }
    for (const qint64 seriesId : stale) {
        Statement &s = p.st(Sql::DeleteSeries);
        Statement::Scope scope(s);
        s.bind(1, seriesId);
        if (!s.exec())
            return fail();
    }

    {
        Statement &s = p.st(Sql::UpsertFiles);
        Statement::Scope scope(s);
        s.bind(1, runId);
        s.bindBlobNoCopy(2, files);
        if (!s.exec())
            return fail();
    }

    if (!tx.commit())
        return fail();
    return runId;
}

bool Cache::finishSource(const QString &sourceRoot, const core::Problems &problems,
                         QString *error) {
    Private &p = *d;
    p.start();
    const auto fail = [&] {
        p.fail(Tr::tr("The import of “%1” could not be recorded in the cache “%2”: %3.")
                   .arg(sourceRoot, p.db.path(), p.sqliteReason()),
               error);
        return false;
    };
    Transaction tx(p.db);
    if (!tx.isActive())
        return fail();
    {
        Statement &s = p.st(Sql::FinishSource);
        Statement::Scope scope(s);
        s.bind(1, sourceRoot);
        s.bind(2, QDateTime::currentMSecsSinceEpoch());
        if (!s.exec())
            return fail();
    }
    {
        Statement &s = p.st(Sql::DeleteProblems);
        Statement::Scope scope(s);
        s.bind(1, sourceRoot);
        if (!s.exec())
            return fail();
    }
    for (const core::Problem &problem : problems) {
        Statement &s = p.st(Sql::InsertProblem);
        Statement::Scope scope(s);
        s.bind(1, sourceRoot);
        s.bind(2, problem.path);
        s.bind(3, problem.where);
        s.bind(4, problem.message);
        if (!s.exec())
            return fail();
    }
    return tx.commit() || fail();
}

int Cache::removeRunsExcept(const QString &sourceRoot, const QSet<QString> &keepPaths) {
    Private &p = *d;
    p.start();
    const auto fail = [&] {
        p.fail(Tr::tr("Vanished runs of “%1” could not be removed from the cache “%2”: %3.")
                   .arg(sourceRoot, p.db.path(), p.sqliteReason()),
               nullptr);
        return 0;
    };
    Transaction tx(p.db);
    if (!tx.isActive())
        return fail();
    std::vector<qint64> gone;
    {
        Statement &s = p.st(Sql::RunPathsOfSource);
        Statement::Scope scope(s);
        s.bind(1, sourceRoot);
        Statement::Result r;
        while ((r = s.step()) == Statement::Result::Row) {
            if (!keepPaths.contains(s.columnText(1)))
                gone.push_back(s.columnInt(0));
        }
        if (r != Statement::Result::Done)
            return fail();
    }
    for (const qint64 runId : gone) {
        Statement &s = p.st(Sql::DeleteRun);
        Statement::Scope scope(s);
        s.bind(1, runId);
        if (!s.exec())
            return fail();
    }
    if (!tx.commit())
        return fail();
    return int(gone.size());
}

bool Cache::removeSource(const QString &sourceRoot) {
    Private &p = *d;
    p.start();
    const auto fail = [&] {
        p.fail(Tr::tr("The source “%1” could not be removed from the cache “%2”: %3.")
                   .arg(sourceRoot, p.db.path(), p.sqliteReason()),
               nullptr);
        return false;
    };
    Transaction tx(p.db);
    if (!tx.isActive())
        return fail();
    for (const Sql which : {Sql::DeleteRunsOfSource, Sql::DeleteSource}) {
        Statement &s = p.st(which);
        Statement::Scope scope(s);
        s.bind(1, sourceRoot);
        if (!s.exec())
            return fail();
    }
    return tx.commit() || fail();
}

// --- reading --------------------------------------------------------------------------------

void Cache::Private::decodeColumns(const Statement &s, RecordDecoder &dec, core::Run &r) {
    r.id = s.columnInt(0);
    r.key = s.columnText(1);
    // Few distinct values over many runs: share them.
    r.sourceRoot = dec.intern(s.columnUtf8(2), RecordDecoder::Column, 0);
    r.path = s.columnText(3);
    r.format = dec.intern(s.columnUtf8(4), RecordDecoder::Column, 1);
    r.uid = s.columnText(5);
    r.name = s.columnText(6);
    r.experiment = dec.intern(s.columnUtf8(7), RecordDecoder::Column, 2);
    r.status = core::RunStatus(s.columnInt(8));
    r.deleted = s.columnInt(9) != 0;
    r.startMs = s.columnInt(10);
    r.endMs = s.columnInt(11);
}

bool Cache::Private::decodeRun(const Statement &s, RecordDecoder &dec, core::Run &r) {
    decodeColumns(s, dec, r);
    // A damaged blob costs that run its config, tags or summaries, not the whole load: the
    // cache is disposable and the next import rewrites the row.
    bool ok = dec.decodeConfig(s.columnBlob(12), &r.config);
    ok = dec.decodeTags(s.columnBlob(13), &r.tags, s.columnUtf8(6), r.name) && ok;
    ok = dec.decodeSummaries(s.columnBlob(14), &r.metrics) && ok;
    return ok;
}

bool Cache::Private::loadRange(core::Runs &runs, const QString &sourceRoot, bool includeDeleted,
                               qint64 fromId, qint64 toId, RecordDecoder &dec) {
    Statement &s = st(sourceRoot.isEmpty() ? Sql::LoadRuns : Sql::LoadRunsOfSource);
    Statement::Scope scope(s);
    s.bind(1, int(includeDeleted));
    if (!sourceRoot.isEmpty())
        s.bind(2, sourceRoot);
    s.bind(3, fromId);
    s.bind(4, toId);
    ArenaHugePages hugePages;
    Statement::Result r;
    while ((r = s.step()) == Statement::Result::Row) {
        core::Run &run = runs.emplace_back();
        if (!decodeRun(s, dec, run))
            qCWarning(lcStore) << "damaged record of run" << run.path << "in" << db.path();
        hugePages.note(run.metrics.empty() ? static_cast<const void *>(run.key.constData())
                                           : run.metrics.data());
    }
    return r == Statement::Result::Done;
}

bool Cache::Private::loadRunsInto(core::Runs &runs, const QString &sourceRoot,
                                  bool includeDeleted) {
    constexpr qint64 minId = std::numeric_limits<qint64>::min();
    constexpr qint64 maxId = std::numeric_limits<qint64>::max();
    // Below this, a second connection and thread cost more than they save.
    constexpr qint64 parallelMinRuns = 4000;

    const bool all = sourceRoot.isEmpty();
    qint64 count = 0;
    qint64 lowId = 0;
    qint64 highId = 0;
    RecordDecoder dec;
    // One read transaction for this thread's part: the count and its rows come from one
    // snapshot. The second half, when loaded in parallel, is read by its own connection.
    Transaction read(db, Transaction::Kind::Deferred);
    if (!read.isActive())
        return false;
    {
        // Counting first lets the vector be allocated once, at its final size: 100,000 runs
        // are 25 MB of Run structs, and doubling growth would leave up to half of that unused.
        // With deleted runs the count needs no row, only an index.
        Statement &s = st(includeDeleted ? (all ? Sql::CountAllRuns : Sql::CountAllRunsOfSource)
                                         : (all ? Sql::CountRuns : Sql::CountRunsOfSource));
        Statement::Scope scope(s);
        if (includeDeleted) {
            if (!all)
                s.bind(1, sourceRoot);
        } else {
            s.bind(1, 0);
            if (!all)
                s.bind(2, sourceRoot);
        }
        if (s.step() != Statement::Result::Row)
            return false;
        count = s.columnInt(0);
    }
    runs.reserve(runs.size() + size_t(count));
    adviseHugePages(runs);
    if (count < parallelMinRuns || db.path().isEmpty() || db.path() == u":memory:")
        return loadRange(runs, sourceRoot, includeDeleted, minId, maxId, dec);
    {
        Statement &s = st(all ? Sql::RunIdRange : Sql::RunIdRangeOfSource);
        Statement::Scope scope(s);
        if (!all)
            s.bind(1, sourceRoot);
        if (s.step() != Statement::Result::Row)
            return false;
        lowId = s.columnInt(0);
        highId = s.columnInt(1);
    }

    // Two cores decode and fault in memory at the same time: the rows with ids from the middle
    // of the id range on are loaded by a second connection on a second thread, then moved
    // behind the first half, so the order stays by id. That half comes from its own snapshot:
    // while an import commits, a run may be newer in it than in this one (never duplicated:
    // the id ranges are disjoint, and a re-import keeps a run's id).
    const qint64 split = lowId + (highId - lowId) / 2 + 1;
    core::Runs upper;
    bool upperOk = false;
    std::thread helper([&, path = db.path()] {
        const std::unique_ptr<Cache> other = Cache::open(path);
        if (!other)
            return;
        Private &o = *other->d;
        upper.reserve(size_t(std::min(count, highId - split + 1)));
        adviseHugePages(upper);
        RecordDecoder upperDec;
        Transaction upperRead(o.db, Transaction::Kind::Deferred);
        upperOk = upperRead.isActive() &&
                  o.loadRange(upper, sourceRoot, includeDeleted, split, maxId, upperDec);
    });
    const bool lowerOk = loadRange(runs, sourceRoot, includeDeleted, minId, split, dec);
    helper.join();
    if (!lowerOk)
        return false;
    if (!upperOk) // the second connection failed: read that half here after all
        return loadRange(runs, sourceRoot, includeDeleted, split, maxId, dec);
    std::move(upper.begin(), upper.end(), std::back_inserter(runs));
    return true;
}

core::Runs Cache::loadRuns(const QString &sourceRoot, bool includeDeleted) const {
    Private &p = *d;
    p.start();
    core::Runs runs;
    if (!p.loadRunsInto(runs, sourceRoot, includeDeleted)) {
        p.fail(Tr::tr("The runs could not be read from the cache “%1”: %2.")
                   .arg(p.db.path(), p.sqliteReason()),
               nullptr);
    }
    return runs;
}

QHash<QString, PreviousRun> Cache::loadPrevious(const QString &sourceRoot) const {
    Private &p = *d;
    p.start();
    QHash<QString, PreviousRun> result;
    const auto fail = [&] {
        p.fail(Tr::tr("The previous import of “%1” could not be read from the cache “%2”: "
                      "%3.")
                   .arg(sourceRoot, p.db.path(), p.sqliteReason()),
               nullptr);
        return QHash<QString, PreviousRun>();
    };
    if (sourceRoot.isEmpty())
        return result;

    Transaction read(p.db, Transaction::Kind::Deferred);
    if (!read.isActive())
        return fail();
    {
        // Sized once: a growing hash moves every PreviousRun it already holds.
        Statement &s = p.st(Sql::CountRunsOfSource);
        Statement::Scope scope(s);
        s.bind(1, 1);
        s.bind(2, sourceRoot);
        if (s.step() != Statement::Result::Row)
            return fail();
        result.reserve(qsizetype(s.columnInt(0)));
    }
    RecordDecoder dec;
    Statement &s = p.st(Sql::PreviousOfSource);
    Statement::Scope scope(s);
    s.bind(1, sourceRoot);
    Statement::Result r;
    while ((r = s.step()) == Statement::Result::Row) {
        PreviousRun &prev = result[s.columnText(3)];
        Private::decodeColumns(s, dec, prev.run);
        const auto copy = [](QByteArrayView blob) {
            return QByteArray(blob.data(), blob.size());
        };
        prev.config = copy(s.columnBlob(12));
        prev.tags = copy(s.columnBlob(13));
        prev.summaries = copy(s.columnBlob(14));
        prev.files = copy(s.columnBlob(15));
    }
    if (r != Statement::Result::Done)
        return fail();
    return result;
}

FileStates::FileStates(std::vector<FileState> files)
    : m_files(std::move(files)) {
    const auto less = [](const FileState &a, const FileState &b) {
        return a.relPath < b.relPath;
    };
    if (std::is_sorted(m_files.begin(), m_files.end(), less) &&
        std::adjacent_find(m_files.begin(), m_files.end(),
                           [](const FileState &a, const FileState &b) {
                               return a.relPath == b.relPath;
                           }) == m_files.end())
        return; // the usual case: FilesCodec writes them sorted
    std::stable_sort(m_files.begin(), m_files.end(), less);
    // Keep the last of equal paths: walk from the back, keeping first occurrences.
    std::vector<FileState> unique;
    unique.reserve(m_files.size());
    for (auto it = m_files.rbegin(); it != m_files.rend(); ++it) {
        if (unique.empty() || unique.back().relPath != it->relPath)
            unique.push_back(std::move(*it));
    }
    m_files.assign(std::make_move_iterator(unique.rbegin()),
                   std::make_move_iterator(unique.rend()));
}

const FileState *FileStates::find(QStringView relPath) const {
    const auto it = std::lower_bound(
        m_files.begin(), m_files.end(), relPath,
        [](const FileState &f, QStringView path) { return QStringView(f.relPath) < path; });
    return it != m_files.end() && it->relPath == relPath ? &*it : nullptr;
}

FileState FileStates::value(QStringView relPath) const {
    const FileState *f = find(relPath);
    return f ? *f : FileState{};
}

FileStates PreviousRun::decodedFiles() const {
    FileStates result;
    // A damaged blob only makes the run's files look changed: they are read again and the
    // next write replaces it.
    if (!FilesCodec::decode(files, &result))
        qCWarning(lcStore) << "damaged file fingerprints of cached run" << run.path;
    return result;
}

core::Run PreviousRun::decodedRun() const {
    core::Run r = run;
    RecordDecoder dec;
    bool ok = dec.decodeConfig(config, &r.config);
    ok = dec.decodeTags(tags, &r.tags) && ok;
    ok = dec.decodeSummaries(summaries, &r.metrics) && ok;
    if (!ok)
        qCWarning(lcStore) << "damaged record of cached run" << r.path;
    return r;
}

bool Cache::hasRuns(const QString &sourceRoot) const {
    Private &p = *d;
    p.start();
    Statement &s = p.st(Sql::HasRuns);
    Statement::Scope scope(s);
    s.bind(1, sourceRoot);
    if (s.step() != Statement::Result::Row) {
        p.fail(Tr::tr("The runs could not be read from the cache “%1”: %2.")
                   .arg(p.db.path(), p.sqliteReason()),
               nullptr);
        return true; // when in doubt, compare fingerprints
    }
    return s.columnInt(0) != 0;
}

core::MetricPoints Cache::loadSeries(qint64 runId, const QString &key) const {
    Private &p = *d;
    p.start();
    core::MetricPoints points;
    Statement &s = p.st(Sql::LoadSeries);
    Statement::Scope scope(s);
    s.bind(1, runId);
    s.bind(2, key);
    switch (s.step()) {
    case Statement::Result::Row: {
        // The series row's blob, then its appended chunks: chunk sequences concatenate.
        QByteArray blob = s.columnBlob(1).toByteArray();
        Statement &tail = p.st(Sql::LoadSeriesTail);
        Statement::Scope tailScope(tail);
        tail.bind(1, s.columnInt(0));
        while (tail.step() == Statement::Result::Row)
            blob += tail.columnBlob(0);
        if (!SeriesCodec::decode(blob, &points)) {
            p.fail(Tr::tr("The points of “%1” (run %2) in the cache “%3” are damaged; "
                          "re-import the run.")
                       .arg(key)
                       .arg(runId)
                       .arg(p.db.path()),
                   nullptr);
        }
        break;
    }
    case Statement::Result::Done:
        break; // no such series: no points
    case Statement::Result::Error:
        p.fail(Tr::tr("The points of “%1” could not be read from the cache “%2”: %3.")
                   .arg(key, p.db.path(), p.sqliteReason()),
               nullptr);
    }
    return points;
}

bool Cache::Private::loadPages(SliceContext &c, size_t first, size_t last) {
    const std::vector<PageEntry> &pages = c.index.pages;
    while (first <= last && c.pages.count(first))
        ++first;
    while (last >= first && c.pages.count(last)) {
        if (last == 0)
            return true;
        --last;
    }
    if (first > last)
        return true;
    Statement &s = st(Sql::SlicePages);
    Statement::Scope scope(s);
    s.bind(1, c.seriesId);
    s.bind(2, pages[first].seq);
    s.bind(3, pages[last].seq);
    size_t at = first;
    Statement::Result r;
    while ((r = s.step()) == Statement::Result::Row) {
        const qint64 seq = s.columnInt(0);
        while (at <= last && pages[at].seq < seq)
            ++at;
        if (at > last || pages[at].seq != seq)
            continue; // a row the index does not know: not ours to show
        if (c.pages.count(at))
            continue;
        core::MetricPoints &points = c.pages[at];
        points.reserve(size_t(pages[at].count));
        if (!SeriesCodec::decode(s.columnBlob(1), &points) ||
            qint64(points.size()) != pages[at].count)
            return false;
    }
    if (r != Statement::Result::Done)
        return false;
    for (size_t i = first; i <= last; ++i) {
        if (!c.pages.count(i))
            return false; // the index names a page that is gone
    }
    return true;
}

bool Cache::Private::rawPoints(SliceContext &c, qint64 from, qint64 to, core::MetricPoints *out) {
    if (from >= to)
        return true;
    const std::vector<qint64> &starts = c.index.starts;
    // The page holding point `from`, and the one holding point `to - 1`.
    const size_t first =
        size_t(std::upper_bound(starts.begin(), starts.end(), from) - starts.begin()) - 1;
    const size_t last =
        size_t(std::upper_bound(starts.begin(), starts.end(), to - 1) - starts.begin()) - 1;
    if (!loadPages(c, first, last))
        return false;
    out->reserve(out->size() + size_t(to - from));
    for (size_t i = first; i <= last; ++i) {
        const core::MetricPoints &page = c.pages[i];
        const qint64 b = std::max(from, starts[i]) - starts[i];
        const qint64 e = std::min(to, starts[i + 1]) - starts[i];
        out->insert(out->end(), page.begin() + b, page.begin() + e);
    }
    return true;
}

bool Cache::Private::pointIndex(SliceContext &c, qint64 v, bool after, qint64 *at) {
    // The points "below" v come first (x never decreases): x < v, or x <= v when after.
    const auto below = [v, after](qint64 x) {
        return after ? x <= v : x < v;
    };
    const std::vector<PageEntry> &pages = c.index.pages;
    const core::XKind x = c.x;
    // The first page not wholly below v; the answer is in it, or is its start.
    const size_t k =
        size_t(std::partition_point(pages.begin(), pages.end(),
                                    [&](const PageEntry &e) { return below(e.lastX(x)); }) -
               pages.begin());
    if (k == pages.size() || !below(pages[k].firstX(x))) {
        *at = c.index.starts[k];
        return true;
    }
    if (!loadPages(c, k, k))
        return false;
    const core::MetricPoints &page = c.pages[k];
    *at = c.index.starts[k] +
          (std::partition_point(page.begin(), page.end(),
                                [&](const core::MetricPoint &p) { return below(c.xOf(p)); }) -
           page.begin());
    return true;
}

bool Cache::Private::storedBuckets(SliceContext &c, int level, qint64 from, qint64 to,
                                   core::PointBuckets *out) {
    if (from >= to)
        return true;
    const qint64 firstPage = from / pyramid::bucketsPerPage;
    const qint64 lastPage = (to - 1) / pyramid::bucketsPerPage;
    Statement &s = st(Sql::SliceLevelPages);
    Statement::Scope scope(s);
    s.bind(1, c.seriesId);
    s.bind(2, level);
    s.bind(3, firstPage);
    s.bind(4, lastPage);
    core::PointBuckets &page = levelPage;
    out->reserve(out->size() + size_t(to - from));
    qint64 expected = firstPage;
    Statement::Result r;
    while ((r = s.step()) == Statement::Result::Row) {
        const qint64 number = s.columnInt(0);
        page.clear();
        if (number != expected || !BucketCodec::decode(s.columnBlob(1), &page))
            return false;
        const qint64 pageStart = number * pyramid::bucketsPerPage;
        const qint64 b = std::max(from, pageStart) - pageStart;
        const qint64 e = std::min(to, pageStart + qint64(page.size())) - pageStart;
        if (b > e)
            return false;
        out->insert(out->end(), page.begin() + b, page.begin() + e);
        ++expected;
    }
    return r == Statement::Result::Done && expected == lastPage + 1;
}

bool Cache::Private::buckets(SliceContext &c, int level, qint64 from, qint64 to,
                             core::PointBuckets *out) {
    const qint64 size = pyramid::bucketSize(level);
    const qint64 prefix = c.prefixBuckets(level);
    // The covered prefix: from the stored level, or merged from the coarsest stored one.
    if (from < prefix) {
        const qint64 end = std::min(to, prefix);
        if (level < c.index.levels) {
            if (!storedBuckets(c, level, from, end, out))
                return false;
        } else {
            const int stored = c.index.levels - 1;
            const qint64 group = size / pyramid::bucketSize(stored);
            const qint64 finePrefix = c.prefixBuckets(stored);
            core::PointBuckets fine;
            if (!storedBuckets(c, stored, from * group, std::min(end * group, finePrefix), &fine))
                return false;
            for (size_t i = 0; i < fine.size(); i += size_t(group)) {
                core::PointBucket b = fine[i];
                for (size_t j = i + 1; j < std::min(fine.size(), i + size_t(group)); ++j)
                    b.merge(fine[j]);
                out->push_back(b);
            }
        }
    }
    // The points after the covered prefix: summarized from raw pages now, on the same grid. The
    // first of them may complete the prefix's last, partial bucket.
    const qint64 pointFrom = std::max(from * size, c.index.covered);
    const qint64 pointTo = std::min(c.total(), to * size);
    if (pointFrom < pointTo) {
        core::MetricPoints points;
        if (!rawPoints(c, pointFrom, pointTo, &points))
            return false;
        qint64 at = pointFrom;
        size_t i = 0;
        if (at % size != 0 && from < prefix && !out->empty()) {
            const qint64 end = std::min(pointTo, (at / size + 1) * size);
            core::PointBucket seam;
            for (; at < end; ++at, ++i)
                seam.add(points[i]);
            out->back().merge(seam);
        }
        const core::PointBuckets made = core::bucketize(points.data() + i, points.size() - i, size);
        out->insert(out->end(), made.begin(), made.end());
    }
    return true;
}

core::SeriesSlice Cache::loadSlice(qint64 runId, const QString &key, core::XKind x, qint64 lo,
                                   qint64 hi, int columns) const {
    Private &p = *d;
    p.start();
    core::SeriesSlice slice;
    const auto damaged = [&] {
        p.fail(Tr::tr("The points of “%1” (run %2) in the cache “%3” are damaged; "
                      "re-import the run.")
                   .arg(key)
                   .arg(runId)
                   .arg(p.db.path()),
               nullptr);
        return core::SeriesSlice();
    };
    const auto failed = [&] {
        p.fail(Tr::tr("The points of “%1” could not be read from the cache “%2”: %3.")
                   .arg(key, p.db.path(), p.sqliteReason()),
               nullptr);
        return core::SeriesSlice();
    };
    // One snapshot for the index and the pages it names, while a writer may commit.
    Transaction read(p.db, Transaction::Kind::Deferred);
    if (!read.isActive())
        return failed();

    SliceContext c;
    c.x = x;
    {
        Statement &s = p.st(Sql::SliceIndex);
        Statement::Scope scope(s);
        s.bind(1, runId);
        s.bind(2, key);
        switch (s.step()) {
        case Statement::Result::Done:
            return slice; // no such series
        case Statement::Result::Error:
            return failed();
        case Statement::Result::Row:
            break;
        }
        c.seriesId = s.columnInt(0);
        if (s.isNull(1) || !SeriesIndex::decode(s.columnBlob(1), &c.index)) {
            // No index (it should not happen after the v5 migration): slice it in memory.
            qCWarning(lcStore) << "series" << key << "of run" << runId << "has no index";
            return sliceOfAll(loadSeries(runId, key), x, lo, hi);
        }
    }
    const qint64 total = c.total();
    slice.total = total;
    if (total == 0)
        return slice;
    slice.sorted = c.index.sorted(x);
    if (!slice.sorted) {
        // Rare (a resumed run logged steps again): the caller sorts all of it.
        if (!p.rawPoints(c, 0, total, &slice.points))
            return damaged();
        const auto [minIt, maxIt] =
            std::minmax_element(slice.points.begin(), slice.points.end(),
                                [&](const core::MetricPoint &a, const core::MetricPoint &b) {
                                    return c.xOf(a) < c.xOf(b);
                                });
        slice.xFirst = c.xOf(*minIt);
        slice.xLast = c.xOf(*maxIt);
        return slice;
    }
    slice.xFirst = c.index.pages.front().firstX(x);
    slice.xLast = c.index.pages.back().lastX(x);

    // [a, b): the points with lo <= x <= hi.
    qint64 a = 0;
    qint64 b = 0;
    if (!p.pointIndex(c, lo, false, &a) || !p.pointIndex(c, hi, true, &b))
        return damaged();
    b = std::max(a, b);
    columns = std::max(columns, 1);

    // The coarsest level that still gives `columns` buckets over [a, b).
    int level = -1;
    if (b > a) {
        for (int l = 0; pyramid::bucketSize(l) < total * pyramid::factor; ++l) {
            if (c.bucketOf(l, b - 1) - c.bucketOf(l, a) + 1 < columns)
                break;
            level = l;
        }
    }
    if (level < 0) {
        // Few points in the range: all of them, and one neighbour each side.
        slice.exact = true;
        if (!p.rawPoints(c, std::max<qint64>(a - 1, 0), std::min(b + 1, total), &slice.points))
            return damaged();
        return slice;
    }
    slice.exact = false;
    slice.buckets.reserve(size_t(c.bucketOf(level, b - 1) - c.bucketOf(level, a) + 3));
    const qint64 first = std::max<qint64>(c.bucketOf(level, a) - 1, 0);
    const qint64 last = std::min(c.bucketOf(level, b - 1) + 2, c.bucketCount(level));
    if (!p.buckets(c, level, first, last, &slice.buckets))
        return damaged();
    return slice;
}

QStringList Cache::sources() const {
    Private &p = *d;
    p.start();
    QStringList roots;
    Statement &s = p.st(Sql::Sources);
    Statement::Scope scope(s);
    Statement::Result r;
    while ((r = s.step()) == Statement::Result::Row)
        roots.append(s.columnText(0));
    if (r != Statement::Result::Done) {
        p.fail(Tr::tr("The sources could not be read from the cache “%1”: %2.")
                   .arg(p.db.path(), p.sqliteReason()),
               nullptr);
    }
    return roots;
}

core::Problems Cache::problems(const QString &sourceRoot) const {
    Private &p = *d;
    p.start();
    core::Problems problems;
    Statement &s = p.st(Sql::Problems);
    Statement::Scope scope(s);
    s.bind(1, sourceRoot);
    Statement::Result r;
    while ((r = s.step()) == Statement::Result::Row)
        problems.append({s.columnText(0), s.columnText(1), s.columnText(2)});
    if (r != Statement::Result::Done) {
        p.fail(Tr::tr("The import problems of “%1” could not be read from the cache “%2”: "
                      "%3.")
                   .arg(sourceRoot, p.db.path(), p.sqliteReason()),
               nullptr);
    }
    return problems;
}

Cache::Counts Cache::counts(const QString &sourceRoot) const {
    Private &p = *d;
    p.start();
    Counts counts;
    Statement &s = p.st(sourceRoot.isEmpty() ? Sql::Counts : Sql::CountsOfSource);
    Statement::Scope scope(s);
    if (!sourceRoot.isEmpty())
        s.bind(1, sourceRoot);
    if (s.step() == Statement::Result::Row) {
        counts.runs = s.columnInt(0);
        counts.series = s.columnInt(1);
        counts.points = s.columnInt(2);
    } else {
        p.fail(
            Tr::tr("The cache “%1” could not be counted: %2.").arg(p.db.path(), p.sqliteReason()),
            nullptr);
    }
    return counts;
}

} // namespace runlens::store
