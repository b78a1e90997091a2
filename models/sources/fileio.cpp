// SPDX-License-Identifier: GPL-3.0-or-later
#include "fileio.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace runlens::sources::fileio {

Fd::~Fd() {
    if (m_fd >= 0)
        ::close(m_fd);
}

Fd &Fd::operator=(Fd &&other) noexcept {
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.release();
    }
    return *this;
}

namespace {

Stat fromStat(const struct stat &sb) {
    Stat st;
    st.size = qint64(sb.st_size);
    st.mtimeNs = qint64(sb.st_mtim.tv_sec) * 1000000000LL + qint64(sb.st_mtim.tv_nsec);
    st.inode = quint64(sb.st_ino);
    st.device = quint64(sb.st_dev);
    st.isDir = S_ISDIR(sb.st_mode);
    st.isFile = S_ISREG(sb.st_mode);
    return st;
}

void setErr(int *err, int value) {
    if (err)
        *err = value;
}

} // namespace

std::optional<Stat> statAt(int dirFd, const char *path, int *err) {
    struct stat sb {};
    if (::fstatat(dirFd, path, &sb, 0) != 0) {
        setErr(err, errno);
        return std::nullopt;
    }
    return fromStat(sb);
}

Fd openDir(int dirFd, const char *path, int *err) {
    const int fd = ::openat(dirFd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        setErr(err, errno);
    return Fd(fd);
}

bool listDir(int dirFd, const char *path, std::vector<Entry> &out, int *err, bool statFiles) {
    const Fd fd = openDir(dirFd, path, err);
    return fd.valid() && listOpenDir(fd.get(), out, err, statFiles);
}

bool listOpenDir(int fd, std::vector<Entry> &out, int *err, bool statFiles) {
    // getdents64 straight into a per-thread buffer: fdopendir/readdir would add an fstat, a
    // fcntl and a heap buffer per folder, and a run has four folders.
    alignas(8) thread_local char buf[32 * 1024];
    for (;;) {
        const ssize_t n = ::getdents64(fd, buf, sizeof buf);
        if (n == 0)
            return true;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            setErr(err, errno);
            return false;
        }
        for (ssize_t pos = 0; pos < n;) {
            const auto *de = reinterpret_cast<const dirent64 *>(buf + pos);
            pos += de->d_reclen;
            const char *name = de->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                continue;
            Entry e;
            e.name = name;
            const bool needStat = de->d_type == DT_LNK || de->d_type == DT_UNKNOWN ||
                                  (statFiles && de->d_type == DT_REG);
            if (needStat) {
                e.isSymlink = de->d_type == DT_LNK;
                struct stat sb {};
                if (::fstatat(fd, name, &sb, 0) != 0)
                    continue; // vanished, or a dangling link
                e.isDir = S_ISDIR(sb.st_mode);
                e.isFile = S_ISREG(sb.st_mode);
                e.st = fromStat(sb);
            } else {
                e.isDir = de->d_type == DT_DIR;
                e.isFile = de->d_type == DT_REG;
            }
            out.push_back(std::move(e));
        }
    }
}

std::optional<Stat> statFd(int fd, int *err) {
    struct stat sb {};
    if (::fstat(fd, &sb) != 0) {
        setErr(err, errno);
        return std::nullopt;
    }
    return fromStat(sb);
}

ReadStatus readFile(int dirFd, const char *path, qint64 offset, std::string &out, Stat *st,
                    int *err) {
    // O_NONBLOCK: a FIFO in place of a file must not hang the open (no effect on regular files;
    // callers may open names they have not stat'ed first).
    Fd fd(::openat(dirFd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (!fd.valid()) {
        setErr(err, errno);
        if (errno == ENOENT || errno == ENOTDIR)
            return ReadStatus::Missing;
        return errno == EISDIR ? ReadStatus::NotAFile : ReadStatus::Error;
    }
    struct stat sb {};
    if (::fstat(fd.get(), &sb) != 0) {
        setErr(err, errno);
        return ReadStatus::Error;
    }
    if (!S_ISREG(sb.st_mode)) {
        setErr(err, EISDIR);
        return ReadStatus::NotAFile;
    }
    if (st)
        *st = fromStat(sb);
    const qint64 size = qint64(sb.st_size);
    if (offset >= size)
        return ReadStatus::Ok;
    const size_t start = out.size();
    out.resize(start + size_t(size - offset));
    size_t got = 0;
    const size_t want = size_t(size - offset);
    while (got < want) {
        const ssize_t n =
            ::pread(fd.get(), out.data() + start + got, want - got, off_t(offset + qint64(got)));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            setErr(err, errno);
            out.resize(start + got);
            return ReadStatus::Error;
        }
        if (n == 0)
            break; // truncated meanwhile: keep what is there
        got += size_t(n);
    }
    out.resize(start + got);
    if (st && got < want)
        st->size = offset + qint64(got);
    return ReadStatus::Ok;
}

} // namespace runlens::sources::fileio
