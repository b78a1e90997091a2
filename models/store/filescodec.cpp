// SPDX-License-Identifier: GPL-3.0-or-later
#include "filescodec.h"

#include "bytecodec.h"
#include "recordcodec.h"

#include <algorithm>
#include <cstring>

namespace runlens::store {

QByteArray FilesCodec::encode(const std::vector<FileState> &files) {
    std::vector<const FileState *> order;
    order.reserve(files.size());
    for (const FileState &f : files)
        order.push_back(&f);
    std::sort(order.begin(), order.end(),
              [](const FileState *a, const FileState *b) { return a->relPath < b->relPath; });
    std::vector<std::pair<QByteArray, const FileState *>> sorted;
    sorted.reserve(files.size());
    for (const FileState *f : order)
        sorted.emplace_back(f->relPath.toUtf8(), f);

    QByteArray out;
    out.reserve(qsizetype(2 + files.size() * 24));
    ByteWriter w(out);
    w.putByte(formatVersion);
    w.putVarint(quint64(sorted.size()));
    QByteArrayView previousPath;
    qint64 previousMtime = 0;
    quint64 previousInode = 0;
    for (const auto &[path, f] : sorted) {
        const qsizetype limit = std::min(path.size(), previousPath.size());
        qsizetype shared = 0;
        while (shared < limit && path[shared] == previousPath[shared])
            ++shared;
        w.putVarint(quint64(shared));
        w.putBytes(QByteArrayView(path).sliced(shared));
        w.putZigzag(f->size);
        w.putZigzag(qint64(quint64(f->mtimeNs) - quint64(previousMtime)));
        w.putZigzag(qint64(f->inode - previousInode));
        w.putZigzag(qint64(quint64(f->size) - quint64(f->offset)));
        w.putVarint(quint64(f->units));
        previousPath = path;
        previousMtime = f->mtimeNs;
        previousInode = f->inode;
    }
    return out;
}

bool FilesCodec::decode(QByteArrayView blob, FileStates *files, RecordDecoder *interner) {
    *files = {};
    if (blob.isEmpty())
        return true;
    ByteReader r(blob);
    const quint8 version = r.byte();
    if (version != formatVersion && version != 1)
        return false;
    const quint64 count = r.varint();
    // Every entry takes at least 6 bytes: a damaged count must not reserve gigabytes.
    if (r.failed() || count > quint64(r.remaining()) / 6)
        return false;
    std::vector<FileState> out;
    out.reserve(size_t(count));
    char path[4096];
    qsizetype pathSize = 0;
    std::vector<char> longPath; // paths beyond 4 KiB, never in practice
    qint64 mtime = 0;
    quint64 inode = 0;
    for (quint64 i = 0; i < count; ++i) {
        const quint64 shared = r.varint();
        const QByteArrayView rest = r.bytes();
        if (r.failed() || shared > quint64(pathSize))
            return false;
        const qsizetype total = qsizetype(shared) + rest.size();
        char *buffer = path;
        if (total > qsizetype(sizeof path) || !longPath.empty()) {
            if (longPath.empty())
                longPath.assign(path, path + pathSize);
            longPath.resize(size_t(total));
            buffer = longPath.data();
        }
        std::memcpy(buffer + shared, rest.data(), size_t(rest.size()));
        pathSize = total;
        const QByteArrayView utf8(buffer, pathSize);

        FileState f;
        f.relPath = interner ? interner->intern(utf8, RecordDecoder::Column, 8 + qsizetype(i))
                             : QString::fromUtf8(utf8);
        f.size = r.zigzag();
        mtime = qint64(quint64(mtime) + quint64(r.zigzag()));
        inode += quint64(r.zigzag());
        f.mtimeNs = mtime;
        f.inode = inode;
        f.offset = qint64(quint64(f.size) - quint64(r.zigzag()));
        if (version >= 2)
            f.units = qint64(r.varint());
        if (r.failed())
            return false;
        out.push_back(std::move(f));
    }
    if (!r.atEnd())
        return false;
    *files = FileStates(std::move(out));
    return true;
}

} // namespace runlens::store
