// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cache.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <vector>

namespace runlens::store {

class RecordDecoder;

/// The binary form of one run's file fingerprints: the `data` column of `run_files`, one row
/// per run (schema version 3). One blob instead of a row per file makes writing a run one
/// insert and loading a source's fingerprints one decode per run.
///
/// Layout: a format version byte (2), a varint entry count, then per entry, in the order of the
/// relative paths (QString order, as FileStates keeps them):
/// - varint bytes shared with the previous path, varint length and UTF-8 of the rest;
/// - zigzag varints of size, mtimeNs − previous entry's mtimeNs, inode − previous entry's inode
///   (64-bit wrap-around, so every quint64 round-trips) and size − offset (0 for a file read to
///   its end);
/// - (version 2) a varint of units.
class FilesCodec final {
public:
    static constexpr quint8 formatVersion = 2; ///< 2 added FileState::units; 1 still decodes

    [[nodiscard]] static QByteArray encode(const std::vector<FileState> &files);
    /// Decodes into *files, sharing the path strings through interner when given. False on a
    /// malformed blob (an empty one is an empty set); *files is then empty.
    static bool decode(QByteArrayView blob, FileStates *files, RecordDecoder *interner = nullptr);
};

} // namespace runlens::store
