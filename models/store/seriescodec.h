// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/metric.h"

#include <QByteArray>
#include <QByteArrayView>

namespace runlens::store {

/// The binary form of a metric series as stored in series.points.
///
/// A blob is a sequence of self-describing chunks, so appending points is concatenating one
/// more chunk to the stored bytes (SQLite's || operator) without decoding the old
/// ones. All integers are little-endian; a chunk is
///
///     u8      version (1)
///     u8      flags: bit 0 = every time is 0 (the time column is left out)
///     varint  count
///     varint  byte length of the step column
///     varint  byte length of the time column (absent when flag bit 0)
///     steps   count zigzag varints: the first step, then each step minus the one before
///     times   the same for timeMs
///     values  count IEEE-754 doubles, 8 bytes each, bit-exact (NaN payloads and ±Inf kept)
///
/// Deltas use wrapping 64-bit arithmetic, so any step order and any qint64 round-trips; a
/// typical series (steps +1, times a few ms apart) costs 10-12 bytes a point. An empty series
/// encodes to zero bytes (zero chunks).
class SeriesCodec final {
public:
    static constexpr quint8 chunkVersion = 1;

    /// Encodes the points as one chunk (nothing when points is empty).
    [[nodiscard]] static QByteArray encode(const core::MetricPoints &points);
    /// Appends the points of every chunk of blob to *out. False when the blob is malformed
    /// (truncated, unknown chunk version); *out then holds the points of the good chunks.
    static bool decode(QByteArrayView blob, core::MetricPoints *out);
    /// The number of points in blob, reading only the chunk headers; -1 when malformed.
    [[nodiscard]] static qint64 count(QByteArrayView blob);
};

} // namespace runlens::store
