// SPDX-License-Identifier: GPL-3.0-or-later
#include "wandbparser.h"

#include "protobuf.h"
#include "treeparse.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QtEndian>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace runlens::sources::wandb {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::WandbImporter)
};

/// Slicing-by-8 tables for the reflected polynomial 0xEDB88320.
struct Crc32Tables {
    std::array<std::array<quint32, 256>, 8> t{};
    constexpr Crc32Tables() {
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[0][i] = c;
        }
        for (quint32 i = 0; i < 256; ++i) {
            for (size_t s = 1; s < 8; ++s)
                t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
        }
    }
};
constexpr Crc32Tables crcTables;

quint32 le32(const char *p) {
    quint32 v;
    std::memcpy(&v, p, 4);
    return qFromLittleEndian(v);
}

quint16 le16(const char *p) {
    quint16 v;
    std::memcpy(&v, p, 2);
    return qFromLittleEndian(v);
}

enum ChunkType : quint8 { Zero = 0, Full = 1, First = 2, Middle = 3, Last = 4 };

QString text(std::string_view bytes) {
    return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}

bool decodeItem(std::string_view message, Item &item) {
    protobuf::Reader r(message);
    protobuf::Field f;
    while (r.next(f)) {
        if (f.type != protobuf::WireType::Len)
            continue;
        if (f.number == 1)
            item.key = f.bytes;
        else if (f.number == 2)
            item.nested.append(f.bytes);
        else if (f.number == 16)
            item.value = f.bytes;
    }
    return !r.failed();
}

/// SummaryRecord / ConfigRecord: 1 update, 2 remove.
bool decodeUpdates(std::string_view message, Record &out) {
    protobuf::Reader r(message);
    protobuf::Field f;
    while (r.next(f)) {
        if (f.type != protobuf::WireType::Len || (f.number != 1 && f.number != 2))
            continue;
        Item item;
        if (!decodeItem(f.bytes, item))
            return false;
        (f.number == 1 ? out.items : out.removes).push_back(std::move(item));
    }
    return !r.failed();
}

bool decodeHistory(std::string_view message, Record &out) {
    protobuf::Reader r(message);
    protobuf::Field f;
    while (r.next(f)) {
        if (f.type != protobuf::WireType::Len)
            continue;
        if (f.number == 1) {
            Item item;
            if (!decodeItem(f.bytes, item))
                return false;
            out.items.push_back(std::move(item));
        } else if (f.number == 2) {
            out.step = 0; // proto3: an empty step message means step 0
            protobuf::Reader s(f.bytes);
            protobuf::Field sf;
            while (s.next(sf)) {
                if (sf.number == 1 && sf.type == protobuf::WireType::Varint)
                    out.step = sf.asInt64();
            }
            if (s.failed())
                return false;
        }
    }
    return !r.failed();
}

bool decodeRun(std::string_view message, Record &out) {
    protobuf::Reader r(message);
    protobuf::Field f;
    while (r.next(f)) {
        if (f.type != protobuf::WireType::Len)
            continue;
        switch (f.number) {
        case 1:
            out.runId = text(f.bytes);
            break;
        case 2:
            out.entity = text(f.bytes);
            break;
        case 3:
            out.project = text(f.bytes);
            break;
        case 4:
            if (!decodeUpdates(f.bytes, out))
                return false;
            break;
        case 6:
            out.group = text(f.bytes);
            break;
        case 7:
            out.jobType = text(f.bytes);
            break;
        case 8:
            out.displayName = text(f.bytes);
            break;
        case 9:
            out.notes = text(f.bytes);
            break;
        case 10:
            out.tags.append(text(f.bytes));
            break;
        case 12:
            out.sweepId = text(f.bytes);
            break;
        case 13:
            out.host = text(f.bytes);
            break;
        case 17: {
            protobuf::Reader t(f.bytes);
            protobuf::Field tf;
            qint64 seconds = 0;
            qint64 nanos = 0;
            while (t.next(tf)) {
                if (tf.type != protobuf::WireType::Varint)
                    continue;
                if (tf.number == 1)
                    seconds = tf.asInt64();
                else if (tf.number == 2)
                    nanos = qint64(qint32(tf.varint));
            }
            if (t.failed())
                return false;
            out.startMs = seconds * 1000 + nanos / 1000000;
            break;
        }
        default:
            break;
        }
    }
    return !r.failed();
}

bool decodeExit(std::string_view message, Record &out) {
    protobuf::Reader r(message);
    protobuf::Field f;
    while (r.next(f)) {
        if (f.type != protobuf::WireType::Varint)
            continue;
        if (f.number == 1)
            out.exitCode = int(qint32(f.varint));
        else if (f.number == 2)
            out.runtimeS = qint64(qint32(f.varint));
    }
    return !r.failed();
}

bool isMediaMap(const QVariantMap &map) {
    return map.contains(QStringLiteral("_type"));
}

/// Numbers in a value tree (a number, or nested objects of numbers) under name.
template <typename F> void forEachNumber(const QVariant &value, const QString &name, F &&f) {
    switch (value.typeId()) {
    case QMetaType::Double:
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
        f(name, value.toDouble());
        break;
    case QMetaType::QVariantMap: {
        const QVariantMap map = value.toMap();
        if (isMediaMap(map))
            break;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            forEachNumber(it.value(), name + u'.' + it.key(), f);
        break;
    }
    default:
        break; // text, bool, null, lists
    }
}

/// True when item's path starts with the first `length` parts of prefix's path and is longer.
bool hasPrefix(const Item &item, const Item &prefix, qsizetype length) {
    if (item.depth() <= length)
        return false;
    for (qsizetype i = 0; i < length; ++i) {
        if (item.part(i) != prefix.part(i))
            return false;
    }
    return true;
}

std::string_view trimmedView(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    return s;
}

} // namespace

quint32 crc32(quint32 crc, const void *data, size_t size) {
    const auto *p = static_cast<const unsigned char *>(data);
    const auto &t = crcTables.t;
    crc = ~crc;
    while (size >= 8) {
        quint32 lo;
        quint32 hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
        lo = qFromLittleEndian(lo) ^ crc;
        hi = qFromLittleEndian(hi);
        crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
              t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
        p += 8;
        size -= 8;
    }
    while (size--)
        crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

bool isFileHeader(std::string_view bytes) {
    return bytes.size() >= size_t(fileHeaderSize) && bytes.substr(0, 4) == ":W&B" &&
           quint8(bytes[4]) == 0xE1 && quint8(bytes[5]) == 0xBE && bytes[6] == 0;
}

LogReader::LogReader(std::string_view bytes, qint64 offset, bool moreFollows)
    : m_bytes(bytes)
    , m_base(offset)
    , m_moreFollows(moreFollows) {
}

LogReader::Event LogReader::corrupt(qint64 at, const QString &message, bool skipBlock) {
    if (skipBlock) {
        const qint64 next = (at / blockSize + 1) * blockSize - m_base;
        if (next > qint64(m_bytes.size()) && m_moreFollows) {
            // The next chunk starts at consumed() (this chunk or the record it continues) and
            // sees the whole block: it reports and skips.
            m_done = true;
            return Event{};
        }
        m_pos = std::min<qint64>(next, qint64(m_bytes.size()));
        m_resyncing = true;
    }
    m_fragment.clear();
    m_fragmentStart = -1;
    m_consumed = m_pos;
    Event e;
    e.kind = Event::Kind::Corrupt;
    e.offset = at;
    e.message = message;
    return e;
}

LogReader::Event LogReader::next() {
    const qint64 size = qint64(m_bytes.size());
    while (!m_done) {
        const qint64 abs = m_base + m_pos;
        if (abs == 0) {
            if (size < fileHeaderSize)
                break;
            if (!isFileHeader(m_bytes)) {
                m_done = true;
                Event e;
                e.kind = Event::Kind::Corrupt;
                e.message = Tr::tr("Not a W&B transaction log: the file does not start with the "
                                   "\":W&B\" header");
                return e;
            }
            m_pos = m_consumed = fileHeaderSize;
            continue;
        }
        const qint64 left = blockSize - abs % blockSize;
        if (left < chunkHeaderSize) { // zero padding at the end of a block
            if (m_pos + left > size)
                break;
            m_pos += left;
            if (m_fragmentStart < 0)
                m_consumed = m_pos;
            continue;
        }
        if (m_pos + chunkHeaderSize > size)
            break;
        const char *h = m_bytes.data() + m_pos;
        const quint32 crc = le32(h);
        const qint64 length = le16(h + 4);
        const quint8 type = quint8(h[6]);
        if (crc == 0 && length == 0 && type == Zero)
            return corrupt(abs,
                           Tr::tr("Zero bytes where a record should start; skipped to the "
                                  "next 32 KiB block"),
                           true);
        if (chunkHeaderSize + length > left)
            return corrupt(abs,
                           Tr::tr("A record chunk of %1 bytes does not fit its block; skipped to "
                                  "the next 32 KiB block")
                               .arg(length),
                           true);
        if (type < Full || type > Last)
            return corrupt(
                abs, Tr::tr("Unknown chunk type %1; skipped to the next 32 KiB block").arg(type),
                true);
        if (m_pos + chunkHeaderSize + length > size)
            break; // cut off: a writer is still at it, or more bytes follow
        const std::string_view payload(h + chunkHeaderSize, size_t(length));
        quint32 actual = crc32(0, h + 6, 1);
        actual = crc32(actual, payload.data(), payload.size());
        if (actual != crc)
            return corrupt(abs, Tr::tr("Checksum mismatch; skipped to the next 32 KiB block"),
                           true);
        if ((type == Full || type == First) && m_fragmentStart >= 0) {
            // The record being joined never got its last chunk: report it, then read this
            // chunk again as a fresh start.
            const qint64 at = m_fragmentStart;
            return corrupt(at, Tr::tr("A record is cut short: its last part is missing"), false);
        }
        m_pos += chunkHeaderSize + length;
        switch (type) {
        case Full: {
            m_resyncing = false;
            m_consumed = m_pos;
            ++m_records;
            Event e;
            e.kind = Event::Kind::Record;
            e.payload = payload;
            e.offset = abs;
            return e;
        }
        case First:
            m_resyncing = false;
            m_fragment.assign(payload.data(), payload.size());
            m_fragmentStart = abs;
            continue;
        default: // Middle, Last
            if (m_fragmentStart < 0) {
                if (m_resyncing) { // the tail of a record the damage cut: part of that gap
                    m_consumed = m_pos;
                    continue;
                }
                return corrupt(abs, Tr::tr("A record continues without its start"), false);
            }
            m_fragment.append(payload.data(), payload.size());
            if (type == Middle)
                continue;
            {
                Event e;
                e.kind = Event::Kind::Record;
                e.payload = m_fragment;
                e.offset = m_fragmentStart;
                m_fragmentStart = -1;
                m_consumed = m_pos;
                ++m_records;
                return e;
            }
        }
    }
    m_done = true;
    return Event{};
}

bool decodeRecord(std::string_view payload, Record &out) {
    // Reuse the item vectors' storage: a log holds millions of records.
    std::vector<Item> items = std::move(out.items);
    std::vector<Item> removes = std::move(out.removes);
    items.clear();
    removes.clear();
    out = Record{};
    out.items = std::move(items);
    out.removes = std::move(removes);
    protobuf::Reader r(payload);
    protobuf::Field f;
    while (r.next(f)) {
        if (f.number == 1 && f.type == protobuf::WireType::Varint) {
            out.num = f.asInt64();
            continue;
        }
        if (f.type != protobuf::WireType::Len)
            continue;
        bool ok = true;
        switch (f.number) {
        case 2:
            out.kind = Record::Kind::History;
            ok = decodeHistory(f.bytes, out);
            break;
        case 3:
            out.kind = Record::Kind::Summary;
            ok = decodeUpdates(f.bytes, out);
            break;
        case 5:
            out.kind = Record::Kind::Config;
            ok = decodeUpdates(f.bytes, out);
            break;
        case 17:
            out.kind = Record::Kind::Run;
            ok = decodeRun(f.bytes, out);
            break;
        case 18:
            out.kind = Record::Kind::Exit;
            ok = decodeExit(f.bytes, out);
            break;
        default:
            break; // output, stats, telemetry, files, control, _info, ...: skipped by length
        }
        if (!ok)
            return false;
    }
    return !r.failed();
}

QVariant parseValueJson(std::string_view json) {
    const std::string_view t = trimmedView(json);
    {
        // integers stay integers, as config.yaml gives them
        qlonglong i = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), i);
        if (ec == std::errc() && end == t.data() + t.size() && !t.empty())
            return i;
    }
    if (const auto n = treeparse::parseNumber(t))
        return *n;
    if (t == "null" || t.empty())
        return {};
    if (t == "true" || t == "false")
        return t == "true";
    treeparse::ParseError error;
    if (t.front() == '{' || t.front() == '[') {
        QVariant v = treeparse::parseJson(t, &error);
        return error.failed() ? QVariant() : v;
    }
    // A bare string (or other scalar): the JSON reader wants a document, so wrap it in a list.
    std::string wrapped;
    wrapped.reserve(t.size() + 2);
    wrapped.append(1, '[').append(t).append(1, ']');
    const QVariant list = treeparse::parseJson(wrapped, &error);
    return error.failed() ? QVariant() : list.toList().value(0);
}

QString Item::name() const {
    if (nested.isEmpty())
        return text(key);
    std::string joined;
    for (qsizetype i = 0; i < nested.size(); ++i) {
        if (i > 0)
            joined += '.';
        joined += nested[i];
    }
    return text(joined);
}

std::vector<Scalar> scalarsOf(const std::vector<Item> &items) {
    std::vector<Scalar> out;
    out.reserve(items.size());
    QVarLengthArray<const Item *, 4> media; // items "<prefix>._type"
    for (const Item &item : items) {
        if (item.depth() >= 2 && item.part(item.depth() - 1) == "_type")
            media.append(&item);
    }
    for (const Item &item : items) {
        const std::string_view head = item.part(0);
        if (head.empty() || head.front() == '_')
            continue;
        bool isMedia = false;
        for (const Item *m : media)
            isMedia = isMedia || hasPrefix(item, *m, m->depth() - 1);
        if (isMedia)
            continue;
        const std::string_view v = trimmedView(item.value);
        if (v.empty())
            continue;
        if (v.front() == '{') {
            treeparse::ParseError error;
            const QVariant tree = treeparse::parseJson(v, &error);
            if (!error.failed())
                forEachNumber(tree, item.name(), [&](const QString &n, double d) {
                    out.push_back({n, d});
                });
            continue;
        }
        if (const auto d = treeparse::parseNumber(v))
            out.push_back({item.name(), *d});
    }
    return out;
}

RowClock rowClock(const std::vector<Item> &items) {
    RowClock c;
    for (const Item &item : items) {
        if (item.depth() != 1)
            continue;
        if (item.part(0) == "_step") {
            if (const auto d = treeparse::parseNumber(item.value); d && std::isfinite(*d))
                c.step = qint64(*d);
        } else if (item.part(0) == "_timestamp") {
            if (const auto d = treeparse::parseNumber(item.value); d && std::isfinite(*d))
                c.timeMs = qint64(std::llround(*d * 1000.0));
        }
    }
    return c;
}

void applyConfig(core::ConfigTree &config, const std::vector<Item> &updates,
                 const std::vector<Item> &removes) {
    for (const Item &item : updates) {
        if (item.part(0) == "_wandb")
            continue;
        config.insertTree(parseValueJson(item.value), item.name());
    }
    if (removes.empty())
        return;
    QStringList gone;
    for (const Item &item : removes) {
        gone.append(item.name());
    }
    core::ConfigTree kept;
    for (const core::ConfigTree::Entry &e : config.entries()) {
        bool removed = false;
        for (const QString &g : gone) {
            removed = removed || e.key == g ||
                      (e.key.startsWith(g) && e.key.size() > g.size() &&
                       (e.key[g.size()] == u'.' || e.key[g.size()] == u'['));
        }
        if (!removed)
            kept.set(e.key, e.value);
    }
    config = std::move(kept);
}

QString runIdFromFolderName(QStringView name) {
    if (name.startsWith(u"offline-"))
        name = name.mid(8);
    // run-YYYYMMDD_HHMMSS-<id>
    if (name.size() < 21 || !name.startsWith(u"run-") || name[12] != u'_' || name[19] != u'-')
        return {};
    for (qsizetype i = 4; i < 19; ++i) {
        if (i != 12 && !name[i].isDigit())
            return {};
    }
    return name.mid(20).toString();
}

std::vector<SummaryPoint> summaryPoints(const QVariantMap &summary) {
    std::vector<SummaryPoint> out;
    core::MetricPoint base;
    if (const QVariant s = summary.value(QStringLiteral("_step")); s.isValid()) {
        const double d = s.toDouble();
        if (std::isfinite(d))
            base.step = qint64(d);
    }
    if (const QVariant t = summary.value(QStringLiteral("_timestamp")); t.isValid()) {
        const double d = t.toDouble();
        if (std::isfinite(d))
            base.timeMs = qint64(std::llround(d * 1000.0));
    }
    for (auto it = summary.cbegin(); it != summary.cend(); ++it) {
        if (it.key().startsWith(u'_'))
            continue;
        forEachNumber(it.value(), it.key(), [&](const QString &n, double d) {
            core::MetricPoint p = base;
            p.value = d;
            out.push_back({n, p});
        });
    }
    return out;
}

qint64 parseIsoTimeMs(const QString &text) {
    if (text.isEmpty())
        return 0;
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        return 0;
    const bool zoned =
        text.endsWith(u'Z') || text.lastIndexOf(u'+') > 10 || text.lastIndexOf(u'-') > 10;
    if (!zoned)
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

} // namespace runlens::sources::wandb
