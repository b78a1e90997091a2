// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small `.wandb` writer for the W&B tests, written from formats.md §1 and §7 independently of
// the importer: protobuf fields, Record messages, and the 32 KiB-block framing with CRC-32.

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <vector>

namespace runlens::tests::wandblog {

inline quint32 crc32(const QByteArray &bytes) {
    quint32 crc = 0xffffffffu;
    for (const char ch : bytes) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

inline QByteArray varint(quint64 v) {
    QByteArray out;
    while (v >= 0x80) {
        out.append(char(quint8(v) | 0x80));
        v >>= 7;
    }
    out.append(char(v));
    return out;
}

inline QByteArray lenField(int number, const QByteArray &payload) {
    return varint(quint64(number) << 3 | 2) + varint(quint64(payload.size())) + payload;
}

inline QByteArray varintField(int number, qint64 value) {
    return varint(quint64(number) << 3) + varint(quint64(value));
}

/// HistoryItem / SummaryItem / ConfigItem: key, or nested_key when path has several parts.
inline QByteArray item(const QStringList &path, const QByteArray &valueJson) {
    QByteArray m;
    if (path.size() == 1) {
        m += lenField(1, path.front().toUtf8());
    } else {
        for (const QString &p : path)
            m += lenField(2, p.toUtf8());
    }
    return m + lenField(16, valueJson);
}

inline QByteArray record(qint64 num, int field, const QByteArray &message) {
    return varintField(1, num) + lenField(field, message);
}

/// A history row {key: value...} plus _step, _runtime and _timestamp.
inline QByteArray historyRecord(qint64 num, qint64 step, double timestamp,
                                const QList<QPair<QString, QByteArray>> &values) {
    QByteArray h;
    for (const auto &[k, v] : values)
        h += lenField(1, item({k}, v));
    h += lenField(1, item({QStringLiteral("_step")}, QByteArray::number(step)));
    h += lenField(1, item({QStringLiteral("_runtime")}, QByteArray::number(timestamp - 1.7e9)));
    h += lenField(1, item({QStringLiteral("_timestamp")}, QByteArray::number(timestamp, 'f', 3)));
    h += lenField(2, varintField(1, step));
    return record(num, 2, h);
}

inline QByteArray runRecord(qint64 num, const QByteArray &id, const QByteArray &project,
                            const QByteArray &name, qint64 startS,
                            const QList<QPair<QString, QByteArray>> &config) {
    QByteArray cfg;
    for (const auto &[k, v] : config)
        cfg += lenField(1, item({k}, v));
    cfg += lenField(1, item({QStringLiteral("_wandb")}, "{}"));
    QByteArray r = lenField(1, id) + lenField(3, project) + lenField(4, cfg);
    if (!name.isEmpty())
        r += lenField(8, name);
    r += lenField(17, varintField(1, startS) + varintField(2, 500000000));
    return record(num, 17, r);
}

inline QByteArray summaryRecord(qint64 num, const QList<QPair<QString, QByteArray>> &values) {
    QByteArray s;
    for (const auto &[k, v] : values)
        s += lenField(1, item({k}, v));
    return record(num, 3, s);
}

inline QByteArray exitRecord(qint64 num, int code, int runtimeS) {
    QByteArray e;
    if (code != 0)
        e += varintField(1, code);
    e += varintField(2, runtimeS);
    return record(num, 18, e);
}

/// Frames records into a `.wandb` file; where[i] = {offset of the record's first chunk, offset
/// just after its last chunk}.
struct Framed {
    QByteArray bytes;
    std::vector<std::pair<qint64, qint64>> where;
};

inline Framed frame(const QList<QByteArray> &records) {
    constexpr qint64 block = 32768;
    Framed f;
    f.bytes = QByteArray(":W&B\xE1\xBE\x00", 7);
    for (const QByteArray &rec : records) {
        qint64 start = -1;
        qsizetype done = 0;
        bool first = true;
        do {
            qint64 left = block - f.bytes.size() % block;
            if (left < 7) {
                f.bytes.append(QByteArray(left, '\0'));
                left = block;
            }
            const qsizetype room = qsizetype(left - 7);
            const qsizetype n = std::min(room, rec.size() - done);
            const bool last = done + n == rec.size();
            const char type = first && last ? 1 : first ? 2 : last ? 4 : 3;
            const QByteArray payload = rec.mid(done, n);
            const quint32 crc = crc32(QByteArray(1, type) + payload);
            if (start < 0)
                start = f.bytes.size();
            for (int i = 0; i < 4; ++i)
                f.bytes.append(char(crc >> (8 * i)));
            f.bytes.append(char(n & 0xff));
            f.bytes.append(char(n >> 8));
            f.bytes.append(type);
            f.bytes.append(payload);
            done += n;
            first = false;
        } while (done < rec.size());
        f.where.emplace_back(start, f.bytes.size());
    }
    return f;
}

} // namespace runlens::tests::wandblog
