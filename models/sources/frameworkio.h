// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run.h"
#include "fileio.h"

#include <QFile>
#include <QString>
#include <cmath>
#include <fcntl.h>
#include <optional>
#include <vector>

/// Small file-system helpers of the framework-log importers (DVCLive, HF Trainer, AllenNLP):
/// listings and stats by path, for runFiles() and scanFolder().
namespace runlens::sources::framework::io {

struct Listed {
    QString name;
    bool isDir = false;
    bool isFile = false;
};

/// The entries of a folder (empty when it cannot be listed).
inline std::vector<Listed> list(const QString &dir) {
    std::vector<fileio::Entry> entries;
    std::vector<Listed> out;
    const QByteArray path = QFile::encodeName(dir);
    if (!fileio::listDir(AT_FDCWD, path.constData(), entries))
        return out;
    out.reserve(entries.size());
    for (const fileio::Entry &e : entries)
        out.push_back(Listed{QFile::decodeName(e.name.c_str()), e.isDir, e.isFile});
    return out;
}

inline std::optional<fileio::Stat> stat(const QString &path) {
    const QByteArray p = QFile::encodeName(path);
    return fileio::statAt(AT_FDCWD, p.constData());
}

inline bool isFile(const QString &path) {
    const auto st = stat(path);
    return st && st->isFile;
}

inline bool isDir(const QString &path) {
    const auto st = stat(path);
    return st && st->isDir;
}

/// The file's modification time in ms since the epoch, 0 when it is missing.
inline qint64 mtimeMs(const QString &path) {
    const auto st = stat(path);
    return st ? st->mtimeNs / 1000000 : 0;
}

/// A finished run's times from the file written when training ended and the training's own
/// duration in seconds (or NaN): end = the file's mtime, start = end - duration.
inline void timesFromEnd(const QString &endFile, const core::MetricSummary *durationSeconds,
                         core::Run &run) {
    const qint64 end = mtimeMs(endFile);
    if (end <= 0)
        return;
    run.endMs = end;
    if (durationSeconds && std::isfinite(durationSeconds->last) && durationSeconds->last >= 0)
        run.startMs = end - qint64(durationSeconds->last * 1000.0);
}

/// Up to max bytes from the start of a file (empty when it cannot be read).
inline std::string head(const QString &path, qint64 max) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.read(max);
    return std::string(bytes.constData(), size_t(bytes.size()));
}

/// The whole of a small file (empty when it cannot be read).
inline std::string readSmall(const QString &path, qint64 max = 16 << 20) {
    return head(path, max);
}

} // namespace runlens::sources::framework::io
