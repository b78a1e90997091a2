// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>
#include <optional>
#include <string>
#include <vector>

/// Thin POSIX helpers for the importers' hot paths: a run of an MLflow store is dozens of tiny
/// files, and QFileInfo/QFile cost several allocations and syscalls each.
namespace runlens::sources::fileio {

/// Owns a file descriptor.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd)
        : m_fd(fd) {}
    ~Fd();
    Fd(Fd &&other) noexcept
        : m_fd(other.release()) {}
    Fd &operator=(Fd &&other) noexcept;
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;

    [[nodiscard]] int get() const { return m_fd; }
    [[nodiscard]] bool valid() const { return m_fd >= 0; }
    int release() {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd = -1;
};

struct Stat {
    qint64 size = 0;
    qint64 mtimeNs = 0;
    quint64 inode = 0;
    quint64 device = 0;
    bool isDir = false;
    bool isFile = false;
};

/// stat(2) relative to dirFd (AT_FDCWD for absolute paths), following symlinks.
/// Returns nullopt and sets *err (errno) when it fails.
std::optional<Stat> statAt(int dirFd, const char *path, int *err = nullptr);

/// Opens a directory (relative to dirFd) for listing or for *at() calls.
Fd openDir(int dirFd, const char *path, int *err = nullptr);

struct Entry {
    std::string name;
    bool isDir = false;
    bool isFile = false;
    bool isSymlink = false;
    Stat st; ///< filled for files when listDir is asked to stat them
};

/// Lists a directory without "." and "..". Symlinks and unknown types are resolved with a stat,
/// so isDir/isFile describe the target; isSymlink says a link was followed.
/// statFiles: also fstat every regular file (relative to the open folder, so no path walk);
/// files that vanish between listing and stat are left out.
bool listDir(int dirFd, const char *path, std::vector<Entry> &out, int *err = nullptr,
             bool statFiles = false);

/// Like listDir, for a folder that is open already (fd stays open; its read position moves to
/// the end). Reads the entries with getdents64, without a DIR stream.
bool listOpenDir(int fd, std::vector<Entry> &out, int *err = nullptr, bool statFiles = false);

/// fstat(2) of an open descriptor.
std::optional<Stat> statFd(int fd, int *err = nullptr);

enum class ReadStatus { Ok, Missing, NotAFile, Error };

/// Reads a regular file from offset to the size fstat(2) reports once it is open, appending the
/// bytes to out. *st receives the fingerprint of the opened file, matching the bytes read.
ReadStatus readFile(int dirFd, const char *path, qint64 offset, std::string &out, Stat *st,
                    int *err = nullptr);

} // namespace runlens::sources::fileio
