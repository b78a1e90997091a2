// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>
#include <cstddef>

/// CRC-32C (Castagnoli), as TFRecord framing and the W&B/LevelDB log format use it: the SSE4.2
/// instruction where the CPU has it, a slicing table otherwise.
namespace runlens::sources::crc32c {

/// CRC-32C of data, continuing from crc (0 to start).
quint32 extend(quint32 crc, const void *data, size_t size);
inline quint32 value(const void *data, size_t size) {
    return extend(0, data, size);
}

/// The masked form TFRecord and LevelDB store: ((crc >> 15) | (crc << 17)) + 0xa282ead8.
inline quint32 mask(quint32 crc) {
    return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

/// True when extend() uses the CPU instruction (for benchmarks and tests).
bool hardwareAccelerated();
/// The table implementation, always (tests compare it with the hardware one).
quint32 extendPortable(quint32 crc, const void *data, size_t size);

} // namespace runlens::sources::crc32c
