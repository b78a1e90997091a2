// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>
#include <cstring>
#include <string_view>

/// A minimal protobuf wire-format reader (formats.md §1) for the TensorBoard and W&B parsers:
/// walk a message field by field, every length checked against the bytes left.
namespace runlens::sources::protobuf {

enum class WireType : quint8 { Varint = 0, I64 = 1, Len = 2, SGroup = 3, EGroup = 4, I32 = 5 };

/// One field of a message.
struct Field {
    quint32 number = 0;
    WireType type = WireType::Varint;
    quint64 varint = 0;     ///< Varint, I64 and I32 payloads (the raw bits for I64/I32)
    std::string_view bytes; ///< Len payload

    [[nodiscard]] qint64 asInt64() const { return qint64(varint); }
    [[nodiscard]] double asDouble() const {
        double d;
        std::memcpy(&d, &varint, sizeof d);
        return d;
    }
    [[nodiscard]] float asFloat() const {
        const quint32 bits = quint32(varint);
        float f;
        std::memcpy(&f, &bits, sizeof f);
        return f;
    }
};

/// Reads fields one after another. next() returns false at the end or on corruption; failed()
/// tells which.
class Reader {
public:
    explicit Reader(std::string_view message)
        : m_p(message.data())
        , m_end(message.data() + message.size()) {}

    [[nodiscard]] bool failed() const { return m_failed; }
    [[nodiscard]] bool atEnd() const { return m_p == m_end; }

    bool next(Field &f) {
        if (m_failed || m_p == m_end)
            return false;
        quint64 key = 0;
        if (!readVarint(key))
            return fail();
        f.number = quint32(key >> 3);
        f.type = WireType(key & 7);
        f.bytes = {};
        f.varint = 0;
        if (f.number == 0)
            return fail();
        switch (f.type) {
        case WireType::Varint:
            return readVarint(f.varint) || fail();
        case WireType::I64:
            if (m_end - m_p < 8)
                return fail();
            std::memcpy(&f.varint, m_p, 8);
            m_p += 8;
            return true;
        case WireType::I32: {
            if (m_end - m_p < 4)
                return fail();
            quint32 v;
            std::memcpy(&v, m_p, 4);
            f.varint = v;
            m_p += 4;
            return true;
        }
        case WireType::Len: {
            quint64 length = 0;
            if (!readVarint(length) || length > quint64(m_end - m_p))
                return fail();
            f.bytes = std::string_view(m_p, size_t(length));
            m_p += length;
            return true;
        }
        case WireType::SGroup:
        case WireType::EGroup:
            break;
        }
        return fail();
    }

    /// Reads a base-128 varint (at most 10 bytes).
    bool readVarint(quint64 &out) {
        quint64 value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (m_p == m_end)
                return false;
            const quint8 b = quint8(*m_p++);
            value |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80)) {
                out = value;
                return true;
            }
        }
        return false;
    }

private:
    bool fail() {
        m_failed = true;
        return false;
    }

    const char *m_p;
    const char *m_end;
    bool m_failed = false;
};

/// Calls f(double) for each value of a repeated float/double/int field that may come packed
/// (one Len field) or one field per element. elementType is the field's declared scalar wire
/// type (I32 for float, I64 for double, Varint for integers). False on a malformed payload.
template <typename F> bool forEachPacked(const Field &field, WireType elementType, F &&f) {
    if (field.type != WireType::Len) {
        if (field.type != elementType)
            return false;
        f(field);
        return true;
    }
    std::string_view b = field.bytes;
    Field element;
    element.number = field.number;
    element.type = elementType;
    switch (elementType) {
    case WireType::I32:
        if (b.size() % 4)
            return false;
        for (size_t i = 0; i < b.size(); i += 4) {
            quint32 v;
            std::memcpy(&v, b.data() + i, 4);
            element.varint = v;
            f(element);
        }
        return true;
    case WireType::I64:
        if (b.size() % 8)
            return false;
        for (size_t i = 0; i < b.size(); i += 8) {
            std::memcpy(&element.varint, b.data() + i, 8);
            f(element);
        }
        return true;
    case WireType::Varint: {
        Reader r(b);
        while (!r.atEnd()) {
            if (!r.readVarint(element.varint))
                return false;
            f(element);
        }
        return true;
    }
    default:
        return false;
    }
}

} // namespace runlens::sources::protobuf
