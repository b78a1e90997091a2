// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/configtree.h"
#include "core/run.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QMap>
#include <QString>
#include <array>
#include <utility>
#include <vector>

namespace runlens::store {

/// The binary forms of a run's config, tags and metric summaries, one BLOB column each in the
/// runs table. Rows instead of blobs would cost a join and a QString per cell on every start;
/// these decode 100,000 runs in a fraction of a second.
///
/// Every blob starts with a format version byte (1) and a varint entry count. Strings are a
/// varint byte length and UTF-8. Integers are zigzag varints (see bytecodec.h), doubles raw
/// little-endian IEEE-754 (NaN and ±Inf bit-exact).
///
/// - config: per entry the key, a type byte and the value: 0 null, 1 false, 2 true,
///   3 qint64, 4 double, 5 string, 6 int, 7 quint64 (varint), 8 any other QVariant as
///   QDataStream bytes (Qt 6.4 stream version).
/// - tags: per entry the key and the value, in key order.
/// - summaries: per entry the key, then count, firstStep, lastStep-firstStep, lastTimeMs,
///   last, min, max, minStep-firstStep, maxStep-firstStep, nanCount.
class RecordCodec final {
public:
    static constexpr quint8 formatVersion = 1;

    [[nodiscard]] static QByteArray encodeConfig(const core::ConfigTree &config);
    [[nodiscard]] static QByteArray encodeTags(const QMap<QString, QString> &tags);
    [[nodiscard]] static QByteArray encodeSummaries(const std::vector<core::MetricInfo> &metrics);
};

/// Decodes record blobs for many runs, handing out one shared QString per distinct key (and per
/// distinct short value), so 100,000 runs with the same 40 keys hold 40 key strings, not
/// 4 million. Not thread-safe; use one per load.
class RecordDecoder final {
public:
    /// Families of strings that tend to repeat at the same position from one run to the next.
    enum Family { ConfigKey, ConfigValue, TagKey, TagValue, SummaryKey, Column, FamilyCount };

    bool decodeConfig(QByteArrayView blob, core::ConfigTree *config);
    /// A tag value whose bytes equal sharedUtf8 gets the string shared instead of a copy (the
    /// run's name, which MLflow repeats in the mlflow.runName tag).
    bool decodeTags(QByteArrayView blob, QMap<QString, QString> *tags,
                    QByteArrayView sharedUtf8 = {}, const QString &shared = {});
    bool decodeSummaries(QByteArrayView blob, std::vector<core::MetricInfo> *metrics);

    /// The shared string equal to utf8. slot is a position hint within family (the n-th key of
    /// a blob, a column number): when the previous string there had the same bytes, no hashing
    /// is needed at all.
    QString intern(QByteArrayView utf8, Family family, qsizetype slot);

private:
    static constexpr qsizetype maxCachedTagMaps = 4096;
    bool decodeTagsUncached(QByteArrayView blob, QMap<QString, QString> *tags,
                            QByteArrayView sharedUtf8, const QString &shared);

    struct Hint {
        QByteArray bytes;
        QString string;
    };
    std::array<std::vector<Hint>, FamilyCount> m_hints;
    // Runs with the same tags (often all of one source) share one implicitly shared QMap.
    QHash<QByteArray, QMap<QString, QString>> m_tagMaps;
    QHash<QByteArray, QString> m_strings;
    core::ConfigTree m_scratch;
};

} // namespace runlens::store
