// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensorboardparser.h"

#include "crc32c.h"
#include "protobuf.h"

#include <QCoreApplication>
#include <QVariant>
#include <QtEndian>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace runlens::sources::tensorboard {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::TensorboardImporter)
};

using protobuf::Field;
using protobuf::Reader;
using protobuf::WireType;

QString fromBytes(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

quint64 readU64(const char *p) {
    quint64 v;
    std::memcpy(&v, p, 8);
    return qFromLittleEndian(v);
}

quint32 readU32(const char *p) {
    quint32 v;
    std::memcpy(&v, p, 4);
    return qFromLittleEndian(v);
}

/// The framing of the record header at p (12 bytes available) holds.
bool lengthOk(const char *p) {
    return crc32c::mask(crc32c::value(p, 8)) == readU32(p + 8);
}

/// A short, fast hash of tag bytes for the per-read tag table.
quint64 hashBytes(std::string_view s) {
    quint64 h = 0x9e3779b97f4a7c15ull ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        quint64 w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    quint64 w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

// TensorFlow DataType values (types.proto).
enum DataType : int {
    DtFloat = 1,
    DtDouble = 2,
    DtInt32 = 3,
    DtUint8 = 4,
    DtInt16 = 5,
    DtInt8 = 6,
    DtString = 7,
    DtInt64 = 9,
    DtBool = 10,
    DtBfloat16 = 14,
    DtUint16 = 17,
    DtHalf = 19,
    DtUint32 = 22,
    DtUint64 = 23,
};

/// Bytes per element of a numeric dtype in tensor_content; 0 for others.
int elementSize(int dtype) {
    switch (dtype) {
    case DtUint8:
    case DtInt8:
    case DtBool:
        return 1;
    case DtInt16:
    case DtUint16:
    case DtHalf:
    case DtBfloat16:
        return 2;
    case DtFloat:
    case DtInt32:
    case DtUint32:
        return 4;
    case DtDouble:
    case DtInt64:
    case DtUint64:
        return 8;
    default:
        return 0;
    }
}

/// The first element of raw tensor_content bytes of dtype as a double.
double fromContent(int dtype, const char *p) {
    switch (dtype) {
    case DtFloat: {
        const quint32 bits = readU32(p);
        float f;
        std::memcpy(&f, &bits, 4);
        return f;
    }
    case DtDouble: {
        const quint64 bits = readU64(p);
        double d;
        std::memcpy(&d, &bits, 8);
        return d;
    }
    case DtInt32:
        return double(qint32(readU32(p)));
    case DtUint32:
        return double(readU32(p));
    case DtInt64:
        return double(qint64(readU64(p)));
    case DtUint64:
        return double(readU64(p));
    case DtUint8:
        return double(quint8(*p));
    case DtInt8:
        return double(qint8(*p));
    case DtBool:
        return *p ? 1.0 : 0.0;
    case DtInt16:
    case DtUint16:
    case DtHalf:
    case DtBfloat16: {
        quint16 v;
        std::memcpy(&v, p, 2);
        v = qFromLittleEndian(v);
        if (dtype == DtHalf)
            return halfToDouble(v);
        if (dtype == DtBfloat16)
            return bfloat16ToDouble(v);
        return dtype == DtInt16 ? double(qint16(v)) : double(v);
    }
    default:
        return 0;
    }
}

/// The value of a one-element numeric TensorProto. False for anything else (strings,
/// histograms, images, empty tensors).
[[gnu::flatten]] bool tensorScalar(std::string_view tensor, double &value) {
    Reader r(tensor);
    Field f;
    int dtype = 0;
    qint64 elements = 1;
    std::string_view content;
    quint32 valueField = 0; ///< the repeated *_val field that gave first
    Field first;
    while (r.next(f)) {
        switch (f.number) {
        case 1:
            dtype = int(f.varint);
            break;
        case 2: { // TensorShapeProto: 2 dim {1 size}
            if (f.type != WireType::Len)
                return false;
            Reader shape(f.bytes);
            Field d;
            while (shape.next(d)) {
                if (d.number != 2 || d.type != WireType::Len)
                    continue;
                Reader dim(d.bytes);
                Field s;
                qint64 size = 0;
                while (dim.next(s)) {
                    if (s.number == 1 && s.type == WireType::Varint)
                        size = s.asInt64();
                }
                elements *= size;
            }
            break;
        }
        case 4:
            if (f.type == WireType::Len)
                content = f.bytes;
            break;
        case 5:
        case 6:
        case 7:
        case 10:
        case 11:
        case 13:
        case 16:
        case 17: {
            if (valueField)
                break;
            const WireType element = f.number == 5   ? WireType::I32
                                     : f.number == 6 ? WireType::I64
                                                     : WireType::Varint;
            bool got = false;
            protobuf::forEachPacked(f, element, [&](const Field &e) {
                if (!got)
                    first = e;
                got = true;
            });
            if (got)
                valueField = f.number;
            break;
        }
        default:
            break;
        }
    }
    if (r.failed() || elements != 1)
        return false;
    const int size = elementSize(dtype);
    if (size == 0)
        return false;
    if (content.size() >= size_t(size)) {
        value = fromContent(dtype, content.data());
        return true;
    }
    switch (valueField) {
    case 5:
        value = first.asFloat();
        return true;
    case 6:
        value = first.asDouble();
        return true;
    case 7: // int32 sign-extended; also the 8/16-bit types
        value = dtype == DtUint16 || dtype == DtUint8 ? double(quint32(first.varint))
                                                      : double(qint32(first.varint));
        return true;
    case 10:
        value = double(first.asInt64());
        return true;
    case 11:
        value = first.varint ? 1.0 : 0.0;
        return true;
    case 13:
        value = dtype == DtBfloat16 ? bfloat16ToDouble(quint16(first.varint))
                                    : halfToDouble(quint16(first.varint));
        return true;
    case 16:
        value = double(quint32(first.varint));
        return true;
    case 17:
        value = double(first.varint);
        return true;
    default:
        return false;
    }
}

/// google.protobuf.Value as a QVariant (nested structs and lists as maps and lists).
QVariant protoValue(std::string_view bytes, int depth) {
    Reader r(bytes);
    Field f;
    QVariant out;
    while (r.next(f)) {
        switch (f.number) {
        case 1:
            out = QVariant();
            break;
        case 2:
            if (f.type == WireType::I64)
                out = f.asDouble();
            break;
        case 3:
            if (f.type == WireType::Len)
                out = fromBytes(f.bytes);
            break;
        case 4:
            if (f.type == WireType::Varint)
                out = f.varint != 0;
            break;
        case 5: { // Struct: 1 map<string, Value>
            if (f.type != WireType::Len || depth > 32)
                break;
            QVariantMap map;
            Reader s(f.bytes);
            Field entry;
            while (s.next(entry)) {
                if (entry.number != 1 || entry.type != WireType::Len)
                    continue;
                Reader e(entry.bytes);
                Field kv;
                QString key;
                QVariant value;
                while (e.next(kv)) {
                    if (kv.number == 1 && kv.type == WireType::Len)
                        key = fromBytes(kv.bytes);
                    else if (kv.number == 2 && kv.type == WireType::Len)
                        value = protoValue(kv.bytes, depth + 1);
                }
                map.insert(key, value);
            }
            out = map;
            break;
        }
        case 6: { // ListValue: 1 repeated Value
            if (f.type != WireType::Len || depth > 32)
                break;
            QVariantList list;
            Reader l(f.bytes);
            Field item;
            while (l.next(item)) {
                if (item.number == 1 && item.type == WireType::Len)
                    list.append(protoValue(item.bytes, depth + 1));
            }
            out = list;
            break;
        }
        default:
            break;
        }
    }
    return out;
}

struct Metadata {
    std::string_view plugin;
    std::string_view content;
    int dataClass = 0;
};

[[gnu::noinline]] Metadata parseMetadata(std::string_view bytes) {
    Metadata m;
    Reader r(bytes);
    Field f;
    while (r.next(f)) {
        if (f.number == 1 && f.type == WireType::Len) {
            Reader p(f.bytes);
            Field g;
            while (p.next(g)) {
                if (g.number == 1 && g.type == WireType::Len)
                    m.plugin = g.bytes;
                else if (g.number == 2 && g.type == WireType::Len)
                    m.content = g.bytes;
            }
        } else if (f.number == 4 && f.type == WireType::Varint) {
            m.dataClass = int(f.varint);
        }
    }
    return m;
}

/// HParamsPluginData: session_start_info hparams into the config, session_end_info status.
[[gnu::noinline]] void readHparams(std::string_view content, FileContribution &out) {
    Reader r(content);
    Field f;
    while (r.next(f)) {
        if (f.type != WireType::Len)
            continue;
        if (f.number == 3) { // SessionStartInfo: 1 map<string, Value> hparams
            Reader s(f.bytes);
            Field entry;
            while (s.next(entry)) {
                if (entry.number != 1 || entry.type != WireType::Len)
                    continue;
                Reader e(entry.bytes);
                Field kv;
                QString key;
                QVariant value;
                while (e.next(kv)) {
                    if (kv.number == 1 && kv.type == WireType::Len)
                        key = fromBytes(kv.bytes);
                    else if (kv.number == 2 && kv.type == WireType::Len)
                        value = protoValue(kv.bytes, 0);
                }
                if (key.isEmpty())
                    continue;
                const auto type = value.typeId();
                if (type == QMetaType::QVariantMap || type == QMetaType::QVariantList)
                    out.config.insertTree(value, key);
                else
                    out.config.set(key, value);
            }
        } else if (f.number == 4) { // SessionEndInfo: 1 status
            Reader s(f.bytes);
            Field g;
            while (s.next(g)) {
                if (g.number != 1 || g.type != WireType::Varint)
                    continue;
                switch (g.varint) {
                case 1:
                    out.status = core::RunStatus::Finished;
                    break;
                case 2:
                    out.status = core::RunStatus::Failed;
                    break;
                case 3:
                    out.status = core::RunStatus::Running;
                    break;
                default:
                    break;
                }
            }
        }
    }
}

/// The count-tag kind of a non-scalar plugin.
[[gnu::noinline]] QString kindOfPlugin(std::string_view plugin) {
    if (plugin == "images")
        return QStringLiteral("image");
    if (plugin == "histograms")
        return QStringLiteral("histogram");
    if (plugin.empty())
        return QStringLiteral("tensor");
    return fromBytes(plugin);
}

/// What this read knows of one tag.
struct TagInfo {
    std::string_view bytes; ///< the key, pointing into the input
    quint64 hash = 0;
    QString name;
    qsizetype series = -1;     ///< index in FileContribution::series once it has a scalar
    bool metadataSeen = false; ///< its first metadata was read (later ones are ignored)
    std::string_view plugin;   ///< from that metadata (points into the input)
    bool scalarPlugin = false; ///< plugin `scalars` or data class scalar
    bool hparams = false;      ///< plugin `hparams`
    QString countKind;         ///< the kind countKey was made for
    QString countKey;
};

/// Tag bytes to TagInfo, rebuilt for every parse() call (keys point into its input), so the
/// hot path converts each tag to a QString once per chunk, not once per record.
class TagTable {
public:
    TagTable() { m_slots.assign(64, -1); }

    TagInfo &find(std::string_view tag) {
        const quint64 h = hashBytes(tag);
        const size_t mask = m_slots.size() - 1;
        for (size_t i = size_t(h) & mask;; i = (i + 1) & mask) {
            const int at = m_slots[i];
            if (at < 0)
                break;
            TagInfo &t = m_infos[size_t(at)];
            if (t.hash == h && t.bytes == tag)
                return t;
        }
        return insert(tag, h);
    }

private:
    [[gnu::noinline]] TagInfo &insert(std::string_view tag, quint64 h) {
        if ((m_infos.size() + 1) * 2 > m_slots.size())
            grow();
        const size_t mask = m_slots.size() - 1;
        size_t i = size_t(h) & mask;
        while (m_slots[i] >= 0)
            i = (i + 1) & mask;
        m_slots[i] = int(m_infos.size());
        TagInfo info;
        info.bytes = tag;
        info.hash = h;
        info.name = fromBytes(tag);
        m_infos.push_back(std::move(info));
        return m_infos.back();
    }

    void grow() {
        std::vector<int> table(m_slots.size() * 2, -1);
        const size_t mask = table.size() - 1;
        for (size_t k = 0; k < m_infos.size(); ++k) {
            size_t i = size_t(m_infos[k].hash) & mask;
            while (table[i] >= 0)
                i = (i + 1) & mask;
            table[i] = int(k);
        }
        m_slots.swap(table);
    }

    std::vector<int> m_slots;
    std::vector<TagInfo> m_infos;
};

class EventParser {
public:
    EventParser(const FileInput &input, FileContribution &out, bool reportStart)
        : m_input(input)
        , m_out(out)
        , m_reportStart(reportStart && input.offset == 0) {}

    void run();

private:
    bool decodeEvent(std::string_view payload);
    void decodeSummary(std::string_view summary, qint64 step, qint64 timeMs);
    void decodeValue(std::string_view value, qint64 step, qint64 timeMs);
    void addScalar(TagInfo &t, qint64 step, qint64 timeMs, double value);
    void count(TagInfo &t, const QString &kind);
    [[gnu::noinline]] qsizetype seriesOf(const QString &key);
    void problem(size_t pos, const QString &message) {
        m_out.problem(QStringLiteral("byte %1").arg(m_input.offset + qint64(pos)), message);
    }

    const FileInput &m_input;
    FileContribution &m_out;
    bool m_reportStart;
    bool m_sawGraph = false;
    TagTable m_tags;
};

void EventParser::run() {
    const char *base = m_input.bytes.data();
    const size_t size = m_input.bytes.size();
    size_t pos = 0;
    qint64 records = 0;
    while (size - pos >= 12) {
        if ((records & 0xfff) == 0 && m_input.cancel &&
            m_input.cancel->load(std::memory_order_relaxed))
            break;
        const char *p = base + pos;
        const quint64 length = readU64(p);
        if (!lengthOk(p) || length > maxRecordBytes) {
            // The framing is lost: find the next position whose header checksum holds.
            size_t next = pos + 1;
            while (next + 12 <= size &&
                   !(lengthOk(base + next) && readU64(base + next) <= maxRecordBytes))
                ++next;
            const bool found = next + 12 <= size;
            const QString what = lengthOk(p)
                                     ? Tr::tr("Damaged record: implausible length %1").arg(length)
                                     : Tr::tr("Damaged record: its length checksum does not match");
            if (found)
                problem(pos, Tr::tr("%1; skipped %n byte(s) to the next intact record", nullptr,
                                    int(qMin<size_t>(next - pos, INT_MAX)))
                                 .arg(what));
            else if (!m_input.moreFollows)
                problem(pos, Tr::tr("%1, and no intact record follows").arg(what));
            else
                problem(pos, Tr::tr("%1; looking for the next intact record").arg(what));
            pos = next;
            if (!found)
                break;
            continue;
        }
        if (length + 16 > size - pos)
            break; // not all written yet: resume here next time
        const std::string_view payload(p + 12, size_t(length));
        ++records;
        if (crc32c::mask(crc32c::value(payload.data(), payload.size())) !=
            readU32(p + 12 + length)) {
            problem(pos, Tr::tr("Damaged record: its data checksum does not match; skipped the "
                                "record (%n byte(s))",
                                nullptr, int(length)));
        } else if (!decodeEvent(payload)) {
            problem(pos, Tr::tr("Malformed event: the record is not a valid Event message; "
                                "skipped it"));
        }
        pos += size_t(length) + 16;
    }
    if (m_sawGraph)
        m_out.tags.insert(QStringLiteral("tensorboard.graph"), QStringLiteral("yes"));
    m_out.consumed = qint64(pos);
    m_out.units = records;
}

[[gnu::flatten]] bool EventParser::decodeEvent(std::string_view payload) {
    Reader r(payload);
    Field f;
    double wall = 0;
    qint64 step = 0;
    bool hasSummary = false;
    while (r.next(f)) {
        switch (f.number) {
        case 1:
            if (f.type == WireType::I64)
                wall = f.asDouble();
            break;
        case 2:
            if (f.type == WireType::Varint)
                step = f.asInt64();
            break;
        case 3:
            if (f.type == WireType::Len)
                m_out.tags.insert(QStringLiteral("tensorboard.file_version"), fromBytes(f.bytes));
            break;
        case 4:
        case 9:
            m_sawGraph = true;
            break;
        case 5:
            hasSummary = true;
            break;
        case 10: // SourceMetadata: 1 writer
            if (f.type == WireType::Len) {
                Reader s(f.bytes);
                Field w;
                while (s.next(w)) {
                    if (w.number == 1 && w.type == WireType::Len && !w.bytes.empty())
                        m_out.tags.insert(QStringLiteral("tensorboard.writer"), fromBytes(w.bytes));
                }
            }
            break;
        default:
            break;
        }
    }
    if (r.failed())
        return false;
    qint64 timeMs = 0;
    if (std::isfinite(wall) && wall > 0 && wall < 1e14) {
        timeMs = qint64(std::floor(wall * 1000.0 + 0.5));
        if (m_reportStart && m_out.startMs == 0)
            m_out.startMs = timeMs;
        m_out.endMs = timeMs;
    }
    if (!hasSummary)
        return true;
    Reader again(payload);
    while (again.next(f)) {
        if (f.number == 5 && f.type == WireType::Len)
            decodeSummary(f.bytes, step, timeMs);
    }
    return true;
}

void EventParser::decodeSummary(std::string_view summary, qint64 step, qint64 timeMs) {
    Reader r(summary);
    Field f;
    while (r.next(f)) {
        if (f.number == 1 && f.type == WireType::Len)
            decodeValue(f.bytes, step, timeMs);
    }
}

void EventParser::decodeValue(std::string_view value, qint64 step, qint64 timeMs) {
    enum class Data { None, Simple, Image, Histogram, Audio, Tensor };
    Reader r(value);
    Field f;
    std::string_view tag, nodeName, metadata, tensor;
    Data data = Data::None;
    float simple = 0;
    while (r.next(f)) {
        switch (f.number) {
        case 1:
            if (f.type == WireType::Len)
                tag = f.bytes;
            break;
        case 2:
            if (f.type == WireType::I32) {
                simple = f.asFloat();
                data = Data::Simple;
            }
            break;
        case 3:
        case 5:
            data = Data::Histogram;
            break;
        case 4:
            data = Data::Image;
            break;
        case 6:
            data = Data::Audio;
            break;
        case 7:
            if (f.type == WireType::Len)
                nodeName = f.bytes;
            break;
        case 8:
            if (f.type == WireType::Len) {
                tensor = f.bytes;
                data = Data::Tensor;
            }
            break;
        case 9:
            if (f.type == WireType::Len)
                metadata = f.bytes;
            break;
        default:
            break;
        }
    }
    if (tag.empty())
        tag = nodeName;
    if (tag.empty())
        return;
    TagInfo &t = m_tags.find(tag);
    if (!t.metadataSeen && !metadata.empty()) {
        // TensorBoard honours the metadata of a tag's first value only.
        const Metadata m = parseMetadata(metadata);
        t.metadataSeen = true;
        t.plugin = m.plugin;
        t.scalarPlugin = m.plugin == "scalars" || m.dataClass == 1;
        t.hparams = m.plugin == "hparams";
    }
    if (t.hparams) {
        if (!metadata.empty())
            readHparams(parseMetadata(metadata).content, m_out);
        return;
    }
    switch (data) {
    case Data::None:
        return;
    case Data::Simple:
        addScalar(t, step, timeMs, double(simple));
        return;
    case Data::Image:
        count(t, QStringLiteral("image"));
        return;
    case Data::Histogram:
        count(t, QStringLiteral("histogram"));
        return;
    case Data::Audio:
        count(t, QStringLiteral("audio"));
        return;
    case Data::Tensor:
        break;
    }
    double v = 0;
    if ((t.scalarPlugin || t.plugin.empty()) && tensorScalar(tensor, v)) {
        addScalar(t, step, timeMs, v);
        return;
    }
    count(t, kindOfPlugin(t.plugin));
}

void EventParser::addScalar(TagInfo &t, qint64 step, qint64 timeMs, double value) {
    if (t.series < 0)
        t.series = seriesOf(t.name);
    m_out.series[size_t(t.series)].points.push_back(core::MetricPoint{step, timeMs, value});
}

[[gnu::noinline]] qsizetype EventParser::seriesOf(const QString &key) {
    auto it = m_out.seriesIndex.constFind(key);
    if (it == m_out.seriesIndex.cend()) {
        it = m_out.seriesIndex.insert(key, qsizetype(m_out.series.size()));
        m_out.series.push_back(FileContribution::Series{key, {}});
    }
    return *it;
}

void EventParser::count(TagInfo &t, const QString &kind) {
    if (t.countKind != kind) {
        t.countKind = kind;
        t.countKey = QStringLiteral("tensorboard.") + kind + u'.' + t.name;
    }
    ++m_out.counts[t.countKey];
}

} // namespace

void parseEvents(const FileInput &input, FileContribution &out, bool reportStart) {
    EventParser(input, out, reportStart).run();
}

quint32 maskedCrc(std::string_view bytes) {
    return crc32c::mask(crc32c::value(bytes.data(), bytes.size()));
}

double halfToDouble(quint16 bits) {
    const int sign = bits >> 15;
    const int exponent = (bits >> 10) & 0x1f;
    const int mantissa = bits & 0x3ff;
    double v;
    if (exponent == 0)
        v = std::ldexp(double(mantissa), -24);
    else if (exponent == 31)
        v = mantissa ? std::numeric_limits<double>::quiet_NaN()
                     : std::numeric_limits<double>::infinity();
    else
        v = std::ldexp(double(mantissa | 0x400), exponent - 25);
    return sign ? -v : v;
}

double bfloat16ToDouble(quint16 bits) {
    const quint32 wide = quint32(bits) << 16;
    float f;
    std::memcpy(&f, &wide, 4);
    return f;
}

qint64 timestampInName(QStringView fileName) {
    const qsizetype at = fileName.indexOf(u"tfevents.");
    if (at < 0)
        return -1;
    qint64 ts = 0;
    qsizetype i = at + 9;
    const qsizetype start = i;
    while (i < fileName.size() && fileName[i].isDigit() && i - start < 18) {
        ts = ts * 10 + fileName[i].digitValue();
        ++i;
    }
    return i > start ? ts : -1;
}

} // namespace runlens::sources::tensorboard
