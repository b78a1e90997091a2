// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Little-endian varint / zigzag / raw-double primitives shared by the series and record codecs.
// Header-only so the hot decode loops inline.

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>
#include <cstring>

namespace runlens::store {

/// Appends to a QByteArray without per-byte bounds checks in the common case.
class ByteWriter final {
public:
    explicit ByteWriter(QByteArray &out)
        : m_out(out) {}

    void putByte(quint8 b) { m_out.append(char(b)); }
    void putVarint(quint64 v) {
        char buf[10];
        int n = 0;
        while (v >= 0x80) {
            buf[n++] = char(quint8(v) | 0x80);
            v >>= 7;
        }
        buf[n++] = char(v);
        m_out.append(buf, n);
    }
    void putZigzag(qint64 v) { putVarint(zigzag(v)); }
    void putDouble(double d) {
        quint64 bits;
        std::memcpy(&bits, &d, 8);
        const quint64 le = qToLittleEndian(bits);
        m_out.append(reinterpret_cast<const char *>(&le), 8);
    }
    void putBytes(QByteArrayView bytes) {
        putVarint(quint64(bytes.size()));
        m_out.append(bytes.data(), bytes.size());
    }

    static quint64 zigzag(qint64 v) { return (quint64(v) << 1) ^ quint64(v >> 63); }

private:
    QByteArray &m_out;
};

/// Reads what ByteWriter wrote. Every read is bounds-checked: a malformed blob sets failed()
/// and yields zeros, never reads past the end.
class ByteReader final {
public:
    explicit ByteReader(QByteArrayView in)
        : m_p(reinterpret_cast<const quint8 *>(in.data()))
        , m_end(m_p + in.size()) {}

    [[nodiscard]] bool atEnd() const { return m_p >= m_end; }
    [[nodiscard]] bool failed() const { return m_failed; }
    [[nodiscard]] qsizetype remaining() const { return m_end - m_p; }
    [[nodiscard]] const char *position() const { return reinterpret_cast<const char *>(m_p); }

    quint8 byte() {
        if (m_p >= m_end)
            return fail();
        return *m_p++;
    }
    quint64 varint() {
        quint64 v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_p >= m_end)
                return fail();
            const quint8 b = *m_p++;
            v |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        return fail();
    }
    qint64 zigzag() { return unzigzag(varint()); }
    double real() {
        if (m_end - m_p < 8) {
            fail();
            return 0;
        }
        quint64 bits;
        std::memcpy(&bits, m_p, 8);
        bits = qFromLittleEndian(bits);
        m_p += 8;
        double d;
        std::memcpy(&d, &bits, 8);
        return d;
    }
    /// A varint length and that many bytes; the view points into the input.
    QByteArrayView bytes() {
        const quint64 n = varint();
        return take(n);
    }
    QByteArrayView take(quint64 n) {
        if (m_failed || quint64(m_end - m_p) < n) {
            fail();
            return {};
        }
        QByteArrayView v(reinterpret_cast<const char *>(m_p), qsizetype(n));
        m_p += n;
        return v;
    }

    static qint64 unzigzag(quint64 z) { return qint64((z >> 1) ^ (~(z & 1) + 1)); }

private:
    quint8 fail() {
        m_failed = true;
        m_p = m_end;
        return 0;
    }

    const quint8 *m_p;
    const quint8 *m_end;
    bool m_failed = false;
};

} // namespace runlens::store
