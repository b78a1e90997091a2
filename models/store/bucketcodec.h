// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/pointbucket.h"

#include <QByteArray>
#include <QByteArrayView>

namespace runlens::store {

/// The binary form of one page of a series' aggregate level (series_level.data): consecutive
/// PointBuckets. All integers are little-endian; a page is
///
///     u8      version (1)
///     varint  number of buckets
///     then per bucket:
///     u8      flags: bit 0 = count differs from the page's previous bucket (a varint follows),
///                    bit 1 = some value is not finite (finite follows as a varint),
///                    bit 2 = no value is finite (no doubles follow)
///     zigzag  firstStep minus the previous bucket's lastStep (0 for the first bucket)
///     zigzag  lastStep minus firstStep
///     zigzag  firstTimeMs minus the previous bucket's lastTimeMs, then lastTimeMs - firstTimeMs
///     f64 x5  first, last, min, max, sum: bit-exact IEEE-754 doubles
///
/// A bucket of a steady series costs 45-48 bytes, 40 of them its doubles.
class BucketCodec final {
public:
    static constexpr quint8 version = 1;

    [[nodiscard]] static QByteArray encode(const core::PointBucket *buckets, size_t count);
    /// Appends the buckets of page to *out. False when the page is malformed; *out then holds
    /// the buckets decoded before the damage.
    static bool decode(QByteArrayView page, core::PointBuckets *out);
};

} // namespace runlens::store
