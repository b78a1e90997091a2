// SPDX-License-Identifier: GPL-3.0-or-later
#include "seriescodec.h"

#include "bytecodec.h"

#include <QtEndian>
#include <cstring>

namespace runlens::store {

namespace {

constexpr quint8 flagNoTimes = 0x01;

// Zigzag delta of b after a, in wrapping arithmetic: huge or unsorted steps cannot overflow.
inline quint64 delta(qint64 a, qint64 b) {
    return ByteWriter::zigzag(qint64(quint64(b) - quint64(a)));
}

// Writes into a buffer sized for the worst case (10 bytes a varint): the hot loop then has no
// bounds checks or appends. Returns the end.
inline char *putVarint(char *p, quint64 v) {
    while (v >= 0x80) {
        *p++ = char(quint8(v) | 0x80);
        v >>= 7;
    }
    *p++ = char(v);
    return p;
}

template <typename Get> char *encodeColumn(const core::MetricPoints &points, char *p, Get get) {
    qint64 prev = 0;
    for (const core::MetricPoint &pt : points) {
        const qint64 v = get(pt);
        p = putVarint(p, delta(prev, v));
        prev = v;
    }
    return p;
}

template <typename Set>
bool decodeColumn(QByteArrayView bytes, core::MetricPoint *points, quint64 count, Set set) {
    ByteReader r(bytes);
    quint64 prev = 0;
    for (quint64 i = 0; i < count; ++i) {
        prev += quint64(ByteReader::unzigzag(r.varint()));
        set(points[i], qint64(prev));
    }
    return !r.failed() && r.atEnd();
}

} // namespace

QByteArray SeriesCodec::encode(const core::MetricPoints &points) {
    if (points.empty())
        return {};

    bool allTimesZero = true;
    for (const core::MetricPoint &p : points) {
        if (p.timeMs != 0) {
            allTimesZero = false;
            break;
        }
    }
    const qsizetype n = qsizetype(points.size());
    // The columns go to a scratch buffer first: their byte lengths precede them.
    QByteArray columns(n * (allTimesZero ? 10 : 20), Qt::Uninitialized);
    char *const stepsBegin = columns.data();
    char *const stepsEnd =
        encodeColumn(points, stepsBegin, [](const core::MetricPoint &p) { return p.step; });
    char *const timesEnd =
        allTimesZero
            ? stepsEnd
            : encodeColumn(points, stepsEnd, [](const core::MetricPoint &p) { return p.timeMs; });

    QByteArray out(32 + (timesEnd - stepsBegin) + n * 8, Qt::Uninitialized);
    char *p = out.data();
    *p++ = char(chunkVersion);
    *p++ = char(allTimesZero ? flagNoTimes : 0);
    p = putVarint(p, quint64(n));
    p = putVarint(p, quint64(stepsEnd - stepsBegin));
    if (!allTimesZero)
        p = putVarint(p, quint64(timesEnd - stepsEnd));
    std::memcpy(p, stepsBegin, size_t(timesEnd - stepsBegin));
    p += timesEnd - stepsBegin;
    for (const core::MetricPoint &pt : points) {
        quint64 bits;
        std::memcpy(&bits, &pt.value, 8);
        qToLittleEndian(bits, p);
        p += 8;
    }
    out.truncate(p - out.constData());
    return out;
}

bool SeriesCodec::decode(QByteArrayView blob, core::MetricPoints *out) {
    ByteReader r(blob);
    while (!r.atEnd()) {
        if (r.byte() != chunkVersion)
            return false;
        const quint8 flags = r.byte();
        const quint64 count = r.varint();
        const quint64 stepBytes = r.varint();
        const quint64 timeBytes = (flags & flagNoTimes) ? 0 : r.varint();
        // Every point takes at least 1 step byte and 8 value bytes: checking that first keeps a
        // corrupt count from allocating gigabytes.
        if (r.failed() || count > quint64(r.remaining()) / 9 || stepBytes < count)
            return false;
        const QByteArrayView steps = r.take(stepBytes);
        const QByteArrayView times = r.take(timeBytes);
        const QByteArrayView values = r.take(count * 8);
        if (r.failed())
            return false;

        const size_t first = out->size();
        out->resize(first + count);
        core::MetricPoint *points = out->data() + first;
        bool ok =
            decodeColumn(steps, points, count, [](core::MetricPoint &p, qint64 v) { p.step = v; });
        if (flags & flagNoTimes) {
            for (quint64 i = 0; i < count; ++i)
                points[i].timeMs = 0;
        } else {
            ok = ok && decodeColumn(times, points, count,
                                    [](core::MetricPoint &p, qint64 v) { p.timeMs = v; });
        }
        ByteReader vr(values);
        for (quint64 i = 0; i < count; ++i)
            points[i].value = vr.real();
        if (!ok) {
            out->resize(first);
            return false;
        }
    }
    return true;
}

qint64 SeriesCodec::count(QByteArrayView blob) {
    ByteReader r(blob);
    qint64 total = 0;
    while (!r.atEnd()) {
        if (r.byte() != chunkVersion)
            return -1;
        const quint8 flags = r.byte();
        const quint64 count = r.varint();
        const quint64 stepBytes = r.varint();
        const quint64 timeBytes = (flags & flagNoTimes) ? 0 : r.varint();
        if (count > quint64(r.remaining()) / 8) // also keeps count * 8 from wrapping
            return -1;
        r.take(stepBytes);
        r.take(timeBytes);
        r.take(count * 8);
        if (r.failed())
            return -1;
        total += qint64(count);
    }
    return total;
}

} // namespace runlens::store
