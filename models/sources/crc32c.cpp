// SPDX-License-Identifier: GPL-3.0-or-later
#include "crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace runlens::sources::crc32c {

namespace {

constexpr quint32 poly = 0x82f63b78u; // reflected Castagnoli polynomial

using Tables = std::array<std::array<quint32, 256>, 8>;

constexpr Tables makeTables() {
    Tables t{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ poly : c >> 1;
        t[0][i] = c;
    }
    for (quint32 i = 0; i < 256; ++i) {
        for (size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    }
    return t;
}

constexpr Tables tables = makeTables();

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) quint32 extendHardware(quint32 crc, const void *data,
                                                         size_t size) {
    const auto *p = static_cast<const unsigned char *>(data);
    quint64 c = ~crc;
    while (size >= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        c = _mm_crc32_u64(c, v);
        p += 8;
        size -= 8;
    }
    quint32 c32 = quint32(c);
    while (size--)
        c32 = _mm_crc32_u8(c32, *p++);
    return ~c32;
}

bool detect() {
    return __builtin_cpu_supports("sse4.2");
}
#else
bool detect() {
    return false;
}
#endif

const bool useHardware = detect();

} // namespace

quint32 extendPortable(quint32 crc, const void *data, size_t size) {
    const auto *p = static_cast<const unsigned char *>(data);
    quint32 c = ~crc;
    while (size >= 8) {
        quint32 lo;
        quint32 hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
        lo ^= c;
        c = tables[7][lo & 0xff] ^ tables[6][(lo >> 8) & 0xff] ^ tables[5][(lo >> 16) & 0xff] ^
            tables[4][lo >> 24] ^ tables[3][hi & 0xff] ^ tables[2][(hi >> 8) & 0xff] ^
            tables[1][(hi >> 16) & 0xff] ^ tables[0][hi >> 24];
        p += 8;
        size -= 8;
    }
    while (size--)
        c = (c >> 8) ^ tables[0][(c ^ *p++) & 0xff];
    return ~c;
}

quint32 extend(quint32 crc, const void *data, size_t size) {
#if defined(__x86_64__)
    if (useHardware)
        return extendHardware(crc, data, size);
#endif
    return extendPortable(crc, data, size);
}

bool hardwareAccelerated() {
    return useHardware;
}

} // namespace runlens::sources::crc32c
