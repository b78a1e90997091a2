// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/pointbucket.h"

#include <QByteArray>
#include <QByteArrayView>
#include <memory>
#include <vector>

namespace runlens::store {

class Database;

/// The layout of a series in schema v5, so that a chart reads about what it draws:
///  - raw points in pages of at most pagePoints, as SeriesCodec chunks in series_tail rows;
///  - series_index.data: a SeriesIndex (which page holds which points and x range);
///  - aggregate levels in series_level: PointBuckets of baseBucket * factor^level points each
///    over the first `covered` points, in pages of bucketsPerPage (BucketCodec).
namespace pyramid {
constexpr qint64 pagePoints = 4096;
constexpr qint64 bucketsPerPage = 1024;
constexpr qint64 baseBucket = 16;
constexpr qint64 factor = 4;
/// Levels are added until one has fewer buckets than this.
constexpr qint64 minTopBuckets = 1000;
/// Series up to this many points get no stored levels: their buckets are made from raw pages.
constexpr qint64 minLevelledPoints = 16384;

[[nodiscard]] constexpr qint64 bucketSize(int level) {
    qint64 s = baseBucket;
    for (int i = 0; i < level; ++i)
        s *= factor;
    return s;
}

/// The stored levels of a series of n points: level 0 of baseBucket points, each next one
/// merging `factor` buckets of the one before, until a level has < minTopBuckets buckets.
/// Empty below minLevelledPoints points (unless `always`).
[[nodiscard]] std::vector<core::PointBuckets> buildLevels(const core::MetricPoint *points, size_t n,
                                                          bool always = false);
/// Whether the levels must be rebuilt: the points after the covered prefix are too many.
[[nodiscard]] inline bool needsRebuild(qint64 total, qint64 covered) {
    const qint64 rest = total - covered;
    return rest > std::max(minLevelledPoints, covered / 8);
}
} // namespace pyramid

/// One raw page of a series as the index knows it.
struct PageEntry {
    qint64 seq = 0; ///< series_tail.seq
    qint64 count = 0;
    qint64 firstStep = 0, lastStep = 0;
    qint64 firstTimeMs = 0, lastTimeMs = 0;

    [[nodiscard]] qint64 firstX(core::XKind x) const {
        return x == core::XKind::Step ? firstStep : firstTimeMs;
    }
    [[nodiscard]] qint64 lastX(core::XKind x) const {
        return x == core::XKind::Step ? lastStep : lastTimeMs;
    }
};

/// series_index.data: the raw pages in seq order and what the levels cover. Encoded as
///
///     u8 version (1), u8 flags (bit 0 steps non-decreasing, bit 1 times non-decreasing),
///     varint covered, varint levels, varint pages,
///     per page: varint seq delta, varint count, zigzag firstStep - previous lastStep,
///               zigzag lastStep - firstStep, the same two for times.
struct SeriesIndex {
    bool stepsSorted = true;
    bool timesSorted = true;
    qint64 covered = 0; ///< points (a prefix) summarized by the stored levels
    int levels = 0;     ///< stored levels 0..levels-1
    std::vector<PageEntry> pages;
    std::vector<qint64> starts; ///< starts[i]: points before page i; one more entry: the total

    [[nodiscard]] qint64 total() const { return starts.empty() ? 0 : starts.back(); }
    [[nodiscard]] bool sorted(core::XKind x) const {
        return x == core::XKind::Step ? stepsSorted : timesSorted;
    }
    /// Adds a page of points after the others, updating the sortedness flags.
    void addPage(qint64 seq, const core::MetricPoint *points, size_t count);
    /// Drops the last page (to rewrite it with more points).
    void dropLastPage();

    [[nodiscard]] QByteArray encode() const;
    [[nodiscard]] static bool decode(QByteArrayView blob, SeriesIndex *out);
};

/// Writes series in the v5 layout, with its own prepared statements; used by Cache::writeRun and
/// by the migration to v5. Every call runs inside the caller's transaction.
class PyramidWriter final {
public:
    explicit PyramidWriter(Database &db);
    ~PyramidWriter();
    PyramidWriter(const PyramidWriter &) = delete;
    PyramidWriter &operator=(const PyramidWriter &) = delete;

    /// Replaces everything stored for the series' points (pages, index, levels) with points.
    bool replace(qint64 seriesId, const core::MetricPoints &points);
    /// Adds points after the stored ones: the last page is filled up, the rest become new
    /// pages; the levels are rebuilt only when pyramid::needsRebuild says so.
    bool append(qint64 seriesId, const core::MetricPoints &points);
    /// Lays out again whatever the series holds (series.points and its series_tail chunks in
    /// any layout), emptying series.points: the migration to v5, and repair of a lost index.
    bool relayout(qint64 seriesId, const core::MetricPoints &extra = {});

private:
    bool writePages(qint64 seriesId, SeriesIndex &index, const core::MetricPoint *points,
                    size_t count, qint64 firstSeq);
    bool writeLevels(qint64 seriesId, SeriesIndex &index, const core::MetricPoints &all);
    bool writeIndex(qint64 seriesId, const SeriesIndex &index);
    bool loadAll(qint64 seriesId, core::MetricPoints *out);

    struct Statements;
    std::unique_ptr<Statements> m;
};

} // namespace runlens::store
