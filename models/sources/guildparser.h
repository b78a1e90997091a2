// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

#include <QString>
#include <optional>
#include <string_view>

/// The files of a Guild AI run's .guild/ folder (formats.md §11), parsed from bytes without I/O.
namespace runlens::sources::guild {

/// The attrs this importer reads (one YAML value per file below .guild/attrs/).
const QStringList &knownAttrs();

/// One attr file: flags (the config), label, tags, started/stopped (µs since the epoch),
/// exit_status, host, user. Tags: guild.label, guild.tags (joined with ", "), guild.host,
/// guild.user, guild.exit_status. A file that does not parse is reported at its line and marked
/// retryLater.
void parseAttr(QStringView name, std::string_view bytes, FileContribution &out);

/// exit_status: 0 finished, negative killed (a signal), positive failed.
core::RunStatus statusFromExit(qint64 exitStatus);

/// .guild/opref, "<pkg_type>:<pkg_name> <pkg_version> <model> <op>": "model:op", or "op" when
/// the model name is empty ('').
QString operationFromOpref(std::string_view bytes);

/// .guild/LOCK: the ASCII PID of the process running the op, or nullopt.
std::optional<qint64> lockPid(std::string_view bytes);

} // namespace runlens::sources::guild
