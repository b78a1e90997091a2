// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A tiny, deliberately naive TensorBoard event encoder and TFRecord walker for the tests. It
// shares no code with the importer (own bitwise CRC-32C, own protobuf writer), so the tests
// check the parser against an independent reading of formats.md §1 and §3.

#include <QtGlobal>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace runlens::tests::tb {

inline quint32 crc32cBitwise(std::string_view data) {
    quint32 crc = 0xffffffffu;
    for (const char ch : data) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ ((crc & 1u) ? 0x82f63b78u : 0u);
    }
    return crc ^ 0xffffffffu;
}

inline quint32 maskedCrcBitwise(std::string_view data) {
    const quint32 c = crc32cBitwise(data);
    return ((c >> 15) | (c << 17)) + 0xa282ead8u;
}

inline void putVarint(std::string &out, quint64 v) {
    while (v >= 0x80) {
        out += char(quint8(v) | 0x80);
        v >>= 7;
    }
    out += char(v);
}

inline void putKey(std::string &out, int field, int wire) {
    putVarint(out, quint64(field) << 3 | quint64(wire));
}

inline void putLen(std::string &out, int field, std::string_view bytes) {
    putKey(out, field, 2);
    putVarint(out, bytes.size());
    out.append(bytes);
}

inline void putVarintField(std::string &out, int field, quint64 v) {
    putKey(out, field, 0);
    putVarint(out, v);
}

inline void putDouble(std::string &out, int field, double d) {
    putKey(out, field, 1);
    char b[8];
    std::memcpy(b, &d, 8);
    out.append(b, 8);
}

inline void putFloat(std::string &out, int field, float f) {
    putKey(out, field, 5);
    char b[4];
    std::memcpy(b, &f, 4);
    out.append(b, 4);
}

/// One TFRecord around payload.
inline std::string record(std::string_view payload) {
    std::string out;
    const quint64 n = payload.size();
    char len[8];
    std::memcpy(len, &n, 8);
    out.append(len, 8);
    const quint32 lc = maskedCrcBitwise(std::string_view(len, 8));
    out.append(reinterpret_cast<const char *>(&lc), 4);
    out.append(payload);
    const quint32 dc = maskedCrcBitwise(payload);
    out.append(reinterpret_cast<const char *>(&dc), 4);
    return out;
}

/// Event header fields (wall_time, step).
inline std::string eventHead(double wall, qint64 step) {
    std::string e;
    putDouble(e, 1, wall);
    if (step != 0)
        putVarintField(e, 2, quint64(step));
    return e;
}

inline std::string fileVersionEvent(double wall) {
    std::string e = eventHead(wall, 0);
    putLen(e, 3, "brain.Event:2");
    return e;
}

/// An Event holding one Summary.Value (value = the Value's bytes).
inline std::string valueEvent(double wall, qint64 step, std::string_view value) {
    std::string e = eventHead(wall, step);
    std::string summary;
    putLen(summary, 1, value);
    putLen(e, 5, summary);
    return e;
}

inline std::string metadata(std::string_view plugin, std::string_view content = {},
                            int dataClass = 0) {
    std::string pluginData;
    putLen(pluginData, 1, plugin);
    if (!content.empty())
        putLen(pluginData, 2, content);
    std::string m;
    putLen(m, 1, pluginData);
    if (dataClass)
        putVarintField(m, 4, quint64(dataClass));
    return m;
}

/// A TF1 simple_value.
inline std::string simpleValue(std::string_view tag, float v) {
    std::string value;
    putLen(value, 1, tag);
    putFloat(value, 2, v);
    return value;
}

/// A rank-0 tensor value; fill writes the tensor's value fields.
template <typename Fill>
std::string tensorValue(std::string_view tag, int dtype, Fill fill,
                        std::string_view plugin = "scalars", bool withMetadata = true) {
    std::string tensor;
    putVarintField(tensor, 1, quint64(dtype));
    putLen(tensor, 2, {}); // an empty TensorShapeProto: rank 0
    fill(tensor);
    std::string value;
    putLen(value, 1, tag);
    if (withMetadata)
        putLen(value, 9, metadata(plugin));
    putLen(value, 8, tensor);
    return value;
}

inline std::string floatContent(float f) {
    return std::string(reinterpret_cast<const char *>(&f), 4);
}

/// One complete scalar record as TF2 writes it (tensor_content float32, scalars metadata).
inline std::string tf2ScalarRecord(double wall, qint64 step, std::string_view tag, float v) {
    return record(valueEvent(
        wall, step, tensorValue(tag, 1, [&](std::string &t) { putLen(t, 4, floatContent(v)); })));
}

/// One complete TF1 scalar record.
inline std::string tf1ScalarRecord(double wall, qint64 step, std::string_view tag, float v) {
    return record(valueEvent(wall, step, simpleValue(tag, v)));
}

/// Offsets of the records of a file, walked independently of the importer (both checksums
/// verified); stops at the first incomplete or damaged record.
inline std::vector<qint64> recordOffsets(std::string_view data) {
    std::vector<qint64> out;
    size_t pos = 0;
    while (data.size() - pos >= 12) {
        quint64 n;
        std::memcpy(&n, data.data() + pos, 8);
        quint32 lc;
        std::memcpy(&lc, data.data() + pos + 8, 4);
        if (maskedCrcBitwise(data.substr(pos, 8)) != lc || n + 16 > data.size() - pos)
            break;
        quint32 dc;
        std::memcpy(&dc, data.data() + pos + 12 + n, 4);
        if (maskedCrcBitwise(data.substr(pos + 12, size_t(n))) != dc)
            break;
        out.push_back(qint64(pos));
        pos += size_t(n) + 16;
    }
    return out;
}

} // namespace runlens::tests::tb
