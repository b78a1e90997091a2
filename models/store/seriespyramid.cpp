// SPDX-License-Identifier: GPL-3.0-or-later
#include "seriespyramid.h"

#include "bucketcodec.h"
#include "bytecodec.h"
#include "database.h"
#include "seriescodec.h"

#include <algorithm>

namespace runlens::store {

namespace pyramid {

std::vector<core::PointBuckets> buildLevels(const core::MetricPoint *points, size_t n,
                                            bool always) {
    std::vector<core::PointBuckets> levels;
    if (n == 0 || (!always && qint64(n) <= minLevelledPoints))
        return levels;
    levels.push_back(core::bucketize(points, n, baseBucket));
    // Each level from the one before: O(n) for all of them together.
    while (qint64(levels.back().size()) >= minTopBuckets) {
        const core::PointBuckets &finer = levels.back();
        core::PointBuckets coarser;
        coarser.reserve(finer.size() / size_t(factor) + 1);
        for (size_t i = 0; i < finer.size(); i += size_t(factor)) {
            core::PointBucket b = finer[i];
            const size_t end = std::min(finer.size(), i + size_t(factor));
            for (size_t j = i + 1; j < end; ++j)
                b.merge(finer[j]);
            coarser.push_back(b);
        }
        levels.push_back(std::move(coarser));
    }
    return levels;
}

} // namespace pyramid

// --- SeriesIndex ----------------------------------------------------------------------------

namespace {
constexpr quint8 indexVersion = 1;
enum IndexFlag : quint8 { StepsSorted = 1, TimesSorted = 2 };
} // namespace

void SeriesIndex::addPage(qint64 seq, const core::MetricPoint *points, size_t count) {
    if (count == 0)
        return;
    PageEntry e;
    e.seq = seq;
    e.count = qint64(count);
    e.firstStep = points[0].step;
    e.firstTimeMs = points[0].timeMs;
    e.lastStep = points[count - 1].step;
    e.lastTimeMs = points[count - 1].timeMs;
    if (!pages.empty()) {
        stepsSorted = stepsSorted && pages.back().lastStep <= e.firstStep;
        timesSorted = timesSorted && pages.back().lastTimeMs <= e.firstTimeMs;
    }
    for (size_t i = 1; i < count && (stepsSorted || timesSorted); ++i) {
        stepsSorted = stepsSorted && points[i - 1].step <= points[i].step;
        timesSorted = timesSorted && points[i - 1].timeMs <= points[i].timeMs;
    }
    if (starts.empty())
        starts.push_back(0);
    starts.push_back(starts.back() + e.count);
    pages.push_back(e);
}

void SeriesIndex::dropLastPage() {
    if (pages.empty())
        return;
    pages.pop_back();
    starts.pop_back();
    if (pages.empty())
        starts.clear();
}

QByteArray SeriesIndex::encode() const {
    QByteArray out;
    out.reserve(qsizetype(8 + pages.size() * 12));
    ByteWriter w(out);
    w.putByte(indexVersion);
    w.putByte(quint8((stepsSorted ? StepsSorted : 0) | (timesSorted ? TimesSorted : 0)));
    w.putVarint(quint64(covered));
    w.putVarint(quint64(levels));
    w.putVarint(pages.size());
    qint64 prevSeq = 0;
    qint64 prevStep = 0;
    qint64 prevTime = 0;
    for (const PageEntry &e : pages) {
        w.putZigzag(e.seq - prevSeq);
        w.putVarint(quint64(e.count));
        w.putZigzag(qint64(quint64(e.firstStep) - quint64(prevStep)));
        w.putZigzag(qint64(quint64(e.lastStep) - quint64(e.firstStep)));
        w.putZigzag(qint64(quint64(e.firstTimeMs) - quint64(prevTime)));
        w.putZigzag(qint64(quint64(e.lastTimeMs) - quint64(e.firstTimeMs)));
        prevSeq = e.seq;
        prevStep = e.lastStep;
        prevTime = e.lastTimeMs;
    }
    return out;
}

bool SeriesIndex::decode(QByteArrayView blob, SeriesIndex *out) {
    *out = SeriesIndex();
    ByteReader r(blob);
    if (r.byte() != indexVersion)
        return false;
    const quint8 flags = r.byte();
    out->stepsSorted = flags & StepsSorted;
    out->timesSorted = flags & TimesSorted;
    out->covered = qint64(r.varint());
    out->levels = int(r.varint());
    const quint64 n = r.varint();
    if (r.failed() || n > quint64(r.remaining()) / 6 || out->levels > 64)
        return false;
    out->pages.reserve(size_t(n));
    out->starts.reserve(size_t(n) + 1);
    out->starts.push_back(0);
    qint64 prevSeq = 0;
    qint64 prevStep = 0;
    qint64 prevTime = 0;
    for (quint64 i = 0; i < n; ++i) {
        PageEntry e;
        e.seq = prevSeq + r.zigzag();
        e.count = qint64(r.varint());
        e.firstStep = qint64(quint64(prevStep) + quint64(r.zigzag()));
        e.lastStep = qint64(quint64(e.firstStep) + quint64(r.zigzag()));
        e.firstTimeMs = qint64(quint64(prevTime) + quint64(r.zigzag()));
        e.lastTimeMs = qint64(quint64(e.firstTimeMs) + quint64(r.zigzag()));
        if (r.failed() || e.count <= 0)
            return false;
        out->pages.push_back(e);
        out->starts.push_back(out->starts.back() + e.count);
        prevSeq = e.seq;
        prevStep = e.lastStep;
        prevTime = e.lastTimeMs;
    }
    if (out->pages.empty())
        out->starts.clear();
    return r.atEnd() && out->covered <= out->total() && (out->covered == 0) == (out->levels == 0);
}

// --- PyramidWriter --------------------------------------------------------------------------

struct PyramidWriter::Statements {
    explicit Statements(Database &db)
        : deleteTail(db, "DELETE FROM series_tail WHERE series_id = ?1")
        , deleteLevels(db, "DELETE FROM series_level WHERE series_id = ?1")
        , putPage(db, "INSERT OR REPLACE INTO series_tail (series_id, seq, points) "
                      "VALUES (?1, ?2, ?3)")
        , putIndex(db, "INSERT INTO series_index (series_id, data) VALUES (?1, ?2) "
                       "ON CONFLICT (series_id) DO UPDATE SET data = excluded.data")
        , putLevel(db, "INSERT INTO series_level (series_id, level, page, data) "
                       "VALUES (?1, ?2, ?3, ?4)")
        , loadIndex(db, "SELECT data FROM series_index WHERE series_id = ?1")
        , loadPage(db, "SELECT points FROM series_tail WHERE series_id = ?1 AND seq = ?2")
        , loadBlob(db, "SELECT points FROM series WHERE id = ?1")
        , loadTail(db, "SELECT points FROM series_tail WHERE series_id = ?1 ORDER BY seq")
        , clearBlob(db, "UPDATE series SET points = x'' WHERE id = ?1") {}

    Statement deleteTail, deleteLevels, putPage, putIndex, putLevel, loadIndex, loadPage, loadBlob,
        loadTail, clearBlob;
};

PyramidWriter::PyramidWriter(Database &db)
    : m(std::make_unique<Statements>(db)) {
}

PyramidWriter::~PyramidWriter() = default;

bool PyramidWriter::writePages(qint64 seriesId, SeriesIndex &index, const core::MetricPoint *points,
                               size_t count, qint64 firstSeq) {
    Statement &s = m->putPage;
    qint64 seq = firstSeq;
    for (size_t at = 0; at < count; at += size_t(pyramid::pagePoints), ++seq) {
        const size_t n = std::min(count - at, size_t(pyramid::pagePoints));
        const QByteArray blob =
            SeriesCodec::encode(core::MetricPoints(points + at, points + at + n));
        Statement::Scope scope(s);
        s.bind(1, seriesId);
        s.bind(2, seq);
        s.bindBlobNoCopy(3, blob);
        if (!s.exec())
            return false;
        index.addPage(seq, points + at, n);
    }
    return true;
}

bool PyramidWriter::writeLevels(qint64 seriesId, SeriesIndex &index,
                                const core::MetricPoints &all) {
    {
        Statement::Scope scope(m->deleteLevels);
        m->deleteLevels.bind(1, seriesId);
        if (!m->deleteLevels.exec())
            return false;
    }
    const std::vector<core::PointBuckets> levels = pyramid::buildLevels(all.data(), all.size());
    Statement &s = m->putLevel;
    for (size_t level = 0; level < levels.size(); ++level) {
        const core::PointBuckets &buckets = levels[level];
        for (size_t at = 0, page = 0; at < buckets.size();
             at += size_t(pyramid::bucketsPerPage), ++page) {
            const size_t n = std::min(buckets.size() - at, size_t(pyramid::bucketsPerPage));
            const QByteArray blob = BucketCodec::encode(buckets.data() + at, n);
            Statement::Scope scope(s);
            s.bind(1, seriesId);
            s.bind(2, qint64(level));
            s.bind(3, qint64(page));
            s.bindBlobNoCopy(4, blob);
            if (!s.exec())
                return false;
        }
    }
    index.levels = int(levels.size());
    index.covered = levels.empty() ? 0 : qint64(all.size());
    return true;
}

bool PyramidWriter::writeIndex(qint64 seriesId, const SeriesIndex &index) {
    const QByteArray blob = index.encode();
    Statement::Scope scope(m->putIndex);
    m->putIndex.bind(1, seriesId);
    m->putIndex.bindBlobNoCopy(2, blob);
    return m->putIndex.exec();
}

bool PyramidWriter::replace(qint64 seriesId, const core::MetricPoints &points) {
    {
        Statement::Scope scope(m->deleteTail);
        m->deleteTail.bind(1, seriesId);
        if (!m->deleteTail.exec())
            return false;
    }
    SeriesIndex index;
    return writePages(seriesId, index, points.data(), points.size(), 1) &&
           writeLevels(seriesId, index, points) && writeIndex(seriesId, index);
}

bool PyramidWriter::loadAll(qint64 seriesId, core::MetricPoints *out) {
    QByteArray blob;
    {
        Statement::Scope scope(m->loadBlob);
        m->loadBlob.bind(1, seriesId);
        if (m->loadBlob.step() == Statement::Result::Row)
            blob = m->loadBlob.columnBlob(0).toByteArray();
    }
    Statement::Scope scope(m->loadTail);
    m->loadTail.bind(1, seriesId);
    Statement::Result r;
    while ((r = m->loadTail.step()) == Statement::Result::Row)
        blob += m->loadTail.columnBlob(0);
    // A damaged blob keeps its good chunks: the next replace repairs the rest.
    SeriesCodec::decode(blob, out);
    return r == Statement::Result::Done;
}

bool PyramidWriter::relayout(qint64 seriesId, const core::MetricPoints &extra) {
    core::MetricPoints all;
    if (!loadAll(seriesId, &all))
        return false;
    all.insert(all.end(), extra.begin(), extra.end());
    Statement::Scope scope(m->clearBlob);
    m->clearBlob.bind(1, seriesId);
    return m->clearBlob.exec() && replace(seriesId, all);
}

bool PyramidWriter::append(qint64 seriesId, const core::MetricPoints &points) {
    SeriesIndex index;
    bool haveIndex = false;
    {
        Statement::Scope scope(m->loadIndex);
        m->loadIndex.bind(1, seriesId);
        if (m->loadIndex.step() == Statement::Result::Row)
            haveIndex = SeriesIndex::decode(m->loadIndex.columnBlob(0), &index);
    }
    if (!haveIndex)
        return relayout(seriesId, points); // no (or a damaged) index: lay it all out again
    if (points.empty())
        return true;

    // Fill up a partial last page, so that many small appends do not make many tiny pages.
    core::MetricPoints merged;
    qint64 firstSeq = index.pages.empty() ? 1 : index.pages.back().seq + 1;
    if (!index.pages.empty() && index.pages.back().count < pyramid::pagePoints) {
        const qint64 seq = index.pages.back().seq;
        Statement::Scope scope(m->loadPage);
        m->loadPage.bind(1, seriesId);
        m->loadPage.bind(2, seq);
        if (m->loadPage.step() != Statement::Result::Row)
            return false;
        merged.reserve(size_t(index.pages.back().count) + points.size());
        if (!SeriesCodec::decode(m->loadPage.columnBlob(0), &merged))
            merged.clear(); // the damaged page is rewritten with what is left
        index.dropLastPage();
        firstSeq = seq;
    }
    merged.insert(merged.end(), points.begin(), points.end());
    if (!writePages(seriesId, index, merged.data(), merged.size(), firstSeq))
        return false;
    if (pyramid::needsRebuild(index.total(), index.covered)) {
        core::MetricPoints all;
        if (!loadAll(seriesId, &all) || !writeLevels(seriesId, index, all))
            return false;
    }
    return writeIndex(seriesId, index);
}

} // namespace runlens::store
