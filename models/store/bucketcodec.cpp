// SPDX-License-Identifier: GPL-3.0-or-later
#include "bucketcodec.h"

#include "bytecodec.h"

namespace runlens::store {

namespace {
enum Flag : quint8 { CountChanged = 1, SomeNotFinite = 2, NoneFinite = 4 };
}

QByteArray BucketCodec::encode(const core::PointBucket *buckets, size_t count) {
    QByteArray out;
    out.reserve(qsizetype(8 + count * 48));
    ByteWriter w(out);
    w.putByte(version);
    w.putVarint(count);
    qint64 prevCount = 0;
    qint64 prevStep = 0;
    qint64 prevTime = 0;
    for (size_t i = 0; i < count; ++i) {
        const core::PointBucket &b = buckets[i];
        quint8 flags = 0;
        if (b.count != prevCount)
            flags |= CountChanged;
        if (b.finite != b.count)
            flags |= SomeNotFinite;
        if (b.finite == 0)
            flags |= NoneFinite;
        w.putByte(flags);
        if (flags & CountChanged)
            w.putVarint(quint64(b.count));
        if (flags & SomeNotFinite)
            w.putVarint(quint64(b.finite));
        // Wrapping differences, as SeriesCodec: any qint64 round-trips.
        w.putZigzag(qint64(quint64(b.firstStep) - quint64(prevStep)));
        w.putZigzag(qint64(quint64(b.lastStep) - quint64(b.firstStep)));
        w.putZigzag(qint64(quint64(b.firstTimeMs) - quint64(prevTime)));
        w.putZigzag(qint64(quint64(b.lastTimeMs) - quint64(b.firstTimeMs)));
        if (!(flags & NoneFinite)) {
            w.putDouble(b.first);
            w.putDouble(b.last);
            w.putDouble(b.min);
            w.putDouble(b.max);
            w.putDouble(b.sum);
        }
        prevCount = b.count;
        prevStep = b.lastStep;
        prevTime = b.lastTimeMs;
    }
    return out;
}

bool BucketCodec::decode(QByteArrayView page, core::PointBuckets *out) {
    ByteReader r(page);
    if (r.byte() != version || r.failed())
        return false;
    const quint64 n = r.varint();
    // Every bucket takes at least 5 bytes: a larger count is damage, not a reason to allocate.
    if (r.failed() || n > quint64(r.remaining()) / 5)
        return false;
    out->reserve(out->size() + size_t(n));
    qint64 prevCount = 0;
    qint64 prevStep = 0;
    qint64 prevTime = 0;
    for (quint64 i = 0; i < n; ++i) {
        core::PointBucket b;
        const quint8 flags = r.byte();
        b.count = (flags & CountChanged) ? qint64(r.varint()) : prevCount;
        b.finite = (flags & SomeNotFinite) ? qint64(r.varint()) : b.count;
        b.firstStep = qint64(quint64(prevStep) + quint64(r.zigzag()));
        b.lastStep = qint64(quint64(b.firstStep) + quint64(r.zigzag()));
        b.firstTimeMs = qint64(quint64(prevTime) + quint64(r.zigzag()));
        b.lastTimeMs = qint64(quint64(b.firstTimeMs) + quint64(r.zigzag()));
        if (!(flags & NoneFinite)) {
            b.first = r.real();
            b.last = r.real();
            b.min = r.real();
            b.max = r.real();
            b.sum = r.real();
        }
        if (r.failed())
            return false;
        out->push_back(b);
        prevCount = b.count;
        prevStep = b.lastStep;
        prevTime = b.lastTimeMs;
    }
    return r.atEnd();
}

} // namespace runlens::store
