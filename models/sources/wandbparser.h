// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/configtree.h"
#include "core/metric.h"

#include <QString>
#include <QStringList>
#include <QVarLengthArray>
#include <QVariant>
#include <string>
#include <string_view>
#include <vector>

/// Byte-level parsing of W&B run folders (formats.md §7), no I/O: the `.wandb` transaction log
/// (LevelDB-log framing in 32 KiB blocks, CRC-32, protobuf `Record`s) and the meaning of its
/// records. The importer and the tests drive these directly.
namespace runlens::sources::wandb {

inline constexpr qint64 blockSize = 32768;
inline constexpr qint64 fileHeaderSize = 7; ///< ":W&B", uint16 0xBEE1, uint8 version 0
inline constexpr qint64 chunkHeaderSize = 7;

/// Ordinary CRC-32 (IEEE, zlib's crc32), continuing from crc (0 to start). The W&B log uses this
/// one, unmasked, over the chunk's type byte and payload; not CRC-32C.
quint32 crc32(quint32 crc, const void *data, size_t size);

/// True when bytes start with the 7-byte `.wandb` file header.
bool isFileHeader(std::string_view bytes);

/// Walks the complete records of a piece of a `.wandb` file. bytes start at absolute file
/// offset `offset`, which must be 0 or a chunk start (a resume offset this reader gave).
class LogReader {
public:
    struct Event {
        enum class Kind {
            Record,  ///< payload holds one serialized wandb_internal.Record
            Corrupt, ///< bytes were skipped; message says why
            End,     ///< no more complete records in bytes
        };
        Kind kind = Kind::End;
        std::string_view payload;
        qint64 offset = 0; ///< absolute offset of the record's first chunk or of the bad bytes
        QString message;
    };

    /// moreFollows: bytes is not the end of the file (a chunk of a big file), so damage whose
    /// block continues past bytes is left for the next chunk to skip (and report) whole.
    LogReader(std::string_view bytes, qint64 offset, bool moreFollows = false);

    Event next();
    /// Bytes from the start of the input up to where reading resumes: the end of the last
    /// complete record (or of skipped damage), never inside a record.
    [[nodiscard]] qint64 consumed() const { return m_consumed; }
    /// Complete records returned so far.
    [[nodiscard]] qint64 records() const { return m_records; }

private:
    Event corrupt(qint64 at, const QString &message, bool skipBlock);

    std::string_view m_bytes;
    qint64 m_base = 0;     ///< absolute offset of m_bytes[0]
    qint64 m_pos = 0;      ///< next chunk within m_bytes
    qint64 m_consumed = 0; ///< within m_bytes
    qint64 m_records = 0;
    std::string m_fragment; ///< payloads of FIRST/MIDDLE chunks of the record being joined
    qint64 m_fragmentStart = -1;
    bool m_resyncing = false; ///< after damage: stray MIDDLE/LAST chunks are part of the gap
    bool m_done = false;
    bool m_moreFollows = false;
};

/// One key/value of a history row, a summary or config update. Views into the record.
struct Item {
    std::string_view key;                        ///< key (used when nested is empty)
    QVarLengthArray<std::string_view, 4> nested; ///< nested_key
    std::string_view value;                      ///< value_json

    /// The key path: nested_key if set, else [key].
    [[nodiscard]] qsizetype depth() const { return nested.isEmpty() ? 1 : nested.size(); }
    [[nodiscard]] std::string_view part(qsizetype i) const {
        return nested.isEmpty() ? key : nested[i];
    }
    /// The path joined with '.', as metric and config keys use it.
    [[nodiscard]] QString name() const;
};

/// The parts of a Record the importer uses; the rest (output, stats, telemetry, files, ...) is
/// skipped by length.
struct Record {
    enum class Kind { Other, History, Summary, Config, Run, Exit };
    Kind kind = Kind::Other;
    qint64 num = 0;
    // History: items and step.num (when present)
    std::vector<Item> items;   ///< History items; Summary/Config updates
    std::vector<Item> removes; ///< Summary/Config removes
    qint64 step = -1;
    // Run
    QString runId, entity, project, displayName, group, jobType, notes, sweepId, host;
    QStringList tags;
    qint64 startMs = 0;
    // Exit
    int exitCode = 0;
    qint64 runtimeS = 0;
};

/// Decodes one Record payload. False when it is not a valid protobuf message.
bool decodeRecord(std::string_view payload, Record &out);

/// A metric value of a history row: `name` joined from the item path (nested objects in the
/// value add ".key"), with its number.
struct Scalar {
    QString name;
    double value = 0;
};

/// Numbers of a history row or summary update, as metric points would take them: items whose
/// top-level key starts with '_' (_step, _runtime, _timestamp, _wandb) and media descriptors
/// (objects with a "_type", or items whose path holds a "_type" sibling) are left out, as are
/// strings, booleans, nulls and lists. Nested objects are flattened with '.'.
std::vector<Scalar> scalarsOf(const std::vector<Item> &items);

/// The `_step` (or nullopt-like -1) and `_timestamp` (ms, 0 when absent) of a row.
struct RowClock {
    qint64 step = -1;
    qint64 timeMs = 0;
};
RowClock rowClock(const std::vector<Item> &items);

/// A JSON value as a tree (QVariantMap/List/scalars; bare NaN/Infinity allowed), or invalid.
QVariant parseValueJson(std::string_view json);

/// Config items applied in order: an update sets the (flattened) value at its path, a remove
/// deletes the path and everything below it. The internal top-level "_wandb" is left out.
void applyConfig(core::ConfigTree &config, const std::vector<Item> &updates,
                 const std::vector<Item> &removes);

/// The run id in a run folder name "run-YYYYMMDD_HHMMSS-<id>" or "offline-run-...", or empty
/// when the name is not one.
QString runIdFromFolderName(QStringView name);

/// Metric points of a wandb-summary.json tree (for runs without a `.wandb`): one per number,
/// with the summary's _step and _timestamp; the same exclusions as scalarsOf().
struct SummaryPoint {
    QString name;
    core::MetricPoint point;
};
std::vector<SummaryPoint> summaryPoints(const QVariantMap &summary);

/// An ISO 8601 time as W&B writes startedAt ("2023-03-28T23:49:20.689461", UTC, with or without
/// "Z") in ms since the epoch, or 0.
qint64 parseIsoTimeMs(const QString &text);

/// A run whose log has no exit record is still running while its `.wandb` changed within this
/// window (the SDK writes system metrics every few seconds), else it died without finishing.
inline constexpr qint64 liveWindowMs = 5 * 60 * 1000;

} // namespace runlens::sources::wandb
