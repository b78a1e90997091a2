// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

#include <QString>
#include <QVariant>
#include <string_view>

/// The files of a Sacred FileStorageObserver run folder (formats.md §8), parsed from bytes
/// without I/O. Every function fills a FileContribution; a file that does not parse as a whole
/// is reported at its line and marked retryLater (Sacred rewrites its JSON files in place).
namespace runlens::sources::sacred {

/// A RUNNING run whose heartbeat is older than this at read time is taken as killed (Sacred
/// beats every 10 s; formats.md §8 says a run silent for minutes was killed).
inline constexpr qint64 staleHeartbeatMs = 5 * 60 * 1000;

/// QUEUED, RUNNING, COMPLETED, FAILED, INTERRUPTED, TIMEOUT (any case) to a RunStatus.
core::RunStatus statusFromName(QStringView name);

/// "2024-05-01T12:00:00.123456" (UTC without zone, as Sacred writes it; a trailing "Z" or
/// "+hh:mm" offset is honoured) to ms since the epoch; 0 when it is not such a time.
qint64 parseUtcMs(QStringView text);

/// jsonpickle leftovers made plain: {"py/tuple": [..]} and {"py/set": [..]} become lists,
/// numpy scalars and arrays ({"py/object": "numpy...", "value"/"values": ..}) their values, and
/// other "py/..." keys (object class names, back references) are dropped.
QVariant unpickle(const QVariant &tree);

/// run.json: status, times, experiment name, and tags sacred.status, sacred.command,
/// sacred.host, sacred.commit, sacred.comment, sacred.config_updates, sacred.named_configs,
/// sacred.fail_trace (the last line of the traceback), sacred.result (a scalar result).
/// nowMs is the read time: a RUNNING run with a heartbeat older than staleHeartbeatMs becomes
/// Killed (ending at its heartbeat) and gets the tag sacred.heartbeat_stale = "true"; a RUNNING
/// run with a fresh heartbeat is marked retryLater, so that the next import looks again even if
/// the file has not changed (a run killed without notice never touches its files again).
void parseRunJson(std::string_view bytes, qint64 nowMs, FileContribution &out);

/// config.json: the config tree, flattened.
void parseConfigJson(std::string_view bytes, FileContribution &out);

/// metrics.json: {"name": {"steps": [..], "timestamps": [..], "values": [..]}}. Arrays of
/// different lengths are reported and read up to the shortest; a missing steps array counts
/// 0, 1, 2...; a value that is a list of numbers (Keras' [loss, accuracy]) becomes the series
/// name[0], name[1]...; values that are not numbers are skipped and reported once per metric.
void parseMetricsJson(std::string_view bytes, FileContribution &out);

} // namespace runlens::sources::sacred
