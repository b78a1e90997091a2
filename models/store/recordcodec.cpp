// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordcodec.h"

#include "bytecodec.h"

#include <QDataStream>
#include <QIODevice>
#include <cstring>

namespace runlens::store {

namespace {

enum ValueType : quint8 {
    Null = 0,
    False = 1,
    True = 2,
    Int64 = 3,
    Double = 4,
    String = 5,
    Int32 = 6,
    UInt64 = 7,
    Streamed = 8,
};

// Short values ("adam", "relu", "cuda") repeat across runs and are worth sharing; long ones
// (a command line, a 300 KB JSON blob) are usually unique and would only fill the hash.
constexpr qsizetype maxInternedValueBytes = 64;

void putString(ByteWriter &w, const QString &s) {
    w.putBytes(s.toUtf8());
}

void putValue(ByteWriter &w, const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::UnknownType:
        w.putByte(Null);
        return;
    case QMetaType::Bool:
        w.putByte(v.toBool() ? True : False);
        return;
    case QMetaType::LongLong:
        w.putByte(Int64);
        w.putZigzag(v.toLongLong());
        return;
    case QMetaType::Int:
        w.putByte(Int32);
        w.putZigzag(v.toInt());
        return;
    case QMetaType::ULongLong:
        w.putByte(UInt64);
        w.putVarint(v.toULongLong());
        return;
    case QMetaType::Double:
        w.putByte(Double);
        w.putDouble(v.toDouble());
        return;
    case QMetaType::QString:
        w.putByte(String);
        putString(w, v.toString());
        return;
    default: {
        // Importers should only produce the types above; anything else still round-trips.
        QByteArray bytes;
        QDataStream ds(&bytes, QIODevice::WriteOnly);
        ds.setVersion(QDataStream::Qt_6_4);
        ds << v;
        w.putByte(Streamed);
        w.putBytes(bytes);
    }
    }
}

} // namespace

QByteArray RecordCodec::encodeConfig(const core::ConfigTree &config) {
    QByteArray out;
    ByteWriter w(out);
    w.putByte(formatVersion);
    w.putVarint(quint64(config.size()));
    for (const core::ConfigTree::Entry &e : config.entries()) {
        putString(w, e.key);
        putValue(w, e.value);
    }
    return out;
}

QByteArray RecordCodec::encodeTags(const QMap<QString, QString> &tags) {
    QByteArray out;
    ByteWriter w(out);
    w.putByte(formatVersion);
    w.putVarint(quint64(tags.size()));
    for (auto it = tags.cbegin(); it != tags.cend(); ++it) {
        putString(w, it.key());
        putString(w, it.value());
    }
    return out;
}

QByteArray RecordCodec::encodeSummaries(const std::vector<core::MetricInfo> &metrics) {
    QByteArray out;
    out.reserve(qsizetype(2 + metrics.size() * 64));
    ByteWriter w(out);
    w.putByte(formatVersion);
    w.putVarint(metrics.size());
    for (const core::MetricInfo &m : metrics) {
        const core::MetricSummary &s = m.summary;
        // Steps relative to firstStep: small numbers even when the steps themselves are large.
        const auto rel = [&](qint64 step) {
            return qint64(quint64(step) - quint64(s.firstStep));
        };
        putString(w, m.key);
        w.putVarint(quint64(s.count));
        w.putZigzag(s.firstStep);
        w.putZigzag(rel(s.lastStep));
        w.putZigzag(s.lastTimeMs);
        w.putDouble(s.last);
        w.putDouble(s.min);
        w.putDouble(s.max);
        w.putZigzag(rel(s.minStep));
        w.putZigzag(rel(s.maxStep));
        w.putVarint(quint64(s.nanCount));
    }
    return out;
}

// --- RecordDecoder --------------------------------------------------------------------------

QString RecordDecoder::intern(QByteArrayView utf8, Family family, qsizetype slot) {
    std::vector<Hint> &hints = m_hints[family];
    if (slot < qsizetype(hints.size())) {
        const Hint &h = hints[size_t(slot)];
        // An empty view may have a null data pointer, which memcmp must not see.
        if (h.bytes.size() == utf8.size() &&
            (utf8.isEmpty() ||
             std::memcmp(h.bytes.constData(), utf8.data(), size_t(utf8.size())) == 0))
            return h.string;
    } else {
        hints.resize(size_t(slot) + 1);
    }
    // fromRawData: look up without copying the bytes.
    const QByteArray probe = QByteArray::fromRawData(utf8.data(), utf8.size());
    auto it = m_strings.constFind(probe);
    if (it == m_strings.cend()) {
        const QByteArray owned(utf8.data(), utf8.size());
        it = m_strings.insert(owned, QString::fromUtf8(utf8));
        hints[size_t(slot)] = {owned, it.value()};
    } else {
        hints[size_t(slot)] = {it.key(), it.value()};
    }
    return it.value();
}

bool RecordDecoder::decodeConfig(QByteArrayView blob, core::ConfigTree *config) {
    if (blob.isEmpty()) {
        *config = {};
        return true;
    }
    ByteReader r(blob);
    if (r.byte() != RecordCodec::formatVersion)
        return false;
    const quint64 n = r.varint();
    // ConfigTree offers only set(), which grows its vector by doubling; fill a scratch tree and
    // copy it, because a copy allocates exactly size() entries (20 bytes of slack per run add
    // up over 100,000 runs).
    static const core::ConfigTree empty;
    m_scratch = empty; // copy-assign: clears but keeps the capacity
    for (quint64 i = 0; i < n && !r.failed(); ++i) {
        const QString key = intern(r.bytes(), ConfigKey, qsizetype(i));
        QVariant value;
        switch (r.byte()) {
        case Null:
            break;
        case False:
            value = false;
            break;
        case True:
            value = true;
            break;
        case Int64:
            value = r.zigzag();
            break;
        case Int32:
            value = int(r.zigzag());
            break;
        case UInt64:
            value = quint64(r.varint());
            break;
        case Double:
            value = r.real();
            break;
        case String: {
            const QByteArrayView text = r.bytes();
            value = text.size() <= maxInternedValueBytes ? intern(text, ConfigValue, qsizetype(i))
                                                         : QString::fromUtf8(text);
            break;
        }
        case Streamed: {
            QByteArray bytes = r.bytes().toByteArray();
            QDataStream ds(&bytes, QIODevice::ReadOnly);
            ds.setVersion(QDataStream::Qt_6_4);
            ds >> value;
            if (ds.status() != QDataStream::Ok)
                return false;
            break;
        }
        default:
            return false;
        }
        if (r.failed())
            return false;
        m_scratch.set(key, value);
    }
    if (r.failed())
        return false;
    *config = m_scratch;
    return r.atEnd();
}

bool RecordDecoder::decodeTags(QByteArrayView blob, QMap<QString, QString> *tags,
                               QByteArrayView sharedUtf8, const QString &shared) {
    tags->clear();
    if (blob.isEmpty())
        return true;
    const QByteArray probe = QByteArray::fromRawData(blob.data(), blob.size());
    if (const auto it = m_tagMaps.constFind(probe); it != m_tagMaps.cend()) {
        *tags = it.value();
        return true;
    }
    if (!decodeTagsUncached(blob, tags, sharedUtf8, shared))
        return false;
    // Bounded: unique tag sets (a run name in every run) would only fill the hash.
    if (m_tagMaps.size() < maxCachedTagMaps)
        m_tagMaps.insert(blob.toByteArray(), *tags);
    return true;
}

bool RecordDecoder::decodeTagsUncached(QByteArrayView blob, QMap<QString, QString> *tags,
                                       QByteArrayView sharedUtf8, const QString &shared) {
    ByteReader r(blob);
    if (r.byte() != RecordCodec::formatVersion)
        return false;
    const quint64 n = r.varint();
    for (quint64 i = 0; i < n && !r.failed(); ++i) {
        const QString key = intern(r.bytes(), TagKey, qsizetype(i));
        const QByteArrayView value = r.bytes();
        if (r.failed())
            return false;
        // Stored in key order: inserting at the end is constant time.
        const bool isShared =
            !shared.isNull() && value.size() == sharedUtf8.size() &&
            std::memcmp(value.data(), sharedUtf8.data(), size_t(value.size())) == 0;
        tags->insert(tags->cend(), key,
                     isShared                                ? shared
                     : value.size() <= maxInternedValueBytes ? intern(value, TagValue, qsizetype(i))
                                                             : QString::fromUtf8(value));
    }
    return !r.failed() && r.atEnd();
}

bool RecordDecoder::decodeSummaries(QByteArrayView blob, std::vector<core::MetricInfo> *metrics) {
    metrics->clear();
    if (blob.isEmpty())
        return true;
    ByteReader r(blob);
    if (r.byte() != RecordCodec::formatVersion)
        return false;
    const quint64 n = r.varint();
    // Each entry takes at least 24 bytes of doubles: bounds the reservation on a corrupt count.
    if (r.failed() || n > quint64(r.remaining()) / 24)
        return false;
    metrics->reserve(n);
    for (quint64 i = 0; i < n; ++i) {
        core::MetricInfo &m = metrics->emplace_back();
        m.key = intern(r.bytes(), SummaryKey, qsizetype(i));
        core::MetricSummary &s = m.summary;
        s.count = qint64(r.varint());
        s.firstStep = r.zigzag();
        const auto abs = [&](qint64 rel) {
            return qint64(quint64(rel) + quint64(s.firstStep));
        };
        s.lastStep = abs(r.zigzag());
        s.lastTimeMs = r.zigzag();
        s.last = r.real();
        s.min = r.real();
        s.max = r.real();
        s.minStep = abs(r.zigzag());
        s.maxStep = abs(r.zigzag());
        s.nanCount = qint64(r.varint());
        if (r.failed())
            return false;
    }
    return r.atEnd();
}

} // namespace runlens::store
